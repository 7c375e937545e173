"""What a record of the conflicts inbox says beyond one field's two versions, per kind, for
``services.conflicts``: a record deleted while edited (the edits field by field, the deletion as
who made it and when, whether it was brought back since) and a change the server refused (who made
it and why, said to whoever reads it; the record with its dossier; the values sent beside what the
record holds now; whether the reader can make it again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tutor_app.domain import schema
from tutor_app.domain.enums import ConflictKind
from tutor_app.services import record_values
from tutor_app.services.record_words import describe, dossier_name, name_of, reason_text, schema_select
from tutor_app.store import replica
from tutor_app.store.deleters import deleted_stamp

NOT_ASSIGNED = "not_assigned"  # the refusal of an edit of a dossier no longer assigned (DESIGN §5.5)


def deletion(conn: Any, r: Mapping[str, Any], me: str | None, names: Mapping[str, str], mine_kept: bool,
             edits: Any, lang: str) -> dict[str, Any]:
    """A record deleted while edited: the edits field by field (of the record the reason names,
    for a dossier's), the deletion as who made it and when; and whether it was restored since."""
    table, row_id = r["table_name"], r["row_id"]
    edited = _edited_place(r["kind"], table, r["reason"]) or (table, row_id)
    lines = record_values.value_lines(edited[0], edits, lang) if isinstance(edits, Mapping) else ""
    deleted = record_values.deletion_text(r["kept_stamp"], names.get(r["kept_by"]),
                                          me is not None and r["kept_by"] == me, lang)
    mine, theirs = (deleted, lines) if mine_kept else (lines, deleted)
    return {"mine": mine, "theirs": theirs, "restored": _restored_since(conn, table, row_id, r["kept_stamp"])}


def _restored_since(conn: Any, table: str, row_id: str, deletion: str | None) -> bool:
    """The record is live again by a write of ``deleted`` after the deletion the record is about
    (a dossier kept alive here only for edits still waiting to go up is not)."""
    if table not in schema.ENTITY_BY_TABLE:
        return False
    row = replica.load_rows(conn, table, [row_id]).get(row_id)
    if row is None or row["deleted"]:
        return False
    stamp = deleted_stamp(row.get("stamps"))
    return deletion is None or (stamp is not None and stamp.encode() > deletion)  # stamps sort as text


def refusal(conn: Any, r: Mapping[str, Any], me: str | None, names: Mapping[str, str], values: Any,
            lang: str) -> dict[str, Any]:
    """A change the server refused (someone's, or the viewer's own): who made it and why, the
    record with its dossier, the values sent beside what the record holds now."""
    table, row_id, project_id = r["table_name"], r["row_id"], r["project_id"]
    values = values if isinstance(values, Mapping) else {}
    known = schema.ENTITY_BY_TABLE.get(table) is not None
    row = replica.load_rows(conn, table, [row_id]).get(row_id) if known else None
    subject = (describe(conn, table, row_id, lang) if row is not None
               else name_of(table, values, lang))  # never here: named by the values it was sent with
    record = (describe(conn, table, row_id, lang, detailed=True) if row is not None
              else name_of(table, values, lang, detailed=True))
    dossier = dossier_name(conn, project_id, lang) if table != "projects" else None
    own = me is not None and r["lost_by"] == me  # the viewer's own change (their other laptop's)
    author = None if own else names.get(r["lost_by"])
    return {
        "subject": subject, "where": f"{dossier}, {record}" if dossier else subject,
        "mine": record_values.value_lines(table, values, lang),
        "theirs": (record_values.value_lines(table, row, lang, only=values) if row is not None
                   else record_values.never_applied(lang)),
        "other_by": author, "mine_by": author, "theirs_by": None, "ours": own,
        "refusal": reason_text(r["reason"], table=table, lang=lang, author=author, readers=not own),
        "appliable": r["reason"] == NOT_ASSIGNED and _appliable(conn, table, row, values, project_id),
    }


def _appliable(conn: Any, table: str, row: Mapping[str, Any] | None, values: Mapping[str, Any],
               project_id: str | None) -> bool:
    """A refused change whose values can be written now, as an edit of the viewer: its dossier is
    here and live, and so is the record (or, for a creation the server never took, the records
    it belongs to)."""
    entity = schema.ENTITY_BY_TABLE.get(table)
    if entity is None or table == "conflicts" or not values:
        return False
    if not _live(conn, "projects", project_id):
        return False
    if row is not None:
        return not row["deleted"]
    return record_values.is_creation(table, values) and all(
        _live(conn, f.ref, values.get(f.name)) for f in entity.fields if f.ref and f.ref != "projects")


def _live(conn: Any, table: str, row_id: Any) -> bool:
    if not isinstance(row_id, str) or table not in schema.ENTITY_BY_TABLE:
        return False
    found = conn.execute(schema_select(table), {"i": row_id}).mappings().first()
    return found is not None and not found["deleted"]


def _edited_place(kind: str, table: str, reason: str | None) -> tuple[str, str] | None:
    """The record edited while its dossier was deleted: the server names it ``table:id`` in the
    reason of a delete-vs-edit record on the project (server revision 0004)."""
    if kind != ConflictKind.DELETE_EDIT.value or table != "projects" or not reason or ":" not in reason:
        return None
    child, row_id = reason.split(":", 1)
    return (child, row_id) if child in schema.ENTITY_BY_TABLE else None


def edited_record(conn: Any, kind: str, table: str, reason: str | None, lang: str = "it") -> str | None:
    place = _edited_place(kind, table, reason)
    return describe(conn, place[0], place[1], lang) if place is not None else None
