"""Counts read as Italian and English do: one thing in the singular ("1 modifica inviata"),
never "1 modifiche" (seen on the sync and bundle summaries); what the inbox holds is one sentence,
the same wherever it is said."""

from __future__ import annotations

import pytest

from tutor_app.domain.formatting import format_int
from tutor_app.domain.inbox import Inbox
from tutor_app.sync import bundle_text
from tutor_app.sync.context import SyncReport


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("it", "1 modifica inviata; 1 riga ricevuta; 1 dossier non più assegnato rimosso; "
           "1 conflitto e 1 modifica rifiutata da vedere.",
     "2 modifiche inviate; 2 righe ricevute; 2 dossier non più assegnati rimossi; "
     "2 conflitti e 2 modifiche rifiutate da vedere."),
    ("en", "1 change sent; 1 row received; 1 dossier no longer assigned removed; "
           "1 conflict and 1 refused change to look at.",
     "2 changes sent; 2 rows received; 2 dossiers no longer assigned removed; "
     "2 conflicts and 2 refused changes to look at."),
])
def test_a_sync_summary_agrees_with_its_counts(lang: str, one: str, two: str) -> None:
    for n, expected in ((1, one), (2, two)):
        report = SyncReport(pushed=n, pulled=n, conflicts=n, rejected=n, purged=n, to_look_at=Inbox(n, n))
        assert report.summary(lang) == expected


@pytest.mark.parametrize(("inbox", "it", "en"), [
    (Inbox(), "", ""),
    (Inbox(1, 0), "1 conflitto da vedere", "1 conflict to look at"),
    (Inbox(0, 1), "1 modifica rifiutata da vedere", "1 refused change to look at"),
    (Inbox(2, 1), "2 conflitti e 1 modifica rifiutata da vedere", "2 conflicts and 1 refused change to look at"),
    (Inbox(1, 2), "1 conflitto e 2 modifiche rifiutate da vedere", "1 conflict and 2 refused changes to look at"),
    (Inbox(12345, 0), "12.345 conflitti da vedere", "12,345 conflicts to look at"),
])
def test_what_the_inbox_holds_is_one_sentence_in_either_language(inbox: Inbox, it: str, en: str) -> None:
    assert (inbox.text("it"), inbox.text("en")) == (it, en)
    assert bool(inbox) is bool(it)
    assert inbox.tab("conflicts") == f"Conflitti ({format_int(inbox.conflicts, 'it')})"
    assert inbox.tab("refused", "en") == f"Refused changes ({format_int(inbox.refused, 'en')})"
    assert Inbox(1234, 0).text("it") == "1.234 conflitti da vedere"  # as every count of the window


def test_an_idle_sync_still_says_what_is_left_to_look_at() -> None:
    assert SyncReport(idle=True, to_look_at=Inbox(2, 0)).summary() == (
        "Già aggiornato: nulla da inviare o ricevere; 2 conflitti da vedere.")
    assert SyncReport(idle=True, to_look_at=Inbox()).summary("en") == "Already up to date: nothing to send or receive."


def test_a_bundle_summary_agrees_with_its_counts() -> None:
    parts = ", ".join(bundle_text.word(s, "it", n=1) for s in ("applied", "merged", "rejected"))
    assert bundle_text.word("summary", "it", n=1, parts=parts) == "1 modifica: 1 applicata, 1 unita, 1 rifiutata."
    assert bundle_text.changes_text(1) == "1 modifica" and bundle_text.changes_text(3) == "3 modifiche"
    assert bundle_text.changes_text(1, "en") == "1 change"
    taken = bundle_text.taken_text({"reason": "reused_id", "conflicts": 1,
                                    "taken_by": {"author_name": "Mario Rossi", "changes": 1}})
    assert taken is not None and "1 conflitto da risolvere (lo risolve" in taken and "(1 modifica)" in taken
