"""Use cases on the permit checklist."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.enums import PermitStatus
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.permit_catalogue import CUSTOM_CODE, permit_type
from tutor_app.services.workspace import Workspace


def add_permit(ws: Workspace, project_id: str, permit_code: str, **values: Any) -> str:
    """Add a permit from the catalogue (its name, authority and time limit as defaults) or a custom one."""
    if permit_code != CUSTOM_CODE:
        known = permit_type(permit_code)
        values.setdefault("name", known.name_it)
        values.setdefault("authority", known.authority)
        values.setdefault("time_limit_days", known.time_limit_days)
    values.setdefault("status", PermitStatus.TO_DO)
    with ws.store.write() as w:
        w.current(schema.PROJECTS, project_id)
        last = w.conn.execute(text("SELECT max(position) FROM permit_items WHERE project_id = :p"),
                              {"p": project_id}).scalar_one()
        values.setdefault("position", (last or 0) + 1)
        fields = schema.PERMIT_ITEMS.validate(
            {**values, "project_id": project_id, "permit_code": permit_code}, creating=True)
        _check_dates(fields)
        return w.create(schema.PERMIT_ITEMS, fields)


def update_permit(ws: Workspace, permit_id: str, **values: Any) -> dict[str, Any]:
    """Change a permit item; marking it submitted without a date stamps today (the clock starts)."""
    fields = schema.PERMIT_ITEMS.validate(values, creating=False)
    with ws.store.write() as w:
        current = w.current(schema.PERMIT_ITEMS, permit_id)
        if fields.get("status") == PermitStatus.SUBMITTED and not current["submitted_on"] \
                and "submitted_on" not in fields:
            fields["submitted_on"] = ws.today().isoformat()
        _check_dates({**current, **fields})
        return w.update(schema.PERMIT_ITEMS, permit_id, fields)


def delete_permit(ws: Workspace, permit_id: str) -> None:
    with ws.store.write() as w:
        w.delete(schema.PERMIT_ITEMS, permit_id)


def _check_dates(row: dict[str, Any] | Any) -> None:
    submitted, decided = row.get("submitted_on"), row.get("decided_on")
    if submitted and decided and decided < submitted:
        raise ValidationError("decided_on", f"the decision date {decided} is before the filing ({submitted})")
