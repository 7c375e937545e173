"""Sync and server administration commands: ``sync`` and
``server init|add-user|assign|unassign|status|watchdog``.

``server ...`` is for IT, with an administrator role that may create roles (not a superuser for
daily work), and speaks English, its errors too; the administrator's password comes from libpq's
usual places (``~/.pgpass``, ``PGPASSWORD``) or is asked. A user's password is asked with
``getpass``, never taken as an argument, and reaches the server only as a SCRAM verifier; a
tutor's is asked in their language, once the server has answered (``asker``).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any

import psycopg

from tutor_app.cli import words
from tutor_app.cli.options import add_store_options, creating_workspace, open_workspace
from tutor_app.domain.enums import Role
from tutor_app.domain.errors import AuthError, NoProfileError, PasswordNeededError, TutorError, ValidationError
from tutor_app.sync import admin, bundle_text, watchdog
from tutor_app.sync.connection import Secret, ServerAddress, connect

if TYPE_CHECKING:
    from tutor_app.services.sync import AskPassword, SyncTarget


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="sync this profile with the shared server",
                       description="Push the changes waiting on this computer, pull what changed on the server. "
                                   "The server and user are remembered after the first sync.")
    add_store_options(p)
    p.add_argument("--server", metavar="URL", help="postgresql://host[:port]/database (remembered)")
    p.add_argument("--user", metavar="NAME", help="your user name on the server (remembered)")
    p.add_argument("--lang", choices=("it", "en"), default="it", help="language of the messages (default: it)")
    p.set_defaults(func=cmd_sync)

    server = sub.add_parser("server", help="administer the shared server (IT; in English)")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        a: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        a.add_argument("--server", metavar="URL", required=True,
                       help="postgresql://ADMIN@host[:port]/database, ADMIN being the administrator role")
        a.set_defaults(lang="en")  # IT's commands: their errors in the language of their output
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
    a = action("watchdog", "end users' sessions that hold the lock every sync needs (run beside the database)")
    a.description = ("Every few seconds, end the users' sessions that have been idle inside a transaction, or "
                     "held a writer's lock on a Tutor table, for longer than the bound; each one is logged. "
                     "Stops cleanly on SIGTERM or Ctrl+C.")
    a.add_argument("--max-hold", metavar="SECONDS", type=float, default=watchdog.DEFAULT_MAX_HOLD_S,
                   help=f"the bound (default {watchdog.DEFAULT_MAX_HOLD_S:.0f})")
    a.add_argument("--interval", metavar="SECONDS", type=float, default=watchdog.DEFAULT_INTERVAL_S,
                   help=f"seconds between two looks (default {watchdog.DEFAULT_INTERVAL_S:.0f})")
    a.add_argument("--once", action="store_true", help="look once, end what is stuck, and exit")
    a.set_defaults(func=cmd_watchdog)


_STAGES = {"hello": ("Collegamento", "Connecting"), "push": ("Invio", "Sending"),
           "pull": ("Ricezione", "Receiving"), "hashes": ("Verifica", "Checking"), "sanity": ("Verifica", "Checking")}
SHOWN_REJECTIONS = 20


def cmd_sync(args: argparse.Namespace) -> int:
    from tutor_app.services.conflicts import rejection_lines
    from tutor_app.services.sync import BUSY_STEP, sync_now

    en = args.lang == "en"
    at_terminal = sys.stderr.isatty()
    line_open = [False]  # a progress line written with no end yet
    # A first sync with --server may make the profile (a new laptop: the server knows the user);
    # with no server named, it syncs an existing profile with the one it remembers.
    with (creating_workspace(args) if args.server else open_workspace(args)) as ws:
        def progress(stage: str, done: int, total: int | None) -> None:
            if stage == BUSY_STEP:  # said whether or not on a terminal: a script's log shows the wait
                busy = (f"The server is busy; retrying shortly (attempt {done + 1} of {total})." if en else
                        f"Il server è occupato, riprovo tra poco (tentativo {done + 1} di {total}).")
                print(f"{chr(13) if at_terminal else ''}{busy}", file=sys.stderr)
                line_open[0] = False
            elif at_terminal:
                words = _STAGES.get(stage.split(":", maxsplit=1)[0], ("Sincronizzazione", "Syncing"))
                print(f"\r{words[1] if en else words[0]} {done}{'/' + str(total) if total else ''}   ", end="",
                      file=sys.stderr)
                line_open[0] = True

        try:
            report = sync_now(ws, server=args.server, user=args.user, ask_password=asker(args.lang),
                              progress=progress)
        except NoProfileError as exc:  # the command it suggests names this profile as this one did
            raise NoProfileError(exc.user, _store_options(args)) from None
        finally:
            if line_open[0]:
                print(file=sys.stderr)  # the progress line ends before the summary, or an error
        print(report.summary(args.lang))
        for line in rejection_lines(ws, report.rejections[:SHOWN_REJECTIONS], args.lang):
            print(f"  {line}")
        for taken in report.taken[:SHOWN_REJECTIONS]:
            said = bundle_text.taken_text(taken["result"], args.lang)
            if said:
                print(f"  {'Conflict' if en else 'Conflitto'}: {said}")
        more = len(report.rejections) - SHOWN_REJECTIONS
        if more > 0:
            print(f"  … and {more} more (see Conflicts… in the desktop)." if en else
                  f"  … e altre {more} (vedi Conflitti… nel desktop).")
    return 0


def _store_options(args: argparse.Namespace) -> str:
    """The options that named the profile (``--profile NAME``, ``--db PATH``), as typed; "" for the default."""
    import shlex

    for option in ("profile", "db"):
        value = getattr(args, option, None)
        if value:
            return f"--{option} {shlex.quote(str(value))}"
    return ""


def asker(lang: str, purpose: str = "sync") -> AskPassword:
    """The password of a tutor's sync, import or revert, asked at the terminal in ``lang``, and
    only once the server has answered: one that cannot be reached is said so at once, with no
    question that could not help. Where no keyring keeps it, the person is told so before it is
    asked: every command asks it again. ``purpose`` is what ``PasswordNeededError`` says it was for."""

    def ask(target: SyncTarget) -> str:
        from tutor_app.services.sync import password_prompt, reach, remembers_passwords

        reach(target)
        if not sys.stdin.isatty():
            raise PasswordNeededError(target.user, target.key, purpose, no_terminal=True)
        if not remembers_passwords():
            print(words.say("password_not_kept", lang), file=sys.stderr)
        return getpass.getpass(f"{password_prompt(target.user, target.key, lang)}: ")

    return ask


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
    print(f"{info['projects']} projects, {info['meetings']} meetings, {info['action_items']} action items "
          f"({info['open_actions']} open), {info['permit_items']} permit items, {info['aftercare_notes']} aftercare "
          f"notes (deleted ones and those of deleted dossiers and meetings not counted)")
    print(f"{info['open_conflicts']} open conflicts, {info['devices']} devices, "
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


def cmd_watchdog(args: argparse.Namespace) -> int:
    import logging
    import signal
    import threading

    address, conn, secret = _admin_connection(args.server)
    conn.close()
    logging.getLogger(watchdog.log.name).setLevel(logging.INFO)
    if not args.verbose:  # a service tells its journal (stderr) what it ends, not only the log file
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        watchdog.log.addHandler(console)
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda _sig, _frame: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    watchdog.log.info("watching %s: ending users' sessions stuck for more than %g s, every %g s",
                      address, args.max_hold, args.interval)
    try:
        ended = watchdog.watch(lambda: connect(address, address.user, secret, application="tutor-app watchdog"),
                               address, max_hold_s=args.max_hold, interval_s=args.interval, once=args.once,
                               stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    watchdog.log.info("watchdog stopped: %d session(s) ended", ended)
    return 0
