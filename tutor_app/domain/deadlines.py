"""Legal deadlines of permit items: when the administration's term ends, and how urgent it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tutor_app.domain.calendar import add_days
from tutor_app.domain.enums import PermitStatus

DUE_SOON_DAYS = 14


class Urgency(StrEnum):
    NONE = "none"            # no running term (not filed, closed, or no legal limit)
    SUSPENDED = "suspended"  # documents requested: the term is paused
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class PermitClock:
    due_on: date | None
    urgency: Urgency

    def days_left(self, today: date) -> int | None:
        return None if self.due_on is None else (self.due_on - today).days


def term_end(submitted_on: date | None, time_limit_days: int | None) -> date | None:
    """The last day of the legal term counted from the application, whatever the permit's state
    now (a decision is shown against the term it had); None with no application or no limit."""
    if submitted_on is None or not time_limit_days:
        return None
    return add_days(submitted_on, time_limit_days)


def legal_due_date(status: PermitStatus, submitted_on: date | None, time_limit_days: int | None) -> date | None:
    """The day the administration's term ends, for a filed application; None when no term runs."""
    if status not in (PermitStatus.SUBMITTED, PermitStatus.INTEGRATION_REQUESTED):
        return None
    return term_end(submitted_on, time_limit_days)


def permit_clock(
    status: PermitStatus,
    submitted_on: date | None,
    time_limit_days: int | None,
    today: date,
    soon_days: int = DUE_SOON_DAYS,
) -> PermitClock:
    due = legal_due_date(status, submitted_on, time_limit_days)
    if due is None:
        return PermitClock(None, Urgency.NONE)
    if status is PermitStatus.INTEGRATION_REQUESTED:
        return PermitClock(due, Urgency.SUSPENDED)
    return PermitClock(due, urgency_of(due, today, soon_days))


@dataclass(frozen=True, slots=True)
class UrgencyBounds:
    """What "overdue" and "due soon" mean on one day: a term that ends before ``overdue_before``
    is overdue (its last day is still in time); one that ends from then to ``soon_until``, both
    included, is due soon; a later one is fine.

    The one definition of both words: ``urgency_of`` reads it, and every list, count, query and
    report that compares dates (ISO strings in SQL, a bisect over sorted dates) takes its limits
    from here, never from a ``today + 14`` of its own.
    """

    overdue_before: date
    soon_until: date

    def of(self, due: date) -> Urgency:
        if due < self.overdue_before:
            return Urgency.OVERDUE
        if due <= self.soon_until:
            return Urgency.DUE_SOON
        return Urgency.OK


def urgency_bounds(today: date, soon_days: int = DUE_SOON_DAYS) -> UrgencyBounds:
    return UrgencyBounds(today, today + timedelta(days=soon_days))


def urgency_of(due: date, today: date, soon_days: int = DUE_SOON_DAYS) -> Urgency:
    """How urgent a running term that ends on ``due`` is, seen on ``today``."""
    return urgency_bounds(today, soon_days).of(due)


def is_overdue(due: date, today: date) -> bool:
    """Whether something due on ``due`` (a legal term, an action) is late on ``today``."""
    return due < urgency_bounds(today).overdue_before
