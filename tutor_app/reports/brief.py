"""The dossier's first page, what a political table works from: where the project stands (prose
and four figures), the key issues, what the next table must decide, the open action items of
every meeting in one list, the permits past their legal term and the next meetings.

Everything here is read from the dossier's data (nothing is typed twice): ``BriefFacts`` gathers
it, ``brief_section`` lays it out on one page (lists are capped there; the full list of open
action items is its own section, ``actions_section``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Table, TableStyle

from tutor_app.domain.deadlines import DUE_SOON_DAYS, Urgency, is_overdue
from tutor_app.domain.enums import AftercareTopic, PermitStatus, Phase, ProjectStatus, Role, WorkingTable
from tutor_app.reports.blocks import KpiTiles, chunked_tables, data_table, lines, markup
from tutor_app.reports.i18n import Words
from tutor_app.reports.layout import FRAME_HEIGHT, FRAME_WIDTH, Heading, vspace
from tutor_app.reports.theme import BOLD, REGULAR, Theme, table_colour
from tutor_app.store.queries import ActionItemView, AftercareView, Dossier, MeetingView, PermitView

BRIEF_ACTIONS: Final = 8       # open action items on the first page; the section lists them all
BRIEF_PERMITS: Final = 5       # permits past their term on the first page
BRIEF_MEETINGS: Final = 3      # next meetings on the first page
LISTED_IN_SENTENCE: Final = 3  # names a sentence lists before "and N more"
AGENDA_ITEMS: Final = 5        # points of the next meeting's agenda on the first page
QUIET_DAYS: Final = 90         # no meeting for this long, and none scheduled: a key issue
LONG_PHASE_DAYS: Final = 365   # a year in one phase: a key issue


@dataclass(frozen=True, slots=True)
class OpenAction:
    """An action item not done, with the meeting it was agreed at."""

    item: ActionItemView
    table: str
    meeting_day: datetime
    late: bool


@dataclass(frozen=True)
class BriefFacts:
    """What the first page says, computed once from the dossier."""

    phase: Phase | None
    since: date | None
    days_in_phase: int | None
    actions: list[OpenAction]
    passed: list[PermitView]     # legal term passed, most late first
    soon: list[PermitView]       # legal term ends within DUE_SOON_DAYS
    waiting: list[PermitView]    # additional documents requested: the term is suspended
    held: list[MeetingView]      # meetings already held, oldest first
    upcoming: list[MeetingView]  # meetings still ahead, soonest first
    follow_ups: list[AftercareView]  # aftercare notes whose follow-up date has come

    @property
    def late_actions(self) -> list[OpenAction]:
        return [a for a in self.actions if a.late]


def open_actions(dossier: Dossier, today: date) -> list[OpenAction]:
    """Every action item not done, from every (live) meeting of the dossier: late ones first,
    then by due date, those with no due date last. A deleted meeting's items are not in the
    dossier's meetings, so they are never listed."""
    out = [OpenAction(a, m.table, m.starts_at, a.due_on is not None and is_overdue(a.due_on, today))
           for m in dossier.meetings for a in m.actions if not a.done]
    out.sort(key=lambda a: (not a.late, a.item.due_on is None, a.item.due_on or date.max, a.meeting_day))
    return out


def brief_facts(dossier: Dossier, today: date, now: datetime) -> BriefFacts:
    phase = dossier.current_phase
    since = max((e.entered_on for e in dossier.phases if e.phase is phase), default=None) if phase else None
    permits = dossier.permits
    passed = sorted((p for p in permits if p.clock.urgency is Urgency.OVERDUE),
                    key=lambda p: (p.clock.due_on or date.max, p.position or 0))
    soon = [p for p in permits if p.clock.urgency is Urgency.DUE_SOON]
    waiting = [p for p in permits if p.status is PermitStatus.INTEGRATION_REQUESTED]
    return BriefFacts(
        phase=phase, since=since, days_in_phase=(today - since).days if since else None,
        actions=open_actions(dossier, today), passed=passed, soon=soon, waiting=waiting,
        held=[m for m in dossier.meetings if m.starts_at <= now],
        upcoming=[m for m in dossier.meetings if m.starts_at > now],
        follow_ups=[n for n in dossier.notes if n.follow_up_on is not None and n.follow_up_on <= today])


# -- the page ----------------------------------------------------------------------------------

def brief_section(dossier: Dossier, facts: BriefFacts, today: date, words: Words, theme: Theme,
                  heading: Heading, actions_section: str | None) -> list[Flowable]:
    """The first page: one page whatever the data (lists are capped; a page that would still
    overflow is scaled down rather than spilling two lines onto a second page)."""
    body: list[Flowable] = [heading, Paragraph(markup(_prose(dossier, facts, words)), theme.body), vspace(4),
                            _tiles(facts, words, theme), vspace(10)]
    half = (FRAME_WIDTH - 14) / 2
    issues = [Paragraph(markup(words("key_issues")), theme.h2), *_bullets(key_issues(dossier, facts, today, words),
                                                                         theme)]
    decide = [Paragraph(markup(words("to_decide")), theme.h2), *_bullets(to_decide(dossier, facts, words), theme)]
    body += [_columns(issues, decide, half), vspace(6)]
    body += [Paragraph(markup(words("open_actions_h")), theme.h2),
             *_action_list(facts.actions[:BRIEF_ACTIONS], words, theme)]
    rest = len(facts.actions) - BRIEF_ACTIONS
    if rest > 0:
        more = words.count("more_actions", rest)
        if actions_section:
            more += words("full_list_in", section=actions_section)
        body.append(Paragraph(markup(more), theme.small))
    body += [Paragraph(markup(words("passed_permits_h")), theme.h2), *_passed_list(facts, today, words, theme),
             Paragraph(markup(words("next_meetings_h")), theme.h2), *_next_list(facts, words, theme)]
    return [KeepInFrame(FRAME_WIDTH, FRAME_HEIGHT - 2, body, mode="shrink", hAlign="LEFT")]


def _columns(left: list[Flowable], right: list[Flowable], half: float) -> Table:
    return Table([[left, right]], colWidths=[half + 14, half], hAlign="LEFT",
                 style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), REGULAR, 8),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 14),
                                   ("RIGHTPADDING", (1, 0), (1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))


def _bullets(items: list[str], theme: Theme) -> list[Flowable]:
    return [Paragraph(markup(item), theme.bullet, bulletText="•") for item in items]


def _prose(d: Dossier, facts: BriefFacts, words: Words) -> str:
    pr, inv = d.project, d.investor
    location = str(pr.get("municipality") or "")
    if pr.get("province"):
        location = f"{location} ({pr['province']})".strip()
    parts = [words("brief_project" if location else "brief_project_noplace", title=pr["title"],
                   investor=inv["name"], country=words.country(inv["country"]), location=location),
             words("brief_money", capex=words.money(pr.get("capex_cents")),
                   hires=words.number(pr["new_hires"]) if pr.get("new_hires") is not None else words("not_given"))]
    status = words.code(ProjectStatus, pr.get("status"))
    if facts.phase is not None and facts.since is not None and facts.days_in_phase is not None:
        parts.append(words("brief_phase", phase=facts.phase.label(words.lang), days=words.count(
            "days_long", facts.days_in_phase), since=words.day(facts.since), status=status))
    else:
        parts.append(words("brief_no_phase", status=status))
    if facts.held:
        last = facts.held[-1]
        parts.append(words("brief_meetings", held=words.count("meetings_held", len(facts.held)),
                           day=words.day(words.local(last.starts_at).date()),
                           table=words.code(WorkingTable, last.table)))
    else:
        parts.append(words("brief_no_meetings_held"))
    tutors = {Role.PROJECT_TUTOR.value: [], Role.REGIONAL_TUTOR.value: []}  # type: dict[str, list[str]]
    for name, role in d.tutors:
        tutors.setdefault(role, []).append(name)
    parts.append(words("brief_tutors", project=", ".join(tutors[Role.PROJECT_TUTOR.value]) or words("none_assigned"),
                       regional=", ".join(tutors[Role.REGIONAL_TUTOR.value]) or words("none_assigned")))
    return " ".join(parts)


def _tiles(facts: BriefFacts, words: Words, theme: Theme) -> KpiTiles:
    days = (words.number(facts.days_in_phase), words("tile_days"), words("since", day=words.day(facts.since))) \
        if facts.days_in_phase is not None and facts.since else ("–", words("tile_days"), words("brief_no_phase_short"))
    late = len(facts.late_actions)
    nxt = facts.upcoming[0] if facts.upcoming else None
    tiles = [
        days,
        (words.number(len(facts.actions)), words("tile_actions"), words.count("late_count", late)),
        (words.number(len(facts.passed)), words("tile_passed"),
         words("tile_passed_sub", n=words.number(len(facts.soon)), days=DUE_SOON_DAYS)),
        (words.day(words.local(nxt.starts_at).date()) if nxt else "–", words("tile_next"),
         words.code(WorkingTable, nxt.table) if nxt else words("none_scheduled")),
    ]
    return KpiTiles(tiles, theme, per_row=4)


def key_issues(d: Dossier, facts: BriefFacts, today: date, words: Words) -> list[str]:
    """Sentences on what calls for attention, most pressing first (from the data only)."""
    out: list[str] = []
    if facts.passed:
        items = [words("permit_late_item", permit=words.permit_name(p.permit_code, p.name),
                       authority=p.authority or words("not_given"),
                       days=words.days(-(p.clock.days_left(today) or -1))) for p in facts.passed]
        out.append(words("issue_list", what=words.count("permits_past", len(facts.passed)), list=_listed(items, words)))
    late = facts.late_actions
    if late:
        oldest = min(late, key=lambda a: a.item.due_on or date.max)
        out.append(words("issue_late_actions", what=words.count("actions_late", len(late)),
                         day=words.day(oldest.item.due_on), owner=oldest.item.owner or words("not_given")))
    if facts.waiting:
        items = [f"{words.permit_name(p.permit_code, p.name)} ({p.authority or words('not_given')})"
                 for p in facts.waiting]
        out.append(words("issue_waiting", what=words.count("permits_waiting", len(facts.waiting)),
                         list=_listed(items, words)))
    if facts.soon:
        items = [f"{words.permit_name(p.permit_code, p.name)} ({words.day(p.clock.due_on)})" for p in facts.soon]
        out.append(words("issue_list", what=words.count("permits_soon", len(facts.soon), days=DUE_SOON_DAYS),
                         list=_listed(items, words)))
    if facts.follow_ups:
        items = [f"{words.code(AftercareTopic, n.topic)} ({words.day(n.follow_up_on)})" for n in facts.follow_ups]
        out.append(words("issue_list", what=words.count("follow_ups_due", len(facts.follow_ups)),
                         list=_listed(items, words)))
    status = d.project.get("status")
    if status in (ProjectStatus.ON_HOLD.value, ProjectStatus.ABANDONED.value):
        out.append(words("issue_status", status=words.code(ProjectStatus, status)))
    if not any(role == Role.PROJECT_TUTOR.value for _, role in d.tutors):
        out.append(words("issue_no_tutor"))
    if not facts.upcoming:
        if facts.held:
            quiet = (today - words.local(facts.held[-1].starts_at).date()).days
            if quiet >= QUIET_DAYS:
                out.append(words("issue_quiet", days=words.count("days_long", quiet)))
        else:
            out.append(words("issue_no_meetings"))
    if (facts.phase is not None and facts.phase is not Phase.OPERATIONS and facts.days_in_phase is not None
            and facts.days_in_phase > LONG_PHASE_DAYS):
        out.append(words("issue_long_phase", phase=facts.phase.label(words.lang),
                         days=words.count("days_long", facts.days_in_phase)))
    return out or [words("issue_none")]


def to_decide(d: Dossier, facts: BriefFacts, words: Words) -> list[str]:
    """What the next meeting has before it: its agenda, and the decisions the data calls for."""
    out: list[str] = []
    if facts.upcoming:
        m = facts.upcoming[0]
        place = f", {m.place}" if m.place else ""
        out.append(words("decide_next", table=words.code(WorkingTable, m.table), when=words.moment(m.starts_at),
                         place=place))
        agenda = [line.strip() for line in (m.agenda or "").splitlines() if line.strip()]
        if agenda:  # a long agenda is named in part: the meetings section has it whole
            shown = "; ".join(agenda[:AGENDA_ITEMS])
            if len(agenda) > AGENDA_ITEMS:
                shown += f" {words.count('and_more', len(agenda) - AGENDA_ITEMS)}"
            out.append(words("decide_agenda", agenda=shown))
    else:
        table = facts.phase.table if facts.phase is not None else WorkingTable.POLITICAL
        out.append(words("decide_unscheduled", table=table.label(words.lang)))
    if facts.passed:
        authorities = sorted({p.authority for p in facts.passed if p.authority})
        out.append(words("decide_escalate", what=words.count("permits_past", len(facts.passed)),
                         authorities=_listed(authorities, words) if authorities else words("the_authorities")))
    if facts.late_actions:
        out.append(words("decide_actions", what=words.count("actions_late", len(facts.late_actions))))
    if facts.waiting:
        out.append(words("decide_waiting", list=_listed([words.permit_name(p.permit_code, p.name)
                                                          for p in facts.waiting], words)))
    if (facts.phase is Phase.PERMITTING and d.permits and all(p.status.is_closed for p in d.permits)
            and any(p.status is not PermitStatus.NOT_NEEDED for p in d.permits)):
        out.append(words("decide_next_phase", phase=Phase.REALISATION.label(words.lang)))
    if facts.follow_ups:
        out.append(words("decide_follow_ups", what=words.count("follow_ups_due", len(facts.follow_ups))))
    if len(out) <= (2 if facts.upcoming and facts.upcoming[0].agenda else 1):
        out.append(words("decide_none"))
    return out


def _listed(items: list[str], words: Words) -> str:
    """``A, B, C e altri 2``: a sentence names a few and counts the rest."""
    shown = ", ".join(items[:LISTED_IN_SENTENCE])
    rest = len(items) - LISTED_IN_SENTENCE
    return f"{shown} {words.count('and_more', rest)}" if rest > 0 else shown


# -- lists -------------------------------------------------------------------------------------

def action_rows(actions: list[OpenAction], words: Words, theme: Theme,
                widths: list[float]) -> tuple[list[list[str | Flowable]], list[tuple[object, ...]]]:
    p = theme.palette
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    for r, a in enumerate(actions, start=1):
        state, colour = (words("late"), p.danger) if a.late else (words("open"), p.warning)
        origin = f"{words.code(WorkingTable, a.table)}\n{words.day(words.local(a.meeting_day).date())}"
        rows.append([lines(a.item.text, widths[0] - 8), lines(a.item.owner, widths[1] - 8),
                     words.day(a.item.due_on), state, lines(origin, widths[4] - 8)])
        extra += [("TEXTCOLOR", (3, r), (3, r), colour), ("FONT", (3, r), (3, r), BOLD, 8, 10)]
    return rows, extra


def _action_widths() -> list[float]:
    widths = [0.0, 96, 58, 54, 104]
    widths[0] = FRAME_WIDTH - sum(widths)
    return widths


def _action_list(actions: list[OpenAction], words: Words, theme: Theme) -> list[Flowable]:
    if not actions:
        return [Paragraph(markup(words("no_open_actions")), theme.body)]
    widths = _action_widths()
    rows, extra = action_rows(actions, words, theme, widths)
    return [data_table(_action_header(words), rows, widths, theme, extra=extra)]


def _action_header(words: Words) -> list[str | Flowable]:
    return [words("action"), words("owner"), words("due"), words("status"), words("agreed_at")]


def actions_section(dossier: Dossier, facts: BriefFacts, words: Words, theme: Theme) -> list[Flowable]:
    """Every open action item in one list (the first page shows the first few)."""
    if not facts.actions:
        return [Paragraph(markup(words("no_open_actions")), theme.body)]
    widths = _action_widths()
    rows, extra = action_rows(facts.actions, words, theme, widths)
    intro = words("actions_intro", what=words.count("open_actions", len(facts.actions)),
                  late=words.count("late_count", len(facts.late_actions)))
    return [Paragraph(markup(intro), theme.body), vspace(2),
            *chunked_tables(_action_header(words), rows, widths, theme, extra=extra)]


def _passed_list(facts: BriefFacts, today: date, words: Words, theme: Theme) -> list[Flowable]:
    if not facts.passed:
        return [Paragraph(markup(words("no_passed_permits")), theme.body)]
    p = theme.palette
    widths = [0.0, 130, 58, 58, 70]
    widths[0] = FRAME_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    for r, permit in enumerate(facts.passed[:BRIEF_PERMITS], start=1):
        rows.append([lines(words.permit_name(permit.permit_code, permit.name), widths[0] - 8, BOLD),
                     lines(permit.authority, widths[1] - 8), words.day(permit.submitted_on),
                     words.day(permit.clock.due_on),
                     words.term_mark(min(-1, permit.clock.days_left(today) or -1))])
        extra += [("TEXTCOLOR", (4, r), (4, r), p.danger), ("FONT", (4, r), (4, r), BOLD, 8, 10)]
    out: list[Flowable] = [data_table([words("permit"), words("authority"), words("submitted_on"),
                                       words("legal_due"), words("deadline_state")], rows, widths, theme,
                                      extra=extra)]
    rest = len(facts.passed) - BRIEF_PERMITS
    if rest > 0:
        out.append(Paragraph(markup(words.count("more_permits", rest)), theme.small))
    return out


def _next_list(facts: BriefFacts, words: Words, theme: Theme) -> list[Flowable]:
    if not facts.upcoming:
        return [Paragraph(markup(words("no_next_meetings")), theme.body)]
    widths = [0.0, 120, 200]
    widths[0] = FRAME_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = []
    extra: list[tuple[object, ...]] = []
    for r, m in enumerate(facts.upcoming[:BRIEF_MEETINGS], start=1):
        colour: Color = table_colour(m.table)
        rows.append([words.moment(m.starts_at), words.code(WorkingTable, m.table), lines(m.place, widths[2] - 8)])
        extra += [("TEXTCOLOR", (1, r), (1, r), colour), ("LINEBEFORE", (1, r), (1, r), 3, colour)]
    out: list[Flowable] = [data_table([words("when"), words("table"), words("place")], rows, widths, theme,
                                      extra=extra)]
    rest = len(facts.upcoming) - BRIEF_MEETINGS
    if rest > 0:
        out.append(Paragraph(markup(words.count("more_meetings", rest)), theme.small))
    return out

