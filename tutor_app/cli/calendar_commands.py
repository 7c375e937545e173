"""``tutor-app calendar``: my meetings and permit deadlines as an iCalendar file for Outlook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, open_workspace


def register(sub: Any) -> None:
    """Add ``calendar`` to the ``tutor-app`` parser."""
    calendar = sub.add_parser(
        "calendar", help="write my meetings and permit deadlines as an iCalendar file (.ics) for Outlook",
        description="Write the meetings (from 90 days ago on) and the legal permit deadlines of one dossier, "
                    "or of every dossier assigned to the profile's tutor, as an iCalendar file. Importing a "
                    "newer file updates the events already imported (each keeps its UID), and takes out those "
                    "deleted since or of a dossier no longer yours.")
    calendar.add_argument("project", metavar="PROJECT", nargs="?",
                          help="only this dossier: project code (e.g. 2026-MRS-0042) or id")
    calendar.add_argument("--out", "-o", metavar="FILE", required=True, help="the .ics file to write")
    calendar.add_argument("--lang", choices=("it", "en"), default="it", help="language of the events (default: it)")
    add_store_options(calendar)
    calendar.set_defaults(func=_calendar)


def _calendar(args: argparse.Namespace) -> int:
    from tutor_app.services.calendar_export import export_calendar
    from tutor_app.services.dossiers import resolve_project

    with open_workspace(args) as ws:
        project_id = resolve_project(ws, args.project) if args.project else None
        result = export_calendar(ws, Path(args.out), project_id, args.lang)
    lang = args.lang
    print(words.say("calendar_done", lang, path=result.path, meetings=words.count("meeting", result.meetings, lang),
                    deadlines=words.count("permit_deadline", result.deadlines, lang)))
    return 0
