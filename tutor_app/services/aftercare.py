"""Use cases on aftercare notes."""

from __future__ import annotations

from typing import Any

from tutor_app.domain import schema
from tutor_app.domain.errors import ValidationError
from tutor_app.services.workspace import Workspace


def add_note(ws: Workspace, project_id: str, **values: Any) -> str:
    values.setdefault("noted_on", ws.today())
    fields = schema.AFTERCARE_NOTES.validate({**values, "project_id": project_id}, creating=True)
    _check_follow_up(fields)
    with ws.store.write() as w:
        w.current(schema.PROJECTS, project_id)
        return w.create(schema.AFTERCARE_NOTES, fields)


def update_note(ws: Workspace, note_id: str, **values: Any) -> dict[str, Any]:
    fields = schema.AFTERCARE_NOTES.validate(values, creating=False)
    with ws.store.write() as w:
        current = w.current(schema.AFTERCARE_NOTES, note_id)
        _check_follow_up({**current, **fields})
        return w.update(schema.AFTERCARE_NOTES, note_id, fields)


def delete_note(ws: Workspace, note_id: str) -> None:
    with ws.store.write() as w:
        w.delete(schema.AFTERCARE_NOTES, note_id)


def _check_follow_up(row: Any) -> None:
    if row.get("follow_up_on") and row["follow_up_on"] < row["noted_on"]:
        raise ValidationError("follow_up_on", f"the follow-up {row['follow_up_on']} is before the note's date")
