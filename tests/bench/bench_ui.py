"""Benchmark of the desktop client on a 10,000-project demo region.

    python tests/bench/bench_ui.py [--projects 10000] [--runs 5]

Prints one JSON object per line (figure, value, baseline measured in the same run, ratio, budget)
and exits 1 when a figure is over its budget:

- cold start to the dossier list shown, whole process, median of N runs, against a bare PySide6
  window showing a 100,000-row table view: ratio ≤ 3. "Shown": the app's window has painted once
  and its list view, holding every dossier of the region, was painted again (checked: the app
  reports how many rows its list holds);
- filtering the list while typing: median GUI-thread time per keystroke ≤ 16 ms;
- opening a dossier with 50 meetings and 30 permits: ≤ 150 ms;
- peak RSS of the app with the region open: ≤ 350 MB.

The region is generated once into a temp folder (about half a minute) and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUDGET_START_RATIO = 3.0
BUDGET_KEYSTROKE_MS = 16.0
BUDGET_OPEN_DOSSIER_MS = 150.0
BUDGET_RSS_MB = 350.0
BIG_MEETINGS, BIG_PERMITS = 50, 30

BASELINE_SCRIPT = r"""
import sys, time
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 100_000
    def columnCount(self, parent=QModelIndex()): return 0 if parent.isValid() else 12
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()}:{index.column()}"
        return None

app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
view.setModel(Model())
window.setCentralWidget(view)
window.resize(1366, 768)
window.show()
view.viewport().repaint()
print("BENCH shown", flush=True)
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit(
    figure: str,
    value: float,
    unit: str,
    budget: float,
    baseline: float | None = None,
    ratio: float | None = None,
    **extra: object,
) -> bool:
    judged = ratio if ratio is not None else value
    ok = judged <= budget
    print(
        json.dumps(
            {
                "figure": figure,
                "value": round(value, 3),
                "unit": unit,
                "baseline": None if baseline is None else round(baseline, 3),
                "ratio": None if ratio is None else round(ratio, 3),
                "budget": budget,
                "ok": ok,
                **extra,
            }
        ),
        flush=True,
    )
    return ok


# -- the region --------------------------------------------------------------------------------


def region_path(projects: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "tutor-bench-ui"
    folder.mkdir(exist_ok=True)
    return folder / f"region-{projects}.sqlite3"


def ensure_region(projects: int) -> tuple[Path, str]:
    """The cached region and the id of its big dossier; generated in a child process if missing."""
    path = region_path(projects)
    marker = path.with_suffix(".big")
    if path.exists() and marker.exists():
        return path, marker.read_text().strip()
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    log(f"generating a {projects}-project region into {path} (once)…")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--generate", str(path), "--projects", str(projects)], check=True, env=_env()
    )
    log(f"  done in {time.perf_counter() - started:.1f} s")
    return path, marker.read_text().strip()


def generate(path: Path, projects: int) -> None:
    from tutor_app.services import demo, dossiers, meetings, permits
    from tutor_app.services.workspace import Workspace

    ws = Workspace.open(db=path)
    demo.generate(ws, projects=projects, seed=7)
    # One dossier with exactly 50 meetings and 30 permits: the one the "open a dossier" figure opens.
    big = dossiers.list_dossiers(ws)[0].id
    d = dossiers.get_dossier(ws, big)
    start = datetime.now(UTC) - timedelta(days=400)
    for n in range(BIG_MEETINGS - len(d.meetings)):
        meetings.record_meeting(
            ws,
            big,
            table="technical",
            starts_at=start + timedelta(days=7 * n),
            place="Sede del Comune",
            participants="Mario Rossi (Comune)\nAnna Neri (ARPA)",
            agenda="1. Stato delle istanze",
            minutes="Verbale della riunione " * 20,
            decisions="Si procede.",
            actions=[
                {
                    "text": "Inviare i documenti",
                    "owner": "Azienda",
                    "due_on": (start + timedelta(days=7 * n + 10)).date(),
                }
            ],
        )
    for _ in range(BIG_PERMITS - len(d.permits)):
        permits.add_permit(ws, big, "CUSTOM", name="Nulla osta aggiuntivo", authority="Comune")
    final = dossiers.get_dossier(ws, big)
    assert len(final.meetings) >= BIG_MEETINGS and len(final.permits) == BIG_PERMITS, (
        len(final.meetings),
        len(final.permits),
    )
    ws.close()
    path.with_suffix(".big").write_text(big)


# -- cold start --------------------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **extra})
    return env


def time_to_line(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from spawning a process until it prints its BENCH line (then it is left to exit)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("BENCH"):
            elapsed = time.perf_counter() - started
            proc.wait(timeout=60)
            return elapsed, line.strip()
    proc.wait(timeout=60)
    raise RuntimeError(f"{argv} exited with {proc.returncode} before showing anything")


def cold_start(path: Path, runs: int, projects: int) -> tuple[float, float, float]:
    home = Path(tempfile.mkdtemp(prefix="tutor-bench-home-"))
    app_env = _env(TUTOR_HOME=str(home), TUTOR_BENCH_EXIT_ON_LIST="1")
    app_times, base_times, rss = [], [], 0.0
    for _ in range(runs):  # interleaved, so both see the same machine load
        seconds, _line = time_to_line([sys.executable, "-c", BASELINE_SCRIPT], _env())
        base_times.append(seconds)
        seconds, line = time_to_line([sys.executable, "-m", "tutor_app", "--db", str(path)], app_env)
        app_times.append(seconds)
        fields = dict(part.split("=", 1) for part in line.split()[1:])
        if int(fields["rows"]) != projects:  # the list must be complete when the clock stops
            raise RuntimeError(f"the list was reported shown with {fields['rows']} of {projects} dossiers")
        rss = max(rss, float(fields["rss_mb"]))
    return statistics.median(app_times), statistics.median(base_times), rss


# -- in-process GUI figures ----------------------------------------------------------------------


def gui_figures(path: Path, big_id: str) -> dict[str, float]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["TUTOR_HOME"] = tempfile.mkdtemp(prefix="tutor-bench-home-")
    import resource

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tutor_app.services.workspace import Workspace
    from tutor_app.ui.app import TutorApp, make_application
    from tutor_app.ui.settings import Settings

    app = make_application()
    tutor = TutorApp(Settings(Path(os.environ["TUTOR_HOME"]) / "desktop.ini"))
    window = tutor.open_workspace(Workspace.open(db=path))
    window.resize(1366, 768)
    window.show_list()
    deadline = time.monotonic() + 120
    while not window.list_page.is_loaded and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    page = window.list_page
    rows = page.model.total_count
    page.search.setFocus()
    keystroke_ms: list[float] = []
    words = ("milano", "ampliamento", "gmbh", "data center", "2025-")
    for word in words:
        for key in [*word, *["\b"] * len(word)]:
            started = time.perf_counter()
            if key == "\b":
                QTest.keyClick(page.search, Qt.Key.Key_Backspace)
            else:
                QTest.keyClicks(page.search, key)
            page.table.viewport().repaint()  # the frame the user sees, painted synchronously
            keystroke_ms.append((time.perf_counter() - started) * 1000)
            # a brisk typist: the full-text answer for a pause lands between some keys
            pause = time.monotonic() + 0.06
            while time.monotonic() < pause:
                QApplication.processEvents()
                time.sleep(0.002)
    open_ms: list[float] = []
    for _ in range(5):
        window.show_list()
        QApplication.processEvents()
        started = time.perf_counter()
        window.open_dossier(big_id)
        window.dossier_page.repaint()
        open_ms.append((time.perf_counter() - started) * 1000)
    dossier = window.dossier_page.dossier
    assert dossier is not None and len(dossier.meetings) >= BIG_MEETINGS and len(dossier.permits) == BIG_PERMITS
    for tab in ("timeline", "permits", "aftercare"):
        window.dossier_page.show_tab(tab)
        window.dossier_page.repaint()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tutor.close()
    del app
    return {
        "rows": rows,
        "keystroke_ms": statistics.median(keystroke_ms),
        "keystroke_p90_ms": sorted(keystroke_ms)[int(len(keystroke_ms) * 0.9)],
        "open_ms": statistics.median(open_ms),
        "rss_mb": rss_mb,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--generate", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--gui", nargs=2, metavar=("PATH", "BIG_ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(Path(args.generate), args.projects)
        return 0
    if args.gui:
        print(json.dumps(gui_figures(Path(args.gui[0]), args.gui[1])), flush=True)
        return 0

    path, big_id = ensure_region(args.projects)
    ok = True
    app_s, bare_s, start_rss = cold_start(path, args.runs, args.projects)
    ok &= emit(
        "cold_start_to_list",
        app_s,
        "s",
        BUDGET_START_RATIO,
        baseline=bare_s,
        ratio=app_s / bare_s,
        baseline_is="bare PySide6 window with a 100,000-row table view",
        runs=args.runs,
    )
    # The GUI figures run in a fresh process so the region's generation never counts in its memory.
    out = subprocess.run(
        [sys.executable, __file__, "--gui", str(path), big_id],
        check=True,
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    gui = json.loads(out.strip().splitlines()[-1])
    ok &= emit(
        "filter_keystroke_median",
        gui["keystroke_ms"],
        "ms",
        BUDGET_KEYSTROKE_MS,
        p90_ms=round(gui["keystroke_p90_ms"], 3),
        rows=gui["rows"],
    )
    ok &= emit("open_dossier_50_meetings_30_permits", gui["open_ms"], "ms", BUDGET_OPEN_DOSSIER_MS)
    ok &= emit(
        "peak_rss_region_open", max(gui["rss_mb"], start_rss), "MB", BUDGET_RSS_MB, at_list_shown_mb=round(start_rss, 1)
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
