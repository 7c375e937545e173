"""``tutor-app``: one command line for the desktop app, the local store, reports and sync.

Vocabulary shared by every command: ``--profile NAME`` or ``--db PATH`` name the local store,
``--server URL`` names the shared database. Known errors print a sentence and exit 2; bugs
print a traceback and exit 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from tutor_app import __version__
from tutor_app.cli.options import add_store_options
from tutor_app.domain.errors import OfflineError, ServerBusyError, TutorError
from tutor_app.logfile import setup_command_line

EXIT_KNOWN_ERROR = 2


def _add_desktop_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true",
                        help="open the desktop window on a throw-away demo region")
    parser.add_argument("--self-test", action="store_true",
                        help="start the desktop app offscreen on a demo region, exercise it, and exit")
    parser.add_argument("--open-bundle", metavar="FILE", nargs="?",  # "%f" is empty from the menu
                        help="open the desktop window and import this offline bundle (.tutorbundle)")
    add_store_options(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail to the console")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line. The command modules are imported here, not at start-up: opening
    the window needs none of them (reports, sync and their libraries load when used)."""
    from tutor_app.cli import (
        bundle_commands,
        calendar_commands,
        export_commands,
        import_commands,
        report_commands,
        server_commands,
        store_commands,
    )

    parser = argparse.ArgumentParser(
        prog="tutor-app",
        description="Tutor: offline-first dossiers of investment projects. "
                    "With no command, opens the desktop window.")
    parser.add_argument("--version", action="version", version=f"tutor-app {__version__}")
    _add_desktop_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each module adds its sub-commands; their order is the order of --help.
    for module in (store_commands, import_commands, export_commands, report_commands, calendar_commands,
                   server_commands,
                   bundle_commands):
        module.register(sub)
    return parser


def desktop_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain desktop start (``tutor-app [--demo] [--profile NAME]``), or None
    when the command line names a sub-command or asks for help."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    parser = argparse.ArgumentParser(prog="tutor-app", add_help=False)
    _add_desktop_options(parser)
    try:
        args, extra = parser.parse_known_args(argv)
    except SystemExit:
        return None
    if extra:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = desktop_arguments(arguments) or build_parser().parse_args(arguments)
    if args.command is None:  # the desktop opens its own log file (ui/errors.py)
        logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                            format="%(levelname)s %(name)s: %(message)s")
    else:
        setup_command_line(args.verbose)
    try:
        if args.command is None:
            from tutor_app.cli.desktop import run_desktop

            return run_desktop(args)
        return int(args.func(args) or 0)
    except TutorError as exc:
        if isinstance(exc, OfflineError | ServerBusyError):  # the sentence leaves out the system's own words:
            logging.getLogger("tutor.cli").info("%s: %s", exc.code, exc)  # the log keeps them, for support
        print(f"tutor-app: {exc.text(getattr(args, 'lang', 'it'))}", file=sys.stderr)
        return EXIT_KNOWN_ERROR
    except KeyboardInterrupt:
        from tutor_app.cli import words

        print(f"tutor-app: {words.say('interrupted', getattr(args, 'lang', 'it'))}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `tutor-app list | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
