"""Use cases of the conflicts inbox and of the pending-changes view, in the language of the domain.

A conflict reads "Riunione del 12/03/2026, campo Decisioni: la tua versione / l'altra versione";
resolving it is itself a synced edit (the chosen value, and the record marked resolved), so every
replica learns the outcome. Changes the server refused are listed too, with the user's values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.enums import ConflictKind, LabelledEnum
from tutor_app.domain.errors import NotFoundError, ValidationError
from tutor_app.domain.formatting import format_date, format_money
from tutor_app.domain.schema import Kind, parse_instant
from tutor_app.services.workspace import Workspace
from tutor_app.sync import bundle_text

TABLE_LABELS: dict[str, str] = {
    "tutors": "Tutor", "investors": "Investitore", "contacts": "Contatto", "projects": "Progetto",
    "phase_entries": "Fase", "meetings": "Riunione", "action_items": "Azione", "permit_items": "Titolo abilitativo",
    "aftercare_notes": "Nota aftercare", "assignments": "Assegnazione", "conflicts": "Conflitto",
}
FIELD_LABELS: dict[str, str] = {
    "title": "Titolo", "capex_cents": "Investimento stimato", "new_hires": "Nuove assunzioni",
    "status": "Stato", "description": "Descrizione", "municipality": "Comune", "province": "Provincia",
    "kind": "Tipo", "sector": "Settore", "function": "Funzione", "instruments": "Strumenti", "services": "Servizi",
    "zis": "ZIS", "zls": "ZLS", "investor_id": "Investitore", "name": "Nome", "country": "Paese",
    "website": "Sito web", "parent_group": "Gruppo", "email": "E-mail", "phone": "Telefono", "role": "Ruolo",
    "table": "Tavolo", "starts_at": "Data e ora", "place": "Luogo", "participants": "Partecipanti",
    "organisations": "Organizzazioni", "agenda": "Ordine del giorno", "minutes": "Verbale",
    "decisions": "Decisioni", "text": "Testo", "owner": "Responsabile", "due_on": "Scadenza", "done": "Fatto",
    "authority": "Ente competente", "submitted_on": "Data di presentazione", "expected_on": "Data prevista",
    "decided_on": "Data della decisione", "time_limit_days": "Termine (giorni)", "notes": "Note",
    "position": "Posizione", "noted_on": "Data", "topic": "Argomento", "follow_up_on": "Data di follow-up",
    "phase": "Fase", "entered_on": "Data di ingresso", "deleted": "Eliminato", "resolved": "Risolto",
}
REASONS: dict[str, str] = {
    "not_assigned": "il progetto non è più assegnato a te",
    "forbidden": "la modifica non è consentita al tuo ruolo",
    "immutable": "il campo non si può cambiare una volta impostato",
    "invalid": "un valore non è accettato dal server",
    "future_stamp": "l'orologio del computer era avanti",
    "forged_stamp": "la modifica non porta il timbro di questo dispositivo",
    "bad_revision": "la modifica si riferisce a una versione sconosciuta",
    "reused_id": "l'identificativo della modifica era già usato",
    "malformed": "la modifica è danneggiata",
}
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

    @property
    def headline(self) -> str:
        where = f"{self.subject}, campo {self.field_label}" if self.field else self.subject
        if self.bundle is not None:
            name = bundle_text.bundle_name(self.bundle)
            if self.kind is ConflictKind.REJECTED:
                return f"{where}: modifica non applicata, il suo identificativo era già usato da {name}"
            return f"{where}: {name} ha scritto un altro valore con lo stesso identificativo di questa modifica"
        if self.kind is ConflictKind.DELETE_EDIT:
            return f"{where}: eliminato mentre veniva modificato" + (f" ({self.edited})" if self.edited else "")
        if self.kind is ConflictKind.REJECTED:
            return f"{where}: modifica rifiutata ({REASONS.get(self.reason or '', self.reason or '')})"
        return f"{where}: la tua versione / l'altra versione"


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


def list_conflicts(ws: Workspace, include_resolved: bool = False) -> list[ConflictView]:
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
                subject=describe(conn, r["table_name"], r["row_id"]), field=r["field"],
                field_label=FIELD_LABELS.get(r["field"] or "", r["field"] or ""),
                mine=show(r["table_name"], r["field"], mine), theirs=show(r["table_name"], r["field"], theirs),
                mine_kept=mine_kept, kept_value=kept, lost_value=lost, kept_by=names.get(r["kept_by"]),
                lost_by=names.get(r["lost_by"]), reason=r["reason"], resolved=bool(r["resolved"]),
                edited=_edited_record(conn, r["kind"], r["table_name"], r["reason"]),
                bundle=bundle_text.reason_label(r["reason"])))
    return views


def _edited_record(conn: Any, kind: str, table: str, reason: str | None) -> str | None:
    """The record edited while its dossier was deleted: the server names it ``table:id`` in the
    reason of a delete-vs-edit record on the project (server revision 0004)."""
    if kind != ConflictKind.DELETE_EDIT.value or table != "projects" or not reason or ":" not in reason:
        return None
    child, row_id = reason.split(":", 1)
    return describe(conn, child, row_id) if child in schema.ENTITY_BY_TABLE else None


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
        entries = conn.execute(text("SELECT * FROM outbox ORDER BY seq")).mappings().all()
        for e in entries:
            fields = e["fields"] if isinstance(e["fields"], dict) else json.loads(e["fields"])
            subject = describe(conn, e["table_name"], e["row_id"])
            for name, value in fields.items():
                out.append(PendingChange(e["table_name"], e["row_id"], e["project_id"], subject, name,
                                         label_of(name), show(e["table_name"], name, value) or "",
                                         e["updated_at"], bool(e["in_flight"])))
    return out


def list_rejections(ws: Workspace) -> list[RejectionView]:
    with ws.store.read() as conn:
        rows = conn.execute(text("SELECT * FROM sync_rejections WHERE dismissed = 0 ORDER BY rejected_at DESC"))
        return [RejectionView(
            r["change_id"], describe(conn, r["table_name"], r["row_id"]), REASONS.get(r["reason"], r["reason"]),
            {label_of(k): show(r["table_name"], k, v) or ""
             for k, v in (r["fields"] if isinstance(r["fields"], dict) else json.loads(r["fields"])).items()},
            r["rejected_at"]) for r in rows.mappings()]


def dismiss_rejection(ws: Workspace, change_id: str) -> None:
    with ws.store.write() as w:
        w.conn.execute(text("UPDATE sync_rejections SET dismissed = 1 WHERE change_id = :c"), {"c": change_id})


def label_of(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " "))


def describe(conn: Any, table: str, row_id: str) -> str:
    """A record as people name it: "Riunione del 12/03/2026", "Progetto 2026-MRS-0042"."""
    label = TABLE_LABELS.get(table, table)
    if table not in schema.ENTITY_BY_TABLE:
        return label
    row = conn.execute(text(f"SELECT * FROM {table} WHERE id = :i"), {"i": row_id}).mappings().first()
    if row is None:
        return f"{label} (non più in questo profilo)"
    match table:
        case "projects":
            return f"Progetto {row['code']} «{row['title']}»"
        case "meetings":
            return f"Riunione del {format_date(parse_instant(row['starts_at']).date())}"
        case "aftercare_notes":
            return f"Nota aftercare del {format_date(date.fromisoformat(row['noted_on']))}"
        case "phase_entries":
            return f"Fase {show(table, 'phase', row['phase'])}"
        case "action_items" | "permit_items" | "investors" | "contacts" | "tutors":
            name = row["text"] if table == "action_items" else row["name"]
            return f"{label} «{_short(name)}»"
    return label


def show(table: str, field: str | None, value: Any) -> str | None:
    """A value as the UI shows it (labels of codes, dates day-first, euros)."""
    if value is None or field is None:
        return None if value is None else json.dumps(value, ensure_ascii=False)
    entity = schema.ENTITY_BY_TABLE.get(table)
    spec = entity.by_name.get(field) if entity else None
    if field == "deleted" or (spec and spec.kind is Kind.BOOL):
        return "sì" if value else "no"
    if spec is None:
        return str(value) if not isinstance(value, Mapping) else json.dumps(value, ensure_ascii=False)
    if spec.kind is Kind.CENTS:
        return format_money(int(value))
    if spec.kind is Kind.DATE:
        return format_date(date.fromisoformat(value))
    if spec.kind is Kind.INSTANT:
        return format_date(parse_instant(value).date()) + parse_instant(value).strftime(" %H:%M")
    if spec.kind is Kind.ENUM and spec.enum is not None:
        return _label(spec.enum, value)
    if spec.kind is Kind.ENUM_LIST and spec.enum is not None:
        enum = spec.enum
        return ", ".join(_label(enum, v) for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(enum: type[LabelledEnum], value: Any) -> str:
    try:
        return enum(value).label()
    except ValueError:
        return str(value)


def _decode(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
