"""PDF benchmark: ``python tests/bench/bench_pdf.py`` prints JSON lines, exits 1 when over budget.

1. A dossier of a project with 60 meetings, 40 permits and 30 aftercare notes, exported in an
   already-running process (fonts registered, modules imported): wall time, and pages/s next
   to a plain reportlab document with the same number of pages of paragraphs and tables made
   in the same run (same fonts, same process settings). Runs of the two alternate and the
   medians are compared, so a busy machine slows both alike.
   The same dossier with its investor, contacts and minutes in Chinese, Japanese, Korean,
   Arabic, Hebrew, Greek and Cyrillic (the fallback fonts, bidi and shaping at work): wall time,
   against the same budget.
2. A portfolio report of 10,000 projects, made in a fresh child process: wall time and the
   child's peak memory (ru_maxrss). The 10,000-project demo region takes about 30 s to make,
   so it is kept in one temp file and reused by later runs.

Options: ``--quick`` (skip the portfolio), ``--projects N`` (portfolio size).
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
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "reports")]

TODAY = date(2026, 11, 25)
DOSSIER_BUDGET_S = 0.300
RATIO_BUDGET = 0.5
PORTFOLIO_BUDGET_S = 60.0
RUNS = 7


def emit(figure: str, value: float, unit: str, budget: float, ok: bool, **extra: object) -> bool:
    print(json.dumps({"figure": figure, "value": round(value, 4), "unit": unit, "budget": budget,
                      "ok": ok, **extra}), flush=True)
    return ok


def baseline_story(units: int) -> list[object]:
    """Plain reportlab: body paragraphs and string tables, nothing else."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    from tutor_app.reports.theme import REGULAR

    style = ParagraphStyle("plain", fontName=REGULAR, fontSize=9.5, leading=13)
    text = ("Il tavolo tecnico ha esaminato il cronoprogramma e le attività della società; "
            "il budget del primo lotto è di 1.234.567 €. ") * 6
    story: list[object] = []
    for n in range(units):
        story.append(Paragraph(text, style))
        rows = [[f"Voce {n}.{r}", "Comune di Agrate Brianza", "Presentata", "25/11/2026"] for r in range(12)]
        story.append(Table(rows, style=TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8),
                                                   ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#CCCCCC")])))
    return story


def build_baseline(path: Path, units: int) -> int:
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(str(path))
    doc.build(baseline_story(units))
    return int(doc.page)


def bench_dossier(folder: Path) -> bool:
    from report_fixtures import make_big_project

    from tutor_app.reports import export_dossier
    from tutor_app.services.workspace import Workspace

    with Workspace.open(db=folder / "dossier.sqlite3", today=lambda: TODAY) as ws:
        project = make_big_project(ws, meetings=60, permits=40, notes=30, synced=True)
        out = folder / "dossier.pdf"
        pages = export_dossier(ws, project, out).pages  # warm-up: fonts, imports, caches
        units = 1
        while build_baseline(folder / "baseline.pdf", units) < pages:  # same number of pages
            units += 1
        mine, base = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            export_dossier(ws, project, out)
            mine.append(time.perf_counter() - start)
            start = time.perf_counter()
            base_pages = build_baseline(folder / "baseline.pdf", units)
            base.append(time.perf_counter() - start)
    seconds, base_seconds = statistics.median(mine), statistics.median(base)
    pages_per_s, base_pages_per_s = pages / seconds, base_pages / base_seconds
    ratio = pages_per_s / base_pages_per_s
    ok = emit("dossier_seconds", seconds, "s", DOSSIER_BUDGET_S, seconds <= DOSSIER_BUDGET_S, pages=pages,
              meetings=60, permits=40, notes=30, runs=RUNS)
    emit("dossier_pages_per_s", pages_per_s, "pages/s", 0, True)
    emit("baseline_pages_per_s", base_pages_per_s, "pages/s", 0, True, pages=base_pages,
         note="plain reportlab: paragraphs and string tables, same fonts, same run")
    return emit("dossier_vs_baseline_ratio", ratio, "ratio", RATIO_BUDGET, ratio >= RATIO_BUDGET) and ok


def bench_mixed_scripts(folder: Path) -> bool:
    """The big dossier again, its people and texts in every script the reports print."""
    from report_fixtures import MIXED_CONTACTS, make_big_project
    from sqlalchemy import text

    from tutor_app.reports import export_dossier
    from tutor_app.services.workspace import Workspace

    names = list(MIXED_CONTACTS)
    with Workspace.open(db=folder / "mixed.sqlite3", today=lambda: TODAY) as ws:
        project = make_big_project(ws, meetings=60, permits=40, notes=30, synced=True)
        with ws.store.write() as w:  # straight into the rows: the bench measures the report, not edits
            w.conn.execute(text("UPDATE investors SET name = '王小明 (Wang Xiaoming)', website = 'https://例え.jp'"))
            for n, (name, role) in enumerate(MIXED_CONTACTS.items()):
                w.conn.execute(text("UPDATE contacts SET name = :n, role = :r WHERE rowid = :i"),
                               {"n": name, "r": role, "i": n % 3 + 1})
            w.conn.execute(text("UPDATE meetings SET participants = :p, decisions = :d"),
                           {"p": "\n".join(names), "d": "Valore ≥ 10 M€ → approvato 👍\nمحمد العلي · שרה כהן"})
        out = folder / "mixed.pdf"
        pages = export_dossier(ws, project, out).pages  # warm-up: the fallback fonts load on first need
        runs = []
        for _ in range(RUNS):
            start = time.perf_counter()
            export_dossier(ws, project, out)
            runs.append(time.perf_counter() - start)
    seconds = statistics.median(runs)
    return emit("mixed_scripts_dossier_seconds", seconds, "s", DOSSIER_BUDGET_S, seconds <= DOSSIER_BUDGET_S,
                pages=pages, runs=RUNS)


def region_file(projects: int) -> Path:
    """The demo region, made once and reused (keyed by size and the demo generator's source)."""
    from tutor_app.services import demo
    from tutor_app.services.workspace import Workspace

    stamp = int(Path(demo.__file__).stat().st_mtime)
    path = Path(tempfile.gettempdir()) / f"tutor-bench-region-{projects}-{stamp}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        started = time.perf_counter()
        with Workspace.open(db=partial, today=lambda: TODAY) as ws:
            demo.generate(ws, projects=projects, seed=7, meetings_per_project=20)
        os.replace(partial, path)
        print(json.dumps({"note": f"made the {projects}-project demo region in "
                                  f"{time.perf_counter() - started:.1f} s: {path}"}), flush=True)
    # Opening upgrades an older schema (and backs the file up first): done here, so the child
    # measures the report and nothing else.
    Workspace.open(db=path, today=lambda: TODAY).close()
    return path


def portfolio_child(db: Path, out: Path) -> None:
    """Run in a fresh process: the report's own time and peak memory, nothing else's."""
    import resource

    from tutor_app.reports import export_portfolio
    from tutor_app.services.workspace import Workspace

    start = time.perf_counter()
    with Workspace.open(db=db, today=lambda: TODAY) as ws:
        result = export_portfolio(ws, out)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "pages": result.pages, "peak_mib": peak_kib / 1024,
                      "bytes": out.stat().st_size}))


def bench_portfolio(folder: Path, projects: int) -> bool:
    db = region_file(projects)
    out = folder / "portfolio.pdf"
    child = subprocess.run([sys.executable, __file__, "--child", str(db), str(out)], capture_output=True,
                           text=True, check=False)
    if child.returncode != 0:
        print(child.stderr, file=sys.stderr)
        return emit("portfolio_seconds", float("nan"), "s", PORTFOLIO_BUDGET_S, False, error="child failed")
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    emit("portfolio_peak_memory", figures["peak_mib"], "MiB", 0, True, note="child process ru_maxrss")
    return emit("portfolio_seconds", figures["seconds"], "s", PORTFOLIO_BUDGET_S,
                figures["seconds"] <= PORTFOLIO_BUDGET_S, projects=projects, pages=figures["pages"],
                mib=round(figures["bytes"] / 2**20, 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="only the dossier figures")
    parser.add_argument("--projects", type=int, default=10_000, help="portfolio size (default 10,000)")
    parser.add_argument("--child", nargs=2, metavar=("DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        portfolio_child(Path(args.child[0]), Path(args.child[1]))
        return 0
    os.environ.setdefault("TUTOR_HOME", tempfile.mkdtemp(prefix="tutor-bench-home-"))
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as tmp:
        ok = bench_dossier(Path(tmp))
        ok = bench_mixed_scripts(Path(tmp)) and ok
        if not args.quick:
            ok = bench_portfolio(Path(tmp), args.projects) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
