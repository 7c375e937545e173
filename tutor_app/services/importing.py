"""The spreadsheet import as a use case (issue 14): a dry run first, always; then, once confirmed,
the whole file in one local transaction, as ordinary edits that sync like any other.

``preview`` runs the dry run (``importing.dryrun``) on a read snapshot of the profile and writes
nothing. ``write`` applies a plan: every new investor, every new dossier (project, first phase,
permit checklist, project tutor as any new dossier has them) and every update, through the
store's ``Writer`` (rows, field stamps, outbox) inside ``bulk_load`` (the dossier list is rebuilt
once at the end). A plan with wrong rows is refused whole (``ImportRowsError``) unless the user
chose to import only the valid rows. Cancel, at any point, writes nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.enums import Phase
from tutor_app.domain.errors import ImportCancelled, ImportRowsError, SpreadsheetError
from tutor_app.importing.dryrun import Cancel, Plan, Profile, Progress, dry_run
from tutor_app.services.dossiers import ensure_assigned, enter_phase, open_dossier
from tutor_app.services.workspace import Workspace
from tutor_app.store.bulk import bulk_load
from tutor_app.store.state import IMPORT_MAPPINGS, TUTOR_ID

log = logging.getLogger("tutor.importing")

_CANCEL_EVERY = 200


@dataclass(frozen=True, slots=True)
class WriteResult:
    investors_created: int
    investors_updated: int
    projects_created: int
    projects_updated: int
    rows_left_out: int  # wrong rows not imported (only with ``only_valid``)
    seconds: float


def preview(ws: Workspace, path: Path, *, mapping: str | None = None, overrides: Mapping[str, str] | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None,
            temp_dir: Path | None = None) -> Plan:
    """The dry run of a file against this profile: nothing is written. Close the plan when done."""
    saved = None
    if mapping:
        saved = mappings(ws).get(mapping)
        if saved is None:
            raise SpreadsheetError(path, "unknown_mapping", detail=mapping)
    with ws.store.read() as conn:
        importer = TUTOR_ID.get(conn)
        role = conn.execute(text("SELECT role FROM tutors WHERE id = :i"), {"i": importer}).scalar() \
            if importer else None
        return dry_run(conn, Path(path), Profile(importer, role, ws.today()), saved_mapping=saved,
                       overrides=overrides, progress=progress, cancel=cancel, temp_dir=temp_dir)


def write(ws: Workspace, plan: Plan, *, only_valid: bool = False, progress: Progress | None = None,
          cancel: Cancel | None = None) -> WriteResult:
    """Write a plan in one local transaction; all of it or nothing."""
    totals = plan.totals
    if totals.errors and not only_valid:
        raise ImportRowsError(plan.path, totals.errors)
    started = time.perf_counter()
    todo = totals.new_projects + totals.updated_projects + totals.unchanged
    done = created = updated = investors_new = investors_filled = 0
    filled: set[str] = set()
    with ws.store.write() as w, bulk_load(w.conn), w.batch():
        codes = iter(ws.mint_project_codes(w.conn, totals.new_projects))
        for item in plan.writes():
            investor_id = item["investor_id"]
            if item["creates_investor"]:
                values = schema.INVESTORS.validate(plan.new_investor(investor_id), creating=True)
                w.create(schema.INVESTORS, values, row_id=investor_id)
                investors_new += 1
            if investor_id not in filled:
                fill = plan.investor_fill(investor_id)
                if fill is not None:
                    filled.add(investor_id)
                    if w.update(schema.INVESTORS, investor_id, schema.INVESTORS.validate(fill, creating=False)):
                        investors_filled += 1
            if item["outcome"] == "new" and item["project_values"] is not None and item["project_id"]:
                _create(w, plan, item, next(codes))
                created += 1
            elif item["project_id"] and _update(w, item):
                updated += 1
            done += 1
            if done % _CANCEL_EVERY == 0:
                if cancel is not None and cancel():
                    raise ImportCancelled()  # the transaction rolls back: nothing is written
                if progress is not None:
                    progress(done, todo)
        if cancel is not None and cancel():
            raise ImportCancelled()
    if progress is not None:
        progress(todo, todo)
    seconds = time.perf_counter() - started
    log.info("imported %s: %d dossiers created, %d updated, %d investors created in %.1f s", plan.path,
             created, updated, investors_new, seconds)
    return WriteResult(investors_new, investors_filled, created, updated, totals.errors if only_valid else 0, seconds)


def _create(w: Any, plan: Plan, item: Mapping[str, Any], code: str) -> None:
    values = {**item["project_values"], "code": code, "investor_id": item["investor_id"]}
    fields = schema.PROJECTS.validate(values, creating=True)
    tutor = item["tutor_id"] or plan.importer
    open_dossier(w, fields, Phase(item["phase"]), date.fromisoformat(item["phase_date"]), tutor,
                 project_id=item["project_id"])


def _update(w: Any, item: Mapping[str, Any]) -> bool:
    project_id = item["project_id"]
    changed = bool(w.update(schema.PROJECTS, project_id,
                            schema.PROJECTS.validate(item["project_values"], creating=False)))
    if item["phase"]:
        enter_phase(w, project_id, Phase(item["phase"]), date.fromisoformat(item["phase_date"]))
        changed = True
    tutor = item["tutor_id"]
    if tutor:
        changed = ensure_assigned(w, project_id, tutor) or changed
    return changed


# -- mapping profiles -----------------------------------------------------------------------------

def mappings(ws: Workspace) -> dict[str, dict[str, str]]:
    """The named mapping profiles saved in this profile: {name: {field: column label}}."""
    return dict(ws.store.state(IMPORT_MAPPINGS) or {})


def save_mapping(ws: Workspace, name: str, columns: Mapping[str, str]) -> None:
    """Save (or replace) a named mapping profile: field -> the column label it is read from."""
    from tutor_app.importing.columns import FIELD_BY_KEY

    clean = name.strip()
    if not clean:
        raise SpreadsheetError("", "unknown_mapping", detail=name)
    unknown = sorted(set(columns) - set(FIELD_BY_KEY))
    if unknown:
        from tutor_app.domain.errors import ValidationError

        raise ValidationError("mapping", f"unknown fields: {', '.join(unknown)}")
    with ws.store.write() as w:
        saved = dict(IMPORT_MAPPINGS.get(w.conn) or {})
        saved[clean] = dict(columns)
        IMPORT_MAPPINGS.set(w.conn, saved)
