"""Legal deadlines of permit items: when the administration's term ends, and how urgent it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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


def legal_due_date(status: PermitStatus, submitted_on: date | None, time_limit_days: int | None) -> date | None:
    """The day the administration's term ends, for a filed application; None when no term runs."""
    if status.is_closed or submitted_on is None or not time_limit_days:
        return None
    if status not in (PermitStatus.SUBMITTED, PermitStatus.INTEGRATION_REQUESTED):
        return None
    return add_days(submitted_on, time_limit_days)


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


def urgency_of(due: date, today: date, soon_days: int = DUE_SOON_DAYS) -> Urgency:
    if due < today:
        return Urgency.OVERDUE
    if (due - today).days <= soon_days:
        return Urgency.DUE_SOON
    return Urgency.OK
