"""Commands on the local store: demo, list, show, search, profile."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, creating_workspace, fields_as_options, open_workspace
from tutor_app.domain.enums import Phase, ProjectStatus, Sector
from tutor_app.domain.formatting import format_date, format_int, format_money
from tutor_app.domain.permit_catalogue import permit_words
from tutor_app.services import demo, dossiers
from tutor_app.services import search as search_service
from tutor_app.store.queries import Dossier, DossierRow


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="fill a new local store with a realistic demo region",
                       description="Fill an empty profile (or --db file) with a demo region of Lombardy.")
    p.add_argument("--projects", type=int, default=300, metavar="N", help="number of projects (default 300)")
    p.add_argument("--seed", type=int, default=7, help="random seed: the same seed gives the same region")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language of what it says (default: it)")
    add_store_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("list", help="list the dossiers as a table, the project code first")
    p.add_argument("--lang", choices=("it", "en"), default="it")
    add_store_options(p)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="print one dossier as text")
    p.add_argument("project", metavar="PROJECT", help="project code (e.g. 2026-MRO-0042) or id")
    p.add_argument("--lang", choices=("it", "en"), default="it")
    add_store_options(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search in titles, minutes and notes (accents optional)")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--lang", choices=("it", "en"), default="it")
    add_store_options(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("profile", help="create the local profile of the tutor using this computer")
    p.add_argument("name", help="your full name")
    p.add_argument("--email")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language of what it says (default: it)")
    add_store_options(p)
    p.set_defaults(func=cmd_profile)


def cmd_demo(args: argparse.Namespace) -> int:
    lang = args.lang
    with creating_workspace(args) as ws:
        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                line = words.say("demo_progress", lang, done=format_int(done, lang), total=format_int(total, lang))
                print(f"\r{line}", end="", file=sys.stderr)

        with fields_as_options({"projects": "--projects"}):
            stats = demo.generate(ws, projects=args.projects, seed=args.seed, progress=progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(words.say("demo_done", lang, path=ws.store.path,
                        projects=words.count("project", stats.rows["projects"], lang),
                        meetings=words.count("meeting", stats.rows["meetings"], lang),
                        permits=words.count("permit_item", stats.rows["permit_items"], lang),
                        rows=words.count("row", stats.total_rows, lang), seconds=words.seconds(stats.seconds, lang)))
    return 0


# (key, width, right-aligned, Italian header, English header)
_LIST_COLUMNS = (
    ("code", 13, False, "CODICE", "CODE"), ("title", 40, False, "TITOLO", "TITLE"),
    ("investor", 28, False, "INVESTITORE", "INVESTOR"), ("country", 2, False, "PA", "CC"),
    ("phase", 16, False, "FASE", "PHASE"), ("status", 11, False, "STATO", "STATUS"),
    ("capex", 15, True, "CAPEX", "CAPEX"), ("hires", 7, True, "ADDETTI", "HIRES"),
    ("province", 2, False, "PR", "PR"), ("next_due", 11, False, "SCADENZA", "NEXT DUE"),
)


def cmd_list(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        rows = dossiers.list_dossiers(ws)
    # Cut lines to the terminal only when a person is looking; pipes get whole lines.
    width = shutil.get_terminal_size((160, 20)).columns if sys.stdout.isatty() else 10_000
    header = {key: (en if args.lang == "en" else it) for key, _, _, it, en in _LIST_COLUMNS}
    print(_table_line(header, width))
    for row in rows:
        print(_table_line(_list_cells(row, args.lang), width))
    print(words.count("dossier", len(rows), args.lang), file=sys.stderr)
    return 0


def _list_cells(row: DossierRow, lang: str) -> dict[str, str]:
    return {
        "code": row.code, "title": row.title, "investor": row.investor, "country": row.country,
        "phase": Phase(row.phase).label(lang) if row.phase else "",
        "status": ProjectStatus(row.status).label(lang),
        "capex": format_money(row.capex_cents, lang) if row.capex_cents is not None else "",
        "hires": format_int(row.new_hires, lang) if row.new_hires else "", "province": row.province or "",
        "next_due": _next_due(row, lang),
    }


def _next_due(row: DossierRow, lang: str) -> str:
    """As the desktop's list: the overdue terms when there are any, else the next one."""
    late = row.overdue_permits
    if late:
        return words.count("overdue", late, lang)
    return format_date(row.next_due_on, lang) if row.next_due_on else ""


def _table_line(cells: dict[str, str], width: int) -> str:
    parts = []
    for key, size, right, _, _ in _LIST_COLUMNS:
        text = cells[key]
        text = text if len(text) <= size else text[: size - 1] + "…"
        parts.append(text.rjust(size) if right else text.ljust(size))
    return "  ".join(parts).rstrip()[:width]


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        dossier = dossiers.get_dossier(ws, dossiers.resolve_project(ws, args.project))
    print(render_dossier(dossier, args.lang))
    return 0


def render_dossier(d: Dossier, lang: str = "it") -> str:
    from tutor_app.domain.enums import (
        AftercareTopic,
        BusinessFunction,
        ProjectKind,
        WorkingTable,
    )
    from tutor_app.domain.places import country_name, province_code

    p, inv = d.project, d.investor
    it = lang != "en"
    phase = d.current_phase
    lines = [
        f"{p['code']}  {p['title']}",
        "=" * min(100, len(p["code"]) + 2 + len(p["title"])),
        f"{'Investitore' if it else 'Investor'}: {inv['name']} ({country_name(inv['country'], lang)})",
        f"{'Tipo' if it else 'Kind'}: {ProjectKind(p['kind']).label(lang)} · "
        f"{'Settore' if it else 'Sector'}: {Sector(p['sector']).label(lang)} · "
        f"{'Funzione' if it else 'Function'}: {BusinessFunction(p['function']).label(lang)}",
        f"{'Fase' if it else 'Phase'}: {phase.label(lang) if phase else '-'} · "
        f"{'Stato' if it else 'Status'}: {ProjectStatus(p['status']).label(lang)}",
        f"Capex: {format_money(p['capex_cents'], lang) if p['capex_cents'] is not None else '-'} · "
        f"{'Nuovi addetti' if it else 'New hires'}: "
        f"{format_int(p['new_hires'], lang) if p['new_hires'] is not None else '-'}",
        f"{'Località' if it else 'Location'}: {p['municipality'] or '-'} "
        f"({province_code(p['province'], lang) if p['province'] else '-'})",
        f"Tutor: {', '.join(name for name, _ in d.tutors) or '-'}",
        "",
        ("Storia delle fasi" if it else "Phase history") + ":",
    ]
    lines += [f"  {format_date(e.entered_on, lang)}  {e.phase.label(lang)}" for e in d.phases]
    lines += ["", f"{'Riunioni' if it else 'Meetings'} ({len(d.meetings)}):"]
    for m in d.meetings:
        lines.append(f"  {format_date(m.starts_at.date(), lang)}  {WorkingTable(m.table).label(lang)}"
                     f"{'  — ' + m.place if m.place else ''}")
        if m.decisions:
            lines.append(f"      {'Decisioni' if it else 'Decisions'}:")
            lines += [f"        - {line}" for line in m.decisions.splitlines() if line.strip()]
        for a in m.actions:
            due = f" ({format_date(a.due_on, lang)})" if a.due_on else ""
            lines.append(f"      [{'x' if a.done else ' '}] {a.text} — {a.owner or '-'}{due}")
    lines += ["", f"{'Titoli abilitativi' if it else 'Permits'} ({len(d.permits)}):"]
    for pm in d.permits:
        state = words.pick(words.URGENCY[pm.clock.urgency], lang)
        due = f"  {'scadenza' if it else 'due'} {format_date(pm.clock.due_on, lang)} [{state}]" \
            if pm.clock.due_on else ""
        lines.append(f"  {pm.status.label(lang):<24} {permit_words(pm.permit_code, pm.name, lang).full}{due}")
    lines += ["", f"{'Note di aftercare' if it else 'Aftercare notes'} ({len(d.notes)}):"]
    lines += [f"  {format_date(n.noted_on, lang)}  {AftercareTopic(n.topic).label(lang)}: {n.text}" for n in d.notes]
    if d.pending_changes:
        lines += ["", words.say("pending", lang, n=d.pending_changes)]
    return "\n".join(lines)


def cmd_search(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws, fields_as_options({"limit": "--limit"}):
        hits = search_service.search(ws, args.text, limit=args.limit)
    for hit in hits:  # one line per hit: minutes hold line breaks, and a script reads lines
        kind = words.pick(words.SOURCES[hit.source], args.lang) if hit.source in words.SOURCES else hit.source
        print(f"{hit.code}  {_one_line(hit.title)}  [{kind}]  {_one_line(hit.snippet)}")
    print(words.count("hit", len(hits), args.lang), file=sys.stderr)
    return 0


def _one_line(text: str) -> str:
    """Every run of white space (line breaks too) as one space."""
    return " ".join(text.split())


def cmd_profile(args: argparse.Namespace) -> int:
    from tutor_app.services.workspace import profile_values

    with fields_as_options({"email": "--email", "name": ""}):  # the name refused is quoted as typed
        profile_values(args.name, args.email)  # checked before anything is made on disk
    with creating_workspace(args) as ws:
        ws.create_profile(args.name, args.email)
        print(words.say("profile_done", args.lang, path=ws.store.path, name=args.name))
    return 0
