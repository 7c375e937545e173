"""The desktop's marks of overdue and due-soon terms (the dossier list's deadline column, the home
page's permit list) at the four days where the words change, as ``domain.deadlines`` defines them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import BOUNDARIES, TODAY, UrgencyTerms
from tutor_app.domain.deadlines import Urgency
from tutor_app.services import dossiers, home
from tutor_app.ui import theme
from tutor_app.ui.home_page import AgendaModel
from tutor_app.ui.models.dossier_index import DossierIndex
from tutor_app.ui.models.dossier_list import COL_DEADLINE, DossierListModel

_FOREGROUND = Qt.ItemDataRole.ForegroundRole


def test_the_dossier_list_colours_the_deadline_as_the_domain_says(urgency_terms: UrgencyTerms) -> None:
    ws, made = urgency_terms
    model = DossierListModel("it")
    model.set_index(DossierIndex(dossiers.list_dossiers(ws)), TODAY)
    position = {model.row_at(n).code: n for n in range(model.rowCount())}
    for offset, urgency in BOUNDARIES.items():
        brush = model.index(position[made[offset][0]], COL_DEADLINE).data(_FOREGROUND)
        colour = brush.color().name() if brush is not None else None
        marked = theme.URGENCY_TEXT[urgency.value] if urgency in (Urgency.OVERDUE, Urgency.DUE_SOON) else None
        assert colour == marked, (offset, urgency, colour)


def test_the_home_page_marks_only_overdue_terms_as_late(urgency_terms: UrgencyTerms) -> None:
    ws, made = urgency_terms
    items = home.home_summary(ws).overdue_permits
    model = AgendaModel("it", "permits", ["a", "b", "c"])
    model.set_rows(items, TODAY)
    late = {item.code for n, item in enumerate(items)
            if model.index(n, AgendaModel.COL_WHEN).data(_FOREGROUND) is not None}
    assert late == {made[o][0] for o, u in BOUNDARIES.items() if u is Urgency.OVERDUE}
    assert len(items) == sum(u in (Urgency.OVERDUE, Urgency.DUE_SOON) for u in BOUNDARIES.values())


def test_an_aftercare_follow_up_is_marked_late_in_the_tab_as_on_the_home_page() -> None:
    """One rule (``is_overdue``): a follow-up whose day has passed is red in both places; today's
    and later ones are not marked (the tab had "due soon" amber for them, the home page red)."""
    from datetime import timedelta

    from tutor_app.store.queries import AftercareView
    from tutor_app.ui.models.dossier_tables import COL_N_FOLLOW, NoteModel

    offsets = (-30, -1, 0, 1, 14)
    days = [TODAY + timedelta(days=o) for o in offsets]
    tab = NoteModel("it")
    tab.today = TODAY
    tab.set_rows([AftercareView(f"n{n}", TODAY - timedelta(days=60), "workforce", "Nota", day)
                  for n, day in enumerate(days)])
    home_list = AgendaModel("it", "notes", ["a", "b", "c", "d"])
    home_list.set_rows([home.AgendaItem(f"p{n}", "2026-MRO-0001", "Progetto", day, "workforce", "Nota", "aftercare")
                        for n, day in enumerate(days)], TODAY)

    def colours(model: object, column: int) -> list[str | None]:
        brushes = [model.index(n, column).data(_FOREGROUND) for n in range(len(days))]  # type: ignore[attr-defined]
        return [b.color().name() if b is not None else None for b in brushes]

    late = theme.URGENCY_TEXT[Urgency.OVERDUE.value]
    assert colours(tab, COL_N_FOLLOW) == [late, late, None, None, None]
    assert colours(tab, COL_N_FOLLOW) == colours(home_list, AgendaModel.COL_WHEN)
