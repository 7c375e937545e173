"""The recycle bin (Cestino): what was deleted, when and by whom, in people's words; restoring it;
and the deletes of this session, newest last, for the app-wide undo.

A delete is a tombstone (``store.writer``): nothing leaves the profile. The bin lists the
tombstones a person can bring back, and restoring one is an ordinary synced edit (``deleted``
false again), so every replica sees it back after a sync. A record hidden through a deleted
parent (the action items of a deleted meeting, everything of a deleted dossier: DESIGN §5) is not
listed on its own and never needs restoring: it comes back with its parent, as it was.

When a record was deleted is the stamp of its ``deleted`` field (domain.hlc: the deleting
device's clock, as the server kept it); by whom is that stamp's device: this one ("tu"), one the
server said belongs to a tutor (sync.owners, store.deleters), the server itself, or another device.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.enums import Phase
from tutor_app.domain.errors import NotFoundError, RestoreBlockedError, ValidationError
from tutor_app.services import aftercare, dossiers, meetings, permits
from tutor_app.services.record_words import dossier_of, name_of, person
from tutor_app.services.workspace import Workspace
from tutor_app.store.deleters import BIN_TABLES, SERVER_DEVICE, deleted_stamp
from tutor_app.store.state import DEVICE_OWNERS

# What a person deletes (store.deleters.BIN_TABLES), with the use case that deletes it (its own
# rules stay there).
DELETES: dict[str, Callable[[Workspace, str], None]] = {
    "projects": dossiers.delete_project,
    "meetings": meetings.delete_meeting,
    "action_items": meetings.delete_action,
    "permit_items": permits.delete_permit,
    "aftercare_notes": aftercare.delete_note,
    "contacts": dossiers.delete_contact,
    "phase_entries": dossiers.undo_phase,  # the Overview's "the project is not in this phase"
}

# The tombstones the bin lists: those whose parents are all live (anything else comes back with
# the parent). Contacts: of an investor one of this profile's live dossiers works with.
_LISTED: dict[str, str] = {
    "projects": "SELECT t.* FROM projects t WHERE t.deleted = 1",
    "meetings": "SELECT t.* FROM meetings t JOIN projects p ON p.id = t.project_id WHERE t.deleted = 1 "
                "AND p.deleted = 0",
    "action_items": "SELECT t.* FROM action_items t JOIN meetings m ON m.id = t.meeting_id "
                    "JOIN projects p ON p.id = t.project_id WHERE t.deleted = 1 AND m.deleted = 0 AND p.deleted = 0",
    "permit_items": "SELECT t.* FROM permit_items t JOIN projects p ON p.id = t.project_id WHERE t.deleted = 1 "
                    "AND p.deleted = 0",
    "aftercare_notes": "SELECT t.* FROM aftercare_notes t JOIN projects p ON p.id = t.project_id "
                       "WHERE t.deleted = 1 AND p.deleted = 0",
    "contacts": "SELECT t.* FROM contacts t JOIN investors i ON i.id = t.investor_id WHERE t.deleted = 1 "
                "AND i.deleted = 0 AND EXISTS (SELECT 1 FROM projects p WHERE p.investor_id = t.investor_id "
                "AND p.deleted = 0)",
    "phase_entries": "SELECT t.* FROM phase_entries t JOIN projects p ON p.id = t.project_id WHERE t.deleted = 1 "
                     "AND p.deleted = 0",
}
# A record's parents that must be live for it to come back (nearest first): (field, table).
_PARENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "meetings": (("project_id", "projects"),),
    "action_items": (("meeting_id", "meetings"), ("project_id", "projects")),
    "permit_items": (("project_id", "projects"),),
    "aftercare_notes": (("project_id", "projects"),),
    "contacts": (("investor_id", "investors"),),
    "projects": (("investor_id", "investors"),),
    "phase_entries": (("project_id", "projects"),),
}
LANGS = ("it", "en")
assert set(DELETES) == set(_LISTED) == set(BIN_TABLES)


@dataclass(frozen=True, slots=True)
class DeletedRecord:
    """A deleted record as the bin shows it: what ("Riunione del 12/03/2026 — Tavolo tecnico"),
    where ("Dossier 2026-MRO-0042 «Fab Agrate»", an investor for a contact), when, by whom."""

    table: str
    row_id: str
    project_id: str | None
    what: str
    where: str | None
    deleted_at: datetime | None  # UTC; None for a tombstone with no stamp of its own
    who: str                     # "tu", "Anna Bianchi", "il server", "un altro dispositivo"
    by_me: bool

    @property
    def id(self) -> str:
        return self.row_id


def delete(ws: Workspace, table: str, row_id: str, lang: str = "it") -> DeletedRecord:
    """Delete one record through its use case; returns it as the bin names it (for "Annulla")."""
    service = DELETES.get(table)
    if service is None:
        raise NotFoundError(f"Records of {table} are not deleted by people.")
    service(ws, row_id)
    return _describe(ws, table, row_id, lang)


def restore(ws: Workspace, table: str, row_id: str, lang: str = "it") -> DeletedRecord:
    """Bring a deleted record back (``deleted`` false: an ordinary synced edit), with whatever was
    hidden through it; RestoreBlockedError when it belongs to a record that is deleted too."""
    entity = _entity(table)
    with ws.store.write() as w:
        row = w.current(entity, row_id)
        for key, parent_table in _PARENTS.get(table, ()):
            parent = w.current(schema.ENTITY_BY_TABLE[parent_table], row[key])
            if parent["deleted"]:
                raise RestoreBlockedError(_names(table, row), _names(parent_table, parent))
        if table == "phase_entries" and row["deleted"]:
            _check_phase_comes_back(w, row)
        if row["deleted"]:
            w.update(entity, row_id, {"deleted": False})
    return _describe(ws, table, row_id, lang)


def _check_phase_comes_back(w: Any, row: Mapping[str, Any]) -> None:
    """A phase entry comes back only if the project has not entered that phase, or a later one,
    since (the rules of ``dossiers.advance_phase``): the phase history stays one line."""
    later = w.conn.execute(text(
        "SELECT phase FROM phase_entries WHERE project_id = :p AND deleted = 0 AND id != :i"),
        {"p": row["project_id"], "i": row["id"]}).scalars().all()
    phase = Phase(row["phase"])
    if any(Phase(p).order >= phase.order for p in later):
        raise ValidationError("phase", f"the project is already in {phase.label()} or past it again")


def list_deleted(ws: Workspace, lang: str = "it", limit: int = 1000) -> list[DeletedRecord]:
    """What the bin holds, the latest deletion first (at most ``limit`` records)."""
    found: list[DeletedRecord] = []
    with ws.store.read() as conn:
        who = _People(conn, ws, lang)
        for table, query in _LISTED.items():
            for row in conn.execute(text(query)).mappings():
                found.append(_record(conn, table, dict(row), who, lang))
    found.sort(key=lambda r: (r.deleted_at is not None, r.deleted_at or datetime.min.replace(tzinfo=UTC)),
               reverse=True)
    return found[:limit]


@dataclass(frozen=True, slots=True, eq=False)
class UndoStep:
    """Something other than a delete that the app-wide undo takes back in its turn (an investors'
    merge, a saved view deleted): the words the window shows for it, and how to take it back."""

    what: str                               # the menu's "Undo: …"
    done: str                               # the message after it, with its Undo link
    take_back: Callable[[Workspace], None]
    projects: tuple[str, ...] = ()          # the dossiers it changes (their pages are shown again)
    project_id: str | None = None
    table: str = ""                         # no record of a table


Undoable = DeletedRecord | UndoStep


class UndoHistory:
    """What this session did that the app-wide undo takes back, newest last, one by one: its
    deletes, and the steps the window records (``UndoStep``)."""

    def __init__(self, limit: int = 200) -> None:
        self._done: list[Undoable] = []
        self._limit = limit

    def __len__(self) -> int:
        return len(self._done)

    @property
    def last(self) -> Undoable | None:
        return self._done[-1] if self._done else None

    def record(self, done: Undoable) -> None:
        self._done.append(done)
        del self._done[:-self._limit]

    def forget(self, table: str, row_id: str) -> None:
        """The record came back another way (the bin, a conflict): nothing to undo for it."""
        self._done = [d for d in self._done
                      if not (isinstance(d, DeletedRecord) and (d.table, d.row_id) == (table, row_id))]

    def forget_step(self, step: UndoStep) -> None:
        """The step was taken back another way (its dialog's own undo button)."""
        self._done = [d for d in self._done if d is not step]

    def undo(self, ws: Workspace, lang: str = "it") -> Undoable | None:
        """Take back the latest (None when there is none). It leaves the history even when it
        cannot be taken back (the error says why): a delete is still in the bin, and a step that
        stayed would stand in front of every older one."""
        if not self._done:
            return None
        done = self._done.pop()
        if isinstance(done, UndoStep):
            done.take_back(ws)  # one that cannot be taken back leaves too: it would hide those before it
            return done
        return restore(ws, done.table, done.row_id, lang)


# -- words -------------------------------------------------------------------------------------

class _People:
    """Who deleted, from the device of the ``deleted`` stamp."""

    def __init__(self, conn: Any, ws: Workspace, lang: str) -> None:
        self.device = ws.store.device_id
        self.me = ws.tutor_id
        self.lang = lang
        self.owners = DEVICE_OWNERS.get(conn) or {}
        self.names = {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM tutors"))}

    def of(self, device: str | None) -> tuple[str, bool]:
        if device is None:
            return person("device", self.lang), False
        tutor = self.owners.get(device)
        if device == self.device or (tutor is not None and tutor == self.me):
            return person("me", self.lang), True
        if tutor is not None and tutor in self.names:
            return str(self.names[tutor]), False
        return person("server" if device == SERVER_DEVICE else "device", self.lang), False


def _describe(ws: Workspace, table: str, row_id: str, lang: str) -> DeletedRecord:
    with ws.store.read() as conn:
        row = dict(conn.execute(text(f"SELECT * FROM {_entity(table).table} WHERE id = :i"),
                                {"i": row_id}).mappings().one())
        return _record(conn, table, row, _People(conn, ws, lang), lang)


def _record(conn: Any, table: str, row: Mapping[str, Any], who: _People, lang: str) -> DeletedRecord:
    stamp = deleted_stamp(row["stamps"])
    by, mine = who.of(stamp.device if stamp else None)
    return DeletedRecord(
        table=table, row_id=str(row["id"]), project_id=_project_id(table, row),
        what=_what(table, row, lang), where=_where(conn, table, row, lang),
        deleted_at=datetime.fromtimestamp(stamp.ms / 1000, UTC) if stamp else None, who=by, by_me=mine)


def _names(table: str, row: Mapping[str, Any]) -> dict[str, str]:
    return {lang: _what(table, row, lang) for lang in LANGS}


def _what(table: str, row: Mapping[str, Any], lang: str) -> str:
    if table == "projects":
        return dossier_of(row, lang) or name_of(table, row, lang)
    return name_of(table, row, lang, detailed=True)


def _where(conn: Any, table: str, row: Mapping[str, Any], lang: str) -> str | None:
    if table == "projects":
        return None
    if table == "contacts":
        investor = conn.execute(text("SELECT name FROM investors WHERE id = :i"), {"i": row["investor_id"]}).mappings()
        found = investor.first()
        return name_of("investors", found, lang) if found else None
    project = conn.execute(text("SELECT code, title FROM projects WHERE id = :i"),
                           {"i": row["project_id"]}).mappings().first()
    return dossier_of(project, lang) if project else None


def _project_id(table: str, row: Mapping[str, Any]) -> str | None:
    if table == "projects":
        return str(row["id"])
    value = row.get("project_id")
    return str(value) if value else None


def _entity(table: str) -> schema.Entity:
    if table not in DELETES:
        raise NotFoundError(f"Records of {table} are not restored by people.")
    return schema.ENTITY_BY_TABLE[table]

