"""Cell values as Italian offices type them, read into the canonical form, or refused.

A value that cannot be read is an error, never "fixed": no absolute values, no rolled-over
dates (31/02 is refused, not 03/03), no digits scraped out of text, no amounts rounded to the
cent. Italian forms first (``1.234.567,50``, ``€ 850.000``, ``32.000.000,00 €``, ``1.050``
hires, ``05/09/2023``), ISO forms too (``2023-09-05``); a workbook's typed cells (numbers,
dates) are taken as they are.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from tutor_app.domain.enums import LabelledEnum
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.places import PROVINCES, territory_names
from tutor_app.domain.vat import canonical_vat
from tutor_app.importing.reading import Cell

_MAX_INT = 2**62


class CellProblem(Exception):
    """Why a cell cannot be imported: a reason of ``importing.words.REASONS`` and its parameters."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def fold(text: str) -> str:
    """Case, accents and spacing ignored: "  Società  " and "societa" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def as_text(cell: Cell) -> str:
    """A cell as the text a person sees (numbers without a trailing .0, dates day-first)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.strftime("%d/%m/%Y %H:%M") if cell.time() != time(0) else cell.strftime("%d/%m/%Y")
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return str(cell)


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text_value(cell: Cell, limit: int) -> str:
    if isinstance(cell, (datetime, date, time, bool)):
        raise CellProblem("not_text", value=as_text(cell))
    text = as_text(cell).replace("\r\n", "\n").replace("\x00", "")
    text = text if limit > 1000 else text.strip()
    if limit and len(text) > limit:
        raise CellProblem("too_long", length=len(text), limit=limit)
    return text


# -- numbers and money ---------------------------------------------------------------------------

_EURO = re.compile(r"^(?:€|EUR|EURO)?\s*(?P<n>[0-9][0-9.\s\u00a0\u202f']*(?:,[0-9]+)?)\s*(?:€|EUR|EURO)?$",
                   re.IGNORECASE)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+$")
_PLAIN = re.compile(r"^[0-9]+$")


def _italian_number(text: str) -> Decimal | None:
    """``1.234.567,50`` / ``850000`` / ``1234,5``: dots group thousands by three, the comma marks
    decimals; anything else (``12.5``, ``1,234,567.50``, ``1 2``) is None."""
    whole, _, decimals = text.partition(",")
    whole = whole.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if not (_GROUPED.match(whole) or _PLAIN.match(whole)):
        return None
    if decimals and not _PLAIN.match(decimals):
        return None
    return Decimal(whole.replace(".", "") + ("." + decimals if decimals else ""))


def money_cents(cell: Cell) -> int:
    """Euro cents of an amount; CellProblem when it is not one (or has fractions of a cent)."""
    shown = as_text(cell)
    if isinstance(cell, (bool, date, datetime, time)):
        raise CellProblem("amount", value=shown)
    if isinstance(cell, (int, float)):
        try:
            amount = Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
        except InvalidOperation:
            raise CellProblem("amount", value=shown) from None
        if not amount.is_finite():
            raise CellProblem("amount", value=shown)
    else:
        text = str(cell).strip()
        if text.startswith("-") or text.startswith("(") or "- " in text[:3]:
            raise CellProblem("negative", value=shown)
        match = _EURO.match(text)
        found = _italian_number(match.group("n").strip()) if match else None
        if found is None:
            raise CellProblem("amount", value=shown)
        amount = found
    if amount < 0:
        raise CellProblem("negative", value=shown)
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise CellProblem("amount_decimals", value=shown)
    if cents >= _MAX_INT:
        raise CellProblem("too_large", value=shown)
    return int(cents)


def whole_number(cell: Cell) -> int:
    """A count (new hires): ``1.050`` is one thousand and fifty; ``10,5`` or ``-3`` are refused."""
    shown = as_text(cell)
    if isinstance(cell, (bool, date, datetime, time)):
        raise CellProblem("count", value=shown)
    if isinstance(cell, int):
        value = cell
    elif isinstance(cell, float):
        if not cell.is_integer():
            raise CellProblem("count", value=shown)
        value = int(cell)
    else:
        text = str(cell).strip().replace("\u00a0", "").replace(" ", "")
        if text.startswith("-"):
            raise CellProblem("negative", value=shown)
        if not (_GROUPED.match(text) or _PLAIN.match(text)):
            raise CellProblem("count", value=shown)
        value = int(text.replace(".", ""))
    if value < 0:
        raise CellProblem("negative", value=shown)
    if value >= _MAX_INT:
        raise CellProblem("too_large", value=shown)
    return value


# -- dates -------------------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")


def iso_date(cell: Cell) -> str:
    """An ISO date from ``05/09/2023`` (day first), ``5.9.2023``, ``2023-09-05`` or a date cell."""
    shown = as_text(cell)
    if isinstance(cell, datetime):
        if cell.time() != time(0):
            raise CellProblem("date_with_time", value=shown)
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if not isinstance(cell, str):
        raise CellProblem("date", value=shown)
    text = cell.strip()
    day_first = _DAY_FIRST.match(text)
    iso = _ISO.match(text)
    if day_first:
        day, month, year = (int(g) for g in day_first.groups())
    elif iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise CellProblem("date", value=shown)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise CellProblem("no_such_date", value=shown) from None


# -- codes by their labels -------------------------------------------------------------------------

@cache
def _enum_keys(enum: type[LabelledEnum]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for member in enum:
        for name in (member.value, member.value.replace("_", " "), member.label("it"), member.label("en"),
                     member.short_label("it"), member.short_label("en")):
            keys.setdefault(fold(name), member.value)
    return keys


def enum_code(cell: Cell, enum: type[LabelledEnum]) -> str:
    """The code of a vocabulary member named by its code or its Italian or English label."""
    found = _enum_keys(enum).get(fold(as_text(cell)))
    if found is None:
        allowed = tuple(", ".join(m.short_label(lang) for m in enum) for lang in ("it", "en"))
        raise CellProblem("choice", value=as_text(cell), allowed=allowed)
    return found


def enum_codes(cell: Cell, enum: type[LabelledEnum]) -> list[str]:
    """Several members, separated by ``;``, ``,`` or new lines."""
    parts = [p for p in re.split(r"[;,\n]", as_text(cell)) if p.strip()]
    return sorted({enum_code(p, enum) for p in parts})


_COUNTRY_ALIASES = {"usa": "US", "stati uniti d america": "US", "uk": "GB", "inghilterra": "GB",
                    "gran bretagna": "GB", "great britain": "GB", "england": "GB", "olanda": "NL",
                    "holland": "NL", "corea del sud": "KR", "south korea": "KR", "korea": "KR",
                    "cina": "CN", "china": "CN", "prc": "CN", "uae": "AE", "emirati arabi": "AE"}


@cache
def _country_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for lang in ("it", "en"):
        for code, name in territory_names(lang).items():
            keys.setdefault(fold(name), code)
    for code in territory_names("en"):
        keys[fold(code)] = code
    keys.update(_COUNTRY_ALIASES)
    return keys


def country_code(cell: Cell) -> str:
    found = _country_keys().get(fold(as_text(cell)))
    if found is None:
        raise CellProblem("country", value=as_text(cell))
    return found


@cache
def _province_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for p in PROVINCES:
        for name in (p.code, p.name, p.capital, p.name.split(" (")[0]):
            keys.setdefault(fold(name), p.code)
    keys[fold("Monza Brianza")] = "MB"
    return keys


def province_code(cell: Cell) -> str:
    text = as_text(cell).strip()
    found = _province_keys().get(fold(text.strip("()")))
    if found is None:
        raise CellProblem("province", value=text, allowed=", ".join(p.code for p in PROVINCES))
    return found


_YES = {"si", "s", "yes", "y", "x", "1", "vero", "true"}
_NO = {"no", "n", "0", "falso", "false"}


def yes_no(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return bool(cell)
    key = fold(as_text(cell))
    if key in _YES:
        return True
    if key in _NO or not key:
        return False
    raise CellProblem("yes_no", value=as_text(cell))


def vat_number(cell: Cell) -> str | None:
    """A VAT number or tax code in canonical form (domain.vat). A number cell has lost any leading
    zero (Excel drops them): it is taken only when it has the eleven digits of a partita IVA."""
    text = as_text(cell)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and not (text.isdigit() and len(text) == 11):
        raise CellProblem("vat_number_cell", value=text)
    try:
        return canonical_vat(text)
    except ValidationError as exc:
        reason = "vat_check" if "check digit" in exc.message else "too_long" if "too long" in exc.message else "vat"
        raise CellProblem(reason, value=text, length=len(text), limit=30) from None
