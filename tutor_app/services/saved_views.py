"""Saved views of the dossier list ("Titoli scaduti in MB"): a name for a search, facets, a sort
and a scope, kept in the profile (``store.state.SAVED_VIEWS``) so that they survive a restart.

No Qt here: the list page turns its widgets into a ``ListView`` and back. A view holds values
(a phase code, a province code, an authority's name), never widget positions, so a view saved
before a new tutor or country appeared in the facets still means the same thing. Names are
compared case-folded and without surrounding spaces: "titoli scaduti" and "Titoli scaduti " are
one view, so saving under a name that exists replaces that view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from tutor_app.domain.errors import TooLongError, ValidationError
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SAVED_VIEWS

MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class ListView:
    """What the dossier list shows: the search, each facet's value (None: any), the sort and the scope."""

    name: str
    text: str = ""
    phase: str | None = None
    sector: str | None = None
    status: str | None = None
    tutor: str | None = None
    province: str | None = None
    country: str | None = None
    authority: str | None = None
    overdue_only: bool = False
    sort: str = "code"  # a column key of the list (ui.models.dossier_list.COLUMN_KEYS)
    descending: bool = False
    scope: str | None = None  # domain.scope.Scope's value, None: the one last chosen

    def as_stored(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> ListView:
        """A stored view; keys this release does not know (from a newer one) are left out."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in stored.items() if k in known})


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("name", "a saved view needs a name")
    if len(cleaned) > MAX_NAME:
        raise TooLongError("name", len(cleaned), MAX_NAME)
    return cleaned


def saved_views(ws: Workspace) -> list[ListView]:
    """The profile's saved views, in the order they were first saved."""
    return [ListView.from_stored(v) for v in ws.store.state(SAVED_VIEWS) or []]


def find_view(ws: Workspace, name: str) -> ListView | None:
    return next((v for v in saved_views(ws) if _key(v.name) == _key(name)), None)


def save_view(ws: Workspace, view: ListView) -> ListView:
    """Keep ``view`` under its name: a new view goes last, one of the same name is replaced in place."""
    view = replace(view, name=_clean_name(view.name))
    with ws.store.write() as w:
        stored = [ListView.from_stored(v) for v in SAVED_VIEWS.get(w.conn) or []]
        at = next((n for n, v in enumerate(stored) if _key(v.name) == _key(view.name)), None)
        if at is None:
            stored.append(view)
        else:
            stored[at] = view
        SAVED_VIEWS.set(w.conn, [v.as_stored() for v in stored])
    return view


def rename_view(ws: Workspace, old: str, new: str) -> ListView:
    """Give a saved view another name (not one another view has)."""
    cleaned = _clean_name(new)
    with ws.store.write() as w:
        stored = [ListView.from_stored(v) for v in SAVED_VIEWS.get(w.conn) or []]
        at = next((n for n, v in enumerate(stored) if _key(v.name) == _key(old)), None)
        if at is None:
            raise ValidationError("name", f"there is no saved view named {old!r}")
        if any(_key(v.name) == _key(cleaned) for n, v in enumerate(stored) if n != at):
            raise ValidationError("name", f"a saved view named {cleaned!r} already exists")
        stored[at] = replace(stored[at], name=cleaned)
        SAVED_VIEWS.set(w.conn, [v.as_stored() for v in stored])
    return stored[at]


def delete_view(ws: Workspace, name: str) -> tuple[int, ListView] | None:
    """Forget a saved view; its place and itself are returned, for ``restore_view`` to undo it."""
    with ws.store.write() as w:
        stored = [ListView.from_stored(v) for v in SAVED_VIEWS.get(w.conn) or []]
        at = next((n for n, v in enumerate(stored) if _key(v.name) == _key(name)), None)
        if at is None:
            return None
        gone = stored.pop(at)
        SAVED_VIEWS.set(w.conn, [v.as_stored() for v in stored])
    return at, gone


def restore_view(ws: Workspace, position: int, view: ListView) -> ListView:
    """Undo ``delete_view``: the view back at its place. A view saved since under its name stays:
    the one restored takes the name with a number, "Milano (2)". Returns the view as restored."""
    with ws.store.write() as w:
        stored = [ListView.from_stored(s) for s in SAVED_VIEWS.get(w.conn) or []]
        taken = {_key(v.name) for v in stored}
        name, n = view.name, 1
        while _key(name) in taken:
            n += 1
            name = f"{view.name[:MAX_NAME - 5]} ({n})"
        restored = replace(view, name=name)
        stored.insert(min(position, len(stored)), restored)
        SAVED_VIEWS.set(w.conn, [v.as_stored() for v in stored])
    return restored
