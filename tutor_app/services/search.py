"""Full-text search over project titles, meeting texts and aftercare notes (accent-insensitive)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from tutor_app.domain.errors import InvalidValueError
from tutor_app.services.workspace import Workspace

SOURCE_KINDS = {0: "project", 1: "meeting", 2: "note"}
# The full-text tables (db/local/versions/*_search_over_rows.py), one per source: (kind, table, source table, its
# dossier column). An entry's FTS rowid is its source row's rowid; hits are ordered by ``rowid * 4 + kind``.
_INDEXES = ((0, "search_projects", "projects", "id"), (1, "search_meetings", "meetings", "project_id"),
            (2, "search_notes", "aftercare_notes", "project_id"))
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchHit:
    project_id: str
    code: str
    title: str
    source: str  # "project", "meeting" or "note"
    snippet: str


def fts_query(user_text: str) -> str | None:
    """Every word must match, each as a prefix ("stabil" finds "stabilimento"); None if no words."""
    words = _WORD_RE.findall(user_text)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def search(ws: Workspace, user_text: str, limit: int = 50) -> list[SearchHit]:
    """The newest matching texts first (latest written, latest shown).

    Relevance ranking would score every match before returning the first: two common words
    match most of a region's minutes, and ranking them all takes longer than a keystroke.
    """
    if limit < 1:  # SQLite reads a negative LIMIT as none at all
        raise InvalidValueError("limit", "at_least", limit, minimum=1)
    query = fts_query(user_text)
    if query is None:
        return []
    # Per index its newest hits of live dossiers, then the newest of those: the first ``limit``
    # of all. Only the hits shown read their text (the snippet).
    newest = " UNION ALL ".join(
        f"SELECT * FROM (SELECT s.rowid * 4 + {kind} AS k, p.id, p.code, p.title, "
        f"snippet({index}, -1, '[', ']', '…', 12) FROM {index} s "
        + ("JOIN projects p ON p.rowid = s.rowid " if source == "projects" else
           f"JOIN {source} r ON r.rowid = s.rowid JOIN projects p ON p.id = r.{dossier} ")
        + f"WHERE {index} MATCH :q AND p.deleted = 0 ORDER BY s.rowid DESC LIMIT :limit)"
        for kind, index, source, dossier in _INDEXES)
    with ws.store.read() as conn:
        rows = conn.execute(text(f"{newest} ORDER BY k DESC LIMIT :limit"), {"q": query, "limit": limit}).all()
    return [SearchHit(pid, code, title, SOURCE_KINDS[k % 4], snippet) for k, pid, code, title, snippet in rows]


def matching_project_ids(ws: Workspace, user_text: str) -> set[str]:
    """Every project with a match anywhere (for filtering the dossier list)."""
    query = fts_query(user_text)
    if query is None:
        return set()
    found = " UNION ".join(f"SELECT r.{dossier} FROM {index} s JOIN {source} r ON r.rowid = s.rowid "
                           f"WHERE {index} MATCH :q" for _kind, index, source, dossier in _INDEXES)
    with ws.store.read() as conn:
        return {pid for (pid,) in conn.execute(text(found), {"q": query})}
