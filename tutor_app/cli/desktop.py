"""Opening the desktop window (the only CLI path that touches Qt, imported lazily)."""

from __future__ import annotations

import argparse
import sys


def run_desktop(args: argparse.Namespace) -> int:
    preload = None
    if not getattr(args, "demo", False) and not getattr(args, "self_test", False):
        # Open the profile and read the dossier list while Qt is being imported (see ui/startup.py).
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
