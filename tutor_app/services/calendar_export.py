"""My meetings and permit deadlines as an iCalendar file (RFC 5545) that Outlook imports.

One dossier, or every dossier of mine (the scope "I miei"; a profile that follows none gives
all it holds). Every event has a UID made from the record's own id, so importing a newer export
updates the events already in the calendar instead of adding them twice; its SEQUENCE and
LAST-MODIFIED come from the record's last change (a moved meeting has a higher SEQUENCE, and an
export of unchanged data is the same file, byte for byte). Meetings are timed events in UTC
(an hour long: a meeting has no end in the dossier); a permit's legal deadline is an all-day
event on its last day. The file is written through ``tutor_app.files`` (all or nothing).

A meeting or a permit item deleted since (a tombstone, or one of a dossier deleted since), and a
permit's deadline still to come that no longer runs (the permit was decided, or its term is
suspended for an integration), is exported as the same UID with STATUS:CANCELLED and a higher
SEQUENCE: Outlook then takes the event out of the calendar on the next import, where leaving it
out of the file would leave it there for ever. A dossier restored brings its events back (its
change counts in their SEQUENCE).

What the records no longer tell, the profile remembers: every event written is kept as written
(``services.calendar_sent``). A dossier taken from the tutor (reassigned: purged from the laptop at
the next sync), or that left the calendar of mine otherwise (out of a regional tutor's area; the
scope "I miei" begun with a first assignment), has its events still to come cancelled the same way,
and so has an event its record no longer makes (a permit's filing taken back); a past one stays in
the diary, as it happened. The file of one dossier cancels that dossier's events only. No event is
written with a SEQUENCE lower than one written before, nor with the same one and another text: a
dossier given back brings its events back above their cancellation. An export that changes nothing
writes nothing to the profile, and the same file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from icalendar import Calendar, Event
from sqlalchemy import Connection, text

from tutor_app import __version__
from tutor_app.domain.deadlines import term_end
from tutor_app.domain.enums import PermitStatus, WorkingTable
from tutor_app.domain.permit_catalogue import permit_words
from tutor_app.domain.schema import parse_instant
from tutor_app.domain.scope import Scope
from tutor_app.files import write_atomically
from tutor_app.services import calendar_sent
from tutor_app.services.scope import viewer
from tutor_app.services.workspace import Workspace

UID_DOMAIN = "tutor.invest-lombardy"
MEETING_HOURS = 1
PAST_DAYS = 90  # meetings older than this are history, not the diary
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
_END = b"END:VCALENDAR\r\n"

# word -> (Italian, English)
_WORDS = {
    "calendar": ("Tutor — riunioni e scadenze", "Tutor — meetings and deadlines"),
    "deadline": ("Scadenza", "Deadline"),
    "dossier": ("Dossier", "Dossier"),
    "investor": ("Investitore", "Investor"),
    "authority": ("Ente competente", "Authority"),
    "agenda": ("Ordine del giorno", "Agenda"),
    "participants": ("Partecipanti", "Participants"),
    "legal_term": ("termine di legge del titolo abilitativo", "legal term of the permit"),
    "permit": ("Titolo abilitativo", "Permit"),
}


def _word(key: str, lang: str) -> str:
    it, en = _WORDS[key]
    return en if lang == "en" else it


@dataclass(frozen=True, slots=True)
class CalendarResult:
    path: Path
    meetings: int
    deadlines: int


def calendar_projects(ws: Workspace, project_id: str | None = None) -> list[str]:
    """The dossiers an export covers: the one named, or mine (all the profile's when it follows
    none); with the deleted dossiers that were mine, whose events it cancels."""
    if project_id is not None:
        return [project_id]
    with ws.store.read() as conn:
        return _mine(conn)


def _mine(conn: Connection) -> list[str]:
    """The dossiers of the calendar of mine, as ``calendar_projects`` says, in the caller's read."""
    who = viewer(conn)
    scope = Scope.MINE if who.assigned else Scope.REGION
    rows = conn.execute(text("SELECT id, province, deleted FROM projects ORDER BY code")).all()
    mine_once = {r[0] for r in conn.execute(text(  # assigned to me, the dossier deleted or not
        "SELECT project_id FROM assignments WHERE tutor_id = :t AND deleted = 0"), {"t": who.tutor_id or ""})}
    chosen = who.select(scope, ((r[0], r[1]) for r in rows if not r[2]))
    return [r[0] for r in rows
            if r[0] in chosen or (r[2] and (scope is Scope.REGION or r[0] in mine_once))]


def export_calendar(ws: Workspace, out: Path, project_id: str | None = None, lang: str = "it",
                    since: date | None = None) -> CalendarResult:
    """Write the iCalendar file of one dossier, or of mine, to ``out`` (all or nothing); keep
    what it wrote (``services.calendar_sent``: written before the file, so that what the file
    says is never unknown here)."""
    today = ws.today()
    start = since or today - timedelta(days=PAST_DAYS)
    with ws.store.read() as conn:
        mine = frozenset(_mine(conn))
        wanted = mine if project_id is None else frozenset({project_id})
        projects = _projects(conn)
        meetings = _meetings(conn, wanted, start, projects, lang)
        deadlines = _deadlines(conn, wanted, start, today, projects, lang)
        sent = calendar_sent.load(conn)
    settled = calendar_sent.settle([*meetings, *deadlines], sent, mine=mine, held=projects.keys(),
                                   dossier=project_id, start=start, today=today, now=datetime.now(UTC))
    if settled.kept or settled.forgotten:
        with ws.store.write() as w:
            calendar_sent.store(w.conn, settled)
    cal = Calendar()
    cal.add("prodid", f"-//Tutor//{__version__}//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _word("calendar", lang))
    # The events as kept, between the calendar's lines: what icalendar writes of a calendar that
    # holds them, without writing each event a second time (the export's cost is the writing).
    head = bytes(cal.to_ical()).removesuffix(_END)
    write_atomically(out, b"".join((head, *(e.encode("utf-8") for e in settled.events), _END)))
    return CalendarResult(Path(out), _live(meetings), _live(deadlines))


def _live(events: Sequence[tuple[str, Event]]) -> int:
    return sum(1 for _, e in events if e.get("status") != "CANCELLED")


class _Dossier(NamedTuple):
    code: str
    title: str
    investor: str
    deleted: bool
    updated_at: str


def _projects(conn: Connection) -> dict[str, _Dossier]:
    """The profile's dossiers by id, deleted ones too (their events are cancelled)."""
    return {r[0]: _Dossier(r[1], r[2], r[3], bool(r[4]), r[5]) for r in conn.execute(text(
        "SELECT p.id, p.code, p.title, coalesce(i.name, ''), p.deleted, p.updated_at FROM projects p "
        "LEFT JOIN investors i ON i.id = p.investor_id"))}


def _changed(record_updated: str, dossier: _Dossier) -> str:
    """When the event last changed: its record's change, or its dossier's (the title it shows, the
    dossier deleted or restored), whichever is later."""
    return max(record_updated, dossier.updated_at, key=parse_instant)


def _sequence(updated_at: str, cancelled: bool) -> int:
    """A revision counter that grows with each change of the record: twice the seconds since 2020,
    and one more once cancelled, so that a cancellation outranks the event of the same second, and
    an event of a later second (a deadline running again) the cancellation. Within RFC 5545's
    32-bit integer until 2054; it was minutes since 2020, always lower."""
    return max(0, int((parse_instant(updated_at) - _SEQUENCE_EPOCH).total_seconds()) * 2 + cancelled)


def _stamps(event: Event, updated_at: str, cancelled: bool = False) -> None:
    changed = parse_instant(updated_at).astimezone(UTC).replace(microsecond=0)
    event.add("dtstamp", changed)  # with no METHOD REQUEST, the same as LAST-MODIFIED (RFC 5545 3.8.7.2)
    event.add("last-modified", changed)
    event.add("sequence", _sequence(updated_at, cancelled))
    if cancelled:
        event.add("status", "CANCELLED")


def _describe(lines: list[tuple[str, str | None]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in lines if value)


def _meetings(conn: Connection, wanted: Collection[str], start: date, projects: dict[str, _Dossier],
              lang: str) -> list[tuple[str, Event]]:
    since = datetime(start.year, start.month, start.day, tzinfo=UTC).isoformat().replace("+00:00", "Z")
    events = []
    for mid, pid, table, at, place, agenda, participants, updated, deleted in conn.execute(text(
            "SELECT id, project_id, \"table\", starts_at, place, agenda, participants, updated_at, deleted "
            "FROM meetings WHERE starts_at >= :since ORDER BY starts_at, id"), {"since": since}):
        if pid not in wanted or pid not in projects:
            continue
        code, title, investor, gone, _ = dossier = projects[pid]
        try:
            table_label = WorkingTable(table).label(lang)
        except ValueError:
            table_label = str(table)
        begins = parse_instant(at).astimezone(UTC).replace(microsecond=0)
        event = Event()
        event.add("uid", f"meeting-{mid}@{UID_DOMAIN}")
        event.add("summary", f"{table_label} — {title}")
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(hours=MEETING_HOURS))
        if place:
            event.add("location", place)
        event.add("description", _describe([
            (_word("dossier", lang), f"{code} {title}"), (_word("investor", lang), investor),
            (_word("agenda", lang), agenda), (_word("participants", lang), participants)]))
        event.add("categories", [table_label])
        event.add("transp", "OPAQUE")
        _stamps(event, _changed(updated, dossier), bool(deleted) or gone)
        events.append((pid, event))
    return events


def _deadlines(conn: Connection, wanted: Collection[str], start: date, today: date,
               projects: dict[str, _Dossier], lang: str) -> list[tuple[str, Event]]:
    """Each filed permit's legal deadline: an event while its term runs (filed, no decision yet);
    cancelled once it no longer does (decided, not needed, integration asked for: the term is
    suspended, deleted), so that Outlook takes out the deadline it was given."""
    events = []
    filed = []
    for iid, pid, permit, name, authority, status, submitted, limit, updated, deleted in conn.execute(text(
            "SELECT id, project_id, permit_code, name, authority, status, submitted_on, time_limit_days, "
            "updated_at, deleted FROM permit_items WHERE submitted_on IS NOT NULL AND time_limit_days > 0")):
        if pid not in wanted or pid not in projects:
            continue
        day = term_end(date.fromisoformat(submitted), limit)
        gone = bool(deleted) or projects[pid].deleted
        running = status == PermitStatus.SUBMITTED.value and not gone
        # A deadline that stopped running: cancelled while it is still to come (a past one was
        # the term's true end, and a first export would only crowd the diary with it), deleted
        # ones within the diary's window.
        if day is not None and (running or day >= (start if gone else today)):
            filed.append((day, iid, pid, permit_words(permit, name, lang), authority, updated, not running))
    for day, iid, pid, said, authority, updated, cancelled in sorted(filed, key=lambda f: (f[0], f[1])):
        code, title, investor, _, _ = dossier = projects[pid]
        event = Event()
        event.add("uid", f"permit-deadline-{iid}@{UID_DOMAIN}")
        # A diary's title is cut short: the acronym ("Scadenza: AUA — Fab Agrate"), the name in the text.
        event.add("summary", f"{_word('deadline', lang)}: {said.short} — {title}")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("description", _describe([
            (_word("permit", lang), said.full), (_word("dossier", lang), f"{code} {title}"),
            (_word("investor", lang), investor), (_word("authority", lang), authority),
            (_word("deadline", lang), _word("legal_term", lang))]))
        event.add("transp", "TRANSPARENT")  # a deadline does not make the tutor busy all day
        _stamps(event, _changed(updated, dossier), cancelled)
        events.append((pid, event))
    return events
