"""Options every command shares: ``--profile NAME`` / ``--db PATH`` name the local store.

A command works on a store that exists (``open_workspace``): a profile or file that does not is
an error naming the profiles there are, and nothing is made. Only the commands that make a store
(``demo``, ``profile``, a first ``sync --server``) open it with ``creating_workspace``, which
removes a new store again when the command fails.
"""

from __future__ import annotations

import argparse
from contextlib import AbstractContextManager
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
    """The existing store named by ``--db`` or ``--profile`` (given before or after the command);
    ``UnknownProfileError`` when there is none, with nothing made."""
    from tutor_app.services.workspace import Workspace

    return Workspace.open(profile=getattr(args, "profile", None), db=getattr(args, "db", None), create=False)


def creating_workspace(args: argparse.Namespace) -> AbstractContextManager[Workspace]:
    """The store named by ``--db`` or ``--profile``, made when new, for a command that makes one;
    when the command fails, a store it made is removed again."""
    from tutor_app.services.workspace import Workspace

    return Workspace.creating(profile=getattr(args, "profile", None), db=getattr(args, "db", None))
