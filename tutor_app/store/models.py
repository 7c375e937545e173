"""The local schema as typed SQLAlchemy models.

Every synced table carries the same bookkeeping: a UUID made on the device, creation and
update instants, a tombstone flag, the server revision the row was last synced at, and the
HLC stamp of every field's last write. Values are stored in the canonical form of
``tutor_app.domain.schema`` (ISO text for dates and instants, integer cents, JSON lists), so
what SQLite holds is byte for byte what the server holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, MetaData, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """The bookkeeping columns of every synced row."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(27))
    updated_at: Mapped[str] = mapped_column(String(27))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    rev: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # {field: encoded HLC of its last write}; "*" covers the fields not listed (see store.writer)
    stamps: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


Date = String(10)
Instant = String(27)


class Tutor(Synced, Base):
    __tablename__ = "tutors"
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(20))
    initials: Mapped[str] = mapped_column(String(4))
    provinces: Mapped[list[str]] = mapped_column(JSON, default=list)


class Investor(Synced, Base):
    __tablename__ = "investors"
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str | None] = mapped_column(String(30))
    website: Mapped[str | None] = mapped_column(String(500))
    parent_group: Mapped[str | None] = mapped_column(String(300))
    # VAT number / tax code in canonical form (domain.vat); indexed: the import finds investors by it
    vat_number: Mapped[str | None] = mapped_column(String(30), index=True)
    # The investor a coordinator kept when merging this duplicate into it (local schema 0007)
    merged_into: Mapped[str | None] = mapped_column(String(36))


class Contact(Synced, Base):
    __tablename__ = "contacts"
    investor_id: Mapped[str] = mapped_column(ForeignKey("investors.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(50))


class Project(Synced, Base):
    __tablename__ = "projects"
    code: Mapped[str] = mapped_column(String(20), unique=True)
    investor_id: Mapped[str] = mapped_column(ForeignKey("investors.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    sector: Mapped[str] = mapped_column(String(30))
    function: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    capex_cents: Mapped[int | None] = mapped_column(Integer)
    new_hires: Mapped[int | None] = mapped_column(Integer)
    municipality: Mapped[str | None] = mapped_column(String(120))
    province: Mapped[str | None] = mapped_column(String(2))
    zis: Mapped[bool] = mapped_column(Boolean, default=False)
    zls: Mapped[bool] = mapped_column(Boolean, default=False)
    instruments: Mapped[list[str]] = mapped_column(JSON, default=list)
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)


class PhaseEntry(Synced, Base):
    __tablename__ = "phase_entries"
    # Covering: the dashboard's entries per quarter read a range of days of it, never the rows.
    # Led by the day: a read of one dossier's entries must find its own index the better (0009)
    __table_args__ = (Index("ix_phase_entries_day", "entered_on", "deleted", "phase", "project_id"),)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    phase: Mapped[str] = mapped_column(String(20))
    entered_on: Mapped[str] = mapped_column(Date)


class Meeting(Synced, Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_project_start", "project_id", "starts_at"),)
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"))
    table: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[str] = mapped_column(Instant)
    place: Mapped[str | None] = mapped_column(String(300))
    participants: Mapped[str | None] = mapped_column(Text)
    organisations: Mapped[str | None] = mapped_column(Text)
    agenda: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)


class ActionItem(Synced, Base):
    __tablename__ = "action_items"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    text: Mapped[str] = mapped_column(String(2000))
    owner: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[str | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class PermitItem(Synced, Base):
    __tablename__ = "permit_items"
    # ix_permit_items_running covers the dashboard's filed permits by authority and term, led by
    # the term as ix_phase_entries_day is by the day (0009)
    __table_args__ = (Index("ix_permit_items_due", "legal_due_on", "project_id"),
                      Index("ix_permit_items_running", "legal_due_on", "status", "deleted", "project_id",
                            "authority"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    permit_code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    authority: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(30))
    submitted_on: Mapped[str | None] = mapped_column(Date)
    expected_on: Mapped[str | None] = mapped_column(Date)
    decided_on: Mapped[str | None] = mapped_column(Date)
    time_limit_days: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int | None] = mapped_column(Integer)
    # Local only, never synced: the legal term's last day, kept so lists can sort and filter
    # on deadlines without recomputing the holiday calendar for 100,000 rows.
    legal_due_on: Mapped[str | None] = mapped_column(Date)


class AftercareNote(Synced, Base):
    __tablename__ = "aftercare_notes"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    noted_on: Mapped[str] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    follow_up_on: Mapped[str | None] = mapped_column(Date)


class Assignment(Synced, Base):
    __tablename__ = "assignments"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    tutor_id: Mapped[str] = mapped_column(ForeignKey("tutors.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class Conflict(Synced, Base):
    """A conflict or rejection record made by the server (see ``domain.schema.CONFLICTS``)."""

    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_project", "project_id", "resolved"),
                      Index("ix_conflicts_row", "table_name", "row_id"))
    project_id: Mapped[str | None] = mapped_column(String(36))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20))
    kept_value: Mapped[str | None] = mapped_column(Text)
    lost_value: Mapped[str | None] = mapped_column(Text)
    kept_stamp: Mapped[str | None] = mapped_column(String(80))
    lost_stamp: Mapped[str | None] = mapped_column(String(80))
    kept_by: Mapped[str | None] = mapped_column(String(36))
    lost_by: Mapped[str | None] = mapped_column(String(36))
    change_id: Mapped[str | None] = mapped_column(String(36))
    reason: Mapped[str | None] = mapped_column(String(300))
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class OutboxEntry(Base):
    """A change waiting to go up: the newest value and stamp of each changed field of one row.

    Unsent entries of the same row are combined (see ``store.writer``); an entry that a push
    has taken (``in_flight``) is never changed again, so a new edit opens a new entry.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_row", "table_name", "row_id"), Index("ix_outbox_project", "project_id"))
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    project_id: Mapped[str | None] = mapped_column(String(36))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    stamps: Mapped[dict[str, str]] = mapped_column(JSON)
    base_rev: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(Instant)
    updated_at: Mapped[str] = mapped_column(Instant)
    in_flight: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))
    # The fields' values before the first of the changes this entry holds (local schema 0005), for the
    # changes-waiting view; None for a new record and for entries queued before 0005. Never sent.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # The change set this entry belongs to (local schema 0007): entries of one set (an investors'
    # merge) go up in one push, one server transaction, never split between batches. Never sent.
    change_set: Mapped[str | None] = mapped_column(String(36), nullable=True)


class LocalState(Base):
    """Per-profile facts that never sync: device id, clock, counters, cursor, last sync (each key
    declared in ``store.state``)."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class ParkedRow(Base):
    """A pulled row whose parent has not arrived yet (DESIGN §5.4: a child waits for its parent)."""

    __tablename__ = "sync_parked"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class Rejection(Base):
    """A local change the server refused: the user's values, kept where the user can see them."""

    __tablename__ = "sync_rejections"
    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    project_id: Mapped[str | None] = mapped_column(String(36), index=True)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str | None] = mapped_column(Text)
    rejected_at: Mapped[str] = mapped_column(Instant)
    # The record's values and its dossier's code and title when the change was refused (0011):
    # what names them once the dossier has left the profile (no longer assigned).
    known: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class ProjectHash(Base):
    """The sanity hash of each local dossier as last computed (DESIGN §5.9), so an idle sync
    compares without reading every row."""

    __tablename__ = "sync_project_hashes"
    project_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    hash: Mapped[int] = mapped_column(Integer)


class ScopeHash(Base):
    """The XOR of the hashes of the dossiers held (one row), kept by triggers on
    ``sync_project_hashes`` and ``projects`` (local schema 0004): an idle sync reads this alone."""

    __tablename__ = "sync_scope_hash"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[int] = mapped_column(Integer)


class CalendarSent(Base):
    """An event as this profile last wrote it to a calendar file (``services.calendar_sent``, local
    schema 0010): what Outlook may hold under its UID, kept so that an export can still cancel it
    once its record is gone from the profile (a dossier taken from the tutor is purged) or out of
    the calendar, and never gives it a SEQUENCE lower than one already written. Never synced."""

    __tablename__ = "calendar_sent"
    uid: Mapped[str] = mapped_column(String(120), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(36))
    day: Mapped[str] = mapped_column(Date)  # the event's day (a meeting's in UTC): until when it matters
    sequence: Mapped[int] = mapped_column(Integer)
    cancelled: Mapped[bool] = mapped_column(Boolean)
    # Its dossier was in the calendar of mine when it was written: leaving it cancels the event.
    mine: Mapped[bool] = mapped_column(Boolean)
    event: Mapped[str] = mapped_column(Text)  # the VEVENT as written, its iCalendar text


SYNCED_MODELS: dict[str, type[Synced]] = {
    m.__tablename__: m
    for m in (Tutor, Investor, Contact, Project, PhaseEntry, Meeting, ActionItem, PermitItem,
              AftercareNote, Assignment, Conflict)
}
LOCAL_ONLY_COLUMNS = {"permit_items": ("legal_due_on",)}
BOOKKEEPING_COLUMNS = ("id", "created_at", "updated_at", "deleted", "rev", "stamps")
