"""Options every command shares: ``--profile NAME`` / ``--db PATH`` name the local store."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor_app.services.workspace import Workspace


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """``--profile NAME`` / ``--db PATH``: which local store a command reads or writes."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS,
                       help="local profile to use (default: 'default')")
    group.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                       help="path of a local data file to use instead of a profile")


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by ``--db`` or ``--profile`` (given before or after the command)."""
    from tutor_app.services.workspace import Workspace

    return Workspace.open(profile=getattr(args, "profile", None), db=getattr(args, "db", None))
