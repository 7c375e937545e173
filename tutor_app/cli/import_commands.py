"""``tutor-app import FILE``: a spreadsheet of investors and projects (CSV or XLSX) into the profile.

The dry run is printed first, always: every row's outcome and the totals. Nothing is written until
confirmed (a question, or ``--yes``); ``--dry-run`` stops there. When any row is wrong the command
lists every error (file, row, column, reason), writes nothing and exits 2, unless
``--only-valid`` was chosen. Italian by default, English with ``--lang en``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, open_workspace
from tutor_app.domain.errors import ImportRowsError, UnknownChoiceError
from tutor_app.domain.formatting import format_int, format_money
from tutor_app.importing.words import count, word

EXIT_ROWS_WRONG = 2


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import", help="import investors and projects from a spreadsheet (CSV or XLSX), dry run first",
        description="Reads a CSV (UTF-8, UTF-8 with BOM or Windows-1252; ';', ',' or tab) or an Excel workbook, "
                    "maps its columns by their Italian or English names, and prints what every row would do. "
                    "Nothing is written until you confirm; any wrong row stops the whole file (exit 2) unless "
                    "--only-valid is given.")
    p.add_argument("file", metavar="FILE", type=Path, help="the .csv or .xlsx file")
    p.add_argument("--mapping", metavar="NAME", help="a saved mapping profile (see --save-mapping)")
    p.add_argument("--map", metavar="FIELD=COLUMN", action="append", default=[],
                   help="read FIELD from the column named COLUMN (e.g. --map 'title=Nome iniziativa'); repeatable")
    p.add_argument("--save-mapping", metavar="NAME",
                   help="save the columns this file was read with as a named mapping profile")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="only show what would be imported; write nothing")
    mode.add_argument("--yes", action="store_true", help="write without asking once the dry run has no error")
    p.add_argument("--only-valid", action="store_true",
                   help="import the valid rows and leave out the wrong ones (a separate, explicit choice)")
    p.add_argument("--errors", metavar="OUT.xlsx", type=Path,
                   help="save the wrong rows, as read, with a reason column, to fix and import again")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language of the listing (default: it)")
    add_store_options(p)
    p.set_defaults(func=cmd_import)


def _overrides(pairs: list[str]) -> dict[str, str]:
    from tutor_app.importing.columns import FIELD_BY_KEY

    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, label = pair.partition("=")
        key = key.strip()
        if not sep or key not in FIELD_BY_KEY or not label.strip():
            raise UnknownChoiceError("--map", pair, tuple(FIELD_BY_KEY), kind="mapping")
        out[key] = label.strip()
    return out


def cmd_import(args: argparse.Namespace) -> int:
    from tutor_app.services import importing

    lang = args.lang
    overrides = _overrides(args.map)
    with open_workspace(args) as ws:
        progress = _progress() if sys.stderr.isatty() else None
        with importing.preview(ws, args.file, mapping=args.mapping, overrides=overrides, progress=progress) as plan:
            if progress is not None:
                print(file=sys.stderr)
            _print_plan(plan, lang)
            if args.save_mapping:
                importing.save_mapping(ws, args.save_mapping, plan.mapping.labels())
                print(word(f"Corrispondenza «{args.save_mapping}» salvata.",
                           f"Mapping “{args.save_mapping}” saved.", lang))
            if args.errors and plan.totals.errors:
                from tutor_app.importing.workbook import write_error_workbook

                out = write_error_workbook(plan, args.errors, lang)
                print(word(f"Righe con errori salvate in {out}: correggile e importa di nuovo il file.",
                           f"Wrong rows saved to {out}: correct them and import that file again.", lang))
            t = plan.totals
            if t.errors and not args.only_valid:
                print(ImportRowsError(plan.path, t.errors).text(lang), file=sys.stderr)
                return EXIT_ROWS_WRONG
            if args.dry_run:
                print(word("Prova senza scrittura: non è stato scritto nulla.", "Dry run: nothing was written.",
                           lang))
                return 0
            if t.new_projects + t.updated_projects + t.new_investors + t.updated_investors == 0:
                print(word("Niente da importare.", "Nothing to import.", lang))
                return 0
            if not args.yes and not _confirm(lang, t.errors if args.only_valid else 0):
                print(word("Non è stato scritto nulla.", "Nothing was written.", lang))
                return 1
            result = importing.write(ws, plan, only_valid=args.only_valid)
    print(_written(result, lang))
    return 0


def _progress() -> Any:
    def show(done: int, total: int) -> None:
        if total:
            print(f"\r{done * 100 // max(total, 1):3d} %", end="", file=sys.stderr)
        else:
            print(f"\r{done:,}", end="", file=sys.stderr)

    return show


def _confirm(lang: str, left_out: int) -> bool:
    if not sys.stdin.isatty():
        print(word("Per scrivere senza domanda usa --yes.", "To write without being asked, use --yes.", lang),
              file=sys.stderr)
        return False
    question = word("Importare questi dati? [s/N] ", "Import this data? [y/N] ", lang)
    if left_out:
        question = word(f"Importare le righe valide, lasciando fuori {left_out} righe con errori? [s/N] ",
                        f"Import the valid rows, leaving out {left_out} wrong rows? [y/N] ", lang)
    answer = input(question).strip().casefold()
    return answer in ("s", "si", "sì", "y", "yes")


def _count(n: int, lang: str) -> str:
    return format_int(n, lang)


def _print_plan(plan: Any, lang: str) -> None:
    path = str(plan.path)
    m = plan.mapping
    print(f"{path}: {plan.info.describe(lang)}; "
          + word(f"intestazione alla riga {m.header_row}", f"header at row {m.header_row}", lang))
    from tutor_app.importing.columns import FIELD_BY_KEY

    pairs = ", ".join(f"{m.header[i]} → {FIELD_BY_KEY[k].label(lang)}" for k, i in
                      sorted(m.columns.items(), key=lambda kv: kv[1]))
    print(word("Colonne: ", "Columns: ", lang) + pairs)
    if m.ignored:
        print(word("Colonne ignorate: ", "Columns ignored: ", lang) + ", ".join(m.ignored))
    for row in plan.rows():
        print(row.text(path, lang))
    t = plan.totals
    c = _count
    lines = [
        word("Totali", "Totals", lang) + f" ({c(t.rows, lang)} "
        + (word("riga", "row", lang) if t.rows == 1 else word("righe", "rows", lang)) + "):",
        f"  {word('investitori nuovi', 'new investors', lang)}: {c(t.new_investors, lang)}, "
        f"{word('completati', 'completed', lang)}: {c(t.updated_investors, lang)}",
        f"  {word('dossier nuovi', 'new dossiers', lang)}: {c(t.new_projects, lang)}, "
        f"{word('aggiornati', 'updated', lang)}: {c(t.updated_projects, lang)}, "
        f"{word('invariati', 'unchanged', lang)}: {c(t.unchanged, lang)}, "
        f"{word('duplicati', 'duplicates', lang)}: {c(t.duplicates, lang)}",
        f"  {word('investimento stimato', 'estimated capex', lang)}: {format_money(t.capex_cents, lang)}"
        f", {word('nuovi addetti', 'new hires', lang)}: {c(t.new_hires, lang)}",
        f"  {word('righe con errori', 'rows with errors', lang)}: {c(t.errors, lang)}"
        + (f", {word('righe dei totali ignorate', 'totals rows skipped', lang)}: {c(t.skipped, lang)}"
           if t.skipped else ""),
    ]
    print("\n".join(lines))


def _written(result: Any, lang: str) -> str:
    made = ", ".join((
        count(result.projects_created, ("dossier nuovo", "dossier nuovi"), ("new dossier", "new dossiers"), lang),
        count(result.projects_updated, ("aggiornato", "aggiornati"), ("updated", "updated"), lang),
        count(result.investors_created, ("investitore nuovo", "investitori nuovi"), ("new investor", "new investors"),
              lang),
        count(result.investors_updated, ("completato", "completati"), ("completed", "completed"), lang)))
    took = words.seconds(result.seconds, lang)  # "0,3 s" in Italian
    text = word(f"Importato: {made} ({took} s). Le modifiche vanno al server con la prossima sincronizzazione.",
                f"Imported: {made} ({took} s). The changes go to the server with the next sync.", lang)
    if result.rows_left_out:
        text += " " + word(f"{count(result.rows_left_out, ('riga', 'righe'), ('', ''), lang)} con errori lasciate "
                           "fuori." if result.rows_left_out != 1 else "1 riga con errori lasciata fuori.",
                           f"{count(result.rows_left_out, ('', ''), ('wrong row', 'wrong rows'), lang)} left out.",
                           lang)
    return text
