"""Merging duplicate investors (issue 14): one company made twice offline by different tutors.

A coordinator picks the records (``candidates``: what each holds), keeps one, and
``merge_investors`` moves everything to it in one local transaction, as one change set
(``Writer.change_set``: the push sends it whole, in one server transaction): the dossiers name the
investor kept, the contacts are copied to it (a contact's investor never changes) and the old
ones tombstoned, and each other investor becomes a tombstone naming the one kept
(``merged_into``). The server keeps it so for whatever arrives later (a dossier made offline on
a duplicate is stored with the investor kept: db/server/definitions/72_investor_merge.sql) and
refuses a merge from anyone but a coordinator; here the same rule is checked first.

``undo_merge`` takes a merge back as another change set (the dossiers and contacts return, the
duplicates live again), before or after a sync; dossiers made on the investor kept since then
stay with it. Qt-free.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from tutor_app.domain import schema
from tutor_app.domain.enums import Role
from tutor_app.domain.errors import MergeTooLargeError, PermissionDeniedError, ValidationError
from tutor_app.services.workspace import Workspace
from tutor_app.sync.push import SERVER_MOST_CHANGES

_CONTACT_FIELDS = tuple(f.name for f in schema.CONTACTS.fields if f.name != "investor_id")
# A merge is one change set, which goes up in one push: it must fit the server's bound, with room
# to spare in bytes (contacts at their longest: tests/unit/test_investor_merge_size.py). A larger
# one would be refused at every sync, and the outbox would never empty.
MOST_CHANGES = SERVER_MOST_CHANGES * 3 // 4


@dataclass(frozen=True, slots=True)
class Candidate:
    """An investor as the merge dialog shows it: its words and what it holds in this profile."""

    id: str
    name: str
    country: str
    vat_number: str | None
    sector: str | None
    contacts: int
    dossiers: int


@dataclass(frozen=True, slots=True)
class Merge:
    """What one merge moved, so that it can be taken back (``undo_merge``)."""

    kept: str
    merged: tuple[str, ...]
    dossiers: tuple[tuple[str, str], ...]           # (dossier, the investor it named)
    contacts: tuple[tuple[str, str], ...]           # (old contact, its copy on the investor kept)


def may_merge(ws: Workspace) -> bool:
    """Only a coordinator merges investors (DESIGN §6; the server checks it again)."""
    tutor = ws.tutor_id
    if tutor is None:
        return False
    with ws.store.read() as conn:
        role = conn.execute(text("SELECT role FROM tutors WHERE id = :i"), {"i": tutor}).scalar()
    return role == Role.COORDINATOR.value


def candidates(ws: Workspace, investor_ids: Sequence[str]) -> list[Candidate]:
    """The investors picked, in the order given, each with its contacts and dossiers counted."""
    with ws.store.read() as conn:
        rows = {str(r.id): r for r in conn.execute(text(
            "SELECT i.id, i.name, i.country, i.vat_number, i.sector, "
            "(SELECT count(*) FROM contacts c WHERE c.investor_id = i.id AND c.deleted = 0) AS contacts, "
            "(SELECT count(*) FROM projects p WHERE p.investor_id = i.id AND p.deleted = 0) AS dossiers "
            "FROM investors i WHERE i.deleted = 0 AND i.id IN (SELECT value FROM json_each(:ids))"),
            {"ids": _json_list(investor_ids)})}
    return [Candidate(r.id, r.name, r.country, r.vat_number, r.sector, int(r.contacts), int(r.dossiers))
            for i in investor_ids if (r := rows.get(i)) is not None]


def merge_investors(ws: Workspace, keep_id: str, others: Sequence[str]) -> Merge:
    """Merge ``others`` into ``keep_id`` in one transaction and one change set; returns what moved."""
    others = tuple(dict.fromkeys(o for o in others if o != keep_id))
    if not others:
        raise ValidationError("investors", "pick at least two investors to merge")
    if not may_merge(ws):
        raise PermissionDeniedError("merge")
    moved: list[tuple[str, str]] = []
    copied: list[tuple[str, str]] = []
    with ws.store.write() as w, w.change_set():
        kept = w.current(schema.INVESTORS, keep_id)
        if kept["deleted"]:
            raise ValidationError("investors", f"the investor «{kept['name']}» to keep is deleted")
        for other in others:
            row = w.current(schema.INVESTORS, other)
            if row["deleted"]:
                raise ValidationError("investors", f"the investor «{row['name']}» is already deleted or merged")
        ids = _json_list(others)
        _check_size(w.conn, ids, len(others))
        # Every dossier, deleted ones too: one restored later names the investor kept.
        for pid, old in w.conn.execute(text(
                "SELECT id, investor_id FROM projects WHERE investor_id IN (SELECT value FROM json_each(:ids)) "
                "ORDER BY id"), {"ids": ids}).all():
            w.update(schema.PROJECTS, pid, {"investor_id": keep_id})
            moved.append((str(pid), str(old)))
        for cid in w.conn.execute(text(
                "SELECT id FROM contacts WHERE deleted = 0 AND investor_id IN (SELECT value FROM json_each(:ids)) "
                "ORDER BY id"), {"ids": ids}).scalars():
            contact = w.current(schema.CONTACTS, cid)
            copy = w.create(schema.CONTACTS, {**{f: contact[f] for f in _CONTACT_FIELDS}, "investor_id": keep_id})
            w.delete(schema.CONTACTS, cid)
            copied.append((str(cid), copy))
        for other in others:  # after the dossiers: the server refuses to bury an investor in use
            w.update(schema.INVESTORS, other, {"merged_into": keep_id, "deleted": True})
    return Merge(keep_id, others, tuple(moved), tuple(copied))


def undo_merge(ws: Workspace, merge: Merge) -> None:
    """Take a merge back, as one change set: the duplicates live again, unmerged, and the dossiers
    and contacts moved return to them (a dossier moved since by someone else stays where it is)."""
    if not may_merge(ws):
        raise PermissionDeniedError("merge")
    with ws.store.write() as w, w.change_set():
        for other in merge.merged:  # first: a dossier must never name a tombstone on the server
            w.update(schema.INVESTORS, other, {"merged_into": None, "deleted": False})
        for pid, old in merge.dossiers:
            if w.current(schema.PROJECTS, pid)["investor_id"] == merge.kept:
                w.update(schema.PROJECTS, pid, {"investor_id": old})
        for old_contact, copy in merge.contacts:
            w.update(schema.CONTACTS, old_contact, {"deleted": False})
            w.delete(schema.CONTACTS, copy)


def _check_size(conn: Connection, ids: str, investors: int) -> None:
    """Refuse a merge larger than one push (MOST_CHANGES) before anything is written. It counts what
    the change set will hold: every dossier moved, the deleted ones too (``merge_investors`` moves
    them so that one restored names the investor kept), a contact's copy and its tombstone, and the
    investors buried."""
    dossiers, deleted, contacts = conn.execute(text(
        "SELECT (SELECT count(*) FROM projects WHERE investor_id IN (SELECT value FROM json_each(:ids))), "
        "(SELECT count(*) FROM projects WHERE deleted = 1 AND investor_id IN (SELECT value FROM json_each(:ids))), "
        "(SELECT count(*) FROM contacts WHERE deleted = 0 AND investor_id IN (SELECT value FROM json_each(:ids)))"),
        {"ids": ids}).one()
    refused = MergeTooLargeError(dossiers=dossiers, deleted=deleted, contacts=contacts, investors=investors,
                                 limit=MOST_CHANGES)
    if refused.changes > MOST_CHANGES:
        raise refused


def _json_list(ids: Sequence[str]) -> str:
    return json.dumps(list(ids))
