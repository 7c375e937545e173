"""Benchmark of disk use (issue 12): the local file and the server's tables against plain copies
of the same rows, measured in the same run.

Prints one JSON object per line (the figure, its baseline, their ratio and the budget) and exits 1
when a figure is over its budget. Run: ``python tests/bench/bench_disk.py`` (``--projects N`` for
a quicker look; the budgets are meant for 10,000 dossiers with 10 meetings each, 131,001 rows).
The server is ``TUTOR_TEST_PG`` (default: the local cluster as ``postgres``); the benchmark makes
its own database and roles and drops them.

- the creating laptop: the dossiers made offline (``bench_sync.make_offline_region``: investor,
  project, first phase, assignment and meetings with 500-character minutes), its file with the
  outbox full, then after the first sync has sent it (the outbox's space given back), against a
  plain SQLite file of the same rows (``CREATE TABLE AS`` of each synced table's fields, id,
  times and tombstone flag: no stamps, revisions, indexes, search index or dossier list);
- a second laptop of the same person after its first sync, against its own plain file;
- the server: the synced tables with their indexes, stamps, revisions and TOAST against
  ``CREATE TABLE AS`` copies of the same columns as the plain file; the history and the
  applied-change records beside them, in bytes per change.

Each file is measured closed (its WAL copied back) and broken down by ``dbstat``: the rows, their
stamps, the indexes of the synced tables, the full-text index, the dossier list, the outbox, the
sync's bookkeeping and the free pages.

The minutes are seeded text from a vocabulary of a few thousand words (zlib keeps about half of
them), not one sentence repeated: a repeated sentence has a dozen distinct words, which makes a
full-text index and any compression look far smaller than real minutes make them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import bench_sync
from tests.bench.bench_sync import make_offline_region, report
from tests.sync.helpers import PG_URL, TODAY, Client, TestServer, drop_database
from tutor_app.domain.schema import ENTITIES
from tutor_app.services.workspace import Workspace

SYNCED = {e.table for e in ENTITIES}
PLAIN_COLUMNS = {e.table: ["id", *e.field_names, "created_at", "updated_at", "deleted"] for e in ENTITIES}


class Minutes:
    """Seeded minutes: words drawn from a few thousand made of Italian syllables, frequent ones
    more often (as in real text)."""

    SYLLABLES = ("ta", "vo", "lo", "ri", "u", "nio", "ne", "sta", "to", "del", "le", "au", "riz", "za",
                 "zio", "ni", "cro", "no", "pro", "gram", "ma", "can", "tie", "re", "pe", "sa", "li", "ve",
                 "mo", "ca", "be", "di", "si", "co", "per", "ar", "te", "in", "con", "gio", "mu", "pa")

    def __init__(self, seed: int = 12, words: int = 6000) -> None:
        self._random = random.Random(seed)
        vocabulary = {"".join(self._random.choice(self.SYLLABLES) for _ in range(self._random.randint(1, 4)))
                      for _ in range(words)}
        self._words = sorted(vocabulary)
        self._random.shuffle(self._words)
        self._weights = [1 / (rank + 1) for rank in range(len(self._words))]

    def __call__(self, project: int, meeting: int) -> str:
        text = f"Riunione {project}.{meeting}. "
        while len(text) < 500:
            text += " ".join(self._random.choices(self._words, self._weights, k=20)) + ". "
        return text[:500]


# -- the local file --------------------------------------------------------------------------------

def file_bytes(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def plain_file(source: Path, target: Path) -> int:
    """The same rows in a plain SQLite file: each synced table's columns, no keys, no indexes."""
    con = sqlite3.connect(target)
    try:
        con.execute("ATTACH DATABASE ? AS src", (f"file:{source}?mode=ro",))
        for table, columns in PLAIN_COLUMNS.items():
            names = ", ".join(f'"{c}"' for c in columns)
            con.execute(f'CREATE TABLE main."{table}" AS SELECT {names} FROM src."{table}"')
        con.commit()
        con.execute("DETACH DATABASE src")
    finally:
        con.close()
    return target.stat().st_size


def _part(name: str, kind: str, table: str) -> str:
    if name.startswith("search"):
        return "full_text"
    if table in SYNCED:
        return "rows" if kind == "table" else "indexes"
    if table in ("dossier_index",):
        return "dossier_list"
    if table == "outbox":
        return "outbox"
    if table in ("sqlite_schema", "sqlite_master"):
        return "schema"
    return "sync_bookkeeping"


def local_parts(path: Path) -> dict[str, int]:
    """What the file holds, in bytes: rows (stamps apart), indexes, full-text index, dossier list,
    outbox, bookkeeping, free pages, and the rest (pointer maps, the WAL)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        kinds = {name: (kind, table) for name, kind, table in
                 con.execute("SELECT name, type, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")}
        parts: dict[str, int] = {}
        for name, size in con.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            kind, table = kinds.get(name, ("table", name))
            part = _part(name, kind, table)
            parts[part] = parts.get(part, 0) + int(size)
        stamps = sum(int(con.execute(f'SELECT coalesce(sum(length(CAST(stamps AS BLOB))), 0) FROM "{t}"').fetchone()[0])
                     for t in SYNCED)
        parts["rows"] -= stamps
        parts["stamps"] = stamps
        page = int(con.execute("PRAGMA page_size").fetchone()[0])
        parts["free"] = int(con.execute("PRAGMA freelist_count").fetchone()[0]) * page
        parts["outbox_entries"] = int(con.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        con.close()
    parts["other"] = file_bytes(path) - sum(v for k, v in parts.items() if k != "outbox_entries")
    return parts


def local_figures(path: Path, folder: Path, label: str) -> tuple[int, int, dict[str, int]]:
    size = file_bytes(path)
    plain = plain_file(path, folder / f"{label}.plain.sqlite3")
    return size, plain, local_parts(path)


# -- the server --------------------------------------------------------------------------------------

def server_tables(server: TestServer) -> dict[str, Any]:
    """The synced tables (heap, TOAST, indexes; their stamps and revisions apart) and a plain copy."""
    with server.superuser() as su:
        parts = dict.fromkeys(("total", "heap", "indexes", "toast", "stamps", "revs", "rows"), 0)
        for table in sorted(SYNCED):
            row = su.execute(
                "SELECT pg_total_relation_size(c.oid), pg_relation_size(c.oid), pg_indexes_size(c.oid), "
                "coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) "
                "FROM pg_class c WHERE c.oid = %s::regclass", (f"tutor.{table}",)).fetchone()
            assert row is not None
            stamps = su.execute(sql.SQL("SELECT coalesce(sum(pg_column_size(stamps)), 0), "
                                        "coalesce(sum(pg_column_size(revs)), 0), count(*) FROM tutor.{}").format(
                sql.Identifier(table))).fetchone()
            assert stamps is not None
            for name, value in zip(parts, (*row, *stamps), strict=True):
                parts[name] += int(value)
        su.execute("CREATE SCHEMA bench_plain")
        plain = 0
        for table, columns in PLAIN_COLUMNS.items():
            su.execute(sql.SQL("CREATE TABLE bench_plain.{} AS SELECT {} FROM tutor.{}").format(
                sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table)))
            plain += int(su.execute("SELECT pg_total_relation_size(%s::regclass)",
                                    (f"bench_plain.{table}",)).fetchone()[0])
        su.execute("DROP SCHEMA bench_plain CASCADE")
    return {**parts, "plain": plain}


RECORDS = ("history", "applied_changes")


def server_records(server: TestServer) -> dict[str, dict[str, int]]:
    """The history and the applied-change records: bytes (all, indexes) and rows."""
    with server.superuser() as su:
        found = {}
        for table in RECORDS:
            size, indexes, count = su.execute(sql.SQL(
                "SELECT pg_total_relation_size(%s::regclass), pg_indexes_size(%s::regclass), count(*) "
                "FROM tutor.{}").format(sql.Identifier(table)), (f"tutor.{table}",) * 2).fetchone()
            found[table] = {"bytes": int(size), "indexes": int(indexes), "rows": int(count)}
    return found


def report_records(kind: str, now: dict[str, dict[str, int]], before: dict[str, dict[str, int]] | None,
                   changes: int, row_bytes: float) -> None:
    """Bytes per change of the records ``changes`` changes added, against a plain row's bytes."""
    for table in RECORDS:
        grown = {k: now[table][k] - (before[table][k] if before else 0) for k in now[table]}
        report(f"server_{table}_bytes_per_{kind}", grown["bytes"] / changes, "bytes", baseline=row_bytes,
               changes=changes, records=grown["rows"], indexes_bytes_per_change=round(grown["indexes"] / changes))


def _mb(value: int) -> float:
    return round(value / 1e6, 2)


def _parts(parts: dict[str, int]) -> dict[str, float]:
    return {k: _mb(v) for k, v in parts.items() if k != "outbox_entries"}


def bench_creating_laptop(server: TestServer, folder: Path, projects: int, meetings: int, minutes: Minutes | None) \
        -> tuple[Client, int]:
    """Dossiers made offline, their first sync: the file before, after, and what it gave back."""
    laptop = Client.make(server, folder, "maker", "Marta Creatrice", "project_tutor")
    counts = make_offline_region(laptop, projects, meetings, minutes)
    rows = sum(counts.values()) + 1  # and the author's own tutor record
    path = laptop.ws.store.path
    with laptop.away():
        before, plain_before, parts_before = local_figures(path, folder, "before")
    report("local_file_outbox_full_bytes", before, "bytes", baseline=plain_before, rows=rows, mb=_mb(before),
           plain_mb=_mb(plain_before), parts_mb=_parts(parts_before), outbox_entries=parts_before["outbox_entries"])
    result = laptop.sync()
    assert result.pushed == parts_before["outbox_entries"] and result.rejected == 0, result
    with laptop.away():
        after, plain_after, parts = local_figures(path, folder, "after")
    report("local_file_bytes", after, "bytes", baseline=plain_after, ratio_max=2.0, rows=rows, mb=_mb(after),
           plain_mb=_mb(plain_after), parts_mb=_parts(parts))
    report("local_file_given_back_bytes", before - after, "bytes", baseline=parts_before["outbox"], ratio_min=0.9,
           free_after_bytes=parts["free"], outbox_entries_after=parts["outbox_entries"])
    return laptop, rows


def bench_second_laptop(server: TestServer, folder: Path) -> None:
    second = Client(server, "maker", Workspace.open(db=folder / "second.sqlite3", today=lambda: TODAY))
    second.sync()
    with second.away():
        size, plain, parts = local_figures(second.ws.store.path, folder, "second")
    report("local_second_laptop_bytes", size, "bytes", baseline=plain, ratio_max=2.0, mb=_mb(size),
           plain_mb=_mb(plain), parts_mb=_parts(parts))
    second.close()


def bench_server(server: TestServer, laptop: Client, rows: int, edits: int) -> None:
    """The synced tables against plain copies; the records of the first upload's changes, then
    of ``edits`` one-field edits (a meeting's decisions), in bytes per change."""
    tables = server_tables(server)
    report("server_tables_bytes", tables["total"], "bytes", baseline=tables["plain"], ratio_max=2.0,
           mb=_mb(tables["total"]), plain_mb=_mb(tables["plain"]), heap_mb=_mb(tables["heap"]),
           indexes_mb=_mb(tables["indexes"]), toast_mb=_mb(tables["toast"]), stamps_mb=_mb(tables["stamps"]),
           revs_mb=_mb(tables["revs"]), rows=tables["rows"])
    row_bytes = tables["plain"] / tables["rows"]
    created = server_records(server)
    report_records("creation", created, None, rows, row_bytes)
    from tutor_app.domain.schema import MEETINGS

    ids = sorted(laptop.rows("meetings"))[:edits]
    with laptop.ws.store.write() as w:
        for n, meeting in enumerate(ids):
            w.update(MEETINGS, meeting, {"decisions": f"Decisione rivista {n}"})
    assert laptop.sync().pushed == len(ids)
    report_records("edit", server_records(server), created, len(ids), row_bytes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=10_000, help="dossiers made offline on the first laptop")
    parser.add_argument("--meetings", type=int, default=10, help="meetings per dossier")
    parser.add_argument("--edits", type=int, default=1_000, help="one-field edits whose records are measured")
    parser.add_argument("--repeated-minutes", action="store_true",
                        help="one sentence said six times as minutes (bench_sync's first upload), not varied text")
    args = parser.parse_args()
    os.environ.setdefault("TUTOR_HOME", tempfile.mkdtemp(prefix="tutor-bench-home-"))
    pg = psycopg.connect(PG_URL, autocommit=True)
    folder = Path(tempfile.mkdtemp(prefix="tutor-bench-disk-"))
    server = TestServer.create(pg, prefix="tbenchd")
    try:
        laptop, rows = bench_creating_laptop(server, folder, args.projects, args.meetings,
                                             None if args.repeated_minutes else Minutes())
        bench_second_laptop(server, folder)
        bench_server(server, laptop, rows, args.edits)
        laptop.close()
    finally:
        server.close()
        drop_database(pg, server.database)
        pg.close()
        shutil.rmtree(folder, ignore_errors=True)
    if bench_sync.failures:
        print(json.dumps({"over_budget": bench_sync.failures}), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
