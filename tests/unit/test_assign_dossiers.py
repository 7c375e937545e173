"""A coordinator gives several dossiers to a tutor at once (services.dossiers.assign_dossiers)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.errors import ValidationError
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace

PROJECT = {"kind": "new_initiative", "sector": "manufacturing", "function": "production", "status": "active"}


def _followers(ws: Workspace, project_id: str) -> set[str]:
    with ws.store.read() as conn:
        return {r[0] for r in conn.execute(text(
            "SELECT t.name FROM assignments a JOIN tutors t ON t.id = a.tutor_id WHERE a.project_id = :p "
            "AND a.deleted = 0 AND a.role = 'project_tutor'"), {"p": project_id})}


def test_a_coordinator_assigns_several_dossiers_and_only_a_coordinator(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    investor = dossiers.create_investor(ws, name="Acme", country="DE")
    a, b, c = (dossiers.create_project(ws, investor_id=investor, title=t, with_checklist=False, **PROJECT)
               for t in "abc")
    with ws.store.write() as w:
        anna = w.create(schema.TUTORS, schema.TUTORS.validate(
            {"name": "Anna Bianchi", "role": "project_tutor", "initials": "AB"}, creating=True))
    with pytest.raises(ValidationError):  # a project tutor may not
        dossiers.assign_dossiers(ws, [a, b], anna)
    assert _followers(ws, a) == {"Mario Rossi"}
    with ws.store.write() as w:
        w.update(schema.TUTORS, ws.tutor_id or "", {"role": "coordinator"})
    assert dossiers.assign_dossiers(ws, [a, b], anna) == 2
    assert _followers(ws, a) == _followers(ws, b) == {"Mario Rossi", "Anna Bianchi"}
    assert _followers(ws, c) == {"Mario Rossi"}
    # Already hers: nothing new; removed earlier: back under its one id.
    with ws.store.write() as w:
        w.delete(schema.ASSIGNMENTS, schema.assignment_id(b, anna))
    assert dossiers.assign_dossiers(ws, [a, b, c], anna) == 2
    assert all("Anna Bianchi" in _followers(ws, p) for p in (a, b, c))
    with ws.store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM assignments WHERE tutor_id = :t"), {"t": anna}).scalar() == 3
