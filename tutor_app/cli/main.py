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
from tutor_app.cli import report_commands, server_commands, store_commands
from tutor_app.cli.options import add_store_options
from tutor_app.domain.errors import TutorError

# Each module adds its sub-commands to the parser; order is the order of --help.
COMMAND_MODULES = (store_commands, report_commands, server_commands)

EXIT_KNOWN_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor-app",
        description="Tutor: offline-first dossiers of investment projects. "
                    "With no command, opens the desktop window.")
    parser.add_argument("--version", action="version", version=f"tutor-app {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the desktop window on a throw-away demo region")
    parser.add_argument("--self-test", action="store_true",
                        help="start the desktop app offscreen on a demo region, exercise it, and exit")
    add_store_options(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail to the console")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command is None:
            from tutor_app.cli.desktop import run_desktop

            return run_desktop(args)
        return int(args.func(args) or 0)
    except TutorError as exc:
        print(f"tutor-app: {exc}", file=sys.stderr)
        return EXIT_KNOWN_ERROR
    except KeyboardInterrupt:
        print("tutor-app: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `tutor-app list | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
