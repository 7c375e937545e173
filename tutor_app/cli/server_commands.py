"""Sync and server administration commands: ``sync`` and ``server init|add-user|assign|unassign|status``.

``server ...`` is for IT, with an administrator role that may create roles (not a superuser for
daily work); the administrator's password comes from libpq's usual places (``~/.pgpass``,
``PGPASSWORD``) or is asked. A user's password is asked with ``getpass``, never taken as an
argument, and reaches the server only as a SCRAM verifier.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

import psycopg

from tutor_app.cli.options import add_store_options, open_workspace
from tutor_app.domain.enums import Role
from tutor_app.domain.errors import AuthError, TutorError, ValidationError
from tutor_app.sync import admin, bundle_text
from tutor_app.sync.connection import Secret, ServerAddress, connect


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="sync this profile with the shared server",
                       description="Push the changes waiting on this computer, pull what changed on the server. "
                                   "The server and user are remembered after the first sync.")
    add_store_options(p)
    p.add_argument("--server", metavar="URL", help="postgresql://host[:port]/database (remembered)")
    p.add_argument("--user", metavar="NAME", help="your user name on the server (remembered)")
    p.set_defaults(func=cmd_sync)

    server = sub.add_parser("server", help="administer the shared server (IT)")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        a: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        a.add_argument("--server", metavar="URL", required=True,
                       help="postgresql://ADMIN@host[:port]/database, ADMIN being the administrator role")
        return a

    a = action("init", "create or upgrade the shared schema, roles, policies and functions (idempotent)")
    a.set_defaults(func=cmd_init)
    a = action("add-user", "add a user (or change the password, role or area of one); asks the password")
    a.add_argument("name", metavar="NAME", help="user name (lower-case letters, digits, '.', '_')")
    a.add_argument("--role", required=True, choices=[r.value for r in Role])
    a.add_argument("--provinces", nargs="*", default=[], metavar="PROV", help="area of a regional tutor (MI BG ...)")
    a.add_argument("--full-name", metavar="NAME", help="the person's name, for their initials (e.g. 'Mario Rossi')")
    a.add_argument("--initials", metavar="ABC", help="the initials to give (2-4 letters; the server keeps them "
                                                    "unique and picks others when taken)")
    a.set_defaults(func=cmd_add_user)
    a = action("assign", "assign a project to a user")
    a.add_argument("project", metavar="PROJECT", help="project code or id")
    a.add_argument("user", metavar="USER")
    a.set_defaults(func=cmd_assign, assigned=True)
    a = action("unassign", "end the assignment of a project to a user")
    a.add_argument("project", metavar="PROJECT", help="project code or id")
    a.add_argument("user", metavar="USER")
    a.set_defaults(func=cmd_assign, assigned=False)
    a = action("status", "show the server's schema, users and counts")
    a.set_defaults(func=cmd_status)


def cmd_sync(args: argparse.Namespace) -> int:
    from tutor_app.services.sync import sync_now

    with open_workspace(args) as ws:
        def progress(stage: str, done: int, total: int | None) -> None:
            if sys.stderr.isatty():
                print(f"\r{stage} {done}{'/' + str(total) if total else ''}   ", end="", file=sys.stderr)

        report = sync_now(ws, server=args.server, user=args.user, ask_password=_ask, progress=progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(report.summary())
        for rejection in report.rejections[:20]:
            print(f"  rifiutata: {rejection['table']} {rejection['row']} ({rejection['reason']})")
        for taken in report.taken[:20]:
            print(f"  conflitto: {taken['table']} {taken['row']}: {bundle_text.taken_text(taken['result'])}")
    return 0


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise AuthError("A password is needed and there is no terminal to ask it on.")
    return getpass.getpass(prompt)


def _admin_connection(url: str) -> tuple[ServerAddress, psycopg.Connection[Any], Secret | None]:
    """The administrator's connection: libpq's own password sources first, then a prompt."""
    address = ServerAddress.parse(url)
    try:
        return address, connect(address, address.user, None, application="tutor-app server"), None
    except AuthError:
        if not sys.stdin.isatty():
            raise
    secret = Secret(getpass.getpass(f"Password of the administrator {address.user or ''} on {address}: "))
    return address, connect(address, address.user, secret, application="tutor-app server"), secret


def cmd_init(args: argparse.Namespace) -> int:
    address, conn, secret = _admin_connection(args.server)
    conn.close()
    head = admin.init_server(lambda: connect(address, address.user, secret, application="tutor-app server"),
                             address)
    print(f"Server {address} ready: shared schema {head}, roles {address.role_prefix}*.")
    return 0


def cmd_add_user(args: argparse.Namespace) -> int:
    address, conn, _secret = _admin_connection(args.server)
    with conn:
        if not sys.stdin.isatty():
            raise TutorError("add-user asks the new user's password: run it in a terminal.")
        first = getpass.getpass(f"Password for {args.name}: ")
        if first != getpass.getpass("Repeat the password: "):
            raise ValidationError("password", "the two passwords differ")
        if len(first) < 10:
            raise ValidationError("password", "use at least 10 characters")
        login = admin.add_user(conn, address, args.name, args.role, args.provinces, Secret(first),
                               full_name=args.full_name, initials=args.initials)
        initials = admin.user_initials(conn, address, args.name)
    print(f"User {args.name} ({Role(args.role).label('en').lower()}) can sign in as {login}; "
          f"initials {initials} (their project codes: YEAR-{initials}-NNNN).")
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    address, conn, _secret = _admin_connection(args.server)
    with conn:
        admin.set_assignment(conn, address, args.project, args.user, args.assigned)
    verb = "assigned to" if args.assigned else "no longer assigned to"
    print(f"Project {args.project} {verb} {args.user}; their next sync brings the change.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    address, conn, _secret = _admin_connection(args.server)
    with conn:
        info = admin.status(conn, address)
        bundles = admin.bundle_register(conn, address)
    print(f"Server {address}: shared schema {info['schema']}, sync protocol {info['protocol']}, "
          f"feed head {info['head']}")
    print(f"{info['projects']} projects, {info['open_conflicts']} open conflicts, {info['devices']} devices, "
          f"{info['applied_changes']} changes applied")
    for user in info["users"]:
        area = f" ({', '.join(user['provinces'])})" if user["provinces"] else ""
        linked = "" if user["linked"] else "  [not synced yet]"
        print(f"  {user['role_name']:<30} {user['role']}{area}{linked}")
    if bundles:
        print(f"Ultimi pacchetti importati / latest bundles imported ({len(bundles)}):")
    for label in bundles:
        for lang in bundle_text.LANGS:
            print(f"  {'' if lang == 'it' else '  '}{bundle_text.bundle_name(label, lang, address.role_prefix)}: "
                  f"{bundle_text.vouching(label, lang, address.role_prefix)}"
                  + (f" [{label['bundle_id']}]" if lang == "it" else ""))
    return 0
