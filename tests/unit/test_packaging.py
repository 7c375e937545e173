"""The installers' definitions, checked statically: what cannot be built here must still be whole.

The frozen Linux build itself is built and run by `.ci/run` (packaging/build.py --smoke)."""

from __future__ import annotations

import ast
import configparser
import plistlib
import re
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tutor_app.cli.main import desktop_arguments

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "it.regione.lombardia.tutor"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
IN_CI = bool(__import__("os").environ.get("CI"))


def _spec_constant(name: str) -> str:
    tree = ast.parse((PACKAGING / "tutor_app.spec").read_text(encoding="utf-8"))
    [value] = [n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
               and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
               and isinstance(n.value, ast.Constant)]
    return str(value)


def _iss() -> tuple[dict[str, str], dict[str, list[str]]]:
    """The script's #defines and its sections' lines (comments dropped)."""
    defines: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in (PACKAGING / "windows" / "tutor.iss").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if m := re.fullmatch(r'#define (\w+) "(.*)"', line):
            defines[m[1]] = m[2]
        elif m := re.fullmatch(r"\[(\w+)\]", line):
            current = m[1]
            sections[current] = []
        elif not line.startswith("#"):
            sections.setdefault(current, []).append(line)
    return defines, sections


def _expand(text: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines[m[1]], text)


def _entries(lines: list[str]) -> list[dict[str, str]]:
    """`Key: "value"; Key: value` entries of a section."""
    def unquoted(value: str) -> str:
        value = value.strip()
        return value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value

    return [{k: unquoted(v) for k, v in re.findall(r'(\w+): ("(?:[^"]|"")*"|[^;]+)', line)} for line in lines]


def test_the_windows_installer_is_per_user_silent_associated_and_names_only_built_files() -> None:
    defines, sections = _iss()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator rights
    assert setup["DefaultDirName"].startswith("{autopf}")  # per-user Programs folder when not admin
    assert setup["ChangesAssociations"] == "yes"
    assert setup["VersionInfoVersion"] == "{#AppVersion}"  # the version resource, from the one version
    assert defines["AppExe"] == _spec_constant("NAME") + ".exe"
    build_dir = (PACKAGING / "windows" / defines["BuildDir"].replace("\\", "/")).resolve()
    assert build_dir == ROOT / "dist" / _spec_constant("NAME")  # where build.py's PyInstaller writes
    for name in ("LicenseFile", "SetupIconFile"):
        assert (PACKAGING / "windows" / setup[name].replace("\\", "/")).is_file(), name
    for entry in _entries(sections["Files"]):
        source = _expand(entry["Source"], defines)
        if source.endswith("\\*"):
            assert Path(source[:-2].replace("\\", "/")) == Path(defines["BuildDir"].replace("\\", "/"))
        else:
            assert (PACKAGING / "windows" / source.replace("\\", "/")).is_file(), source
    icons = _entries(sections["Icons"])
    assert any(i["Name"].startswith("{autoprograms}") and i["Filename"] == "{app}\\{#AppExe}" for i in icons)
    registry = _entries(sections["Registry"])
    assert any(r["Subkey"] == "Software\\Classes\\.tutorbundle" and r["Root"] == "HKA" for r in registry)
    [command] = [r["ValueData"] for r in registry if r["Subkey"].endswith("shell\\open\\command")]
    assert command == '""{app}\\{#AppExe}"" --open-bundle ""%1""'
    assert "/VERYSILENT" in (PACKAGING / "windows" / "tutor.iss").read_text(encoding="utf-8")
    args = desktop_arguments(["--open-bundle", "C:\\Users\\a\\x.tutorbundle"])
    assert args is not None and args.open_bundle == "C:\\Users\\a\\x.tutorbundle"


def test_the_macos_bundle_settings_load_and_declare_the_bundle_document_type() -> None:
    plist = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert plist["CFBundleIdentifier"] == APP_ID
    assert plist["CFBundleExecutable"] == _spec_constant("NAME")
    assert "CFBundleShortVersionString" not in plist  # set from the package metadata by the spec
    [doc] = plist["CFBundleDocumentTypes"]
    [exported] = plist["UTExportedTypeDeclarations"]
    assert doc["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["tutorbundle"]
    assert (PACKAGING / "macos" / "tutor.icns").read_bytes()[:4] == b"icns"
    spec = (PACKAGING / "tutor_app.spec").read_text(encoding="utf-8")
    assert f'bundle_identifier="{APP_ID}"' in spec


def test_the_linux_desktop_entry_mime_type_and_metainfo_agree() -> None:
    linux = PACKAGING / "linux"
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment, method-assign]
    desktop.read(linux / f"{APP_ID}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "tutor-app --open-bundle %f" and entry["Icon"] == APP_ID
    args = desktop_arguments(["--open-bundle"])  # "%f" is empty when started from the menu
    assert args is not None and args.open_bundle is None
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(linux / f"{APP_ID}.xml").getroot().find("m:mime-type", ns)
    assert mime is not None and entry["MimeType"] == mime.get("type") + ";"
    assert mime.find("m:glob", ns).get("pattern") == "*.tutorbundle"  # type: ignore[union-attr]
    info = ET.parse(linux / f"{APP_ID}.metainfo.xml").getroot()
    assert info.findtext("id") == APP_ID and info.findtext("project_license") == "EUPL-1.2"
    assert info.find("launchable").text == f"{APP_ID}.desktop"  # type: ignore[union-attr]
    assert info.find("releases/release").get("version") == VERSION  # type: ignore[union-attr]
    assert (linux / f"{APP_ID}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("tool", "args", "file"), [
    ("desktop-file-validate", [], f"{APP_ID}.desktop"),
    ("appstreamcli", ["validate", "--no-net", "--pedantic"], f"{APP_ID}.metainfo.xml"),
])
def test_the_linux_files_pass_their_validators(tool: str, args: list[str], file: str) -> None:
    if shutil.which(tool) is None:
        if IN_CI:
            pytest.fail(f"{tool} must be installed in CI (.ci/run)")
        pytest.skip(f"{tool} not installed")
    done = subprocess.run([tool, *args, str(PACKAGING / "linux" / file)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_spec_collects_what_is_loaded_by_name() -> None:
    spec = (PACKAGING / "tutor_app.spec").read_text(encoding="utf-8")
    ast.parse(spec)
    for needed in ('collect_data_files("tutor_app.db", include_py_files=True)',
                   'collect_data_files("tutor_app.resources")', 'copy_metadata("keyring")',
                   'copy_metadata("tutor-app")', 'collect_submodules("keyring.backends")',
                   '"psycopg_binary._psycopg"'):
        assert needed in spec, needed
