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
from tutor_app.domain.errors import NotFoundError, RestoreBlockedError, ValidationError
from tutor_app.domain.inbox import Inbox
from tutor_app.services import conflict_words, record_values
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
from tutor_app.store import outbox, replica
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
    # Who is on the other side for the viewer: the other version's author, the one who deleted the
    # record or edited it, the author of a refused change (None: the viewer, or unknown).
    other_by: str | None = None
    mine_by: str | None = None    # whose ``mine`` is, whose ``theirs`` is (tutor names)
    theirs_by: str | None = None
    ours: bool = False            # the viewer made one of the two versions (then ``mine``)
    where: str | None = None      # a refused change's record with its dossier, for the headline
    refusal: str | None = None    # why it was refused, said to the viewer
    appliable: bool = False       # a refused change the viewer can make again, as their own edit
    restored: bool = False        # a record deleted while edited, brought back since

    @property
    def headline(self) -> str:
        """The inbox's title of the record, in the viewer's language."""
        lang = self.lang
        where = (_HEADLINES["field"][lang == "en"].format(subject=self.subject, field=self.field_label)
                 if self.field else self.where or self.subject)
        if self.bundle is not None:
            name = bundle_text.bundle_name(self.bundle, lang)
            key = "bundle_rejected" if self.kind is ConflictKind.REJECTED else "bundle_wrote"
            return _HEADLINES[key][lang == "en"].format(where=where, bundle=name)
        if self.kind is ConflictKind.DELETE_EDIT:
            return (_HEADLINES["deleted_restored" if self.restored else "deleted"][lang == "en"].format(where=where)
                    + (f" ({self.edited})" if self.edited else ""))
        if self.kind is ConflictKind.REJECTED:
            reason = self.refusal or reason_text(self.reason, lang=lang)
            if self.other_by:
                return _HEADLINES["rejected_by"][lang == "en"].format(where=where, author=self.other_by, reason=reason)
            return _HEADLINES["rejected"][lang == "en"].format(where=where, reason=reason)
        return _HEADLINES["versions"][lang == "en"].format(where=where)


# The inbox's headlines: key -> (Italian, English).
_HEADLINES: dict[str, tuple[str, str]] = {
    "field": ("{subject}, campo {field}", "{subject}, field {field}"),
    "bundle_rejected": ("{where}: modifica non applicata, il suo identificativo era già usato da {bundle}",
                        "{where}: change not applied, its identifier was already used by {bundle}"),
    "bundle_wrote": ("{where}: {bundle} ha scritto un altro valore con lo stesso identificativo di questa modifica",
                     "{where}: {bundle} wrote another value with the same identifier as this change"),
    "deleted": ("{where}: eliminato mentre veniva modificato", "{where}: deleted while it was being edited"),
    "deleted_restored": ("{where}: eliminato mentre veniva modificato, poi ripristinato",
                         "{where}: deleted while it was being edited, then restored"),
    "rejected": ("{where}: modifica rifiutata ({reason})", "{where}: change refused ({reason})"),
    "rejected_by": ("{where}: modifica di {author} rifiutata ({reason})",
                    "{where}: change by {author} refused ({reason})"),
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


# Open records: the inbox's first tab, and what ``inbox`` counts of it.
_LIVE = "deleted = 0"
_OPEN = _LIVE + " AND resolved = 0"
_OPEN_REFUSALS = "dismissed = 0"


def inbox(ws: Workspace) -> Inbox:
    """What the inbox asks the user to look at: its open records (``list_conflicts``) and the
    refused changes not yet dismissed (``list_rejections``), counted as those lists read them."""
    with ws.store.read() as conn:
        open_records = conn.execute(text(f"SELECT count(*) FROM conflicts WHERE {_OPEN}")).scalar_one()
        refused = conn.execute(text(f"SELECT count(*) FROM sync_rejections WHERE {_OPEN_REFUSALS}")).scalar_one()
    return Inbox(conflicts=int(open_records), refused=int(refused))


def list_conflicts(ws: Workspace, include_resolved: bool = False, lang: str = "it") -> list[ConflictView]:
    """The conflicts inbox, newest first, in ``lang`` (the record, the field, the values)."""
    me = ws.tutor_id
    with ws.store.read() as conn:
        rows = conn.execute(text(
            "SELECT c.*, p.code AS project_code FROM (SELECT * FROM conflicts WHERE "
            + (_LIVE if include_resolved else _OPEN) + ") c LEFT JOIN projects p ON p.id = c.project_id "
            "ORDER BY c.created_at DESC")).mappings().all()
        names = {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM tutors"))}
        return [_view(conn, dict(r), me, names, lang) for r in rows]


def _view(conn: Any, r: Mapping[str, Any], me: str | None, names: Mapping[str, str], lang: str) -> ConflictView:
    """One record as the viewer ``me`` reads it: the versions in people's words, field by field
    where a record is about more than one field (a deletion against edits, a refused change)."""
    kind, table = ConflictKind(r["kind"]), r["table_name"]
    kept, lost = _decode(r["kept_value"]), _decode(r["lost_value"])
    mine_kept = me is not None and r["kept_by"] == me and r["lost_by"] != me
    mine, theirs = (kept, lost) if mine_kept else (lost, kept)
    kept_by, lost_by = names.get(r["kept_by"]), names.get(r["lost_by"])
    mine_by, theirs_by = (kept_by, lost_by) if mine_kept else (lost_by, kept_by)
    words: dict[str, Any] = {
        "subject": describe(conn, table, r["row_id"], lang),
        "mine": show(table, r["field"], mine, lang), "theirs": show(table, r["field"], theirs, lang),
        "other_by": theirs_by, "mine_by": mine_by, "theirs_by": theirs_by,
        "ours": me is not None and me in (r["kept_by"], r["lost_by"])}
    if kind is ConflictKind.DELETE_EDIT:
        words.update(conflict_words.deletion(conn, r, me, names, mine_kept, lost, lang))
    elif kind is ConflictKind.REJECTED:
        words.update(conflict_words.refusal(conn, r, me, names, lost, lang))
    return ConflictView(
        id=r["id"], kind=kind, project_id=r["project_id"], project_code=r["project_code"],
        field=r["field"], field_label=label_of(r["field"], lang) if r["field"] else "",
        mine_kept=mine_kept, kept_value=kept, lost_value=lost, kept_by=kept_by, lost_by=lost_by,
        reason=r["reason"], resolved=bool(r["resolved"]),
        edited=conflict_words.edited_record(conn, r["kind"], table, r["reason"], lang),
        bundle=bundle_text.reason_label(r["reason"]), lang=lang, **words)


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
    """A delete against an edit: bring the record back (with the edits), or confirm the deletion.
    Either answers every open record about that deletion (a dossier deleted while two of its
    records were edited has one each): none is left asking about a record already back."""
    view, record = _conflict(ws, conflict_id)
    if view.kind is not ConflictKind.DELETE_EDIT:
        raise ValidationError("choice", "this record is not about a deletion")
    with ws.store.write() as w:
        if restore:
            w.update(schema.ENTITY_BY_TABLE[record["table_name"]], record["row_id"], {"deleted": False})
        same = w.conn.execute(text(
            f"SELECT id FROM conflicts WHERE {_OPEN} AND kind = :k AND table_name = :t AND row_id = :r"),
            {"k": ConflictKind.DELETE_EDIT.value, "t": record["table_name"], "r": record["row_id"]}).scalars().all()
        for record_id in {conflict_id, *same}:
            w.update(schema.CONFLICTS, record_id, {"resolved": True})


def apply_refused(ws: Workspace, conflict_id: str) -> None:
    """Make a change the server refused again, as the viewer's own edit: the values of someone's
    change refused because the dossier was no longer theirs (DESIGN §5.5), written by whoever now
    holds the dossier, and the record marked resolved (both synced). A record the server never
    took is created with the values it was sent with."""
    view, record = _conflict(ws, conflict_id)
    if view.kind is not ConflictKind.REJECTED or not view.appliable or not isinstance(view.lost_value, Mapping):
        raise ValidationError("choice", "this record holds no change that can be made again here")
    table, row_id = record["table_name"], record["row_id"]
    entity = schema.ENTITY_BY_TABLE[table]
    sent = dict(view.lost_value)
    deleted = sent.pop("deleted", None)
    with ws.store.write() as w:
        if replica.load_rows(w.conn, table, [row_id]):
            current = w.current(entity, row_id)
            # Only what the change sets: the fields that never change once set stay as they are.
            w.update(entity, row_id, entity.validate(
                {k: v for k, v in sent.items() if k in entity.by_name and not entity.by_name[k].immutable},
                creating=False))
            if deleted is True:
                w.delete(entity, row_id)
            elif deleted is False and current["deleted"]:
                w.update(entity, row_id, {"deleted": False})
        else:
            fields = entity.validate(sent, creating=True)
            _check_parents(w, entity, fields)
            w.create(entity, fields, row_id=row_id)  # the id the refused change gave it: nobody else has it
        w.update(schema.CONFLICTS, conflict_id, {"resolved": True})


def _check_parents(w: Any, entity: schema.Entity, fields: Mapping[str, Any]) -> None:
    """The records a new record belongs to are here and live (they may have been deleted since
    the inbox was read): else the known error that says which one to restore first."""
    for f in entity.fields:
        if f.ref and fields.get(f.name):
            parent_entity = schema.ENTITY_BY_TABLE[f.ref]
            parent = w.current(parent_entity, str(fields[f.name]))
            if parent["deleted"]:
                raise RestoreBlockedError(_names(entity.table, fields), _names(f.ref, parent))


def _names(table: str, values: Mapping[str, Any]) -> dict[str, str]:
    return {lang: name_of(table, values, lang, detailed=True) for lang in ("it", "en")}


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
        rows = conn.execute(text(f"SELECT * FROM sync_rejections WHERE {_OPEN_REFUSALS} ORDER BY rejected_at DESC"))
        views = []
        for r in rows.mappings():
            fields = r["fields"] if isinstance(r["fields"], dict) else json.loads(r["fields"])
            known = r["known"] if isinstance(r["known"], dict) or r["known"] is None else json.loads(r["known"])
            views.append(RejectionView(
                r["change_id"],
                rejection_subject(conn, r["table_name"], r["row_id"], r["project_id"], fields, lang, known),
                reason_text(r["reason"], r["detail"], r["table_name"], lang),
                dict(record_values.value_pairs(r["table_name"], fields, lang)), r["rejected_at"]))
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
                      fields: Mapping[str, Any], lang: str = "it", known: Mapping[str, Any] | None = None) -> str:
    """"Dossier 2026-MRO-0042 «Fab», Riunione del 12/03/2026 — Tavolo tecnico" for a refused change.
    ``known``: the record's values and the dossier's code and title when the server refused it
    (``sync.push``), which name them once they have left the profile."""
    record_values_then = (known or {}).get("record") or fields
    dossier_then = (known or {}).get("dossier")
    if table == "projects":
        return (dossier_name(conn, row_id, lang, fallback=dossier_then or record_values_then)
                or describe(conn, table, row_id, lang, fallback=record_values_then))
    record = describe(conn, table, row_id, lang, detailed=True, fallback=record_values_then)
    dossier = dossier_name(conn, project_id, lang, fallback=dossier_then or _refused_project(conn, project_id))
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


def dismiss_rejection(ws: Workspace, change_id: str) -> None:
    with ws.store.write() as w:
        w.conn.execute(text("UPDATE sync_rejections SET dismissed = 1 WHERE change_id = :c"), {"c": change_id})


def _decode(value: str | None) -> Any:
    return None if value is None else json.loads(value)
