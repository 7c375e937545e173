"""Filtering and sorting the dossier list in memory (no Qt, no display)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tutor_app.store.queries import DossierRow
from tutor_app.ui.models.dossier_index import Criteria, DossierIndex, fold


def row(n: int, **kw: object) -> DossierRow:
    base = DossierRow(
        id=f"id{n}",
        code=f"2026-MRO-{n:04d}",
        title=f"Progetto {n}",
        investor=f"Investor {n}",
        country="DE",
        sector="ict",
        function="rnd",
        kind="expansion",
        phase="lead",
        status="active",
        capex_cents=n * 100,
        new_hires=n,
        municipality="Milano",
        province="MI",
        tutors="Mario Rossi",
        next_due_on=None,
        overdue_permits=0,
        pending_changes=0,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Città di Cantù") == "citta di cantu"


def test_every_word_must_match_title_investor_or_municipality() -> None:
    index = DossierIndex(
        [row(1, title="Nuovo stabilimento"), row(2, municipality="Agrate Brianza"), row(3, investor="Città Foods")]
    )
    assert [index.rows[i].id for i in index.matches(Criteria(text="stabil"))] == ["id1"]
    assert [index.rows[i].id for i in index.matches(Criteria(text="AGRATE bri"))] == ["id2"]
    assert [index.rows[i].id for i in index.matches(Criteria(text="citta"))] == ["id3"]
    assert index.matches(Criteria(text="stabil agrate")) == []


def test_full_text_matches_are_added_to_the_text_matches() -> None:
    index = DossierIndex([row(1), row(2)])
    found = index.matches(Criteria(text="verbale", fts_ids=frozenset({"id2"})))
    assert [index.rows[i].id for i in found] == ["id2"]


def test_facets_combine_with_the_text() -> None:
    index = DossierIndex(
        [
            row(1, phase="permitting", overdue_permits=2),
            row(2, phase="permitting"),
            row(3, tutors="Anna Neri, Mario Rossi"),
            row(4, sector="chemistry"),
        ]
    )
    ids = lambda c: [index.rows[i].id for i in index.matches(c)]  # noqa: E731
    assert ids(Criteria(phase="permitting")) == ["id1", "id2"]
    assert ids(Criteria(phase="permitting", overdue_only=True)) == ["id1"]
    assert ids(Criteria(tutor="Anna Neri")) == ["id3"]
    assert ids(Criteria(sector="chemistry")) == ["id4"]


def test_sorting_by_deadline_puts_overdue_first_then_nearest() -> None:
    index = DossierIndex(
        [
            row(1),
            row(2, next_due_on=date(2026, 12, 1)),
            row(3, overdue_permits=1),
            row(4, next_due_on=date(2026, 11, 28)),
        ]
    )
    index.sort("deadline")
    assert [index.rows[i].id for i in index.matches(Criteria())] == ["id3", "id4", "id2", "id1"]
    index.sort("capex", descending=True)
    assert [index.rows[i].id for i in index.matches(Criteria())] == ["id4", "id3", "id2", "id1"]


def test_a_refreshed_row_is_found_by_its_new_title() -> None:
    index = DossierIndex([row(1)])
    index.replace(row(1, title="Data center di Pero"))
    assert index.matches(Criteria(text="pero")) == [0]


def test_typing_narrows_from_remembered_results_without_changing_the_answer() -> None:
    rows = [
        row(n, title=t)
        for n, t in enumerate(["Milano centro", "Milano nord", "Mila srl", "Lodi", "Mantova milanese", "Monza"])
    ]
    typed, fresh = DossierIndex(rows), None
    for text in ("m", "mi", "mil", "mila", "milan", "milano", "milan", "mil", "", "mo"):
        fresh = DossierIndex(rows)
        assert typed.matches(Criteria(text=text)) == fresh.matches(Criteria(text=text)), text
    typed.sort("title", descending=True)
    fresh.sort("title", descending=True)
    assert typed.matches(Criteria(text="mil")) == fresh.matches(Criteria(text="mil"))
