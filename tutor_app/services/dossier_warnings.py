"""What a tutor should know before editing a dossier: that another tutor follows it, and that
the local copy has not heard from the server for a while (DESIGN §8). Read-only, Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from tutor_app.domain.enums import Role
from tutor_app.services.sync_profile import is_demo, last_sync_at
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SERVER_URL, TUTOR_ID

STALE_AFTER_DAYS = 7  # a week without news from the server: the others' edits may be waiting there


@dataclass(frozen=True, slots=True)
class DossierWarnings:
    """``followed_by``: the dossier's project tutors when I am not one of them; ``stale_days``:
    days since the last sync, when this profile syncs and that is ``STALE_AFTER_DAYS`` or more."""

    followed_by: tuple[str, ...] = ()
    stale_days: int | None = None


def dossier_warnings(ws: Workspace, project_id: str) -> DossierWarnings:
    with ws.store.read() as conn:
        me = TUTOR_ID.get(conn)
        tutors = conn.execute(text(
            "SELECT t.id, t.name FROM assignments a JOIN tutors t ON t.id = a.tutor_id "
            "WHERE a.project_id = :p AND a.deleted = 0 AND a.role = :r ORDER BY t.name"),
            {"p": project_id, "r": Role.PROJECT_TUTOR.value}).all()
        syncs = bool(SERVER_URL.get(conn))
    followed_by = () if any(tid == me for tid, _name in tutors) else tuple(str(name) for _tid, name in tutors)
    stale_days = None
    last = last_sync_at(ws) if syncs and not is_demo(ws) else None
    if last is not None:
        days = (ws.today() - last.astimezone().date()).days
        stale_days = days if days >= STALE_AFTER_DAYS else None
    return DossierWarnings(followed_by, stale_days)
