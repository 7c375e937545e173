"""Dates, money and numbers as people in Lombardy write them (``25/11/2026``, ``1.234.567 €``).

Qt-free so the desktop client, the PDF reports and the CLI all print the same thing. Parsing is
lenient in what it accepts (``25/11/26``, ``2026-11-25``, ``1.234.567,50``, ``1234567``) and
raises ``ValidationError`` naming the field otherwise.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_decimal

from tutor_app.domain.errors import ValidationError

NBSP = "\u00a0"
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d")
# Thousands written with dots and no decimal comma: "1.234.567" means 1234567, not 1.234567.
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def _locale(lang: str) -> str:
    return "en_GB" if lang == "en" else "it_IT"


def format_date(value: date | None, lang: str = "it") -> str:
    """``25/11/2026`` (both languages: the users read day-first dates); empty for no date."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None, lang: str = "it") -> str:
    """``25/11/2026 14:30`` in the computer's time zone."""
    if value is None:
        return ""
    local = value.astimezone() if value.tzinfo else value
    return local.strftime("%d/%m/%Y %H:%M")


def format_instant(text: str | None, lang: str = "it") -> str:
    """A stored UTC instant (ISO text) as ``format_datetime`` shows it; text that is not one, as is."""
    if not text:
        return ""
    try:
        return format_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")), lang)
    except ValueError:
        return text


def parse_date(text: str, field: str = "date") -> date | None:
    """A date typed by a person; None for an empty field."""
    cleaned = text.strip()
    if not cleaned:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValidationError(field, f"{text!r} is not a date (use DD/MM/YYYY)")


@lru_cache(maxsize=4096)
def format_int(value: int | None, lang: str = "it") -> str:
    """``3.744`` in Italian, ``3,744`` in English; empty for no value."""
    if value is None:
        return ""
    return str(format_decimal(value, locale=_locale(lang)))


def format_money(cents: int | None, lang: str = "it", decimals: bool = False) -> str:
    """``1.234.567 €`` (whole euro unless ``decimals``); empty for no amount."""
    if cents is None:
        return ""
    if decimals:
        amount = (Decimal(cents) / 100).quantize(Decimal("0.01"))
        number = str(format_decimal(amount, format="#,##0.00", locale=_locale(lang)))
    else:
        euros = int((Decimal(cents) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        number = format_int(euros, lang)
    return f"€{number}" if lang == "en" else f"{number}{NBSP}€"


def format_euros(cents: int | None, lang: str = "it") -> str:
    """Whole euro, e.g. ``1.234.567 €`` (the name the CLI uses; same as ``format_money``)."""
    return format_money(cents, lang)


def format_money_short(cents: int | None, lang: str = "it") -> str:
    """``2,8 mld €`` / ``45,3 mln €``: for dashboards where the full amount does not fit."""
    if cents is None:
        return ""
    euros = Decimal(cents) / 100
    for size, it_unit, en_unit in ((Decimal(10) ** 9, "mld", "bn"), (Decimal(10) ** 6, "mln", "m")):
        if abs(euros) >= size:
            number = str(format_decimal(euros / size, format="#,##0.0", locale=_locale(lang)))
            return f"€{number}{en_unit}" if lang == "en" else f"{number}{NBSP}{it_unit}{NBSP}€"
    return format_money(cents, lang)


def parse_money(text: str, field: str = "capex_cents") -> int | None:
    """Cents for an amount typed in Italian (``1.234.567,50``) or plain (``1234567.5``) notation."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace(NBSP, "").replace("'", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        # whichever separator comes last marks the decimals
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", "") if _COMMA_THOUSANDS.match(cleaned) else cleaned.replace(",", ".")
    elif _DOTTED_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(field, f"{text!r} is not an amount in euro") from None
    if not amount.is_finite():
        raise ValidationError(field, f"{text!r} is not an amount in euro")
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_int(text: str, field: str) -> int | None:
    """A whole number typed with or without thousands separators; None for an empty field."""
    cleaned = text.strip().replace(".", "").replace(",", "").replace(" ", "").replace(NBSP, "")
    if not cleaned:
        return None
    try:
        return int(cleaned)
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a whole number") from None
