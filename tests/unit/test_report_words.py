"""The reports' word tables (tutor_app/reports/words): one key, one home; both languages said,
with the same placeholders."""

from __future__ import annotations

import string

import pytest

from tutor_app.reports.words import FIELDS, RECORDS, WORDS, common, dossier, joined, portfolio


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_a_key_in_two_tables_is_an_error_not_an_override() -> None:
    with pytest.raises(RuntimeError, match="page_of"):
        joined(common.WORDS, {"page_of": ("Foglio {n}", "Sheet {n}")})


def test_every_table_is_in_the_joined_one() -> None:
    assert len(WORDS) == len(common.WORDS) + len(dossier.WORDS) + len(portfolio.WORDS)
    for table in (common.WORDS, dossier.WORDS, portfolio.WORDS):
        assert all(WORDS[key] == words for key, words in table.items())


@pytest.mark.parametrize("table", [WORDS, RECORDS, FIELDS], ids=["words", "records", "fields"])
def test_both_languages_said_with_the_same_placeholders(table: dict[str, tuple[str, str]]) -> None:
    for key, (italian, english) in table.items():
        assert italian.strip() and english.strip(), key
        assert _placeholders(italian) == _placeholders(english), key
