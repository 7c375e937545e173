"""Use cases of the conflicts inbox and of the pending-changes view, in the language of the domain.

A conflict reads "Riunione del 12/03/2026, campo Decisioni: la tua versione / l'altra versione";
resolving it is itself a synced edit (the chosen value, and the record marked resolved), so every
replica learns the outcome. Changes the server refused are listed too, with the user's values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.enums import ConflictKind
from tutor_app.domain.errors import NotFoundError, ValidationError
from tutor_app.services.pending import shown_field
from tutor_app.services.record_words import (
    describe,
    dossier_name,
    dossier_of,
    label_of,
    name_of,
    reason_text,
    show,
)
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox
from tutor_app.sync import bundle_text

Choice = Literal["mine", "theirs", "merged"]


@dataclass(frozen=True, slots=True)
class ConflictView:
    """One record of the inbox, seen by the person who opens it."""

    id: str
    kind: ConflictKind
    project_id: str | None
    project_code: str | None
    subject: str            # "Riunione del 12/03/2026"
    field: str | None
    field_label: str        # "Decisioni"
    mine: str | None        # the viewer's version as shown ("la tua versione"), when it is theirs
    theirs: str | None      # the other version as shown
    mine_kept: bool         # whether the viewer's version is the one now in the record
    kept_value: Any
    lost_value: Any
    kept_by: str | None     # tutor names
    lost_by: str | None
    reason: str | None
    resolved: bool
    edited: str | None = None  # a dossier deleted while one of its records was edited: that record
    # The import of a bundle that had taken this change's id with other values (bundle_text's label).
    bundle: dict[str, Any] | None = None
    lang: str = "it"  # the language of the words above and of the headline

    @property
    def headline(self) -> str:
        """The inbox's title of the record, in the viewer's language."""
        lang = self.lang
        where = (_HEADLINES["field"][lang == "en"].format(subject=self.subject, field=self.field_label)
                 if self.field else self.subject)
        if self.bundle is not None:
            name = bundle_text.bundle_name(self.bundle, lang)
            key = "bundle_rejected" if self.kind is ConflictKind.REJECTED else "bundle_wrote"
            return _HEADLINES[key][lang == "en"].format(where=where, bundle=name)
        if self.kind is ConflictKind.DELETE_EDIT:
            return (_HEADLINES["deleted"][lang == "en"].format(where=where)
                    + (f" ({self.edited})" if self.edited else ""))
        if self.kind is ConflictKind.REJECTED:
            return _HEADLINES["rejected"][lang == "en"].format(
                where=where, reason=reason_text(self.reason, lang=lang))
        return _HEADLINES["versions"][lang == "en"].format(where=where)


# The inbox's headlines: key -> (Italian, English).
_HEADLINES: dict[str, tuple[str, str]] = {
    "field": ("{subject}, campo {field}", "{subject}, field {field}"),
    "bundle_rejected": ("{where}: modifica non applicata, il suo identificativo era già usato da {bundle}",
                        "{where}: change not applied, its identifier was already used by {bundle}"),
    "bundle_wrote": ("{where}: {bundle} ha scritto un altro valore con lo stesso identificativo di questa modifica",
                     "{where}: {bundle} wrote another value with the same identifier as this change"),
    "deleted": ("{where}: eliminato mentre veniva modificato", "{where}: deleted while it was being edited"),
    "rejected": ("{where}: modifica rifiutata ({reason})", "{where}: change refused ({reason})"),
    "versions": ("{where}: la tua versione / l'altra versione", "{where}: your version / the other version"),
}


@dataclass(frozen=True, slots=True)
class PendingChange:
    """One field of one record waiting to go up."""

    table: str
    row_id: str
    project_id: str | None
    subject: str
    field: str
    field_label: str
    value: str
    since: str
    in_flight: bool


@dataclass(frozen=True, slots=True)
class RejectionView:
    change_id: str
    subject: str
    reason: str
    values: dict[str, str]
    rejected_at: str


def list_conflicts(ws: Workspace, include_resolved: bool = False, lang: str = "it") -> list[ConflictView]:
    """The conflicts inbox, newest first, in ``lang`` (the record, the field, the values)."""
    me = ws.tutor_id
    with ws.store.read() as conn:
        rows = conn.execute(text(
            "SELECT c.*, p.code AS project_code FROM conflicts c LEFT JOIN projects p ON p.id = c.project_id "
            "WHERE c.deleted = 0" + ("" if include_resolved else " AND c.resolved = 0") +
            " ORDER BY c.created_at DESC")).mappings().all()
        names = {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM tutors"))}
        views = []
        for r in rows:
            kept, lost = _decode(r["kept_value"]), _decode(r["lost_value"])
            mine_kept = me is not None and r["kept_by"] == me and r["lost_by"] != me
            mine, theirs = (kept, lost) if mine_kept else (lost, kept)
            views.append(ConflictView(
                id=r["id"], kind=ConflictKind(r["kind"]), project_id=r["project_id"], project_code=r["project_code"],
                subject=describe(conn, r["table_name"], r["row_id"], lang), field=r["field"],
                field_label=label_of(r["field"], lang) if r["field"] else "",
                mine=show(r["table_name"], r["field"], mine, lang),
                theirs=show(r["table_name"], r["field"], theirs, lang),
                mine_kept=mine_kept, kept_value=kept, lost_value=lost, kept_by=names.get(r["kept_by"]),
                lost_by=names.get(r["lost_by"]), reason=r["reason"], resolved=bool(r["resolved"]),
                edited=_edited_record(conn, r["kind"], r["table_name"], r["reason"], lang),
                bundle=bundle_text.reason_label(r["reason"]), lang=lang))
    return views


def _edited_record(conn: Any, kind: str, table: str, reason: str | None, lang: str = "it") -> str | None:
    """The record edited while its dossier was deleted: the server names it ``table:id`` in the
    reason of a delete-vs-edit record on the project (server revision 0004)."""
    if kind != ConflictKind.DELETE_EDIT.value or table != "projects" or not reason or ":" not in reason:
        return None
    child, row_id = reason.split(":", 1)
    return describe(conn, child, row_id, lang) if child in schema.ENTITY_BY_TABLE else None


def resolve_conflict(ws: Workspace, conflict_id: str, choice: Choice, merged: Any = None) -> None:
    """A field conflict: keep one version, or a merged text. The chosen value is a synced edit of
    the field, and the record is marked resolved (a synced edit too)."""
    view, record = _conflict(ws, conflict_id)
    if view.kind is not ConflictKind.FIELD or not record["field"]:
        raise ValidationError("choice", "this record is not about one field")
    mine = view.kept_value if view.mine_kept else view.lost_value
    other = view.lost_value if view.mine_kept else view.kept_value
    chosen = merged if choice == "merged" else mine if choice == "mine" else other
    entity = schema.ENTITY_BY_TABLE[record["table_name"]]
    name = record["field"]
    value = {"deleted": bool(chosen)} if name == "deleted" else entity.validate({name: chosen}, creating=False)
    with ws.store.write() as w:
        w.update(entity, record["row_id"], value)
        w.update(schema.CONFLICTS, conflict_id, {"resolved": True})


def resolve_deletion(ws: Workspace, conflict_id: str, restore: bool) -> None:
    """A delete against an edit: bring the record back (with the edits), or confirm the deletion."""
    view, record = _conflict(ws, conflict_id)
    if view.kind is not ConflictKind.DELETE_EDIT:
        raise ValidationError("choice", "this record is not about a deletion")
    with ws.store.write() as w:
        if restore:
            w.update(schema.ENTITY_BY_TABLE[record["table_name"]], record["row_id"], {"deleted": False})
        w.update(schema.CONFLICTS, conflict_id, {"resolved": True})


def acknowledge(ws: Workspace, conflict_id: str) -> None:
    """A refused change seen and dealt with: the record leaves everyone's inbox."""
    _conflict(ws, conflict_id)
    with ws.store.write() as w:
        w.update(schema.CONFLICTS, conflict_id, {"resolved": True})


def _conflict(ws: Workspace, conflict_id: str) -> tuple[ConflictView, Mapping[str, Any]]:
    view = next((c for c in list_conflicts(ws, include_resolved=True) if c.id == conflict_id), None)
    if view is None:
        raise NotFoundError(f"No conflict {conflict_id} in this profile.")
    with ws.store.read() as conn:
        record = conn.execute(text("SELECT table_name, row_id, field FROM conflicts WHERE id = :i"),
                              {"i": conflict_id}).mappings().one()
    return view, dict(record)


def pending_changes(ws: Workspace) -> list[PendingChange]:
    """What waits to go up, field by field, oldest first."""
    out: list[PendingChange] = []
    with ws.store.read() as conn:
        for e in outbox.entries_waiting(conn):
            fields = e["fields"] if isinstance(e["fields"], dict) else json.loads(e["fields"])
            subject = describe(conn, e["table_name"], e["row_id"])
            for name, value in fields.items():
                if not shown_field(e["table_name"], name):
                    continue  # an internal reference or bookkeeping: said by the record's name
                out.append(PendingChange(e["table_name"], e["row_id"], e["project_id"], subject, name,
                                         label_of(name), show(e["table_name"], name, value) or "",
                                         e["updated_at"], bool(e["in_flight"])))
    return out


def list_rejections(ws: Workspace, lang: str = "it") -> list[RejectionView]:
    """The changes the server refused, still to be seen: what, where and why, in ``lang``."""
    with ws.store.read() as conn:
        rows = conn.execute(text("SELECT * FROM sync_rejections WHERE dismissed = 0 ORDER BY rejected_at DESC"))
        views = []
        for r in rows.mappings():
            fields = r["fields"] if isinstance(r["fields"], dict) else json.loads(r["fields"])
            views.append(RejectionView(
                r["change_id"], rejection_subject(conn, r["table_name"], r["row_id"], r["project_id"], fields, lang),
                reason_text(r["reason"], r["detail"], r["table_name"], lang),
                {label_of(k, lang): show(r["table_name"], k, v, lang) or "" for k, v in fields.items()
                 if _shown_to_people(r["table_name"], k)},
                r["rejected_at"]))
        return views


def rejection_lines(ws: Workspace, rejections: Sequence[Mapping[str, Any]], lang: str = "it") -> list[str]:
    """One sentence per change a sync saw refused (``SyncReport.rejections``): the dossier, the
    record and why, in ``lang``. The record and its dossier are named as they were when the
    server refused the change (sync/push.py keeps their values): the sync may have removed them
    since (a creation the server never took, a dossier no longer assigned)."""
    lines = []
    with ws.store.read() as conn:
        for r in rejections:
            table = r["table"]
            record = r.get("record") or r.get("fields") or {}
            dossier = r.get("dossier")
            if table == "projects":
                subject = dossier_of(record, lang) or name_of(table, record, lang)
            else:
                where = (dossier_of(dossier, lang) if dossier else None) or dossier_name(
                    conn, r.get("project"), lang, fallback=_refused_project(conn, r.get("project")))
                what = name_of(table, record, lang, detailed=True)
                subject = f"{where}, {what}" if where else what
            reason = reason_text(r.get("reason"), r.get("detail"), table, lang)
            lines.append(f"Refused: {subject} — {reason}." if lang == "en" else f"Rifiutata: {subject} — {reason}.")
    return lines


def rejection_subject(conn: Any, table: str, row_id: str, project_id: str | None,
                      fields: Mapping[str, Any], lang: str = "it") -> str:
    """"Dossier 2026-MRO-0042 «Fab», Riunione del 12/03/2026 — Tavolo tecnico" for a refused change."""
    if table == "projects":
        return dossier_name(conn, row_id, lang, fallback=fields) or describe(conn, table, row_id, lang, fallback=fields)
    record = describe(conn, table, row_id, lang, detailed=True, fallback=fields)
    dossier = dossier_name(conn, project_id, lang, fallback=_refused_project(conn, project_id))
    return f"{dossier}, {record}" if dossier else record


def _refused_project(conn: Any, project_id: str | None) -> dict[str, Any] | None:
    """The values a refused dossier creation was sent with (its row is gone after the sync)."""
    if not project_id:
        return None
    row = conn.execute(text("SELECT fields FROM sync_rejections WHERE table_name = 'projects' AND row_id = :p "
                            "ORDER BY rejected_at DESC LIMIT 1"), {"p": project_id}).first()
    if row is None:
        return None
    return dict(row[0]) if isinstance(row[0], dict) else dict(json.loads(row[0]))


def _shown_to_people(table: str, field: str) -> bool:
    """A field people know by its value: not a reference to another record (an internal id,
    already said by the record's and dossier's names), nor the permit's catalogue code (its name
    is shown)."""
    entity = schema.ENTITY_BY_TABLE.get(table)
    spec = entity.by_name.get(field) if entity else None
    return field != "permit_code" and (spec is None or spec.kind is not schema.Kind.REF)


def dismiss_rejection(ws: Workspace, change_id: str) -> None:
    with ws.store.write() as w:
        w.conn.execute(text("UPDATE sync_rejections SET dismissed = 1 WHERE change_id = :c"), {"c": change_id})


def _decode(value: str | None) -> Any:
    return None if value is None else json.loads(value)
