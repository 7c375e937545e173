"""The home page's figures: my projects by phase, deadlines, open actions, follow-ups."""

from __future__ import annotations

from tutor_app.services.workspace import Workspace
from tutor_app.store import queries


def dashboard(ws: Workspace, rows: list[queries.DossierRow] | None = None) -> queries.DashboardCounts:
    """Counts over the given dossier rows, or over every dossier in the profile."""
    with ws.store.read() as conn:
        if rows is None:
            rows = queries.dossier_rows(conn, ws.today())
        return queries.dashboard_counts(rows, conn, ws.today())
