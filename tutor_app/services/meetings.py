"""Use cases on the timeline: meetings of the working tables and their action items."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tutor_app.domain import schema
from tutor_app.domain.errors import ValidationError
from tutor_app.services.workspace import Workspace
from tutor_app.store.writer import Writer


def record_meeting(ws: Workspace, project_id: str, actions: Iterable[Mapping[str, Any]] = (),
                   **values: Any) -> str:
    """A meeting with its action items, all in one transaction."""
    fields = schema.MEETINGS.validate({**values, "project_id": project_id}, creating=True)
    with ws.store.write() as w:
        w.current(schema.PROJECTS, project_id)
        meeting_id = w.create(schema.MEETINGS, fields)
        for action in actions:
            _add_action(w, project_id, meeting_id, str(fields["starts_at"]), action)
        return meeting_id


def update_meeting(ws: Workspace, meeting_id: str, **values: Any) -> dict[str, Any]:
    fields = schema.MEETINGS.validate(values, creating=False)
    with ws.store.write() as w:
        changed = w.update(schema.MEETINGS, meeting_id, fields)
        if "starts_at" in changed:
            _check_actions_after(w, meeting_id, str(changed["starts_at"]))
        return changed


def delete_meeting(ws: Workspace, meeting_id: str) -> None:
    """Tombstone the meeting only: its action items stay as they are, hidden through it
    (``store.queries.LIVE_ACTION_ITEMS``), so that ``restore_meeting`` brings them back unchanged."""
    with ws.store.write() as w:
        w.delete(schema.MEETINGS, meeting_id)


def restore_meeting(ws: Workspace, meeting_id: str) -> None:
    """Bring a deleted meeting back, with its action items as they were (an ordinary synced edit)."""
    with ws.store.write() as w:
        w.update(schema.MEETINGS, meeting_id, {"deleted": False})


def add_action(ws: Workspace, meeting_id: str, **values: Any) -> str:
    with ws.store.write() as w:
        meeting = w.current(schema.MEETINGS, meeting_id)
        return _add_action(w, meeting["project_id"], meeting_id, meeting["starts_at"], values)


def update_action(ws: Workspace, action_id: str, **values: Any) -> dict[str, Any]:
    fields = schema.ACTION_ITEMS.validate(values, creating=False)
    with ws.store.write() as w:
        if fields.get("due_on"):
            meeting_id = w.current(schema.ACTION_ITEMS, action_id)["meeting_id"]
            _check_due(str(fields["due_on"]), w.current(schema.MEETINGS, meeting_id)["starts_at"])
        return w.update(schema.ACTION_ITEMS, action_id, fields)


def delete_action(ws: Workspace, action_id: str) -> None:
    with ws.store.write() as w:
        w.delete(schema.ACTION_ITEMS, action_id)


def _add_action(w: Writer, project_id: str, meeting_id: str, starts_at: str, values: Mapping[str, Any]) -> str:
    fields = schema.ACTION_ITEMS.validate(
        {**values, "project_id": project_id, "meeting_id": meeting_id}, creating=True)
    if fields["due_on"]:
        _check_due(str(fields["due_on"]), starts_at)
    return w.create(schema.ACTION_ITEMS, fields)


def _check_due(due_on: str, starts_at: str) -> None:
    meeting_day = schema.parse_instant(starts_at).date().isoformat()
    if due_on < meeting_day:
        raise ValidationError("due_on", f"the due date {due_on} is before the meeting ({meeting_day})")


def _check_actions_after(w: Writer, meeting_id: str, starts_at: str) -> None:
    from sqlalchemy import text

    for (due_on,) in w.conn.execute(text(
            "SELECT due_on FROM action_items WHERE meeting_id = :m AND deleted = 0 AND due_on IS NOT NULL"),
            {"m": meeting_id}):
        _check_due(due_on, starts_at)
