"""Benchmark of the region dashboard on a 10,000-project demo region (the one bench_ui.py caches).

    python tests/bench/bench_dashboard.py [--projects 10000] [--runs 5]

Prints one JSON object per line (figure, value, baseline measured in the same run, ratio, budget)
and exits 1 when a figure is over its budget:

- opening the dashboard as the window does, all of it on the GUI thread here (the app counts on a
  worker): the figures counted (``region_figures``: breakdowns of the rows the dossier list
  holds, which the page is given, permits by authority, quarters, for the whole region) plus the
  page drawing them and painting once, median of N runs ≤ 300 ms. The baseline is reading the
  dossier list's rows (``queries.dossier_rows``), what the list did once at start-up;
- the same with the rows read again (before the list has loaded): printed beside it, no budget;
- the drawing part alone (``DashboardPage.show_figures`` and a repaint), reported with its share.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.bench_ui import ensure_region, log  # noqa: E402

BUDGET_OPEN_MS = 300.0


def emit(figure: str, value: float, baseline: float, budget: float, **extra: object) -> bool:
    """One JSON line; judged on the value (ms), the ratio to the same-run baseline printed beside it."""
    ok = value <= budget
    print(json.dumps({"figure": figure, "value": round(value, 3), "unit": "ms", "baseline": round(baseline, 3),
                      "ratio": round(value / baseline, 3) if baseline else None, "budget": budget, "ok": ok,
                      **extra}), flush=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path, _big = ensure_region(args.projects)

    import tutor_app.ui  # noqa: F401  (the binding work-arounds)
    from tutor_app.domain.scope import Scope
    from tutor_app.services.region import region_figures
    from tutor_app.services.workspace import Workspace
    from tutor_app.store import queries
    from tutor_app.ui.app import make_application
    from tutor_app.ui.context import AppContext
    from tutor_app.ui.dashboard_page import DashboardPage
    from tutor_app.ui.settings import Settings
    from tutor_app.ui.tasks import TaskManager

    app = make_application()
    ws = Workspace.open(db=path)
    settings = Settings(Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-dashboard-{os.getpid()}.ini")
    ctx = AppContext(ws, settings, "it", TaskManager())
    page = DashboardPage(ctx)
    page.resize(1208, 720)
    page.show()
    app.processEvents()

    baseline, opened, drawn, cold = [], [], [], []
    for _ in range(args.runs + 1):  # the first run warms the caches (SQLite pages, Babel's locale data)
        started = time.perf_counter()
        with ws.store.read() as conn:
            rows = queries.dossier_rows(conn, ws.today())
        baseline.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        region_figures(ws, "it", Scope.REGION)
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        figures = region_figures(ws, "it", Scope.REGION, rows)  # DashboardPage.list_rows: the list's rows
        counted = time.perf_counter()
        page.show_figures(figures)
        page.repaint()
        for chart in page.charts.values():
            chart.repaint()
        done = time.perf_counter()
        opened.append((done - started) * 1000)
        drawn.append((done - counted) * 1000)
    assert figures.total.projects == len(rows) == args.projects, (figures.total.projects, len(rows))
    base, value, draw, unread = (statistics.median(x[1:]) for x in (baseline, opened, drawn, cold))
    log(f"{args.projects} projects: list rows {base:.1f} ms, dashboard {value:.1f} ms (drawing {draw:.1f} ms)")
    ok = emit("dashboard_open_gui_thread", value, base, BUDGET_OPEN_MS, projects=args.projects,
              baseline_is="dossier list rows read")
    print(json.dumps({"figure": "dashboard_figures_rows_read_again", "value": round(unread, 3), "unit": "ms",
                      "baseline": round(base, 3), "ratio": round(unread / base, 3) if base else None,
                      "projects": args.projects, "baseline_is": "dossier list rows read"}), flush=True)
    ok &= emit("dashboard_drawing", draw, value, BUDGET_OPEN_MS, projects=args.projects,
               baseline_is="the whole open (ratio: the drawing's share)")
    ws.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
