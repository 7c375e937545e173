"""Offline bundles: ``bundle export`` (a tutor with no network), ``bundle import`` and ``bundle revert``
(a coordinator). Each speaks Italian by default, English with ``--lang en``; import and revert name
each record by its dossier, as ``sync`` names what the server refused."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, open_workspace
from tutor_app.domain.errors import UnverifiedBundleError
from tutor_app.sync import bundle_text


def register(sub: Any) -> None:
    bundle = sub.add_parser("bundle", help="carry changes to the server in a file, with no network",
                            description="A tutor with no network exports the changes waiting on this "
                                        "computer to a signed file; a coordinator imports it into the server.")
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    e = actions.add_parser("export", help="write the changes waiting to be sent to a signed bundle file",
                           description="The changes stay waiting: the next sync sends them again, and the server "
                                       "answers 'duplicate' for those already imported from the bundle.")
    add_store_options(e)
    e.add_argument("--out", metavar="FILE", required=True, type=Path, help="the bundle file to write")
    e.add_argument("--lang", choices=("it", "en"), default="it", help="language of what it says (default: it)")
    e.set_defaults(func=cmd_export)
    i = actions.add_parser("import", help="import a tutor's bundle into the server (coordinators)",
                           description="Every change is applied with the push rules, checked against the "
                                       "author's assignments, in one server transaction.")
    i.add_argument("file", metavar="FILE", type=Path, help="the bundle file")
    i.add_argument("--server", metavar="URL", required=True, help="postgresql://host[:port]/database")
    i.add_argument("--user", metavar="NAME", help="your (coordinator's) user name on the server")
    i.add_argument("--accept-unverified", action="store_true",
                   help="import even if the signature cannot be verified (unsigned, changed, or unknown device)")
    i.add_argument("--lang", choices=("it", "en"), default="it", help="language of the summary (default: it)")
    i.set_defaults(func=cmd_import)
    r = actions.add_parser("revert", help="take an imported bundle back (coordinators)",
                           description="The values each field had before the bundle come back, as a new change "
                                       "set of yours through the push rules; a field edited after the bundle "
                                       "becomes a conflict record to resolve. `server status` lists the bundles.")
    r.add_argument("bundle_id", metavar="BUNDLE_ID", help="the bundle's id (shown by the import and `server status`)")
    r.add_argument("--server", metavar="URL", required=True, help="postgresql://host[:port]/database")
    r.add_argument("--user", metavar="NAME", help="your (coordinator's) user name on the server")
    r.add_argument("--lang", choices=("it", "en"), default="it", help="language of the summary (default: it)")
    r.set_defaults(func=cmd_revert)


def cmd_export(args: argparse.Namespace) -> int:
    from tutor_app.services.bundles import export_pending

    with open_workspace(args) as ws:
        result = export_pending(ws, args.out)
    print(words.say("bundle_done", args.lang, bundle=bundle_text.bundle_name(result.label, args.lang),
                    n=result.changes, path=result.path))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tutor_app.cli.server_commands import asker
    from tutor_app.services.bundles import import_file
    from tutor_app.sync.connection import ServerAddress

    report = import_file(args.file, server=args.server, user=args.user, accept_unverified=args.accept_unverified,
                         ask_password=asker(args.lang, "import"))
    lang, b = args.lang, report.bundle
    prefix = ServerAddress.parse(args.server).role_prefix
    verdict = bundle_text.word("verified_here", lang) if report.verification == "server" \
        else bundle_text.word("unverified_here", lang, verdict=UnverifiedBundleError.verdict_text(report.verdict, lang))
    print(bundle_text.word("import_head", lang, bundle=bundle_text.bundle_name(report.label, lang, prefix),
                           verdict=verdict))
    for line in report.lines:
        _print_line(line, lang, prefix)
    print(report.summary(lang))
    command = f"tutor-app bundle revert {b.bundle_id} --server {shlex.quote(args.server)}" \
        + (f" --user {shlex.quote(args.user)}" if args.user else "")
    print(bundle_text.word("revert_how", lang, command=command))  # revert takes the id
    return 0


def cmd_revert(args: argparse.Namespace) -> int:
    from tutor_app.cli.server_commands import asker
    from tutor_app.services.bundles import revert
    from tutor_app.sync.connection import ServerAddress

    report = revert(args.bundle_id, server=args.server, user=args.user, ask_password=asker(args.lang, "revert"))
    prefix = ServerAddress.parse(args.server).role_prefix
    for line in report.lines:
        _print_line(line, args.lang, prefix)
    print(report.summary(args.lang, prefix))
    return 0


def _print_line(line: dict[str, Any], lang: str, prefix: str) -> None:
    """One record's result: what became of it, and the record by its dossier as ``sync`` names a
    refused one (``services.bundles.name_records``), never by its table and id."""
    from tutor_app.services.record_words import table_label

    detail = f"  {line['reason']}" if line.get("reason") else ""
    if line["status"] == "duplicate" and line.get("original"):
        detail = f"  ({_status(line['original'], lang)})"
    if line.get("taken_by"):
        detail = "  " + (bundle_text.taken_text({**line, "conflicts": line.get("conflicts")}, lang, prefix) or "")
    name = (line.get("name") or {}).get(lang) or table_label(line["table"], lang)
    print(f"  {_status(line['status'], lang):<18} {name}{detail}")


def _status(status: str, lang: str) -> str:
    return bundle_text.word(status, lang, n="").strip() if status in _STATUSES else status


_STATUSES = ("applied", "merged", "conflict", "duplicate", "rejected")
