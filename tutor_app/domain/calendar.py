"""Italian public holidays and the counting of administrative terms, computed offline.

Rules (see shared/domain/permits.md §2): the first day is not counted; a forward term that
ends on a Sunday or a public holiday moves to the next working day; Saturday moves only when
asked (terms the applicant must meet); month terms end on the same day number, or on the
month's last day. The August court suspension does not apply to administrative terms.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

# (month, day, first year in force, last year in force or None)
_FIXED_HOLIDAYS: tuple[tuple[int, int, int, int | None], ...] = (
    (1, 1, 1949, None),    # Capodanno
    (1, 6, 1985, None),    # Epifania (restored by DPR 792/1985)
    (4, 25, 1949, None),   # Liberazione
    (5, 1, 1949, None),    # Festa del Lavoro
    (6, 2, 2001, None),    # Festa della Repubblica (restored by L. 336/2000)
    (8, 15, 1949, None),   # Assunzione
    (10, 4, 2026, None),   # San Francesco d'Assisi (L. 151/2025, from 1 Jan 2026)
    (11, 1, 1949, None),   # Ognissanti
    (12, 8, 1949, None),   # Immacolata
    (12, 25, 1949, None),  # Natale
    (12, 26, 1949, None),  # Santo Stefano
)


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def holidays(year: int) -> frozenset[date]:
    """The national public holidays of a year (Sundays aside)."""
    days = {
        date(year, month, day)
        for month, day, first, last in _FIXED_HOLIDAYS
        if first <= year and (last is None or year <= last)
    }
    days.add(easter_sunday(year) + timedelta(days=1))  # Lunedì dell'Angelo
    return frozenset(days)


def is_holiday(day: date) -> bool:
    """A Sunday or a national public holiday."""
    return day.weekday() == 6 or day in holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, not a public holiday (the public administration's working day)."""
    return day.weekday() < 5 and day not in holidays(day.year)


def _next_open_day(day: date, move_off_saturday: bool) -> date:
    while is_holiday(day) or (move_off_saturday and day.weekday() == 5):
        day += timedelta(days=1)
    return day


def add_days(start: date, days: int, *, move_off_saturday: bool = False) -> date:
    """The last day of a term of ``days`` calendar days from ``start`` (not counted)."""
    return _next_open_day(start + timedelta(days=days), move_off_saturday)


def add_working_days(start: date, days: int) -> date:
    """The last day of a term of ``days`` working days from ``start`` (not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_months(start: date, months: int, *, move_off_saturday: bool = False) -> date:
    """Same day number ``months`` later, or that month's last day (c.c. art. 2963 c.4)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return _next_open_day(date(year, month, day), move_off_saturday)


def subtract_days(target: date, days: int) -> date:
    """The last useful day of a term counted backwards; a holiday moves it earlier."""
    day = target - timedelta(days=days)
    while is_holiday(day):
        day -= timedelta(days=1)
    return day
