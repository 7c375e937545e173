"""How a report says how fresh its data is ("Dati aggiornati al …" / "never synced").

The facts come from ``store.report_queries.data_freshness`` (kept true by the sync engine);
this module only words them.
"""

from __future__ import annotations

from tutor_app.reports.i18n import Words
from tutor_app.store.report_queries import Freshness


def freshness_line(fresh: Freshness, words: Words) -> str:
    """One line for footers and covers, e.g. ``Dati aggiornati al 24/11/2026 18:02 · 3 modifiche …``."""
    if fresh.last_sync_at is None:
        head = words("never_synced")
    else:
        head = words("data_as_of", when=words.moment(fresh.last_sync_at))
    if fresh.pending_total:
        return f"{head} · {words.pending(fresh.pending_total)}"
    return head
