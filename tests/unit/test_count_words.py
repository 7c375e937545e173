"""Counts read as Italian and English do: one thing in the singular ("1 modifica inviata"),
never "1 modifiche" (seen on the sync and bundle summaries)."""

from __future__ import annotations

import pytest

from tutor_app.sync import bundle_text
from tutor_app.sync.context import SyncReport


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("it", "1 modifica inviata; 1 riga ricevuta; 1 conflitto da vedere; 1 modifica rifiutata; "
           "1 dossier non più assegnato rimosso.",
     "2 modifiche inviate; 2 righe ricevute; 2 conflitti da vedere; 2 modifiche rifiutate; "
     "2 dossier non più assegnati rimossi."),
    ("en", "1 change sent; 1 row received; 1 conflict to look at; 1 change refused; "
           "1 dossier no longer assigned removed.",
     "2 changes sent; 2 rows received; 2 conflicts to look at; 2 changes refused; "
     "2 dossiers no longer assigned removed."),
])
def test_a_sync_summary_agrees_with_its_counts(lang: str, one: str, two: str) -> None:
    for n, expected in ((1, one), (2, two)):
        report = SyncReport(pushed=n, pulled=n, conflicts=n, rejected=n, purged=n)
        assert report.summary(lang) == expected


def test_a_bundle_summary_agrees_with_its_counts() -> None:
    parts = ", ".join(bundle_text.word(s, "it", n=1) for s in ("applied", "merged", "rejected"))
    assert bundle_text.word("summary", "it", n=1, parts=parts) == "1 modifica: 1 applicata, 1 unita, 1 rifiutata."
    assert bundle_text.changes_text(1) == "1 modifica" and bundle_text.changes_text(3) == "3 modifiche"
    assert bundle_text.changes_text(1, "en") == "1 change"
    taken = bundle_text.taken_text({"reason": "reused_id", "conflicts": 1,
                                    "taken_by": {"author_name": "Mario Rossi", "changes": 1}})
    assert taken is not None and "1 conflitto da risolvere (lo risolve" in taken and "(1 modifica)" in taken
