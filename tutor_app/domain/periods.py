"""Report periods: spans of local calendar days, both ends included.

The portfolio compares this year with last year "from what the data dates". A fair comparison
on 2 December is 1 January – 2 December of both years (a whole last year against eleven months
of this one would always look like a fall). The one definition lives here; the report and the
tests take their boundaries from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True, slots=True)
class Period:
    """Local days from ``first`` to ``last``, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"a period ends ({self.last}) before it starts ({self.first})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def instants(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """The period as instants: from local midnight of ``first`` (included) to local midnight
        after ``last`` (excluded). A record created at 00:30 on 1 January in Milan is this year's,
        though it is still 31 December in UTC."""
        start = datetime.combine(self.first, time(0), tzinfo=zone)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=zone)
        return start, end


def year_to_date(today: date) -> Period:
    """1 January of ``today``'s year to ``today``."""
    return Period(date(today.year, 1, 1), today)


def same_period_last_year(period: Period) -> Period:
    """The same days one year earlier (29 February becomes 28 February)."""
    return Period(_year_before(period.first), _year_before(period.last))


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
