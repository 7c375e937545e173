"""Build Tutor's one-folder app with PyInstaller on the current OS: ``python packaging/build.py``.

1. the wheel is built from the checkout and installed, with its dependencies and PyInstaller, into
   a clean build environment (``build/freeze-venv``), so the frozen app holds exactly what
   ``pip install`` ships — never the checkout's files;
2. PyInstaller freezes it with ``packaging/tutor_app.spec`` into ``dist/tutor-app/``;
3. on Linux, ``dist/tutor-app-VERSION-linux-ARCH.tar.gz`` is made with the desktop file, icon,
   MIME type and AppStream metainfo (validated when ``desktop-file-validate`` / ``appstreamcli``
   are installed); on Windows, ``packaging/windows/tutor.iss`` turns the folder into an installer
   (see packaging/README.md); on macOS, the spec also makes ``dist/Tutor.app``.

``--smoke`` then runs the frozen binary the way a managed laptop would — from another folder, with
an empty environment (``env -i``: no PYTHONPATH, no virtual environment on PATH) — with
``--version``, ``--self-test`` offscreen, and a PDF export from a demo region. It prints the
folder's size, the build time and the frozen app's cold start as JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "packaging"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
NAME = "tutor-app"
APP_ID = "it.regione.lombardia.tutor"
PYINSTALLER = "pyinstaller>=6.10,<7"


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def _run(*cmd: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, text=True, **kwargs)  # type: ignore[call-overload,no-any-return]


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def build_environment(fresh: bool) -> Path:
    """The build venv with the wheel (not the checkout) and PyInstaller installed."""
    venv = BUILD / "freeze-venv"
    if fresh and venv.exists():
        shutil.rmtree(venv)
    if not venv.exists():
        _run(sys.executable, "-m", "venv", venv)
    python = _venv_python(venv)
    wheels = BUILD / "wheel"
    shutil.rmtree(wheels, ignore_errors=True)
    _run(python, "-m", "pip", "install", "-q", "--upgrade", "pip", "wheel")
    _run(python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, ROOT)
    [wheel] = wheels.glob("tutor_app-*.whl")
    _run(python, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", wheel)
    _run(python, "-m", "pip", "install", "-q", wheel, PYINSTALLER)
    return python


def freeze(python: Path) -> Path:
    # Built from an empty folder: the checkout's tutor_app/ must not shadow the installed package.
    with tempfile.TemporaryDirectory(prefix="tutor-freeze-") as cwd:
        _run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
             "--distpath", DIST, "--workpath", BUILD / "pyinstaller", HERE / "tutor_app.spec", cwd=cwd)
    return DIST / NAME


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def linux_tarball(app: Path) -> Path:
    """The one-folder build with what a desktop needs, laid out as under /opt/tutor-app."""
    linux = HERE / "linux"
    for check in (["desktop-file-validate", str(linux / f"{APP_ID}.desktop")],
                  ["appstreamcli", "validate", "--no-net", str(linux / f"{APP_ID}.metainfo.xml")]):
        if shutil.which(check[0]):
            _run(*check)
        else:
            print(f"({check[0]} not installed: not validated)")
    target = DIST / f"{NAME}-{version()}-linux-{platform.machine()}.tar.gz"
    top = f"{NAME}-{version()}"
    with tarfile.open(target, "w:gz") as tar:
        tar.add(app, arcname=f"{top}/{NAME}")
        for source, where in (
            (f"{APP_ID}.desktop", "share/applications"),
            (f"{APP_ID}.png", "share/icons/hicolor/256x256/apps"),
            (f"{APP_ID}.xml", "share/mime/packages"),
            (f"{APP_ID}.metainfo.xml", "share/metainfo"),
            ("install.sh", ""),
        ):
            tar.add(linux / source, arcname=f"{top}/{where}/{source}".replace("//", "/"))
        for paper in ("LICENSE", "CHANGELOG.md"):
            tar.add(ROOT / paper, arcname=f"{top}/{paper}")
    return target


def _frozen_env(home: Path) -> dict[str, str]:
    """What ``env -i`` leaves, plus only what the app is told: no PYTHONPATH, no venv on PATH."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TUTOR_HOME": str(home / "tutor"),
            "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}


def smoke(app: Path) -> dict[str, float]:
    """Run the frozen binary from another folder with an empty environment; fail on any problem."""
    binary = app / (f"{NAME}.exe" if sys.platform == "win32" else NAME)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tutor-frozen-") as folder:
        home = Path(folder)
        env = _frozen_env(home)

        def frozen(*args: str, exit_code: int = 0) -> str:
            cmd = ["env", "-i", *[f"{k}={v}" for k, v in env.items()], str(binary), *args]
            print("+", " ".join(cmd[-len(args) - 1:]), flush=True)
            done = subprocess.run(cmd, cwd=home, capture_output=True, text=True, timeout=600, check=False)
            if done.returncode != exit_code:
                raise SystemExit(f"frozen {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
            return done.stdout

        started = time.perf_counter()
        shown = frozen("--version").strip()
        figures["cold_start_version_s"] = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run([str(_venv_python(BUILD / "freeze-venv")), "-m", "tutor_app", "--version"], check=True,
                       capture_output=True, cwd=home)
        figures["pip_install_cold_start_version_s"] = time.perf_counter() - started
        if shown != f"{NAME} {version()}":
            raise SystemExit(f"the frozen app says {shown!r}, the package is {version()}")
        started = time.perf_counter()
        print(frozen("--self-test").strip())
        figures["self_test_s"] = time.perf_counter() - started
        frozen("demo", "--projects", "20", "--profile", "demo")
        codes = re.findall(r"^(\d{4}-[A-Z]{3}-\d{4})\b", frozen("list", "--profile", "demo"), re.M)
        if not codes:
            raise SystemExit("the frozen app's demo region lists no dossier")
        code = codes[0]
        pdf = home / "dossier.pdf"
        frozen("export-pdf", code, "--out", str(pdf), "--profile", "demo")
        if not pdf.read_bytes().startswith(b"%PDF-"):
            raise SystemExit("the frozen app's PDF export wrote no PDF")
        print(f"frozen PDF export of {code}: {pdf.stat().st_size:,} bytes")
        # The spreadsheet import's libraries (openpyxl, XlsxWriter, python-stdnum): an office's
        # formatted workbook imported, and a damaged CSV refused with its error workbook written.
        data = ROOT / "tests" / "data"
        frozen("import", str(data / "fiera_2026_formattato.xlsx"), "--yes", "--profile", "demo")
        errors = home / "errori.xlsx"
        frozen("import", str(data / "fiera_2026_errori.csv"), "--dry-run", "--errors", str(errors),
               "--profile", "demo", exit_code=2)
        if not errors.read_bytes().startswith(b"PK"):
            raise SystemExit("the frozen app's import wrote no error workbook")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the build environment from nothing")
    parser.add_argument("--smoke", action="store_true", help="run the frozen app's smoke test after building")
    parser.add_argument("--no-build", action="store_true", help="only run the smoke test on dist/tutor-app")
    args = parser.parse_args()
    app = DIST / NAME
    figures: dict[str, float] = {}
    if not args.no_build:
        started = time.perf_counter()
        python = build_environment(args.fresh)
        app = freeze(python)
        figures["build_s"] = time.perf_counter() - started
        if sys.platform.startswith("linux"):
            print(f"wrote {linux_tarball(app)}")
    figures["folder_mb"] = folder_size(app) / 1e6
    if args.smoke:
        figures.update(smoke(app))
    for name, value in figures.items():
        print(json.dumps({"figure": name, "value": round(value, 3)}))
    return 0


if __name__ == "__main__":
    os.environ.pop("PYTHONPATH", None)
    sys.exit(main())
