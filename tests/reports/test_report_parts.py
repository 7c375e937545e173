"""The small parts: formats, atomic writing, the freshness line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tutor_app.domain.errors import BadFileError, ValidationError
from tutor_app.files import atomic_file
from tutor_app.reports.freshness import freshness_line
from tutor_app.reports.i18n import Words
from tutor_app.store.report_queries import Freshness


def test_italian_and_english_formats() -> None:
    it, en = Words("it"), Words("en")
    assert it.money(123_456_700) == "1.234.567\u00a0€"
    assert en.money(123_456_700) == "€1,234,567"
    assert it.day(date(2026, 11, 25)) == "25/11/2026"
    assert en.day(date(2026, 11, 25)) == "25 Nov 2026"
    assert it.money_short(282_000_000_000) == "2,82\u00a0Mld\u00a0€"  # three digits (issue 15)
    assert en.money_short(282_000_000_000) == "€2.82bn"
    assert it.moment(datetime(2026, 7, 1, 8, 30, tzinfo=UTC)) == "01/07/2026 10:30"  # summer time in Milan
    assert it.number(3744) == "3.744" and en.number(3744) == "3,744"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValidationError, match="lang"):
        Words("de")


def test_freshness_line_says_never_synced_or_when() -> None:
    it = Words("it")
    assert freshness_line(Freshness(None, 0), it) == "Dati mai sincronizzati con la banca dati regionale"
    synced = Freshness(datetime(2026, 11, 24, 17, 2, tzinfo=UTC), 1)
    assert freshness_line(synced, it) == "Dati aggiornati al 24/11/2026 18:02 · 1 modifica locale non sincronizzata"
    assert freshness_line(synced, Words("en")).startswith("Data as of 24 Nov 2026, 18:02 · 1 local change")


def test_atomic_file_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("layout failed")
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]
    with atomic_file(target) as temp:
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]
    assert target.stat().st_mode & 0o777 == 0o644  # a shared document, not a private temp file


def test_atomic_file_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(BadFileError, match="does not exist"), atomic_file(tmp_path / "no" / "r.pdf"):
        pass
