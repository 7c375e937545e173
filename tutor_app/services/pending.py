"""The changes waiting to go up, in the language of the domain: by dossier, then record, then field
with its old and new value ("Dossier 2026-MRO-0042 «Fab Agrate» › Riunione del 12/03/2026 —
Tavolo tecnico › Luogo: Milano → Agrate Brianza").

Records and fields are named by ``services.record_words`` (the one table of those words); no
internal id, UUID or reference field ("project id", "meeting id") is ever shown: what a reference
says is already said by the dossier and the record it belongs to. The old value is the one the
outbox entry kept when the first waiting change was made (local schema 0005); a new record has
none, and entries queued before that upgrade show their new value only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tutor_app.domain import schema
from tutor_app.services.record_words import describe, dossier_name, label_of, show, word
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox

# Fields people never see as such: the bookkeeping, and the permit's catalogue code and order.
_HIDDEN = frozenset({"id", "permit_code", "position", "deleted", "created_at", "updated_at", "rev", "stamps"})

NEW, CHANGED, DELETED, RESTORED = "new", "changed", "deleted", "restored"


@dataclass(frozen=True, slots=True)
class PendingField:
    field: str
    label: str  # "Luogo"
    before: str | None  # as shown ("Milano"); None: unknown, or a new record
    after: str | None


@dataclass(slots=True)
class PendingRecord:
    table: str
    row_id: str
    subject: str  # "Riunione del 12/03/2026 — Tavolo tecnico"
    action: str  # NEW, CHANGED, DELETED or RESTORED
    since: str  # when the oldest waiting change was made (an instant)
    in_flight: bool  # being sent now
    fields: list[PendingField] = field(default_factory=list)


@dataclass(slots=True)
class PendingDossier:
    project_id: str | None
    name: str  # "Dossier 2026-MRO-0042 «Fab Agrate»"
    records: list[PendingRecord] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(max(1, len(r.fields)) for r in self.records)


def shown_field(table: str, name: str) -> bool:
    """A field people know by its value (not a reference to another record, not bookkeeping)."""
    if name in _HIDDEN:
        return False
    entity = schema.ENTITY_BY_TABLE.get(table)
    spec = entity.by_name.get(name) if entity else None
    return spec is None or spec.kind is not schema.Kind.REF


def _decoded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def pending_view(ws: Workspace, lang: str = "it") -> list[PendingDossier]:
    """Every waiting change, grouped by dossier (by name) and record (oldest change first)."""
    groups: dict[str | None, PendingDossier] = {}
    records: dict[tuple[str, str], PendingRecord] = {}
    with ws.store.read() as conn:
        for entry in outbox.entries_waiting(conn):
            table, row_id = entry["table_name"], entry["row_id"]
            fields = _decoded(entry["fields"]) or {}
            before = _decoded(entry.get("before"))
            project_id = entry["project_id"]
            group = groups.get(project_id)
            if group is None:
                name = dossier_name(conn, project_id, lang) if project_id else None
                group = groups[project_id] = PendingDossier(project_id, name or word("no_dossier", lang))
            record = records.get((table, row_id))
            if record is None:
                subject = (word("project_details", lang) if table == "projects" and project_id == row_id
                           else describe(conn, table, row_id, lang, detailed=True))
                created = int(entry["base_rev"]) == 0 and before is None
                record = records[(table, row_id)] = PendingRecord(
                    table, row_id, subject, NEW if created else CHANGED, entry["created_at"], bool(entry["in_flight"]))
                group.records.append(record)
            record.in_flight = record.in_flight or bool(entry["in_flight"])
            if "deleted" in fields and record.action != NEW:
                record.action = DELETED if fields["deleted"] else RESTORED
            known = {f.field: n for n, f in enumerate(record.fields)}
            for name, value in fields.items():
                if not shown_field(table, name) or (record.action == NEW and value in (None, "", [])):
                    continue  # a reference, bookkeeping, or a new record's empty field
                after = show(table, name, value, lang)
                if name in known:  # a later entry of the same record: the newest value, the oldest before
                    old = record.fields[known[name]]
                    record.fields[known[name]] = PendingField(name, old.label, old.before, after)
                    continue
                was = show(table, name, before[name], lang) if before and name in before else None
                if record.action != NEW and was == after:
                    continue  # changed and changed back
                record.fields.append(PendingField(name, label_of(name, lang), was, after))
    out = [g for g in groups.values() if g.records]
    out.sort(key=lambda g: (g.project_id is None, g.name))
    return out
