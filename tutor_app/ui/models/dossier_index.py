"""Filtering and ordering the dossier list in plain Python, fast enough for every keystroke.

Built once per list load: folded search text per row (when the first text filter needs it), and
the row order for a sort column computed once per sort. Filtering is then one pass over an
integer order with cheap tests, about a millisecond for 10,000 dossiers. No Qt here: it is tested
without a display.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tutor_app.domain.enums import Phase
from tutor_app.store.dossier_list import DossierRow

RECENT_RESULTS = 48


def fold(text: str) -> str:
    """Lower case without accents: "Città" and "citta" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # nothing to strip (most texts): 8x faster on 10,000 rows
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Criteria:
    text: str = ""
    phase: str | None = None
    sector: str | None = None
    status: str | None = None
    tutor: str | None = None  # a tutor's name as in DossierRow.tutors
    overdue_only: bool = False
    fts_ids: frozenset[str] = field(default_factory=frozenset)  # full-text matches for ``text``
    ids: frozenset[str] | None = None  # only these projects (a dashboard figure's), None: any
    province: str | None = None
    country: str | None = None
    authority_ids: frozenset[str] | None = None  # the projects of the chosen competent authority

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()


def _phase_key(row: DossierRow) -> Any:
    return Phase(row.phase).order if row.phase else -1


def _deadline_key(row: DossierRow) -> Any:
    # Overdue dossiers first, then the nearest deadline, then those with none.
    if row.overdue_permits:
        return (0, -row.overdue_permits, date.min)
    return (1 if row.next_due_on else 2, 0, row.next_due_on or date.max)


SORT_KEYS: dict[str, Callable[[DossierRow], Any]] = {
    "code": lambda r: r.code,
    "title": lambda r: fold(r.title),
    "investor": lambda r: fold(r.investor),
    "country": lambda r: r.country,
    "sector": lambda r: r.sector,
    "phase": _phase_key,
    "status": lambda r: r.status,
    "capex": lambda r: r.capex_cents if r.capex_cents is not None else -1,
    "hires": lambda r: r.new_hires if r.new_hires is not None else -1,
    "place": lambda r: fold(f"{r.municipality or ''} {r.province or ''}"),
    "tutor": lambda r: fold(r.tutors),
    "deadline": _deadline_key,
    "pending": lambda r: r.pending_changes,
}


def _hay(row: DossierRow) -> str:
    return fold(f"{row.code} {row.title} {row.investor} {row.municipality or ''} {row.province or ''}")


def _tutor_set(row: DossierRow) -> frozenset[str]:
    return frozenset(t.strip() for t in row.tutors.split(",") if t.strip())


class DossierIndex:
    """The rows of the dossier list with what filtering and sorting need, precomputed."""

    def __init__(self, rows: Sequence[DossierRow]) -> None:
        self.rows: list[DossierRow] = list(rows)
        # Built when first needed, not before the list is first shown (see the properties below).
        self._hay_texts: list[str] | None = None
        self._tutor_sets: list[frozenset[str]] | None = None
        self._by_id: dict[str, int] | None = None
        self._order_key: tuple[str, bool] = ("code", False)
        self._order = sorted(range(len(self.rows)), key=lambda i: self.rows[i].code)
        # Recent results: typing "mila" after "mil" filters the 300 rows of "mil", not all 10,000,
        # and a backspace finds its answer here.
        self._recent: OrderedDict[tuple[Any, ...], list[int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self.rows)

    def sort(self, key: str, descending: bool = False) -> None:
        if (key, descending) == self._order_key:
            return
        fn = SORT_KEYS[key]
        rows = self.rows
        self._order = sorted(range(len(rows)), key=lambda i: fn(rows[i]), reverse=descending)
        self._order_key = (key, descending)
        self._recent.clear()

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._order_key

    def replace(self, row: DossierRow) -> int | None:
        """Swap in a refreshed row (after an edit); returns its position in ``rows``."""
        n = self.by_id.get(row.id)
        if n is None:
            return None
        self.rows[n] = row
        self._recent.clear()
        if self._hay_texts is not None:
            self._hay_texts[n] = _hay(row)
        if self._tutor_sets is not None:
            self._tutor_sets[n] = _tutor_set(row)
        return n

    @property
    def by_id(self) -> dict[str, int]:
        """Position in ``rows`` of each project id."""
        if self._by_id is None:
            self._by_id = {r.id: n for n, r in enumerate(self.rows)}
        return self._by_id

    @property
    def _hay(self) -> list[str]:  # the first text filter builds it: a few milliseconds for 10,000 rows
        if self._hay_texts is None:
            self._hay_texts = [_hay(r) for r in self.rows]
        return self._hay_texts

    @property
    def _tutors(self) -> list[frozenset[str]]:  # built by the first tutor filter
        if self._tutor_sets is None:
            self._tutor_sets = [_tutor_set(r) for r in self.rows]
        return self._tutor_sets

    def matches(self, c: Criteria) -> list[int]:
        """Positions in ``rows`` that pass the criteria, in the current sort order."""
        text = " ".join(c.words)
        facets = (c.phase, c.sector, c.status, c.tutor, c.overdue_only, c.ids, c.province, c.country,
                  c.authority_ids)
        key = (text, facets, c.fts_ids)
        found = self._recent.get(key)
        if found is not None:
            self._recent.move_to_end(key)
            return found
        candidates: list[int] = self._order
        if not c.fts_ids:  # a longer text can only narrow what a shorter one (its prefix) found
            for (old_text, old_facets, old_fts), old in reversed(self._recent.items()):
                if old_facets == facets and not old_fts and text.startswith(old_text) and len(old) < len(candidates):
                    candidates = old
                    break
        found = self._filter(candidates, c)
        self._recent[key] = found
        while len(self._recent) > RECENT_RESULTS:
            self._recent.popitem(last=False)
        return found

    def _filter(self, candidates: list[int], c: Criteria) -> list[int]:
        words = c.words
        chosen = (c.phase, c.sector, c.status, c.tutor, c.ids, c.province, c.country, c.authority_ids)
        if not words and not c.overdue_only and all(f is None for f in chosen):
            return list(candidates)  # no filter: every row, in order
        rows, fts = self.rows, c.fts_ids
        hay = self._hay if words else []
        tutors = self._tutors if c.tutor is not None else []
        out = []
        only = c.ids
        for i in candidates:
            r = rows[i]
            if only is not None and r.id not in only:
                continue
            if c.province is not None and r.province != c.province:
                continue
            if c.country is not None and r.country != c.country:
                continue
            if c.authority_ids is not None and r.id not in c.authority_ids:
                continue
            if c.phase is not None and r.phase != c.phase:
                continue
            if c.sector is not None and r.sector != c.sector:
                continue
            if c.status is not None and r.status != c.status:
                continue
            if c.overdue_only and not r.overdue_permits:
                continue
            if c.tutor is not None and c.tutor not in tutors[i]:
                continue
            if words:
                h = hay[i]
                if not all(w in h for w in words) and r.id not in fts:
                    continue
            out.append(i)
        return out
