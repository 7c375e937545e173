"""Dates and money as Italian tutors write them (the helpers are Qt-free)."""

from __future__ import annotations

from datetime import date

import pytest

from tutor_app.domain.errors import ValidationError
from tutor_app.domain.formatting import (
    format_date,
    format_int,
    format_money,
    format_money_short,
    parse_date,
    parse_int,
    parse_money,
)


def test_money_is_written_the_italian_way() -> None:
    assert format_money(123_456_700) == "1.234.567\u00a0€"
    assert format_money(123_456_750, decimals=True) == "1.234.567,50\u00a0€"
    assert format_money(123_456_700, "en") == "€1,234,567"
    assert format_money(None) == ""
    assert format_money_short(282_000_000_000) == "2,8\u00a0mld\u00a0€"


def test_dates_are_day_first() -> None:
    assert format_date(date(2026, 11, 25)) == "25/11/2026"
    assert format_int(3744) == "3.744"


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1.234.567", 123_456_700),
        ("1.234.567,50", 123_456_750),
        ("1234567.5", 123_456_750),
        ("1,234,567", 123_456_700),
        ("2,5", 250),
        ("  850.000 € ", 85_000_000),
        ("", None),
    ],
)
def test_amounts_typed_in_any_common_notation_are_understood(typed: str, cents: int | None) -> None:
    assert parse_money(typed) == cents


@pytest.mark.parametrize("typed", ["25/11/2026", "25/11/26", "2026-11-25", "25.11.2026"])
def test_dates_typed_in_common_forms_are_understood(typed: str) -> None:
    assert parse_date(typed) == date(2026, 11, 25)


def test_bad_input_names_the_field() -> None:
    with pytest.raises(ValidationError) as bad_date:
        parse_date("31/02/2026", "due_on")
    assert bad_date.value.field == "due_on"
    with pytest.raises(ValidationError) as bad_money:
        parse_money("tanti", "capex_cents")
    assert bad_money.value.field == "capex_cents"
    assert parse_int("1.200", "new_hires") == 1200
