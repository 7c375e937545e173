"""Options every command shares: ``--profile NAME`` / ``--db PATH`` name the local store.

A command works on a store that exists (``open_workspace``): a profile or file that does not is
an error naming the profiles there are, and nothing is made. Only the commands that make a store
(``demo``, ``profile``, a first ``sync --server``) open it with ``creating_workspace``, which
removes a new store again when the command fails.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from tutor_app.domain.errors import ValidationError

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

    _check_profile_name(args)
    return Workspace.open(profile=getattr(args, "profile", None), db=getattr(args, "db", None), create=False)


def creating_workspace(args: argparse.Namespace) -> AbstractContextManager[Workspace]:
    """The store named by ``--db`` or ``--profile``, made when new, for a command that makes one;
    when the command fails, a store it made is removed again."""
    from tutor_app.services.workspace import Workspace

    _check_profile_name(args)
    return Workspace.creating(profile=getattr(args, "profile", None), db=getattr(args, "db", None))


def _check_profile_name(args: argparse.Namespace) -> None:
    """A ``--profile`` that cannot name a profile is refused by its option, as typed."""
    from tutor_app import paths

    profile = getattr(args, "profile", None)
    if profile is not None:
        with fields_as_options({"profile": "--profile"}):
            paths.profile_db_path(profile)


@contextmanager
def fields_as_options(names: Mapping[str, str]) -> Iterator[None]:
    """A value the core refuses, named as the user typed it: by its option (``email`` becomes
    ``--email``), or by nothing (``""``: an argument, which the sentence names by its value)."""
    try:
        yield
    except ValidationError as exc:
        if exc.field in names:
            exc.field = names[exc.field]
        raise
