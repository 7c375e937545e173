"""Full-text search over project titles, meeting texts and aftercare notes (accent-insensitive)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from tutor_app.services.workspace import Workspace

SOURCE_KINDS = {0: "project", 1: "meeting", 2: "note"}
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
    query = fts_query(user_text)
    if query is None:
        return []
    with ws.store.read() as conn:
        rows = conn.execute(text(
            "SELECT s.rowid % 4, s.project_id, p.code, p.title, "
            "snippet(search_index, -1, '[', ']', '…', 12) "
            "FROM search_index s JOIN projects p ON p.id = s.project_id "
            "WHERE search_index MATCH :q AND p.deleted = 0 ORDER BY s.rowid DESC LIMIT :limit"),
            {"q": query, "limit": limit}).all()
    return [SearchHit(pid, code, title, SOURCE_KINDS[kind], snippet) for kind, pid, code, title, snippet in rows]


def matching_project_ids(ws: Workspace, user_text: str) -> set[str]:
    """Every project with a match anywhere (for filtering the dossier list)."""
    query = fts_query(user_text)
    if query is None:
        return set()
    with ws.store.read() as conn:
        return {pid for (pid,) in conn.execute(
            text("SELECT DISTINCT project_id FROM search_index WHERE search_index MATCH :q"), {"q": query})}
