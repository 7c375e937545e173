"""Opening the desktop window (the only CLI path that touches Qt, imported lazily)."""

from __future__ import annotations

import argparse
import gc
import sys


def run_desktop(args: argparse.Namespace) -> int:
    # Start-up makes a few hundred thousand objects that all stay alive (Qt's wrappers, the rows
    # of the dossier list): the cyclic collector would walk them again and again for nothing.
    # The app switches it back on as soon as the window is up (ui/app.py), and at the latest here.
    gc.disable()
    try:
        preload = None
        if not getattr(args, "demo", False) and not getattr(args, "self_test", False):
            # Read the dossier list (or open the profile, when it needs more than reading) while
            # Qt is being imported (see ui/startup.py).
            from tutor_app.ui.startup import Preload

            preload = Preload(getattr(args, "profile", None), getattr(args, "db", None))
        try:
            from tutor_app.ui.app import run
        except ImportError as exc:
            if "tutor_app.ui.app" not in str(exc) and "cannot import name 'run'" not in str(exc):
                raise
            print(
                "tutor-app: the desktop window is not part of this build yet; use the sub-commands (tutor-app --help).",
                file=sys.stderr,
            )
            return 0
        return int(run(args, preload=preload))
    finally:
        gc.enable()
