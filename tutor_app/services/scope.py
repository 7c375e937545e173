"""The profile's viewer (domain.scope) read from the local store, and the remembered scope."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import Connection, text

from tutor_app.domain.scope import Scope, Viewer
from tutor_app.services.home import my_project_ids
from tutor_app.services.workspace import Workspace
from tutor_app.store.dossier_list import DossierRow
from tutor_app.store.state import SCOPE, TUTOR_ID

R = TypeVar("R", bound=DossierRow)


def viewer(conn: Connection) -> Viewer:
    """The profile's user as the scope rule needs it (no tutor record: a viewer of the region)."""
    tutor_id = TUTOR_ID.get(conn)
    role: str | None = None
    provinces: frozenset[str] = frozenset()
    if tutor_id:
        found = conn.execute(
            text("SELECT role, provinces FROM tutors WHERE id = :t AND deleted = 0"), {"t": tutor_id}
        ).first()
        if found is not None:
            role = found[0]
            stored = found[1]
            values = json.loads(stored) if isinstance(stored, str) else (stored or [])
            provinces = frozenset(str(p) for p in values)
    return Viewer(tutor_id=tutor_id, role=role, provinces=provinces, assigned=my_project_ids(conn, tutor_id))


def current_scope(ws: Workspace) -> tuple[Viewer, Scope]:
    """The viewer and the scope it last chose (or its default)."""
    with ws.store.read() as conn:
        who = viewer(conn)
        return who, who.effective(SCOPE.get(conn))


def remember_scope(ws: Workspace, scope: Scope) -> None:
    with ws.store.write() as w:
        SCOPE.set(w.conn, scope.value)


def rows_in_scope(rows: Sequence[R], who: Viewer, scope: Scope) -> list[R]:
    """The dossier rows that count in the scope, in their order."""
    return [r for r in rows if who.includes(scope, r.id, r.province)]
