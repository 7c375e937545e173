"""The server's refusals in people's words, both languages, from the one table (services.record_words)."""

from __future__ import annotations

import pytest

from tutor_app.services.record_words import REASONS, field_in_detail, name_of, reason_text

SERVER_REASONS = ("not_assigned", "forbidden", "immutable", "invalid", "too_large", "investor_in_use",
                  "not_on_server", "future_stamp", "forged_stamp", "bad_revision", "reused_id", "malformed")


@pytest.mark.parametrize("reason", SERVER_REASONS)
def test_every_reason_the_server_gives_has_a_sentence_in_both_languages(reason: str) -> None:
    italian, english = reason_text(reason, lang="it"), reason_text(reason, lang="en")
    assert italian != english
    for sentence in (italian, english):
        assert reason not in sentence and "_" not in sentence
    assert italian == REASONS[reason][0] and english == REASONS[reason][1]


def test_the_new_reasons_say_what_happened() -> None:
    assert reason_text("too_large", lang="it") == "la modifica supera la dimensione consentita dal server"
    assert reason_text("investor_in_use", lang="en") == \
        "the investor cannot be deleted: dossiers still in use refer to it"
    assert reason_text("not_on_server", lang="it").startswith("il server non ha mai avuto questo record")


@pytest.mark.parametrize("detail", ["minutes", '{"field": "minutes"}',
                                    'new row for relation "meetings" violates check constraint "meetings_minutes_len"'])
def test_a_refusal_whose_detail_names_a_field_names_it_as_people_call_it(detail: str) -> None:
    assert field_in_detail("meetings", detail) == "minutes"
    assert reason_text("invalid", detail, "meetings", "it") == "il valore di «Verbale» non è accettato dal server"
    assert reason_text("invalid", detail, "meetings", "en") == "the server does not accept the value of “Minutes”"
    assert reason_text("too_large", detail, "meetings", "it") == "«Verbale» è più lungo di quanto il server consenta"


def test_a_detail_naming_no_field_and_an_unknown_reason_still_read_as_sentences() -> None:
    assert field_in_detail("meetings", "value too long for type character varying(200)") is None
    assert reason_text("invalid", "value too long", "meetings", "it") == "un valore non è accettato dal server"
    assert reason_text("brand_new_reason", lang="en") == "the server refused it"


def test_records_are_named_in_domain_words() -> None:
    meeting = {"starts_at": "2026-03-12T09:00:00Z", "table": "technical"}
    assert name_of("meetings", meeting, "it", detailed=True) == "Riunione del 12/03/2026 — Tavolo tecnico"
    assert name_of("meetings", meeting, "en", detailed=True) == "Meeting of 12/03/2026 — Technical table"
    assert name_of("permit_items", {"name": "AUA"}, "it", detailed=True) == "Titolo abilitativo: AUA"
    note = {"noted_on": "2026-03-14", "topic": "workforce"}
    assert name_of("aftercare_notes", note, "it").startswith("Nota aftercare del 14/03/2026")
    assert name_of("meetings", {"minutes": "only what changed"}, "it") == "Riunione"
