"""Benchmark of the spreadsheet import (issue 14).

Prints one JSON object per line (figure, baseline measured in the same run, ratio, budget) and
exits 1 when a figure is over its budget:

- ``import_rows_per_s``: a 50,000-row Italian-format CSV of leads (Windows-1252, ``;``, Italian
  money, dates and labels) imported into a profile, dry run + write (every new investor and
  dossier with its first phase, permit checklist and assignment, through the Writer: rows, field
  stamps, outbox entries, dossier hashes, one transaction), against a raw ``csv`` read of the same
  file + ``executemany`` of the same rows into the same tables of a profile of the same schema
  (values taken from the cells as they are, outbox entries included): ratio >= 0.2.
- ``import_peak_rss_200mb_vs_50k``: the peak resident memory of a dry run of a generated 200 MB
  file (about 900,000 rows) against the dry run of the 50,000 rows, each in a process of its
  own: <= 1.5. Printed too: the resident memory sampled while each dry run reads its rows, and
  the peak of the 50,000-row import with its write.

Run: ``python tests/bench/bench_import.py`` (``--rows N --big-mb M`` for a quicker look; budgets
are meant for 50,000 rows and 200 MB). ``--write-big`` also writes the 200 MB file (slow).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_store import failures, report  # noqa: E402 - the JSON lines every benchmark prints
from tests.bench.import_data import write_csv, write_csv_of_size  # noqa: E402

TODAY = date(2026, 11, 25)


def make_profile(path: Path) -> None:
    """A coordinator's profile with a small region in it (what the import de-duplicates against)."""
    from tutor_app.services import demo
    from tutor_app.services.workspace import Workspace

    with Workspace.open(db=path, today=lambda: TODAY) as ws:
        demo.generate(ws, projects=60, today=TODAY)


# -- the import, in a process of its own (its peak memory is its own) ------------------------------

def child(mode: str, csv_path: Path, db: Path) -> None:
    from tutor_app.services import importing
    from tutor_app.services.workspace import Workspace

    out: dict[str, Any] = {}
    samples: list[float] = []

    def sample(_done: int, _total: int) -> None:  # the resident memory now, every 500 rows
        samples.append(_resident_mb())

    with Workspace.open(db=db, today=lambda: TODAY) as ws:
        out["rss_before_mb"] = _resident_mb()
        started = time.perf_counter()
        with importing.preview(ws, csv_path, progress=sample) as plan:
            out["dry_run_max_rss_mb"] = max(samples, default=0.0)
            out["dry_run_s"] = time.perf_counter() - started
            out["rows"] = plan.totals.rows
            out["errors"] = plan.totals.errors
            out["dry_run_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if mode == "write":
                started = time.perf_counter()
                result = importing.write(ws, plan)
                out["write_s"] = time.perf_counter() - started
                out["projects"] = result.projects_created
        out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def _resident_mb() -> float:
    """The process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_child(mode: str, csv_path: Path, db: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(csv_path), str(db)], check=True,
                          capture_output=True, text=True, cwd=ROOT)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the baseline: a raw csv read and executemany of the same rows ---------------------------------

def baseline(csv_path: Path, db: Path) -> tuple[float, int]:
    """Seconds to read the file with ``csv`` and insert, with ``executemany`` in one transaction,
    the rows the import writes for it (investor, project, phase, assignment, checklist, and one
    outbox entry per row), values as the cells hold them; and the number of rows inserted."""
    from tutor_app.domain.enums import BusinessFunction, ProjectKind
    from tutor_app.domain.permit_catalogue import checklist_for
    from tutor_app.importing.values import enum_code
    from tutor_app.store.database import PRAGMAS

    kinds = {k.label("it"): k for k in ProjectKind}
    functions = {f.label("it"): f for f in BusinessFunction}
    checklists = {(k, f): checklist_for(k, f) for k in ProjectKind for f in BusinessFunction}
    enum_code("Lead", __import__("tutor_app.domain.enums", fromlist=["Phase"]).Phase)  # warm the label tables
    raw = sqlite3.connect(db, isolation_level=None)
    for pragma in PRAGMAS:
        raw.execute(pragma)
    tutor = raw.execute("SELECT value FROM local_state WHERE key = 'tutor_id'").fetchone()[0].strip('"')
    stamp = json.dumps({"*": "1796000000000-000001-demo000000000000"})
    now = "2026-11-25T08:00:00.000000Z"
    started = time.perf_counter()
    inserted = 0
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("INSERT INTO local_state (key, value) VALUES ('bulk_load', 'true')")
    with csv_path.open(encoding="cp1252", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        investors, projects, phases, assignments, permits, outbox = [], [], [], [], [], []

        def flush() -> None:
            raw.executemany("INSERT INTO investors (id, name, vat_number, country, created_at, updated_at, deleted, "
                            "rev, stamps) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)", investors)
            raw.executemany("INSERT INTO projects (id, code, investor_id, title, kind, sector, function, status, "
                            "capex_cents, new_hires, municipality, province, zis, zls, instruments, services, "
                            "description, created_at, updated_at, deleted, rev, stamps) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', '[]', ?, ?, ?, 0, 0, ?)", projects)
            raw.executemany("INSERT INTO phase_entries (id, project_id, phase, entered_on, created_at, updated_at, "
                            "deleted, rev, stamps) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)", phases)
            raw.executemany("INSERT INTO assignments (id, project_id, tutor_id, role, created_at, updated_at, "
                            "deleted, rev, stamps) VALUES (?, ?, ?, 'project_tutor', ?, ?, 0, 0, ?)", assignments)
            raw.executemany("INSERT INTO permit_items (id, project_id, permit_code, name, authority, status, "
                            "time_limit_days, position, created_at, updated_at, deleted, rev, stamps) VALUES "
                            "(?, ?, ?, ?, ?, 'to_do', ?, ?, ?, ?, 0, 0, ?)", permits)
            raw.executemany("INSERT INTO outbox (change_id, table_name, row_id, project_id, fields, stamps, "
                            "base_rev, created_at, updated_at, in_flight) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, 0)",
                            outbox)
            for batch in (investors, projects, phases, assignments, permits, outbox):
                batch.clear()

        for n, cells in enumerate(reader):
            investor, project = str(uuid.uuid4()), str(uuid.uuid4())
            investors.append((investor, cells[0], cells[1] or None, cells[2], now, now, stamp))
            projects.append((project, f"2026-BAS-{n:06d}", investor, cells[3], cells[4], cells[5], cells[6], cells[7],
                             cells[10], cells[11], cells[12], cells[13], cells[14], cells[15], now, now, stamp))
            phase = str(uuid.uuid4())
            phases.append((phase, project, cells[8], cells[9], now, now, stamp))
            assignment = str(uuid.uuid4())
            assignments.append((assignment, project, tutor, now, now, stamp))
            made = [("investors", investor, {"name": cells[0], "country": cells[2]}),
                    ("projects", project, {"title": cells[3], "kind": cells[4], "sector": cells[5]}),
                    ("phase_entries", phase, {"phase": cells[8]}), ("assignments", assignment, {"role": "p"})]
            for position, permit in enumerate(checklists[kinds[cells[4]], functions[cells[6]]], start=1):
                permit_id = str(uuid.uuid4())
                permits.append((permit_id, project, permit.code, permit.name_it, permit.authority,
                                permit.time_limit_days, position, now, now, stamp))
                made.append(("permit_items", permit_id, {"permit_code": permit.code, "name": permit.name_it}))
            for table, row_id, fields in made:
                outbox.append((str(uuid.uuid4()), table, row_id, project, json.dumps(fields, ensure_ascii=False),
                               json.dumps(dict.fromkeys(fields, stamp)), now, now))
            inserted += 2 * len(made)
            if len(projects) >= 2000:
                flush()
        flush()
    raw.execute("DELETE FROM local_state WHERE key = 'bulk_load'")
    raw.execute("COMMIT")
    seconds = time.perf_counter() - started
    raw.close()
    return seconds, inserted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument("--write-big", action="store_true", help="also write the big file (slow)")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "CSV", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        profile = folder / "profile.sqlite3"
        make_profile(profile)
        leads = write_csv(folder / "fiera.csv", args.rows)
        for name in ("import", "raw", "dry"):
            shutil.copyfile(profile, folder / f"{name}.sqlite3")
        imported = run_child("write", leads, folder / "import.sqlite3")
        raw_s, raw_rows = baseline(leads, folder / "raw.sqlite3")
        import_s = imported["dry_run_s"] + imported["write_s"]
        report("import_rows_per_s", imported["rows"] / import_s, "rows/s", baseline=imported["rows"] / raw_s,
               ratio_budget=0.2, ratio_kind="min", rows=imported["rows"], dry_run_s=round(imported["dry_run_s"], 2),
               write_s=round(imported["write_s"], 2), baseline_s=round(raw_s, 2), baseline_db_rows=raw_rows,
               file_mb=round(leads.stat().st_size / 2**20, 1))
        small = run_child("dry", leads, folder / "dry.sqlite3")
        big_path = folder / "big.csv"
        big_rows = write_csv_of_size(big_path, args.big_mb * 2**20)
        shutil.copyfile(profile, folder / "big.sqlite3")
        big = run_child("write" if args.write_big else "dry", big_path, folder / "big.sqlite3")
        report("import_peak_rss_200mb_vs_50k", big["dry_run_peak_rss_mb"], "MB",
               baseline=small["dry_run_peak_rss_mb"], ratio_budget=1.5, ratio_kind="max",
               # the resident memory sampled while each dry run read its rows, and before it began
               big_dry_run_max_rss_mb=round(big["dry_run_max_rss_mb"], 1),
               small_dry_run_max_rss_mb=round(small["dry_run_max_rss_mb"], 1),
               rss_before_dry_run_mb=round(small["rss_before_mb"], 1),
               big_rows=big_rows, big_file_mb=round(big_path.stat().st_size / 2**20, 1),
               big_dry_run_s=round(big["dry_run_s"], 1), small_rows=small["rows"],
               import_50k_with_write_peak_rss_mb=round(imported["peak_rss_mb"], 1),
               **({"big_write_s": round(big["write_s"], 1), "big_with_write_peak_rss_mb": round(big["peak_rss_mb"], 1)}
                  if args.write_big else {}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
