"""Words and formats of the reports, Italian first and English second.

Labels of domain codes (phases, sectors, statuses...) come from the enums themselves; this
module holds the report's own words. Numbers, money and dates go through Babel so a PDF in
Italian reads ``1.234.567 €`` and ``25/11/2026``, and one in English ``€1,234,567`` and
``25 Nov 2026``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from typing import Final

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent

from tutor_app.domain import enums
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.permit_catalogue import is_notice, permit_words
from tutor_app.domain.places import PROVINCE_BY_CODE, country_name
from tutor_app.reports.words import FIELDS as _FIELDS
from tutor_app.reports.words import RECORDS as _RECORDS
from tutor_app.reports.words import WORDS as _WORDS

LANGS: Final = ("it", "en")

_BABEL_LOCALE: Final = {"it": "it_IT", "en": "en_GB"}
_DATE_FORMAT: Final = {"it": "dd/MM/yyyy", "en": "d MMM y"}
# Babel's en_GB abbreviates September as "Sept": every month gets three letters, as in "23 Nov".
_EN_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_DATE_FORMAT: Final = {"it": "d MMMM y", "en": "d MMMM y"}
_MONEY_FORMAT: Final = {"it": "#,##0\u00a0¤", "en": "¤#,##0"}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValidationError("lang", f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    return lang


@lru_cache(maxsize=1)
def local_zone() -> tzinfo:
    """Meetings are shown at Italian time; a build without a time-zone database falls back to UTC."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Rome")
    except (ImportError, KeyError, OSError):
        return UTC


def as_of(today: date, generated_at: datetime) -> datetime:
    """The instant a report stands at: when it is made, kept within its day (``today``, local).

    "Upcoming" and "held" are counted from it: a meeting held this morning is no longer upcoming,
    and a report dated on another day than the clock's (a day pinned in tests, or a clock behind)
    still reads as of its own day."""
    zone = local_zone()
    start = datetime.combine(today, time(0), tzinfo=zone)
    end = datetime.combine(today, time(23, 59, 59), tzinfo=zone)
    moment = generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=zone)
    return min(max(start, moment), end)


class Words:
    """The words and formats of one language. Cheap to call in loops: the Babel locale is parsed once."""

    def __init__(self, lang: str = "it") -> None:
        self.lang = check_lang(lang)
        self._locale = Locale.parse(_BABEL_LOCALE[lang])
        self._index = 1 if lang == "en" else 0
        self._zone = local_zone()

    def __repr__(self) -> str:
        return f"Words({self.lang!r})"

    def __call__(self, key: str, **values: object) -> str:
        text = _WORDS[key][self._index]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in _WORDS

    # -- domain codes ------------------------------------------------------------------------

    def code(self, enum: type[enums.LabelledEnum], value: str | None) -> str:
        """The label of a code; an unknown code (a newer app's vocabulary) reads "sconosciuto (code)"."""
        return enum(value).label(self.lang) if value else self("not_given")

    def country(self, code: str | None) -> str:
        return country_name(code, self.lang) if code else self("not_given")

    def province(self, code: str | None, short: bool = False) -> str:
        """The province's name (``short``: without "(Città metropolitana)"); an unknown code says so."""
        if not code:
            return self("not_given")
        province = PROVINCE_BY_CODE.get(code)
        if province is None:
            return enums.unknown_label(code, self.lang)
        return province.name.split(" (")[0] if short else province.name

    def permit_name(self, permit_code: str, stored_name: str) -> str:
        """A permit as a page names it: "AUA — Autorizzazione unica ambientale" (a page has no
        tooltip to hold the name behind an acronym), in the report's language."""
        return permit_words(permit_code, stored_name, self.lang).full

    def permit_status(self, permit_code: str, status: enums.PermitStatus) -> str:
        """A SCIA or a notice that went through is "efficace"; a permit is "rilasciato"."""
        if status is enums.PermitStatus.GRANTED and is_notice(permit_code):
            return self("notice_effective")
        return status.label(self.lang)

    def record(self, table: str) -> str:
        names = _RECORDS.get(table)
        return names[self._index] if names else table.replace("_", " ")

    def field(self, name: str) -> str:
        names = _FIELDS.get(name)
        return names[self._index] if names else name.replace("_", " ")

    def count(self, key: str, n: int, **values: object) -> str:
        """A number with its noun in agreement: ``1 scaduto`` / ``2 scaduti`` (keys ``key_one``, ``key_many``;
        ``values`` fill the other placeholders of either)."""
        return self(f"{key}_one", **values) if n == 1 else self(f"{key}_many", n=self.number(n), **values)

    def days(self, n: int) -> str:
        return self.count("days", n)

    def term_mark(self, days_left: int) -> str:
        """A permit's urgency: the authority's term has passed ("termine superato da 1 g"), which is
        not "the permit expired"; or it ends in so many days."""
        if days_left < 0:
            return self("term_passed", days=self.days(-days_left))
        return self("term_ends", days=self.days(days_left))

    def status_mix(self, active: int, announced: int) -> str:
        """``21 attivi, 0 annunciati``: two counts, never read as a ratio."""
        return f"{self.count('active', active)}, {self.count('announced', announced)}"

    def pending(self, n: int) -> str:
        return self.count("pending", n)

    # -- formats -----------------------------------------------------------------------------

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self._locale)

    def money(self, cents: int | None) -> str:
        """Whole euro: capex estimates are never precise to the cent, and cents only add noise."""
        if cents is None:
            return self("not_given")
        return format_currency(round(cents / 100), "EUR", format=_MONEY_FORMAT[self.lang],
                               locale=self._locale, currency_digits=False)

    def money_short(self, cents: int) -> str:
        """Chart labels and KPI tiles: ``2,8 Mld €`` / ``€2.8bn``."""
        euros = cents / 100
        for threshold, it_unit, en_unit in ((1e9, "Mld", "bn"), (1e6, "Mln", "m"), (1e3, "mila", "k")):
            if abs(euros) >= threshold:
                # three significant digits: 7.023 billion reads "7,02 Mld €", never a bare "7"
                scaled = euros / threshold
                decimals = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
                amount = format_decimal(round(scaled, decimals), format="#,##0." + "0" * decimals if decimals
                                        else "#,##0", locale=self._locale)
                return f"{amount}\u00a0{it_unit}\u00a0€" if self.lang == "it" else f"€{amount}{en_unit}"
        return self.money(cents)

    def millions(self, cents: int | None) -> str:
        """An amount in millions of euro with two decimals: one unit for a whole table column."""
        if cents is None:
            return "–"
        return format_decimal(round(cents / 1e8, 2), format="#,##0.00", locale=self._locale)

    def percent(self, share: float) -> str:
        """A share of a whole: ``33%``, ``4,5%``, ``2,0%`` (one decimal under 10%, so small shares are not all "0%")."""
        return format_percent(share, format="#,##0.0%" if abs(share) < 0.1 else "#,##0%", locale=self._locale)

    def change(self, difference: int, money: bool = False) -> str:
        """A change between two periods with its sign: ``+5``, ``−3``, ``0`` (money in millions of euro)."""
        text = self.millions(abs(difference)) if money else self.number(abs(difference))
        return ("+" if difference > 0 else "\u2212" if difference < 0 else "") + text

    def day(self, value: date | None) -> str:
        if not value:
            return ""
        if self.lang == "en":
            return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"
        return format_date(value, _DATE_FORMAT[self.lang], locale=self._locale)

    def month(self, value: date) -> str:
        """A month on a time axis: ``gen`` / ``Jan`` (the year is written apart)."""
        if self.lang == "en":
            return _EN_MONTHS[value.month - 1]
        return format_date(value, "MMM", locale=self._locale)

    def long_day(self, value: date) -> str:
        return format_date(value, _LONG_DATE_FORMAT[self.lang], locale=self._locale)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self._zone) if instant.tzinfo else instant

    def time(self, instant: datetime) -> str:
        return self.local(instant).strftime("%H:%M")

    def moment(self, instant: datetime) -> str:
        local = self.local(instant)
        if self.lang == "en":
            return f"{self.day(local.date())}, {local.strftime('%H:%M')}"
        return format_datetime(local, "dd/MM/yyyy HH:mm", tzinfo=local.tzinfo, locale=self._locale)

    def join(self, items: list[str]) -> str:
        return ", ".join(items) if items else self("none")
