"""The edits of the soak run, as plain JSON-able operations applied through the services: the
same code in the run's own process and in an edit process started under a shifted clock
(``edit_worker.py``). Each edit types a token no one else types, so where it ended up (on the
server, in a conflict or rejection record, or typed over by someone who saw it) can be told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from tutor_app.domain.errors import TutorError
from tutor_app.services import aftercare, dossiers, meetings, permits
from tutor_app.services.workspace import Workspace

# The text fields typed into, per table (the fields whose every value can be accounted for).
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "projects": ("description", "municipality"),
    "meetings": ("minutes", "decisions"),
    "action_items": ("text", "owner"),
    "permit_items": ("notes", "authority"),
    "aftercare_notes": ("text",),
}
_UPDATE: dict[str, Callable[..., Any]] = {"projects": dossiers.update_project, "meetings": meetings.update_meeting,
           "action_items": meetings.update_action, "permit_items": permits.update_permit,
           "aftercare_notes": aftercare.update_note}
_DELETE: dict[str, Callable[..., Any]] = {"meetings": meetings.delete_meeting, "action_items": meetings.delete_action,
           "aftercare_notes": aftercare.delete_note, "projects": dossiers.delete_project}
MEETING_AT = "2026-11-20T15:00:00Z"


def perform(ws: Workspace, op: dict[str, Any]) -> list[dict[str, Any]]:
    """Apply one operation; the edits it made (table, row, field, value, the value on the user's
    screen before, and the outbox change that carries it). A refusal by the services (a row gone
    meanwhile, a rule) is a known error: nothing was written, the run notes it and goes on."""
    kind = op["kind"]
    made: list[tuple[str, str, str, Any]] = []
    before: dict[tuple[str, str, str], Any] = {}
    if kind == "type":
        table, row, field = op["table"], op["row"], op["field"]
        before[(table, row, field)] = _value(ws, table, row, field)
        _UPDATE[table](ws, row, **{field: op["token"]})
        made.append((table, row, field, op["token"]))
    elif kind == "delete":
        _DELETE[op["table"]](ws, op["row"])
        made.append((op["table"], op["row"], "deleted", True))
    elif kind == "meeting":
        actions = [{"text": f"{op['token']}-a{n}"} for n in range(op.get("actions", 0))]
        meeting = meetings.record_meeting(ws, op["project"], actions=actions, table="operational",
                                          starts_at=MEETING_AT, minutes=op["token"])
        made.append(("meetings", meeting, "minutes", op["token"]))
        made += [("action_items", row, "text", value) for row, value in _actions_of(ws, meeting)]
    elif kind == "action":
        row = meetings.add_action(ws, op["meeting"], text=op["token"])
        made.append(("action_items", row, "text", op["token"]))
    elif kind == "note":
        row = aftercare.add_note(ws, op["project"], topic="other", text=op["token"])
        made.append(("aftercare_notes", row, "text", op["token"]))
    elif kind == "project":
        investor = dossiers.create_investor(ws, name=f"Investor {op['token']}", country="DE", sector="manufacturing")
        row = dossiers.create_project(ws, investor_id=investor, title=f"Stabilimento {op['token']}",
                                      kind="new_initiative", sector="manufacturing", function="production",
                                      province=op["province"], description=op["token"])
        made.append(("projects", row, "description", op["token"]))
    else:
        raise ValueError(f"unknown operation {kind}")
    return [{"table": t, "row": r, "field": f, "value": v, "previous": before.get((t, r, f)),
             "change": _change_of(ws, t, r)} for t, r, f, v in made]


def try_perform(ws: Workspace, op: dict[str, Any]) -> dict[str, Any]:
    """``perform``, with a known refusal reported instead of raised."""
    try:
        return {"edits": perform(ws, op)}
    except TutorError as exc:
        return {"edits": [], "refused": f"{type(exc).__name__}: {exc}"}


def _value(ws: Workspace, table: str, row: str, field: str) -> Any:
    with ws.store.read() as conn:
        return conn.execute(text(f'SELECT "{field}" FROM {table} WHERE id = :r'), {"r": row}).scalar_one_or_none()


def _actions_of(ws: Workspace, meeting: str) -> list[tuple[str, str]]:
    with ws.store.read() as conn:
        return [(r, v) for r, v in conn.execute(
            text("SELECT id, text FROM action_items WHERE meeting_id = :m ORDER BY text"), {"m": meeting})]


def _change_of(ws: Workspace, table: str, row: str) -> str | None:
    with ws.store.read() as conn:
        return conn.execute(text("SELECT change_id FROM outbox WHERE table_name = :t AND row_id = :r "
                                 "ORDER BY seq DESC LIMIT 1"), {"t": table, "r": row}).scalar_one_or_none()
