"""A 1366×768 laptop at 125 % (about 1093×614 logical pixels, what the window gets with
QT_SCALE_FACTOR=1.25) shows every control of every page and dialog, the status bar included:
nothing is pushed past the window's edge, no button or title is cut, Home and a meeting with its
participants and five action items need no scrolling; dialogs fit the screen less its bars.
(The same logical size at 100 % lays out the same: fonts are sized in points.)"""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QWidget,
)

from tests.ui.conftest import OpenApp
from tutor_app.services import dossiers, meetings
from tutor_app.services.workspace import Workspace
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.models.dossier_list import COL_COUNTRY
from tutor_app.ui.settings import Settings

SMALL = (1093, 614)
DIALOG_ROOM = (1093, 614 - 70)  # less a task bar and the dialog's own title bar


def _in_scrolling_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QLineEdit):
            return True
        parent = parent.parentWidget()
    return False


def _cut(root: QWidget) -> list[str]:
    """Controls of ``root`` outside its rectangle, and buttons or one-line labels narrower than their text."""
    problems = []
    frame = QRect(QPoint(0, 0), root.size())
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QLabel):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or getattr(widget, 'text', lambda: '')()!r}"
        if not _in_scrolling_area(widget, root):
            where = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
            if not frame.contains(where):
                problems.append(f"{name} at {where.getRect()} is outside {frame.getRect()}")
        ignored = widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored
        if isinstance(widget, QAbstractButton) and widget.text() and widget.width() < widget.sizeHint().width():
            problems.append(f"{name} is {widget.width()} px wide for {widget.sizeHint().width()}")
        if (isinstance(widget, QLabel) and not widget.wordWrap() and not ignored and widget.text()
                and widget.width() < widget.minimumSizeHint().width()):
            problems.append(f"{name} is {widget.width()} px wide for {widget.minimumSizeHint().width()}")
    return problems


def _no_scrolling(area: QScrollArea) -> None:
    assert area.verticalScrollBar().maximum() == 0, f"{area.objectName()} scrolls down"
    assert area.horizontalScrollBar().maximum() == 0, f"{area.objectName()} scrolls sideways"


def _small_window(qtbot: Any, open_app: OpenApp, ws: Workspace, settings: Settings, lang: str) -> MainWindow:
    settings.language_choice = lang
    window = open_app(ws, settings).window
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.size().width() == SMALL[0], timeout=2_000)
    return window


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_page_shows_every_control_at_1093_by_614(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                       ui_settings: Settings, lang: str) -> None:
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    status = window.statusBar()
    assert status.isVisible() and status.geometry().bottom() < window.height()
    assert status.geometry().top() > window.centralWidget().geometry().top()
    window.show_home()
    qtbot.wait(50)
    assert not _cut(window), _cut(window)
    _no_scrolling(window.home.findChild(QScrollArea))
    window.show_list()
    qtbot.wait(50)
    assert not _cut(window), _cut(window)
    header = window.list_page.table.horizontalHeader()
    assert header.isSectionHidden(COL_COUNTRY) or \
        header.sectionSize(COL_COUNTRY) >= header.sectionSizeHint(COL_COUNTRY)  # "Country" was clipped
    table = window.list_page.table
    assert table.horizontalScrollBar().maximum() == 0, "the dossier list scrolls sideways"
    window.show_dashboard()
    qtbot.wait(50)
    assert not _cut(window), ("dashboard", _cut(window))
    window.show_list()
    qtbot.wait(50)
    rows = [window.list_page.model.row_at(n) for n in range(window.list_page.model.rowCount())]
    longest = max(rows, key=lambda r: len(r.investor) + len(r.phase or ""))
    window.open_dossier(longest.id, "overview")
    subtitle = window.dossier_page.subtitle  # code, investor, state and phase: whole, under the title
    qtbot.wait(50)
    assert subtitle.width() >= subtitle.sizeHint().width(), subtitle.text()
    for tab in ("overview", "timeline", "permits", "aftercare"):
        window.dossier_page.show_tab(tab)
        qtbot.wait(50)
        assert not _cut(window), (tab, _cut(window))
    overview = window.dossier_page.overview.findChild(QScrollArea)
    assert overview.horizontalScrollBar().maximum() == 0  # a long form scrolls down, never sideways
    window.dossier_page.show_tab("timeline")
    qtbot.wait(50)
    from tutor_app.ui.dossier.timeline import COL_M_PLACE

    meetings = window.dossier_page.timeline.view.horizontalHeader()
    # Place gives way to the table's word whole (test_the_timeline_shows_each_meetings_date_and_table_whole)
    assert meetings.sectionSize(COL_M_PLACE) >= 85, "the meeting list's Place column is too narrow"


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_meeting_shows_its_participants_and_five_action_items_without_scrolling(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str) -> None:
    project = dossiers.list_dossiers(demo_workspace)[0]
    meeting = meetings.record_meeting(
        demo_workspace, project.id, table="technical", starts_at="2026-11-20T09:00:00Z", place="Agrate Brianza",
        participants="Luca Longo (ARPA Lombardia)\nGiulia Longo (SUAP)\nMarco Riva (Comune)",
        actions=[{"text": f"Azione {n}", "owner": "Comune", "due_on": f"2026-12-0{n}"} for n in range(1, 7)])
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.open_dossier(project.id, "timeline")
    page = window.dossier_page
    assert page.show_record("meeting", meeting)
    qtbot.wait(50)
    editor = page.timeline.editor
    area = editor.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    _no_scrolling(area)
    view = editor.action_view
    assert editor.action_model.rowCount() == 6
    assert view.viewport().height() >= 5 * view.rowHeight(0), "fewer than five action items in view"
    participants = editor.binder.fields["participants"].editor
    top_left = participants.mapTo(window, QPoint(0, 0))
    assert participants.isVisible() and top_left.y() + participants.height() < status_top(window)
    assert not _cut(window), _cut(window)
    # The room left goes to the texts: the minutes show three lines at least (a tall table of
    # actions left them two and a half).
    minutes = editor.binder.fields["minutes"].editor
    assert minutes.viewport().height() >= 3 * minutes.fontMetrics().lineSpacing(), minutes.viewport().height()


def status_top(window: MainWindow) -> int:
    return window.statusBar().geometry().top()


def _dialogs(window: MainWindow, ws: Workspace) -> list[QDialog]:
    from tutor_app.ui.about_dialog import AboutDialog
    from tutor_app.ui.dossier.contacts import ContactDialog
    from tutor_app.ui.dossier.permits import AddPermitDialog
    from tutor_app.ui.export_dialog import ExportDialog
    from tutor_app.ui.settings_dialog import SettingsDialog

    project = window.open_dossier_id
    assert project is not None and window.dossier_page.dossier is not None
    figure = window.home.open_figure("actions")
    assert figure is not None
    return [window.show_pending(), window.show_conflicts(), window.show_shortcuts(), figure,
            SettingsDialog(window.ctx.settings, window, ws=ws), AboutDialog(window),
            AddPermitDialog(window.ctx, project, window),
            ContactDialog(window.ctx, project, str(window.dossier_page.dossier.investor["id"]), None, window),
            ExportDialog(ws, project, window), ExportDialog(ws, None, window)]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_dialog_fits_the_small_screen_whole(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                  ui_settings: Settings, lang: str) -> None:
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.open_dossier(window.list_page.model.row_at(0).id, "overview")
    for dialog in _dialogs(window, demo_workspace):
        dialog.show()
        qtbot.waitExposed(dialog)
        name = dialog.objectName() or type(dialog).__name__
        assert dialog.width() <= DIALOG_ROOM[0] and dialog.height() <= DIALOG_ROOM[1], (name, dialog.size())
        assert dialog.minimumSizeHint().height() <= DIALOG_ROOM[1], (name, dialog.minimumSizeHint())
        assert not _cut(dialog), (name, _cut(dialog))
        dialog.close()
        dialog.deleteLater()


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_narrow_list_keeps_titles_readable_and_figures_whole(qtbot: Any, open_app: OpenApp,
                                                                demo_workspace: Workspace, ui_settings: Settings,
                                                                lang: str) -> None:
    """At 1093 px the title keeps room to be read and every capex and hires figure shows whole:
    sector, status and country step aside (their filters stay above the list), and every project
    code shows whole; at 1366 px every
    column is back; a column the user shows from the header's menu stays, however narrow the list."""
    from tutor_app.ui.dossier_list_page import NARROW_DROPS, TITLE_ROOM
    from tutor_app.ui.models.dossier_list import COL_CAPEX, COL_CODE, COL_HIRES, COL_SECTOR, COL_TITLE

    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.show_list()
    page = window.list_page
    qtbot.waitUntil(lambda: page.is_loaded, timeout=5_000)
    header, table = page.table.horizontalHeader(), page.table
    qtbot.waitUntil(lambda: header.sectionSize(COL_TITLE) >= TITLE_ROOM, timeout=2_000)
    assert table.horizontalScrollBar().maximum() == 0
    metrics = table.fontMetrics()
    for column in (COL_CAPEX, COL_HIRES, COL_CODE):
        widest = max(metrics.horizontalAdvance(str(page.model.index(row, column).data()))
                     for row in range(page.model.rowCount()))
        assert header.sectionSize(column) >= widest + 6, (column, header.sectionSize(column), widest)
    # A project code of the widest initials whole too: its number tells a tutor's dossiers apart
    # (four letters when the server has added one to initials taken: "MROA").
    assert header.sectionSize(COL_CODE) >= metrics.horizontalAdvance("2026-MWM-0001") + 6
    assert header.sectionSize(COL_CODE) >= metrics.horizontalAdvance("2026-WWWW-0001") + 6
    assert any(header.isSectionHidden(c) for c in NARROW_DROPS)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not any(header.isSectionHidden(c) for c in NARROW_DROPS), timeout=2_000)
    page._choose_column(COL_SECTOR, True)  # the header menu's entry, ticked
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.size().width() == SMALL[0], timeout=2_000)
    qtbot.wait(50)
    assert not header.isSectionHidden(COL_SECTOR)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_permit_checklist_says_whole_how_late_a_term_is(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                            ui_settings: Settings, lang: str) -> None:
    """The legal-deadline column says how late a term is, in bold, whole in either language (the
    Italian "in ritardo di 16 giorni" was cut to "in ritardo di 1…"), and the list does not scroll
    sideways for it."""
    from PySide6.QtGui import QFont, QFontMetrics

    from tutor_app.ui.models.dossier_tables import COL_P_DUE

    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.show_list()
    qtbot.waitUntil(lambda: window.list_page.is_loaded, timeout=5_000)
    rows = [window.list_page.model.row_at(n) for n in range(window.list_page.model.rowCount())]
    window.open_dossier(next(r for r in rows if r.overdue_permits).id, "permits")
    permits = window.dossier_page.permits
    qtbot.waitUntil(lambda: permits.model.rowCount() > 0, timeout=5_000)
    bold = QFont(permits.view.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    said = [str(permits.model.index(n, COL_P_DUE).data() or "") for n in range(permits.model.rowCount())]
    late = [text for text in said if any(c.isdigit() for c in text) and "/" not in text] + \
        [text for text in said if "·" in text]
    assert late, said
    room = permits.view.horizontalHeader().sectionSize(COL_P_DUE)
    for text in late:
        assert metrics.horizontalAdvance(text) + 6 <= room, (text, metrics.horizontalAdvance(text), room)
    assert permits.view.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_timeline_shows_each_meetings_date_and_table_whole(qtbot: Any, open_app: OpenApp,
                                                               demo_workspace: Workspace, ui_settings: Settings,
                                                               lang: str) -> None:
    """Each meeting's date and time, and the word of a phase's table, whole ("Tavolo p…" and
    "21/12/2026 09:…" told neither the table nor the hour); Place keeps a readable width (less than
    the 100 px it had: a place is elided all the same, and its tooltip says it whole)."""
    from tutor_app.domain.enums import Phase
    from tutor_app.ui.models.dossier_tables import COL_M_PLACE, COL_M_TABLE, COL_M_WHEN

    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.open_dossier(dossiers.list_dossiers(demo_workspace)[0].id, "timeline")
    timeline = window.dossier_page.timeline
    qtbot.waitUntil(lambda: timeline.model.rowCount() > 0, timeout=5_000)
    header, metrics = timeline.view.horizontalHeader(), timeline.view.fontMetrics()
    phase_tables = {phase.table.value for phase in Phase}
    for n in range(timeline.model.rowCount()):
        when = str(timeline.model.index(n, COL_M_WHEN).data())
        assert metrics.horizontalAdvance(when) + 6 <= header.sectionSize(COL_M_WHEN), when
        table = str(timeline.model.index(n, COL_M_TABLE).data())
        if timeline.model.rows[n].table in phase_tables:
            swatch = timeline.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, timeline.view)
            room = header.sectionSize(COL_M_TABLE) - swatch - 8
            assert metrics.horizontalAdvance(table) + 6 <= room, (table, room)
    assert header.sectionSize(COL_M_PLACE) >= 85


@pytest.mark.parametrize("lang", ["it", "en"])
def test_home_lists_show_each_dossier_code_whole(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                 ui_settings: Settings, lang: str) -> None:
    """Each home list names the dossier by its code whole, the title after it elided (at 125 % half
    the list was narrower than "2023-IBR-0001", and the number that tells dossiers apart was cut)."""
    from tutor_app.ui.home_page import AgendaModel

    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.show_home()
    qtbot.waitUntil(lambda: window.home.summary is not None, timeout=5_000)
    qtbot.wait(50)
    for kind, view in window.home.lists.items():
        model, header, metrics = view.model(), view.horizontalHeader(), view.fontMetrics()
        assert model.rowCount(), kind
        room = header.sectionSize(AgendaModel.COL_PROJECT) - 8  # less the cell's margins
        for n in range(model.rowCount()):
            said = str(model.index(n, AgendaModel.COL_PROJECT).data())
            shown = metrics.elidedText(said, Qt.TextElideMode.ElideRight, room)
            assert shown.startswith(said.split(" · ", 1)[0]), (kind, said, shown)
        assert view.horizontalScrollBar().maximum() == 0, kind
    # A code with four initials of the widest letter (the server adds a fourth to initials taken).
    from dataclasses import replace

    model = window.home.models["meetings"]
    model.set_rows([replace(model.rows[0], code="2026-WWWW-0001"), *model.rows[1:]], model.today)
    view = window.home.lists["meetings"]
    room = view.horizontalHeader().sectionSize(AgendaModel.COL_PROJECT) - 8
    said = str(model.index(0, AgendaModel.COL_PROJECT).data())
    assert view.fontMetrics().elidedText(said, Qt.TextElideMode.ElideRight, room).startswith("2026-WWWW-0001"), said


def test_a_long_dossier_title_gives_way_and_is_whole_in_its_tooltip(qtbot: Any, open_app: OpenApp,
                                                                   demo_workspace: Workspace,
                                                                   ui_settings: Settings) -> None:
    """A dossier's title longer than the page ends with "…" (the page does not widen, nothing is
    pushed off it), and says itself whole in its tooltip."""
    project = dossiers.list_dossiers(demo_workspace)[0]
    title = "Nuovo stabilimento per la produzione di componenti elettronici di potenza " * 3
    dossiers.update_project(demo_workspace, project.id, title=title.strip())
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, "it")
    window.open_dossier(project.id, "overview")
    qtbot.wait(50)
    label = window.dossier_page.title
    assert label.full_text() == title.strip() and label.toolTip() == title.strip()
    assert label.is_elided() and label.text().endswith("…")
    assert window.width() == SMALL[0] and not _cut(window), _cut(window)
