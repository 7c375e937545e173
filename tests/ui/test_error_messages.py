"""The one table from a known error's code to its sentence: every row names a real code and a
sentence both translations have, and the sentences of a sync are said after a sync only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest

from tutor_app.assets import resource_path
from tutor_app.domain import errors
from tutor_app.domain.errors import (
    BadAddressError,
    DiskFullError,
    NoProfileError,
    OfflineError,
    StoreDamagedError,
    TutorError,
)
from tutor_app.ui.error_messages import MESSAGES, Sentence, known_error_text, message_code
from tutor_app.ui.i18n import Translations


@pytest.fixture
def italian(qtbot: Any) -> Iterator[None]:
    translations = Translations()
    translations.install("it")
    try:
        yield
    finally:
        translations.uninstall()


def _codes() -> set[str]:
    return {cls.code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, TutorError)}


def _catalogue(lang: str, *, translated: bool) -> set[tuple[str, str]]:
    root = ET.parse(resource_path("i18n", f"tutor_{lang}.ts")).getroot()
    return {(context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context") for message in context.iter("message")
            if not translated or (message.findtext("translation") or "").strip()}


def test_every_row_is_a_known_code_with_a_sentence_in_both_catalogues() -> None:
    assert set(MESSAGES) <= _codes()
    sentences = {(row.context, str(row.source)) for row in MESSAGES.values() if isinstance(row, Sentence)}
    assert sentences - _catalogue("it", translated=True) == set()
    assert sentences - _catalogue("en", translated=False) == set()  # English is the source text itself


def test_a_sync_sentence_is_said_after_a_sync_and_the_core_words_elsewhere(italian: None) -> None:
    offline = OfflineError("unreachable", address="postgresql://server.regione.it:5432/tutor", detail="timeout")
    assert known_error_text(offline, after_sync=True).startswith("Il server non è raggiungibile")
    assert known_error_text(offline) == ("Il server postgresql://server.regione.it:5432/tutor non risponde o ha "
                                         "chiuso il collegamento. Le tue modifiche restano su questo computer: "
                                         "sincronizza di nuovo quando sei in rete.")
    assert message_code(BadAddressError("password"), after_sync=True) == "bad_address"


def test_an_error_without_a_row_of_its_own_reads_as_its_nearest_parent_or_says_its_own_words(italian: None) -> None:
    assert message_code(NoProfileError("mario"), after_sync=False) is None
    assert known_error_text(NoProfileError("mario")) == NoProfileError("mario").text("it")
    assert known_error_text(StoreDamagedError("/x", "file is not a database")) == (
        "Il file dei dati /x è danneggiato (file is not a database).")
    assert known_error_text(DiskFullError("/x")).startswith("Il disco che contiene /x è pieno")


@pytest.mark.parametrize("lang", ["it", "en"])
def test_where_the_window_and_the_command_line_say_the_same_the_core_says_it_for_both(
        speaking: Any, lang: str) -> None:
    """A full disk, a file in use, a demo profile, another server or user, a stopped sync: the
    window says the core's sentence in its language, after a sync and elsewhere, and not the
    nearest parent's row (a demo profile is no "the server does not allow this")."""
    from tutor_app.domain.errors import (
        DemoProfileError,
        OtherServerError,
        OtherUserError,
        StoreInUseError,
        SyncCancelled,
    )

    speaking(lang)
    for exc in (DiskFullError("/x/tutor.sqlite3"), StoreInUseError("/x/tutor.sqlite3"), DemoProfileError(),
                OtherServerError("postgresql://db.example:5432/tutor"), OtherUserError("Mario Rossi (mrossi)"),
                SyncCancelled(), StoreDamagedError("/x", "file is not a database")):
        for after_sync in (True, False):
            assert known_error_text(exc, after_sync=after_sync) == exc.text(lang), (exc, after_sync)
    assert "Mario Rossi (mrossi)" in OtherUserError("Mario Rossi (mrossi)").text(lang)


def test_every_validation_sentence_is_translated_and_a_merge_too_large_is_said_in_italian(
        italian: None, tutor_workspace: Any) -> None:
    from tutor_app.domain import schema
    from tutor_app.domain.errors import ValidationError
    from tutor_app.services import dossiers
    from tutor_app.services.investor_merge import MOST_CHANGES, merge_investors
    from tutor_app.ui.error_messages import _VALIDATION_PATTERNS

    assert {("Errors", str(m)) for _needle, m in _VALIDATION_PATTERNS} - _catalogue("it", translated=True) == set()
    ws = tutor_workspace
    with ws.store.write() as w:
        w.update(schema.TUTORS, ws.tutor_id, {"role": "coordinator"})
    kept = dossiers.create_investor(ws, name="Acme Werke GmbH", country="DE", sector="manufacturing")
    other = dossiers.create_investor(ws, name="ACME Werke G.m.b.H.", country="DE", sector="manufacturing")
    with ws.store.write() as w:
        for n in range(MOST_CHANGES // 2):
            w.create(schema.CONTACTS, {"investor_id": other, "name": f"Referente {n}", "role": None, "email": None,
                                       "phone": None})
    with pytest.raises(ValidationError) as refused:
        merge_investors(ws, kept, [other])
    assert known_error_text(refused.value) == refused.value.text("it")
    assert known_error_text(refused.value).startswith("Questa unione cambierebbe 1.501 record, troppi per una sola "
                                                      "sincronizzazione (al massimo 1.500): 0 dossier, 750 contatti")


@pytest.mark.parametrize(("lang", "said"), [
    ("it", "valore sconosciuto «mars»; valori ammessi: lead, assistance"),
    ("en", "unknown value 'mars'; expected one of: lead, assistance"),
])
def test_a_refused_value_with_no_sentence_of_the_table_is_said_in_the_windows_language(
        speaking: Any, lang: str, said: str) -> None:
    """A core error with both languages of its own (``reason``) is said in the window's one, where
    the desktop's table has no sentence for it: never the English ``message`` under Italian."""
    from tutor_app.domain.enums import Phase
    from tutor_app.domain.errors import ValidationError

    speaking(lang)
    with pytest.raises(ValidationError) as refused:
        Phase.parse("mars", "phase")
    assert known_error_text(refused.value).startswith(said)
