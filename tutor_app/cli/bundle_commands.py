"""Offline bundles: ``bundle export`` (a tutor with no network) and ``bundle import`` (a coordinator)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tutor_app.cli.options import add_store_options, open_workspace


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
    e.set_defaults(func=cmd_export)
    i = actions.add_parser("import", help="import a tutor's bundle into the server (coordinators)",
                           description="Every change is applied with the push rules, checked against the "
                                       "author's assignments, in one server transaction.")
    i.add_argument("file", metavar="FILE", type=Path, help="the bundle file")
    i.add_argument("--server", metavar="URL", required=True, help="postgresql://host[:port]/database")
    i.add_argument("--user", metavar="NAME", help="your (coordinator's) user name on the server")
    i.add_argument("--accept-unverified", action="store_true",
                   help="import even if the signature cannot be verified (unsigned, changed, or unknown device)")
    i.set_defaults(func=cmd_import)


def cmd_export(args: argparse.Namespace) -> int:
    from tutor_app.services.bundles import export_pending

    with open_workspace(args) as ws:
        result = export_pending(ws, args.out)
    print(f"Bundle {result.bundle_id}: {result.changes} changes written to {result.path}. "
          "They stay waiting here: your next sync sends them again (already imported ones count as duplicates).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tutor_app.cli.server_commands import _ask
    from tutor_app.services.bundles import import_file

    report = import_file(args.file, server=args.server, user=args.user, accept_unverified=args.accept_unverified,
                         ask_password=_ask)
    b = report.bundle
    print(f"Bundle {b.bundle_id} from {b.author} (device {b.device}, made {b.created_at}): "
          f"{'verified' if report.verified else 'UNVERIFIED, imported by your decision'} ({report.verdict}).")
    for line in report.lines:
        detail = f"  {line['reason']}" if line.get("reason") else ""
        if line["status"] == "duplicate":
            detail = f"  (already {line.get('original') or 'applied'})"
        print(f"  {line['status']:<9} {line['table']:<15} {line['row']}{detail}")
    print(report.summary())
    return 0
