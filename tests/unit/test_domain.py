"""Rules of the domain: vocabularies, validation, money, codes, the clock and the calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tutor_app.domain import schema
from tutor_app.domain.calendar import (
    add_days,
    add_months,
    add_working_days,
    easter_sunday,
    holidays,
    is_holiday,
    subtract_days,
)
from tutor_app.domain.codes import initials_for, looks_like_code, make_code
from tutor_app.domain.deadlines import Urgency, legal_due_date, permit_clock
from tutor_app.domain.enums import PermitStatus, Phase, Sector, WorkingTable
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.hlc import MAX_COUNTER, HybridClock, Stamp
from tutor_app.domain.money import cents_to_euros, euros_to_cents

PROJECT = {
    "code": "2026-MRO-0001", "investor_id": "12345678-1234-4234-8234-123456789012", "title": "Linea 300 mm",
    "kind": "expansion", "sector": "electronics", "function": "production", "status": "active",
}


def test_every_phase_has_its_working_table_and_both_labels() -> None:
    assert [p.table for p in Phase] == list(WorkingTable)[:6]
    assert Phase.PERMITTING.label() == "Ottenimento titoli abilitativi"
    assert Phase.PERMITTING.label("en") == "Permitting"
    assert WorkingTable.AFTERCARE.label() == "Tavolo aftercare"


def test_unknown_phase_is_refused_naming_the_field_and_the_choices() -> None:
    with pytest.raises(ValidationError) as err:
        schema.PHASE_ENTRIES.validate({"project_id": PROJECT["investor_id"], "phase": "construction",
                                       "entered_on": "2026-01-01"}, creating=True)
    assert err.value.field == "phase"
    assert "lead" in err.value.message and "construction" in err.value.message


def test_negative_capex_is_refused_with_the_field_name() -> None:
    with pytest.raises(ValidationError) as err:
        schema.PROJECTS.validate({**PROJECT, "capex_cents": -1}, creating=True)
    assert err.value.field == "capex_cents"
    assert "below 0" in str(err.value)


def test_required_fields_and_overlong_text_are_refused() -> None:
    with pytest.raises(ValidationError, match="title: is required"):
        schema.PROJECTS.validate({**PROJECT, "title": "   "}, creating=True)
    with pytest.raises(ValidationError, match="too long"):
        schema.PROJECTS.validate({**PROJECT, "title": "x" * 301}, creating=True)


def test_values_take_one_canonical_form() -> None:
    values = schema.PROJECTS.validate({**PROJECT, "province": "mb", "instruments": "zls, zis_call, zls",
                                       "capex_cents": "150000"}, creating=True)
    assert values["province"] == "MB"
    assert values["instruments"] == ["zis_call", "zls"]
    assert values["capex_cents"] == 150000
    assert values["zis"] is False and values["description"] is None
    meeting = schema.MEETINGS.validate({"project_id": PROJECT["investor_id"], "table": "technical",
                                        "starts_at": datetime(2026, 3, 12, 10, tzinfo=UTC)}, creating=True)
    assert meeting["starts_at"] == "2026-03-12T10:00:00.000000Z"
    note = schema.AFTERCARE_NOTES.validate({"project_id": PROJECT["investor_id"], "noted_on": "25/11/2026",
                                            "topic": "workforce", "text": "Tecnici"}, creating=True)
    assert note["noted_on"] == "2026-11-25"


def test_naive_datetimes_and_bad_countries_are_refused() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        schema.iso_instant(datetime(2026, 1, 1, 9))
    with pytest.raises(ValidationError) as err:
        schema.INVESTORS.validate({"name": "X", "country": "XX"}, creating=True)
    assert err.value.field == "country"


def test_immutable_fields_cannot_change_after_creation() -> None:
    with pytest.raises(ValidationError, match="cannot be changed"):
        schema.PROJECTS.validate({"code": "2026-ABC-0002"}, creating=False)


def test_labelled_enums_parse_codes_and_list_choices() -> None:
    assert Sector.parse("ict", "sector") is Sector.ICT
    assert ("life_sciences", "Scienze della vita") in Sector.choices()
    assert PermitStatus.GRANTED.is_closed and not PermitStatus.SUBMITTED.is_closed


@pytest.mark.parametrize(("text", "cents"), [
    ("1.234.567,89", 123456789), ("1234567.89", 123456789), ("2.820.000.000 €", 282000000000), ("0", 0),
])
def test_amounts_in_italian_or_plain_notation_become_cents(text: str, cents: int) -> None:
    assert euros_to_cents(text) == cents


def test_cents_round_trip_exactly() -> None:
    assert cents_to_euros(euros_to_cents(Decimal("1234.56"))) == Decimal("1234.56")
    with pytest.raises(ValidationError):
        euros_to_cents("twelve")


def test_project_codes_are_year_initials_and_counter() -> None:
    assert initials_for("Mario Rossi") == "MRO"
    assert initials_for("Élodie Çelik") == "ECE"
    code = make_code(2026, "MRO", 42)
    assert code == "2026-MRO-0042" and looks_like_code(code.lower())
    assert not looks_like_code("2026-42")


def test_hlc_orders_edits_after_what_was_seen_even_with_a_clock_going_back() -> None:
    now = [1_000]
    clock = HybridClock("devA", now=lambda: now[0])
    first = clock.tick()
    now[0] = 500  # the laptop's clock jumps back
    second = clock.tick()
    assert second > first
    clock.observe(Stamp(9_000, 3, "devB"))
    third = clock.tick()
    assert third > Stamp(9_000, 3, "devB") and third.device == "devA"


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=50))
def test_hlc_stamps_always_increase_and_encode_in_order(times: list[int]) -> None:
    it = iter(times)
    clock = HybridClock("dev1", now=lambda: next(it, 0))
    stamps = [clock.tick() for _ in times]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    encoded = [s.encode() for s in stamps]
    assert encoded == sorted(encoded)
    assert [Stamp.decode(e) for e in encoded] == stamps


_NEAR_MS = st.integers(min_value=1_000, max_value=1_003)  # few milliseconds: equal ones are common
_COUNTERS = st.one_of(st.integers(min_value=0, max_value=4), st.just(MAX_COUNTER - 1), st.just(MAX_COUNTER))
_DEVICES = st.sampled_from(["a", "devA", "devB", "zz"])
_STAMPS = st.builds(Stamp, _NEAR_MS, _COUNTERS, _DEVICES)
# One event: a local edit when the wall clock reads this (an int), or a stamp pulled from elsewhere.
_EVENTS = st.lists(st.one_of(_NEAR_MS, _STAMPS), min_size=1, max_size=30)


@given(_STAMPS, _STAMPS, _NEAR_MS)
@example(Stamp(1_000, 0, "devA"), Stamp(1_000, 3, "a"), 1_000)  # same millisecond, higher counter
@example(Stamp(1_000, 2, "devA"), Stamp(1_000, 3, "zz"), 999)   # ... with the wall clock behind
def test_hlc_a_tick_after_observing_a_stamp_orders_after_it(last: Stamp, seen: Stamp, wall: int) -> None:
    clock = HybridClock("devA", last=Stamp(last.ms, last.counter, "devA"), now=lambda: wall)
    before = clock.last
    clock.observe(seen)
    stamp = clock.tick()
    # After it in time and counter, not only by the device id that breaks ties; the encoded form
    # (what both databases compare) orders the same way.
    assert (stamp.ms, stamp.counter) > (seen.ms, seen.counter) and stamp > before and stamp.device == "devA"
    assert stamp.encode() > seen.encode()


@given(_EVENTS)
def test_hlc_every_tick_orders_after_everything_made_or_seen_before(events: list[int | Stamp]) -> None:
    wall = [0]
    clock = HybridClock("devA", now=lambda: wall[0])
    known: list[Stamp] = []
    for event in events:
        if isinstance(event, Stamp):
            clock.observe(event)
            known.append(event)
            continue
        wall[0] = event
        stamp = clock.tick()
        assert all((stamp.ms, stamp.counter) > (k.ms, k.counter) for k in known), (stamp, known)
        known.append(stamp)


@pytest.mark.parametrize(("year", "easter"), [
    (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
    (2028, date(2028, 4, 16)), (2029, date(2029, 4, 1)), (2030, date(2030, 4, 21)),
])
def test_easter_matches_the_reference_table(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter
    assert easter + timedelta(days=1) in holidays(year)


def test_san_francesco_is_a_holiday_from_2026_only() -> None:
    assert date(2026, 10, 4) in holidays(2026)
    assert date(2025, 10, 4) not in holidays(2025)
    assert date(2026, 11, 4) not in holidays(2026)  # Unità nazionale is not a day off


def test_forward_terms_skip_the_first_day_and_move_off_holidays() -> None:
    # 30 days from 25/11/2026 end on 25/12 (Christmas), then 26/12 (Santo Stefano, a Saturday):
    # the term ends on Sunday 27/12... also a holiday, so on Monday 28/12.
    assert add_days(date(2026, 11, 25), 30) == date(2026, 12, 28)
    assert add_days(date(2026, 1, 1), 1) == date(2026, 1, 2)
    saturday = date(2026, 3, 14)
    assert add_days(saturday - timedelta(days=10), 10) == saturday
    assert add_days(saturday - timedelta(days=10), 10, move_off_saturday=True) == date(2026, 3, 16)


def test_month_terms_end_on_the_same_day_or_the_months_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 8, 12), 10) == date(2027, 6, 12)  # a Saturday: stays
    assert add_months(date(2026, 8, 13), 10) == date(2027, 6, 14)  # Sunday 13/06 moves to Monday
    assert add_working_days(date(2026, 12, 23), 5) == date(2026, 12, 31)  # 24, 28, 29, 30, 31
    assert add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 5)  # 29, 30, 31, 4, 5
    assert subtract_days(date(2026, 12, 27), 1) == date(2026, 12, 24)
    assert is_holiday(date(2026, 12, 27))


def test_permit_clock_runs_only_for_filed_applications() -> None:
    today = date(2026, 11, 25)
    assert legal_due_date(PermitStatus.TO_DO, None, 90) is None
    assert legal_due_date(PermitStatus.GRANTED, date(2026, 1, 1), 90) is None
    overdue = permit_clock(PermitStatus.SUBMITTED, date(2026, 6, 1), 90, today)
    assert overdue.urgency is Urgency.OVERDUE and overdue.days_left(today) < 0
    soon = permit_clock(PermitStatus.SUBMITTED, today - timedelta(days=80), 90, today)
    assert soon.urgency is Urgency.DUE_SOON
    later = permit_clock(PermitStatus.SUBMITTED, today, 90, today)
    assert later.urgency is Urgency.OK
    paused = permit_clock(PermitStatus.INTEGRATION_REQUESTED, date(2026, 6, 1), 90, today)
    assert paused.urgency is Urgency.SUSPENDED


def test_nul_characters_never_reach_the_store() -> None:
    """PostgreSQL refuses U+0000 in text: one pasted NUL would block every later sync."""
    values = schema.MEETINGS.validate({"project_id": PROJECT["investor_id"], "table": "technical",
                                       "starts_at": "2026-03-12T10:00:00Z", "minutes": "verbale\x00 incollato"},
                                      creating=True)
    assert values["minutes"] == "verbale incollato"
