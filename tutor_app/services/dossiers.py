"""Use cases on investors and projects: create, edit, advance the phase, list, open a dossier."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.codes import looks_like_code
from tutor_app.domain.enums import BusinessFunction, PermitStatus, Phase, ProjectKind, Role
from tutor_app.domain.errors import UnknownProjectError, ValidationError
from tutor_app.domain.ids import ID_RE
from tutor_app.domain.permit_catalogue import checklist_for
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox, queries
from tutor_app.store.state import TUTOR_ID
from tutor_app.store.writer import Writer

# -- investors -------------------------------------------------------------------------------

def create_investor(ws: Workspace, **values: Any) -> str:
    fields = schema.INVESTORS.validate(values, creating=True)
    with ws.store.write() as w:
        return w.create(schema.INVESTORS, fields)


def update_investor(ws: Workspace, investor_id: str, **values: Any) -> dict[str, Any]:
    fields = schema.INVESTORS.validate(values, creating=False)
    with ws.store.write() as w:
        return w.update(schema.INVESTORS, investor_id, fields)


def add_contact(ws: Workspace, investor_id: str, **values: Any) -> str:
    fields = schema.CONTACTS.validate({**values, "investor_id": investor_id}, creating=True)
    with ws.store.write() as w:
        w.current(schema.INVESTORS, investor_id)
        return w.create(schema.CONTACTS, fields)


def update_contact(ws: Workspace, contact_id: str, **values: Any) -> dict[str, Any]:
    fields = schema.CONTACTS.validate(values, creating=False)
    with ws.store.write() as w:
        return w.update(schema.CONTACTS, contact_id, fields)


def delete_contact(ws: Workspace, contact_id: str) -> None:
    with ws.store.write() as w:
        w.delete(schema.CONTACTS, contact_id)


# -- projects --------------------------------------------------------------------------------

def create_project(ws: Workspace, *, investor_id: str, phase: Phase | str = Phase.LEAD,
                   entered_on: date | None = None, with_checklist: bool = True, **values: Any) -> str:
    """A new dossier: the project, its first phase, its permit checklist, and me as its tutor."""
    with ws.store.write() as w:
        w.current(schema.INVESTORS, investor_id)
        return _create_project(ws, w, investor_id, phase, entered_on, with_checklist, values)


def _create_project(ws: Workspace, w: Writer, investor_id: str, phase: Phase | str, entered_on: date | None,
                    with_checklist: bool, values: dict[str, Any]) -> str:
    values.setdefault("status", "active")
    code = values.pop("code", None) or ws.next_project_code(w.conn)
    fields = schema.PROJECTS.validate({**values, "code": code, "investor_id": investor_id}, creating=True)
    return open_dossier(w, fields, Phase.parse(phase, "phase"), entered_on or ws.today(), TUTOR_ID.get(w.conn),
                        with_checklist=with_checklist)


def open_dossier(w: Writer, fields: dict[str, schema.Canonical], phase: Phase, entered_on: date,
                 tutor_id: str | None, *, project_id: str | None = None, with_checklist: bool = True) -> str:
    """Inside a write: the project row (validated ``fields``), its first phase, its permit checklist
    and its project tutor's assignment, as every new dossier has them (by hand or imported)."""
    project_id = w.create(schema.PROJECTS, fields, row_id=project_id)
    _enter_phase(w, project_id, phase, entered_on)
    if with_checklist:
        start_checklist(w, project_id, ProjectKind(str(fields["kind"])), BusinessFunction(str(fields["function"])))
    if tutor_id:
        assign(w, project_id, tutor_id)
    return project_id


def assign(w: Writer, project_id: str, tutor_id: str, role: Role = Role.PROJECT_TUTOR) -> str:
    """Inside a write: the assignment of a tutor to a dossier (its one id: ``schema.assignment_id``)."""
    return w.create(schema.ASSIGNMENTS, schema.ASSIGNMENTS.validate(
        {"project_id": project_id, "tutor_id": tutor_id, "role": role}, creating=True),
        row_id=schema.assignment_id(project_id, tutor_id))


def ensure_assigned(w: Writer, project_id: str, tutor_id: str) -> bool:
    """Inside a write: the tutor follows the dossier as its project tutor (an assignment removed
    earlier comes back, keeping its one id); False when it already did."""
    row_id = schema.assignment_id(project_id, tutor_id)
    existing = w.conn.execute(text("SELECT deleted FROM assignments WHERE id = :i"), {"i": row_id}).first()
    if existing is None:
        assign(w, project_id, tutor_id, Role.PROJECT_TUTOR)
        return True
    if existing[0]:
        w.update(schema.ASSIGNMENTS, row_id, {"deleted": False})
        return True
    return False


def assign_dossiers(ws: Workspace, project_ids: Sequence[str], tutor_id: str) -> int:
    """A coordinator gives several dossiers to a tutor (one local transaction; the server checks
    the role again when it syncs). Returns how many were not already the tutor's."""
    from tutor_app.services.scope import viewer

    with ws.store.write() as w:
        if viewer(w.conn).role != Role.COORDINATOR:
            raise ValidationError("tutor_id", "only a coordinator assigns dossiers to tutors")
        w.current(schema.TUTORS, tutor_id)
        added = 0
        for project_id in project_ids:
            w.current(schema.PROJECTS, project_id)
            added += ensure_assigned(w, project_id, tutor_id)
        return added


def enter_phase(w: Writer, project_id: str, phase: Phase, on: date) -> str:
    """Inside a write: the project enters a phase (checked by the caller, as ``advance_phase`` does)."""
    return _enter_phase(w, project_id, phase, on)


@dataclass(frozen=True, slots=True)
class NewInvestor:
    """An investor made together with its first dossier: its fields and its contacts' fields."""

    values: Mapping[str, Any]
    contacts: tuple[Mapping[str, Any], ...] = ()


def check_new_investor(investor: NewInvestor) -> None:
    """Validate a new investor and its contacts before anything is written. A refused value is a
    ``ValidationError`` whose field says where it is: ``investor.name``, ``contacts.0.email``."""
    _new_investor_fields(investor)


def _new_investor_fields(investor: NewInvestor) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        fields = schema.INVESTORS.validate(investor.values, creating=True)
    except ValidationError as exc:
        raise ValidationError(f"investor.{exc.field}", exc.message) from None
    contacts = []
    for n, contact in enumerate(investor.contacts):
        try:
            # checked with a stand-in parent id: the investor's is made only when the dossier is
            contacts.append(schema.CONTACTS.validate({**contact, "investor_id": _NO_ID}, creating=True))
        except ValidationError as exc:
            raise ValidationError(f"contacts.{n}.{exc.field}", exc.message) from None
    return fields, contacts


_NO_ID = "00000000-0000-0000-0000-000000000000"


def create_dossier(ws: Workspace, *, investor: str | NewInvestor, phase: Phase | str = Phase.LEAD,
                   entered_on: date | None = None, **values: Any) -> str:
    """A dossier as the desktop makes it, in one transaction: for an existing investor (its id) or a
    new one with its contacts, the project with its first phase, its checklist and me as its tutor.
    A refused value writes nothing (the investor's fields are named ``investor.*``, see
    ``check_new_investor``)."""
    new = investor if isinstance(investor, NewInvestor) else None
    checked = _new_investor_fields(new) if new is not None else None
    with ws.store.write() as w:
        if checked is None:
            assert isinstance(investor, str)
            investor_id = investor
            w.current(schema.INVESTORS, investor_id)
        else:
            investor_id = _write_new_investor(w, *checked)
        return _create_project(ws, w, investor_id, phase, entered_on, True, dict(values))


def create_new_investor(ws: Workspace, investor: NewInvestor) -> str:
    """An investor with its contacts and no dossier yet (File ▸ New investor…), in one
    transaction; a refused value writes nothing (named as ``check_new_investor`` names it)."""
    checked = _new_investor_fields(investor)
    with ws.store.write() as w:
        return _write_new_investor(w, *checked)


def _write_new_investor(w: Writer, fields: dict[str, Any], contacts: list[dict[str, Any]]) -> str:
    investor_id = w.create(schema.INVESTORS, fields)
    for contact in contacts:
        w.create(schema.CONTACTS, {**contact, "investor_id": investor_id})
    return investor_id


def start_checklist(w: Writer, project_id: str, kind: ProjectKind, function: BusinessFunction) -> list[str]:
    return [w.create(schema.PERMIT_ITEMS, {**item, "project_id": project_id})
            for item in _checklist_items(kind, function)]


@cache
def _checklist_items(kind: ProjectKind, function: BusinessFunction) -> tuple[dict[str, schema.Canonical], ...]:
    """The validated rows of a new checklist but their project (the same for every dossier of a kind
    and function: validated once)."""
    placeholder = "00000000-0000-4000-8000-000000000000"
    items = []
    for position, permit in enumerate(checklist_for(kind, function), start=1):
        values = schema.PERMIT_ITEMS.validate({
            "project_id": placeholder, "permit_code": permit.code, "name": permit.name_it,
            "authority": permit.authority, "status": PermitStatus.TO_DO,
            "time_limit_days": permit.time_limit_days, "position": position,
        }, creating=True)
        del values["project_id"]
        items.append(values)
    return tuple(items)


def update_project(ws: Workspace, project_id: str, **values: Any) -> dict[str, Any]:
    """Change some fields of a project; returns those that really changed."""
    fields = schema.PROJECTS.validate(values, creating=False)
    with ws.store.write() as w:
        if "investor_id" in fields:
            w.current(schema.INVESTORS, str(fields["investor_id"]))
        return w.update(schema.PROJECTS, project_id, fields)


def delete_project(ws: Workspace, project_id: str) -> None:
    """Tombstone a dossier (nothing is ever removed by a user action)."""
    with ws.store.write() as w:
        w.delete(schema.PROJECTS, project_id)


def advance_phase(ws: Workspace, project_id: str, phase: Phase | str, entered_on: date | None = None) -> str:
    """Record that the project entered a phase (the current phase is the latest entered)."""
    target = Phase.parse(phase, "phase")
    on = entered_on or ws.today()
    with ws.store.write() as w:
        w.current(schema.PROJECTS, project_id)
        history = w.conn.execute(text(
            "SELECT phase, entered_on FROM phase_entries WHERE project_id = :id AND deleted = 0"),
            {"id": project_id}).all()
        for existing, existing_on in history:
            if existing == target.value:
                raise ValidationError("phase", f"the project already entered {target.label()} on {existing_on}")
            if Phase(existing).order > target.order:
                raise ValidationError("phase", f"the project is already past {target.label()}")
            if existing_on > on.isoformat():
                raise ValidationError("entered_on", f"is before the date of an earlier phase ({existing_on})")
        return _enter_phase(w, project_id, target, on)


def _enter_phase(w: Writer, project_id: str, phase: Phase, on: date) -> str:
    return w.create(schema.PHASE_ENTRIES, schema.PHASE_ENTRIES.validate(
        {"project_id": project_id, "phase": phase, "entered_on": on}, creating=True))


def undo_phase(ws: Workspace, entry_id: str) -> None:
    with ws.store.write() as w:
        w.delete(schema.PHASE_ENTRIES, entry_id)


# -- reading ---------------------------------------------------------------------------------

def resolve_project(ws: Workspace, ref: str) -> str:
    """The project id for a code (``2026-MRS-0042``) or a UUID; UnknownProjectError otherwise."""
    key = ref.strip()
    with ws.store.read() as conn:
        if looks_like_code(key):
            found = conn.execute(text("SELECT id FROM projects WHERE code = :c AND deleted = 0"),
                                 {"c": key.upper()}).scalar_one_or_none()
        elif ID_RE.match(key.lower()):
            found = conn.execute(text("SELECT id FROM projects WHERE id = :i AND deleted = 0"),
                                 {"i": key.lower()}).scalar_one_or_none()
        else:
            raise UnknownProjectError(ref, "neither")
    if found is None:
        raise UnknownProjectError(ref)
    return str(found)


def list_dossiers(ws: Workspace) -> list[queries.DossierRow]:
    with ws.store.read() as conn:
        return queries.dossier_rows(conn, ws.today())


def get_dossier(ws: Workspace, project_id: str) -> queries.Dossier:
    with ws.store.read() as conn:
        dossier = queries.load_dossier(conn, project_id, ws.today())
    if dossier is None:
        raise UnknownProjectError(project_id, "id")
    return dossier


def investors(ws: Workspace) -> list[Mapping[str, Any]]:
    with ws.store.read() as conn:
        return [dict(r) for r in conn.execute(text(
            "SELECT id, name, country, sector FROM investors WHERE deleted = 0 ORDER BY name")).mappings()]


def pending_change_count(ws: Workspace) -> int:
    with ws.store.read() as conn:
        return outbox.waiting_count(conn)
