"""The project dossier: cover, contents, the brief a political table works from, the project's
details, phase timeline, open action items, meetings, permits (timeline and checklist), aftercare,
contacts (the investor's, the region's referents, the competent authorities) and the changes
this device has not synced yet.

This module only turns read models into flowables; ``api.export_dossier`` reads the data,
lays the pages out and writes the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Final

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Table
from reportlab.platypus.flowables import FrameBG

from tutor_app.domain.deadlines import DUE_SOON_DAYS, Urgency, is_overdue, term_end
from tutor_app.domain.enums import (
    AftercareTopic,
    BusinessFunction,
    Instrument,
    PermitStatus,
    Phase,
    ProjectKind,
    ProjectStatus,
    Role,
    Sector,
    ServiceGiven,
    WorkingTable,
)
from tutor_app.reports.blocks import (
    Band,
    chip_markup,
    data_table,
    definitions,
    facts_grid,
    lines,
    markup,
    para,
    status_cell,
)
from tutor_app.reports.brief import actions_section, brief_facts, brief_section
from tutor_app.reports.charts import phase_timeline
from tutor_app.reports.control import DocumentControl, archive_meta, control_section
from tutor_app.reports.cover import CoverSpec, draw_cover
from tutor_app.reports.freshness import freshness_line
from tutor_app.reports.gantt import GanttRow, gantt_legend, permit_gantt
from tutor_app.reports.i18n import Words, as_of
from tutor_app.reports.layout import (
    FRAME_WIDTH,
    Contents,
    CoverFact,
    Heading,
    OutlineMark,
    PageSetup,
    contents_entries,
    section_break,
    vspace,
)
from tutor_app.reports.theme import BOLD, REGULAR, Theme, phase_colour, table_colour, tint
from tutor_app.store.queries import Dossier, MeetingView, PermitView
from tutor_app.store.report_queries import Freshness, PendingChange, Referent

SECTIONS: Final = ("brief", "summary", "timeline", "actions", "meetings", "permits", "aftercare", "contacts",
                   "pending")
_SECTION_WORD: Final = {s: f"sec_{s}" for s in SECTIONS}
# Links between records say nothing to a reader of the list of changes.
_LINK_FIELDS: Final = frozenset({"project_id", "investor_id", "meeting_id", "tutor_id"})
CONTENTS_FROM: Final = 3  # a dossier of fewer sections has no contents page
# The terms the dossier uses, defined on its contents page.
DEFINED: Final = ("phase_days", "legal_term", "term_passed", "term_soon", "suspended", "expected", "late_action")


@dataclass(frozen=True)
class DossierOptions:
    """What to put in the dossier: the language and the sections (the cover is always there)."""

    lang: str = "it"
    sections: frozenset[str] = field(default_factory=lambda: frozenset(SECTIONS))
    control: DocumentControl = field(default_factory=DocumentControl)


@dataclass(frozen=True)
class DossierData:
    dossier: Dossier
    freshness: Freshness
    today: date
    generated_at: datetime
    referents: tuple[Referent, ...] = ()


def section_title(section: str, words: Words, short: bool = False) -> str:
    """A section's heading; ``short``: its name in a list of choices (the export dialog), where one exists."""
    key = _SECTION_WORD[section]
    return words(f"{key}_short") if short and words.has(f"{key}_short") else words(key)


def build_dossier(data: DossierData, options: DossierOptions, words: Words,
                  theme: Theme) -> tuple[PageSetup, list[Flowable]]:
    """The page setup (cover, running title, footer) and the story of one dossier."""
    d = data.dossier
    project = d.project
    freshness = freshness_line(data.freshness, words)
    title = f"{words('dossier_title')} · {project['code']} · {project['title']}"
    spec = _cover_spec(data, words, freshness)
    investor = str(d.investor["name"])
    keywords = [words("keyword_dossier"), str(project["code"]), investor, words.code(Sector, project.get("sector")),
                str(project.get("municipality") or ""), words("keyword_investment"), theme.brand.text("agency",
                                                                                                     words.lang)]
    archive = archive_meta(title, f"{words('dossier_title')}: {project['title']} ({investor})", keywords,
                           data.generated_at, theme.brand, words)
    setup = PageSetup(words=words, theme=theme, running_title=title, freshness=freshness, title=title,
                      subject=investor, draw_cover=lambda canvas: draw_cover(canvas, spec, words, theme),
                      archive=archive, control=options.control)
    facts = brief_facts(d, data.today, as_of(data.today, data.generated_at))
    chosen = [s for s in SECTIONS if s in options.sections]
    numbers = {s: n for n, s in enumerate(chosen, start=1)}
    body: list[Flowable] = []
    for section in chosen:
        heading = f"{numbers[section]}. {section_title(section, words)}"
        head = Heading(markup(heading), theme.h1, key=f"s-{section}", outline=heading, in_contents=True)
        if section == "brief":
            actions = f"{numbers['actions']}. {section_title('actions', words)}" if "actions" in numbers else None
            part = brief_section(d, facts, data.today, words, theme, head, actions)
            body += [*part, PageBreak()] if section != chosen[-1] else part
            continue
        if section == "actions":
            part = [head, *actions_section(d, facts, words, theme)]
        else:
            part = [head, *_BUILDERS[section](data, words, theme)]
        if body and not isinstance(body[-1], PageBreak):
            body.append(section_break(part, 60 * mm))
        body += part
    story: list[Flowable] = [NextPageTemplate("body"), PageBreak()]
    if len(chosen) >= CONTENTS_FROM:
        story += _contents_page(body, words, theme)
    story += body
    story += control_section(options.control, theme.brand, words, theme, FRAME_WIDTH)
    return setup, story


def _contents_page(body: list[Flowable], words: Words, theme: Theme) -> list[Flowable]:
    """The contents (sections and their parts, with pages), then how to read the dossier."""
    return [Heading(markup(words("contents")), theme.h1, key="contents"), vspace(6),
            Contents(contents_entries(body), theme), vspace(18),
            Paragraph(markup(words("reading_guide")), theme.h2),
            definitions([(words(f"def_{k}_term"), words(f"def_{k}", days=DUE_SOON_DAYS)) for k in DEFINED],
                        FRAME_WIDTH, theme),
            PageBreak()]


# -- cover -----------------------------------------------------------------------------------

def _cover_spec(data: DossierData, words: Words, freshness: str) -> CoverSpec:
    d = data.dossier
    project, investor = d.project, d.investor
    tutors = {Role.PROJECT_TUTOR.value: [], Role.REGIONAL_TUTOR.value: []}  # type: dict[str, list[str]]
    for name, role in d.tutors:
        tutors.setdefault(role, []).append(name)
    phase = d.current_phase
    facts = [
        CoverFact(words("investor"), str(investor["name"])),
        CoverFact(words("country"), words.country(investor["country"])),
        CoverFact(words("project_tutor"), ", ".join(tutors[Role.PROJECT_TUTOR.value]) or words("none_assigned")),
        CoverFact(words("regional_tutor"), ", ".join(tutors[Role.REGIONAL_TUTOR.value]) or words("none_assigned")),
        CoverFact(words("current_phase"), phase.label(words.lang) if phase else words("not_given")),
        CoverFact(words("status"), words.code(ProjectStatus, project.get("status"))),
        CoverFact(words("capex"), words.money(project.get("capex_cents"))),
        CoverFact(words("new_hires"), words.number(project["new_hires"]) if project.get("new_hires") is not None
                  else words("not_given")),
    ]
    entered = {e.phase: e.entered_on for e in d.phases}

    def strip(canvas: Canvas, x: float, y: float, width: float) -> None:
        _cover_phase_strip(canvas, x, y, width, entered, phase, words)

    location = str(project.get("municipality") or "")
    if project.get("province"):
        location = f"{location} ({project['province']})".strip()
    subtitle = f"{project['code']} · {investor['name']}" + (f" · {location}" if location else "")
    facts.append(CoverFact(words("document_date"), words.long_day(data.today)))
    return CoverSpec(kicker=words("dossier_title"), title=str(project["title"]), subtitle=subtitle,
                     facts=facts, freshness=freshness, extra=strip, extra_title=words("progress"),
                     notes=[words("generated_on", when=words.moment(data.generated_at))])


def _cover_phase_strip(canvas: Canvas, x: float, y: float, width: float, entered: dict[Phase, date],
                       current: Phase | None, words: Words) -> None:
    """Six small segments on the cover: where the project stands at a glance."""
    gap = 5.0
    seg = (width - 5 * gap) / 6
    for phase in Phase:
        px = x + phase.order * (seg + gap)
        colour = phase_colour(phase)
        reached = phase in entered
        is_current = phase is current
        canvas.setFillColor(colour if reached else tint(colour, 0.18))
        canvas.rect(px, y, seg, 9 if is_current else 5, stroke=0, fill=1)
        font = BOLD if is_current else REGULAR
        canvas.setFillColor(colour if reached else HexColor("#8C979D"))
        canvas.setFont(font, 7)
        lines = simpleSplit(f"{phase.order + 1}. {phase.label(words.lang)}", font, 7, seg)[:2]
        for i, line in enumerate(lines):
            canvas.drawString(px, y - 10 - i * 8.5, line)


# -- summary ---------------------------------------------------------------------------------

def _summary(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    d = data.dossier
    pr, inv = d.project, d.investor
    phase = d.current_phase
    zones = [z for z, on in (("ZIS", pr.get("zis")), ("ZLS", pr.get("zls"))) if on]
    location = pr.get("municipality") or ""
    if pr.get("province"):
        location = f"{location} ({pr['province']}) · {words.province(pr['province'])}".strip()
    phase_cell: str | Paragraph = words("not_given")
    if phase:
        phase_cell = Paragraph(chip_markup(phase.label(words.lang), phase_colour(phase)), theme.cell)
    pairs: list[tuple[str, str | Flowable]] = [
        (words("kind"), words.code(ProjectKind, pr.get("kind"))),
        (words("sector"), words.code(Sector, pr.get("sector"))),
        (words("function"), words.code(BusinessFunction, pr.get("function"))),
        (words("phase"), phase_cell),
        (words("status"), words.code(ProjectStatus, pr.get("status"))),
        (words("capex"), words.money(pr.get("capex_cents"))),
        (words("new_hires"), words.number(pr["new_hires"]) if pr.get("new_hires") is not None
         else words("not_given")),
        (words("location"), location or words("not_given")),
        (words("zones"), ", ".join(zones) or words("none_f")),
        (words("instruments"), words.join([words.code(Instrument, i) for i in pr.get("instruments") or []])),
        (words("services"), words.join([words.code(ServiceGiven, s) for s in pr.get("services") or []])),
        (words("investor"), f"{inv['name']} ({words.country(inv['country'])})"),
        (words("parent_group"), inv.get("parent_group") or words("not_given")),
        (words("website"), inv.get("website") or words("not_given")),
    ]
    out: list[Flowable] = [facts_grid(pairs, FRAME_WIDTH, theme)]
    if pr.get("description"):
        out += [Paragraph(markup(words("description")), theme.h2), para(pr["description"], theme.body)]
    return out


# -- timeline --------------------------------------------------------------------------------

def _timeline(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    d = data.dossier
    entered = {e.phase: e.entered_on for e in d.phases}
    return [phase_timeline(entered, d.current_phase, data.today, words, theme, FRAME_WIDTH, planned_phases(d)),
            vspace(4), Paragraph(markup(words("timeline_note")), theme.small), vspace(6)]


def planned_phases(d: Dossier) -> dict[Phase, date]:
    """The dates the data gives for phases still ahead: realisation can start once the last open
    permit is expected (its expected date, else its legal term)."""
    if Phase.REALISATION in {e.phase for e in d.phases}:
        return {}
    ends = [p.expected_on or p.clock.due_on for p in d.permits if not p.status.is_closed]
    known = [e for e in ends if e is not None]
    return {Phase.REALISATION: max(known)} if known else {}


# -- meetings --------------------------------------------------------------------------------

def _meetings(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    meetings = data.dossier.meetings
    if not meetings:
        return [Paragraph(markup(words("no_meetings")), theme.body)]
    used = [t for t in WorkingTable if any(m.table == t.value for m in meetings)]
    legend = " ".join(chip_markup(t.label(words.lang), table_colour(t.value)) for t in used)
    out: list[Flowable] = [
        Paragraph(markup(words("meetings_count", n=words.number(len(meetings)))), theme.body),
        Paragraph(legend, theme.cell), vspace(8)]
    now = as_of(data.today, data.generated_at)
    for n, meeting in enumerate(meetings, start=1):
        out += _meeting(meeting, n, now, data.today, words, theme)
    return out


def _meeting(m: MeetingView, n: int, now: datetime, today: date, words: Words, theme: Theme) -> list[Flowable]:
    colour = table_colour(m.table)
    table_name = words.code(WorkingTable, m.table)
    when = words.moment(m.starts_at)
    upcoming = m.starts_at > now
    pale = tint(colour, 0.10)
    p = theme.palette
    # measured, never clipped: "Tavolo comunicazione" and "· in programma" are read in full
    table_w = max(stringWidth(t.label(words.lang), BOLD, 8) for t in WorkingTable) + 12
    when_text = when + (f"  ·  {words('scheduled')}" if upcoming else "")
    when_w = stringWidth(when_text, BOLD, 9) + 14
    header = Band([
        (table_name, BOLD, 8, p.white, max(table_w, stringWidth(table_name, BOLD, 8) + 12), colour),
        (when_text, BOLD, 9, p.ink, when_w, pale),
        (m.place or "", REGULAR, 8.5, p.muted, FRAME_WIDTH - table_w - when_w, pale)])
    body: list[Flowable] = []
    label_font = f'<font name="{BOLD}" size="7" color="{_hex(theme.palette.muted)}">'
    # Labels ride inside the paragraphs and short blocks share one paragraph: reportlab's cost
    # is mostly per flowable, and a meeting has five or six blocks. Minutes can run for pages:
    # they get one paragraph per blank-line-separated part, each flowing and splitting alone.
    pending: list[str] = []

    def label(text: str) -> str:
        return f"{label_font}{markup(text.upper())}</font><br/>"

    def flush() -> None:
        if pending:
            body.append(Paragraph("<br/>".join(pending), theme.block))
            pending.clear()

    if m.participants and m.participants.strip():
        names = " · ".join(line.strip() for line in m.participants.splitlines() if line.strip())
        pending.append(label(words("participants")) + markup(names))
    if m.agenda and m.agenda.strip():
        pending.append(label(words("agenda")) + markup(m.agenda))
    if m.minutes and m.minutes.strip():
        flush()
        parts = [p for p in m.minutes.strip().split("\n\n") if p.strip()]
        for i, part in enumerate(parts):
            body.append(Paragraph((label(words("minutes")) if i == 0 else "") + markup(part), theme.block))
    if m.decisions and m.decisions.strip():
        bullets = "\n".join(f"• {decision_text(line)}" for line in m.decisions.splitlines() if decision_text(line))
        pending.append(label(words("decisions")) + markup(bullets))
    if m.actions:
        pending.append(f"{label_font}{markup(words('actions').upper())}</font>")
        flush()
        body.append(_actions_table(m, today, words, theme))
    flush()
    # the break first: a mark left at the foot of a page would open the page before the meeting
    out: list[Flowable] = [
        CondPageBreak(32 * mm),
        OutlineMark(f"{words.day(words.local(m.starts_at).date())} · {table_name}", f"m-{m.id}", 1), header]
    if body:
        out += [FrameBG(color=colour, left=0, right=FRAME_WIDTH - 2.2, start=True), *body, FrameBG(start=False)]
    out.append(vspace(10))
    del n
    return out


_BULLETS: Final = "•·-–—*▪●◦"


def decision_text(line: str) -> str:
    """A decision line without the bullet the tutor may have typed: the report adds its own."""
    return line.strip().lstrip(_BULLETS).strip()


def _hex(colour: Color) -> str:
    return "#" + str(colour.hexval())[2:]


def _actions_table(m: MeetingView, today: date, words: Words, theme: Theme) -> Table:
    p = theme.palette
    width = FRAME_WIDTH - 10
    widths = [width - 90 - 64 - 58, 90, 64, 58]
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    for r, a in enumerate(m.actions, start=1):
        if a.done:
            state, colour = words("done"), p.ok
        elif a.due_on and is_overdue(a.due_on, today):
            state, colour = words("late"), p.danger
        else:
            state, colour = words("open"), p.warning
        rows.append([lines(a.text, widths[0] - 8), lines(a.owner, widths[1] - 8), words.day(a.due_on), state])
        extra.append(("TEXTCOLOR", (3, r), (3, r), colour))
        extra.append(("FONT", (3, r), (3, r), BOLD, 8, 10))
    table = data_table([words("action"), words("owner"), words("due"), words("status")], rows, widths, theme,
                       extra=extra)
    table.hAlign = "RIGHT"
    return table


# -- permits ---------------------------------------------------------------------------------

def _permits(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    permits = data.dossier.permits
    if not permits:
        return [Paragraph(markup(words("no_permits")), theme.body)]
    out: list[Flowable] = [Heading(markup(words("gantt_h")), theme.h2, key="permits-timeline", level=1,
                                   in_contents=True)]
    out += _permit_timeline(permits, data.today, words, theme)
    out += [Heading(markup(words("checklist_h")), theme.h2, key="permits-checklist", level=1, in_contents=True),
            *_checklist(permits, data.today, words, theme)]
    return out


def _permit_timeline(permits: Sequence[PermitView], today: date, words: Words, theme: Theme) -> list[Flowable]:
    """The Gantt of the permits that have a date (filed, decided or expected)."""
    rows = [gantt_row(p, today, words, theme) for p in permits if p.submitted_on or p.decided_on or p.expected_on]
    undated = len(permits) - len(rows)
    if not rows:
        return [Paragraph(markup(words("gantt_none")), theme.body)]
    out: list[Flowable] = [Paragraph(markup(words("gantt_intro")), theme.body),
                           gantt_legend(words, theme, FRAME_WIDTH), vspace(4)]
    for chart in permit_gantt(rows, today, words, theme, FRAME_WIDTH):
        out += [chart, vspace(4)]
    if undated:
        out.append(Paragraph(markup(words.count("gantt_undated", undated)), theme.small))
    return out


def gantt_row(permit: PermitView, today: date, words: Words, theme: Theme) -> GanttRow:
    """A permit on the timeline: the span from filing to decision (or today), its legal term
    (also for one decided: was it decided in time?), the expected date, and its state in words."""
    p = theme.palette
    term = permit.clock.due_on or term_end(permit.submitted_on, permit.time_limit_days)
    status = words.permit_status(permit.permit_code, permit.status)
    urgency = permit.clock.urgency
    bar = p.primary
    if permit.status.is_closed and permit.decided_on:
        colour = bar = p.danger if permit.status is PermitStatus.DENIED else p.ok
        state = f"{status}\n{words.day(permit.decided_on)}"
    elif urgency is Urgency.OVERDUE:
        colour, state = p.danger, words.term_mark(min(-1, permit.clock.days_left(today) or -1))
    elif urgency is Urgency.DUE_SOON:
        colour, state = p.warning, words.term_mark(max(0, permit.clock.days_left(today) or 0))
    elif urgency is Urgency.SUSPENDED:
        colour, state = p.warning, f"{words('suspended')}\n{status}"
    elif urgency is Urgency.OK and permit.clock.due_on is not None:
        colour, state = p.primary, words("term_ok", day=words.day(permit.clock.due_on))
    else:
        colour, state = p.muted, status
        bar = p.muted
    return GanttRow(words.permit_name(permit.permit_code, permit.name), permit.authority or words("not_given"),
                    permit.submitted_on, permit.decided_on if permit.status.is_closed else None, term,
                    permit.expected_on, state, colour, bar)


def _checklist(permits: Sequence[PermitView], today: date, words: Words, theme: Theme) -> list[Flowable]:
    p = theme.palette
    overview = permits_overview(permits, words)
    widths = [112, 98, 66, 50, 50, 50]
    widths.append(FRAME_WIDTH - sum(widths))
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = [("FONT", (0, 1), (0, -1), BOLD, 8, 10)]
    for r, permit in enumerate(permits, start=1):
        mark, colour = _urgency(permit, today, words, theme)
        rows.append([
            lines(words.permit_name(permit.permit_code, permit.name), widths[0] - 8, BOLD),
            lines(permit.authority, widths[1] - 8),
            lines(words.permit_status(permit.permit_code, permit.status), widths[2] - 8),
            words.day(permit.submitted_on), words.day(permit.clock.due_on), words.day(permit.decided_on), mark])
        if colour is not None:
            status_cell(extra, 6, r, colour)
            extra.append(("TEXTCOLOR", (4, r), (4, r), colour))
        if permit.status is PermitStatus.GRANTED:
            extra.append(("TEXTCOLOR", (2, r), (2, r), p.ok))
        elif permit.status is PermitStatus.DENIED:
            extra.append(("TEXTCOLOR", (2, r), (2, r), p.danger))
        elif permit.status is PermitStatus.NOT_NEEDED:
            extra.append(("TEXTCOLOR", (2, r), (2, r), p.muted))
    table = data_table([words("permit"), words("authority"), words("status"), words("submitted_on"),
                        words("legal_due"), words("decided_on"), words("deadline_state")], rows, widths, theme,
                       extra=extra)
    return [Paragraph(markup(overview), theme.body), vspace(4), table]


def permits_overview(permits: Sequence[PermitView], words: Words) -> str:
    """``10 titoli: 6 rilasciati o efficaci, 4 in istruttoria; 1 con il termine superato, …`` (in agreement)."""
    running = sum(1 for x in permits if x.status in (PermitStatus.SUBMITTED, PermitStatus.INTEGRATION_REQUESTED))
    return words("permits_overview", total=words.count("permits", len(permits)), days=DUE_SOON_DAYS,
                 granted=words.count("granted", sum(1 for x in permits if x.status is PermitStatus.GRANTED)),
                 running=words.number(running),
                 overdue=words.count("passed", sum(1 for x in permits if x.clock.urgency is Urgency.OVERDUE)),
                 soon=words.count("soon", sum(1 for x in permits if x.clock.urgency is Urgency.DUE_SOON)))


def _urgency(permit: PermitView, today: date, words: Words, theme: Theme) -> tuple[str, object | None]:
    p = theme.palette
    urgency = permit.clock.urgency
    if urgency is Urgency.OVERDUE:
        return words.term_mark(min(-1, permit.clock.days_left(today) or -1)), p.danger
    if urgency is Urgency.DUE_SOON:
        return words.term_mark(max(0, permit.clock.days_left(today) or 0)), p.warning
    if urgency is Urgency.SUSPENDED:
        return words("suspended"), p.muted
    return "", None


# -- aftercare, contacts ---------------------------------------------------------------------

def _aftercare(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    notes = data.dossier.notes
    if not notes:
        return [Paragraph(markup(words("no_notes")), theme.body)]
    widths = [56, 96, FRAME_WIDTH - 56 - 96 - 62, 62]
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = [("FONT", (1, 1), (1, -1), BOLD, 8, 10)]
    for r, note in enumerate(notes, start=1):
        follow = words.day(note.follow_up_on)
        rows.append([words.day(note.noted_on), lines(words.code(AftercareTopic, note.topic), widths[1] - 8, BOLD),
                     lines(note.text, widths[2] - 8), follow])
        if note.follow_up_on and note.follow_up_on <= data.today:
            extra.append(("TEXTCOLOR", (3, r), (3, r), theme.palette.danger))
    return [data_table([words("date"), words("topic"), words("note"), words("follow_up")], rows, widths, theme,
                       extra=extra)]


def _contacts(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    """Who is who: the investor's people, the region's referents, the competent authorities."""
    d = data.dossier
    out: list[Flowable] = [Heading(markup(str(d.investor["name"])), theme.h2, key="contacts-investor", level=1,
                                   in_contents=True)]
    if d.contacts:
        widths = [120, 130, FRAME_WIDTH - 120 - 130 - 100, 100]
        rows: list[list[str | Flowable]] = [
            [lines(c.name, widths[0] - 8, BOLD), lines(c.role, widths[1] - 8), lines(c.email, widths[2] - 8),
             lines(c.phone, widths[3] - 8)] for c in d.contacts]
        out.append(data_table([words("name"), words("role"), words("email"), words("phone")], rows, widths, theme,
                              extra=[("FONT", (0, 1), (0, -1), BOLD, 8, 10)]))
    else:
        out.append(Paragraph(markup(words("no_contacts")), theme.body))
    out += [Heading(markup(words("region_referents")), theme.h2, key="contacts-region", level=1, in_contents=True),
            *_referents(data.referents, words, theme),
            Heading(markup(words("authorities_h")), theme.h2, key="contacts-authorities", level=1,
                    in_contents=True),
            *_authorities(d.permits, words, theme)]
    return out


def _referents(referents: Sequence[Referent], words: Words, theme: Theme) -> list[Flowable]:
    office = theme.brand.text("office", words.lang)
    agency = theme.brand.text("agency", words.lang)
    if not referents:
        return [Paragraph(markup(words("no_referents")), theme.body)]
    widths = [120, 96, 0.0, 96]
    widths[2] = FRAME_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = [
        [lines(r.name, widths[0] - 8, BOLD), lines(words.code(Role, r.role), widths[1] - 8),
         lines(r.email or words("not_given"), widths[2] - 8), lines(agency, widths[3] - 8)] for r in referents]
    return [data_table([words("name"), words("role"), words("email"), words("organisation")], rows, widths, theme,
                       extra=[("FONT", (0, 1), (0, -1), BOLD, 8, 10)]),
            vspace(3), Paragraph(markup(words("referents_office", office=office)), theme.small)]


def _authorities(permits: Sequence[PermitView], words: Words, theme: Theme) -> list[Flowable]:
    """Each authority named on the checklist, with the permits it decides and where they stand."""
    by_authority: dict[str, list[PermitView]] = {}
    for permit in permits:
        if permit.authority and permit.authority.strip():
            by_authority.setdefault(permit.authority.strip(), []).append(permit)
    if not by_authority:
        return [Paragraph(markup(words("no_authorities")), theme.body)]
    widths = [150, 0.0, 150]
    widths[1] = FRAME_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = []
    for authority in sorted(by_authority, key=str.casefold):
        listed = by_authority[authority]
        states: dict[str, int] = {}
        for permit in listed:
            label = words.permit_status(permit.permit_code, permit.status)
            states[label] = states.get(label, 0) + 1
        state = "\n".join(f"{label}: {words.number(n)}" for label, n in states.items())
        names = "\n".join(words.permit_name(p.permit_code, p.name) for p in listed)
        rows.append([lines(authority, widths[0] - 8, BOLD), lines(names, widths[1] - 8), lines(state, widths[2] - 8)])
    return [Paragraph(markup(words("authorities_note")), theme.small), vspace(2),
            data_table([words("authority"), words("permits_col"), words("status")], rows, widths, theme,
                       extra=[("FONT", (0, 1), (0, -1), BOLD, 8, 10)])]


# -- changes not yet synced ------------------------------------------------------------------

def _pending(data: DossierData, words: Words, theme: Theme) -> list[Flowable]:
    fresh = data.freshness
    if not fresh.pending_total:
        return [Paragraph(markup(words("pending_none")), theme.body),
                Paragraph(markup(freshness_line(fresh, words)), theme.small)]
    intro = words("pending_intro", freshness=freshness_line(fresh, words))
    widths = [FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.55 - 92, 92]
    rows: list[list[str | Flowable]] = [
        [lines(describe_change(c, words), widths[0] - 8), lines(_what_changed(c, words), widths[1] - 8),
         words.moment(c.changed_at)] for c in fresh.pending]
    out: list[Flowable] = [Paragraph(markup(intro), theme.body), vspace(4),
                           data_table([words("record"), words("fields_changed"), words("changed_at")], rows,
                                      widths, theme)]
    if fresh.pending_total > len(fresh.pending):
        out.append(Paragraph(markup(words("pending_more", n=fresh.pending_total - len(fresh.pending))),
                             theme.small))
    return out


def _what_changed(change: PendingChange, words: Words) -> str:
    if change.is_deletion:
        return words("deleted_record")
    if change.is_new:
        return words("new_record")
    return ", ".join(words.field(f) for f in change.fields if f not in _LINK_FIELDS)


def describe_change(change: PendingChange, words: Words) -> str:
    """``Incontro · Tavolo tecnico, 12/03/2026 10:30`` — enough to find the record in the dossier."""
    d = change.detail
    what = words.record(change.table_name)
    detail = ""
    if change.table_name == "meetings" and d:
        when = datetime.fromisoformat(str(d["starts_at"]).replace("Z", "+00:00")).astimezone(UTC)
        detail = f"{words.code(WorkingTable, d.get('table'))}, {words.moment(when)}"
    elif change.table_name == "permit_items" and d:
        detail = words.permit_name(str(d.get("permit_code")), str(d.get("name")))
    elif change.table_name == "aftercare_notes" and d:
        detail = f"{words.code(AftercareTopic, d.get('topic'))}, {words.day(_iso(d.get('noted_on')))}"
    elif change.table_name == "phase_entries" and d:
        detail = f"{words.code(Phase, d.get('phase'))}, {words.day(_iso(d.get('entered_on')))}"
    elif change.table_name == "action_items" and d:
        detail = str(d.get("text") or "")
    elif change.table_name == "projects" and d:
        detail = str(d.get("code") or "")
    elif change.table_name == "assignments" and d:
        detail = words.code(Role, d.get("role"))
    elif d.get("name"):
        detail = str(d["name"])
    return f"{what} · {detail}" if detail else what


def _iso(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


_BUILDERS: Final = {
    "summary": _summary, "timeline": _timeline, "meetings": _meetings, "permits": _permits,
    "aftercare": _aftercare, "contacts": _contacts, "pending": _pending,
}
