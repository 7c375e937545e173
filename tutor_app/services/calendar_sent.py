"""What this profile last wrote to a calendar file, event by event (``calendar_sent``, local schema
0010): the memory that lets an export cancel in Outlook an event it can no longer make.

An export makes its events from the records the profile holds (``services.calendar_export``).
It cannot make one whose records are gone: a dossier taken from the tutor (reassigned by a
coordinator) is purged from the laptop at the next sync (DESIGN §5.5), and so is a regional
tutor's dossier that left the area; a row the server never took is dropped. Nor does the
calendar of mine still hold a dossier that left it while the profile holds it (unassigned with
edits still to go up; the scope "I miei" begun with a first assignment). Left out of the file,
such events would stay in Outlook for ever. So every event written is kept here as written, and:

- an event kept that an export covering it no longer makes, and whose day is still to come, is
  written again cancelled, with a SEQUENCE one more than the one last written (Outlook takes it
  out); a past one stays in the diary, as it happened;
- an event made is never written with a SEQUENCE lower than the one last written, nor with the
  same SEQUENCE and another text: a dossier given back brings its events back above their
  cancellation;
- an event that an export covering it no longer makes, and whose day is before the diary's
  window, is forgotten.

An export of one dossier covers that dossier's events. The calendar of mine covers every event
kept, but those of a dossier still held outside it whose events were written while it was not
mine (a regional tutor's area dossier exported on its own: the calendar of mine never had it).
An export that changes nothing writes nothing here, and the same file as the last.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from icalendar import Event, vInt
from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tutor_app.store.models import CalendarSent

SENT: Table = CalendarSent.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Sent:
    """One event as last written, and the dossier it was of."""

    uid: str
    project_id: str
    day: str  # ISO date: a meeting's day in UTC, a deadline's own
    sequence: int
    cancelled: bool
    mine: bool  # its dossier was in the calendar of mine when it was written
    event: str  # the VEVENT's iCalendar text


@dataclass
class Settled:
    """What an export writes: its events' iCalendar texts in the file's order; what changes here."""

    events: list[str] = field(default_factory=list)
    kept: list[Sent] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)


def load(conn: Connection) -> dict[str, Sent]:
    return {r.uid: Sent(r.uid, r.project_id, r.day, r.sequence, bool(r.cancelled), bool(r.mine), r.event)
            for r in conn.execute(select(SENT))}


def settle(made: Sequence[tuple[str, Event]], sent: Mapping[str, Sent], *, mine: Collection[str],
           held: Collection[str], dossier: str | None, start: date, today: date, now: datetime) -> Settled:
    """The events to write, as text: those made (``(dossier id, event)``, their SEQUENCE raised
    above the last written where needed), then the cancellations of those kept that are made no
    longer. ``mine``: the dossiers of the calendar of mine; ``held``: every dossier the profile
    holds; ``dossier``: the one dossier exported, or None for the calendar of mine."""
    out = Settled()
    for project_id, event in made:
        before = sent.get(str(event["uid"]))
        row = _sent(project_id, event, project_id in mine, _outranking(event, before))
        if row != before:
            out.kept.append(row)
        out.events.append(row.event)
    written = {str(e["uid"]) for _, e in made}
    first, to_come = start.isoformat(), today.isoformat()
    for before in sorted(sent.values(), key=lambda s: (s.day, s.uid)):
        if before.uid in written or (dossier is not None and before.project_id != dossier):
            continue
        if before.day < first:
            out.forgotten.append(before.uid)
        elif before.day >= to_come and (dossier is not None or before.mine or before.project_id in mine
                                        or before.project_id not in held):
            gone = before if before.cancelled else _cancelled(before, now)
            if gone is not before:
                out.kept.append(gone)
            out.events.append(gone.event)
    return out


def store(conn: Connection, settled: Settled) -> None:
    """Keep what the export wrote (inside the caller's write transaction)."""
    for start in range(0, len(settled.forgotten), 500):
        conn.execute(delete(SENT).where(SENT.c.uid.in_(settled.forgotten[start:start + 500])))
    if settled.kept:
        stmt = sqlite_insert(SENT)
        conn.execute(stmt.on_conflict_do_update(index_elements=["uid"], set_={
            c: stmt.excluded[c] for c in ("project_id", "day", "sequence", "cancelled", "mine", "event")}),
            [{"uid": s.uid, "project_id": s.project_id, "day": s.day, "sequence": s.sequence,
              "cancelled": s.cancelled, "mine": s.mine, "event": s.event} for s in settled.kept])


def _outranking(event: Event, before: Sent | None) -> str:
    """The event's text once its SEQUENCE is raised to the one last written when that is higher (a
    cancellation since: the records' own changes, which make the SEQUENCE, are older than it), and
    one more when it is written otherwise than then (Outlook updates an event only for a higher)."""
    if before is None or _sequence(event) > before.sequence:
        return _text(event)
    event["SEQUENCE"] = vInt(before.sequence)
    written = _text(event)
    if written == before.event:
        return written
    event["SEQUENCE"] = vInt(before.sequence + 1)
    return _text(event)


def _cancelled(before: Sent, now: datetime) -> Sent:
    """The event last written, cancelled: the same UID, one SEQUENCE more, changed now."""
    event = _event(before.event)
    changed = now.astimezone(UTC).replace(microsecond=0)
    for key, value in (("DTSTAMP", changed), ("LAST-MODIFIED", changed), ("SEQUENCE", before.sequence + 1),
                       ("STATUS", "CANCELLED")):
        event.pop(key, None)
        event.add(key, value)
    return Sent(before.uid, before.project_id, before.day, before.sequence + 1, True, before.mine, _text(event))


def _sent(project_id: str, event: Event, mine: bool, written: str) -> Sent:
    start = event.decoded("dtstart")
    day = start.astimezone(UTC).date() if isinstance(start, datetime) else start
    return Sent(str(event["uid"]), project_id, day.isoformat(), _sequence(event),
                event.get("status") == "CANCELLED", mine, written)


def _sequence(event: Event) -> int:
    return int(event.decoded("sequence"))


def _text(event: Event) -> str:
    return bytes(event.to_ical()).decode("utf-8")


def _event(stored: str) -> Event:
    event = Event.from_ical(stored)
    assert isinstance(event, Event)
    return event
