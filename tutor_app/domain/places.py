"""Provinces of Lombardy and countries of origin (ISO 3166 alpha-2, names from CLDR via Babel)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from tutor_app.domain.enums import unknown_label
from tutor_app.domain.errors import UnknownChoiceError


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # official sigla, e.g. "MB"
    istat: str
    name: str
    capital: str
    # Comuni over 100,000 inhabitants double the building-permit terms (DPR 380 art. 20 c.7)
    large_comuni: tuple[str, ...] = ()


PROVINCES: tuple[Province, ...] = (
    Province("BG", "016", "Bergamo", "Bergamo", ("Bergamo",)),
    Province("BS", "017", "Brescia", "Brescia", ("Brescia",)),
    Province("CO", "013", "Como", "Como"),
    Province("CR", "019", "Cremona", "Cremona"),
    Province("LC", "097", "Lecco", "Lecco"),
    Province("LO", "098", "Lodi", "Lodi"),
    Province("MN", "020", "Mantova", "Mantova"),
    Province("MI", "015", "Milano (Città metropolitana)", "Milano", ("Milano",)),
    Province("MB", "108", "Monza e della Brianza", "Monza", ("Monza",)),
    Province("PV", "018", "Pavia", "Pavia"),
    Province("SO", "014", "Sondrio", "Sondrio"),
    Province("VA", "012", "Varese", "Varese"),
)

PROVINCE_BY_CODE = {p.code: p for p in PROVINCES}


def parse_province(value: object, field: str = "province") -> str:
    code = str(value).strip().upper()
    if code not in PROVINCE_BY_CODE:
        raise UnknownChoiceError(field, str(value), tuple(PROVINCE_BY_CODE), kind="province")
    return code


def province_code(code: str, lang: str = "it") -> str:
    """A province as lists show it, by its code; a code that is no province of Lombardy says so."""
    return code if code in PROVINCE_BY_CODE else unknown_label(code, lang)


@lru_cache(maxsize=4)
def _territories(lang: str) -> dict[str, str]:
    names = Locale(lang).territories
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


def territory_names(lang: str) -> dict[str, str]:
    """Every country code with its name in the language (CLDR): what people type for a country."""
    return dict(_territories("en" if lang == "en" else "it"))


def parse_country(value: object, field: str = "country") -> str:
    code = str(value).strip().upper()
    if code not in _territories("en"):
        raise UnknownChoiceError(field, str(value), kind="country")
    return code


def country_codes() -> tuple[str, ...]:
    """Every ISO 3166 alpha-2 code a country field accepts (the server checks against the same list)."""
    return tuple(sorted(_territories("en")))


def country_name(code: str, lang: str = "it") -> str:
    """The country's name in the language; a code that names no country reads "sconosciuto (code)"."""
    name = _territories("en" if lang == "en" else "it").get(code)
    return name if name is not None else unknown_label(code, lang)
