"""``tutor-app export-table WHAT FILE``: the dossier list or the dashboard's tables, to CSV or XLSX.

``dossiers`` takes the list's filters (scope, phase, sector, status, province, country, tutor,
competent authority, overdue permits) and its columns; ``dashboard`` writes every table of the
dashboard (XLSX: one sheet each; CSV: one after the other), or those named with ``--table``.
CSV is UTF-8 with a BOM and ``;`` (Italian Excel opens it with a double click); XLSX has typed
cells. The file is written whole or not at all. Italian headers by default, English with ``--lang en``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, open_workspace


def register(sub: Any) -> None:
    from tutor_app.services.exports import DASHBOARD_TABLES, LIST_COLUMNS

    p = sub.add_parser(
        "export-table", help="export the dossier list or the dashboard's tables to CSV or XLSX (Excel)",
        description="Writes the dossier list (with filters and columns) or the dashboard's tables as a CSV "
                    "(UTF-8 with BOM, ';', as Italian Excel opens it) or an XLSX workbook with typed cells. "
                    "The format follows the file's suffix (.csv, .xlsx) unless --format says.")
    p.add_argument("what", choices=("dossiers", "dashboard"), help="the dossier list, or the dashboard's tables")
    p.add_argument("file", metavar="FILE", type=Path, help="the .csv or .xlsx file to write")
    p.add_argument("--format", choices=("csv", "xlsx"), help="csv or xlsx (default: from the suffix)")
    p.add_argument("--scope", choices=("mine", "area", "region"),
                   help="which dossiers count (default: the one last chosen in the window, else yours)")
    p.add_argument("--phase", help="only this phase (its code: lead, assistance, ..., operations)")
    p.add_argument("--sector", help="only this sector (its code)")
    p.add_argument("--status", help="only this status (active, on_hold, announced, completed, abandoned)")
    p.add_argument("--province", help="only this province (e.g. MB)")
    p.add_argument("--country", help="only investors from this country (ISO code, e.g. DE)")
    p.add_argument("--tutor", help="only the dossiers this tutor follows (initials, e-mail or full name)")
    p.add_argument("--authority", help="only dossiers with a permit at this competent authority (e.g. ARPA)")
    p.add_argument("--overdue", action="store_true",
                   help="only dossiers with an overdue permit (at --authority, when given)")
    p.add_argument("--columns", metavar="KEYS",
                   help=f"the list's columns, comma-separated (default: all): {','.join(LIST_COLUMNS)}")
    p.add_argument("--table", action="append", choices=DASHBOARD_TABLES,
                   help="dashboard: only this table (repeatable; default: all)")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language of the headers (default: it)")
    add_store_options(p)
    p.set_defaults(func=cmd_export_table)


def cmd_export_table(args: argparse.Namespace) -> int:
    from tutor_app.domain.errors import UnknownChoiceError
    from tutor_app.domain.scope import Scope
    from tutor_app.services import exports
    from tutor_app.services.region import figures_of
    from tutor_app.services.scope import viewer
    from tutor_app.store import queries
    from tutor_app.store.state import SCOPE

    fmt = exports.format_of(args.file, args.format)
    ws = open_workspace(args)
    try:
        today = ws.today()
        with ws.store.read() as conn:
            who = viewer(conn)
            scope = who.effective(args.scope or SCOPE.get(conn))
            if args.scope and scope is not Scope(args.scope):
                raise UnknownChoiceError("--scope", args.scope, tuple(s.value for s in who.scopes()), kind="scope")
            rows = queries.dossier_rows(conn, today)
            if args.what == "dossiers":
                columns = exports.LIST_COLUMNS
                if args.columns:
                    columns = tuple(c.strip() for c in args.columns.split(",") if c.strip())
                    unknown = [c for c in columns if c not in exports.LIST_COLUMNS]
                    if unknown:
                        raise UnknownChoiceError("--columns", tuple(unknown), exports.LIST_COLUMNS, kind="column")
                f = exports.DossierFilter(scope=scope, phase=args.phase, sector=args.sector, status=args.status,
                                          province=args.province, country=args.country, tutor=args.tutor,
                                          authority=args.authority, overdue_only=args.overdue).validated(conn, today)
                kept = exports.select_rows(conn, rows, who, f, today)
                tables = [exports.dossier_table(kept, args.lang, columns, exports.investor_vats(conn))]
            else:
                figures = figures_of(conn, rows, who, scope, today, args.lang)
                tables = exports.dashboard_tables(figures, args.lang, args.table)
        written = exports.write_tables(args.file, tables, fmt)
    finally:
        ws.close()
    lang = args.lang
    print(words.say("table_done", lang, path=written, rows=words.count("row", sum(len(t.rows) for t in tables), lang),
                    tables=words.count("table", len(tables), lang), scope=words.pick(words.SCOPES[scope.value], lang)))
    return 0
