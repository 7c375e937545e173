"""What a reviewer found cut on a 1366×768 laptop at 125 % (about 1093×614 logical pixels): the
status bar with a sync message pushed "Sync now" off the window and cut the last sync in half; the
import wizard opened taller than the screen, its Next and Import below its edge; the Overview's
"Tutors" row showed its name and role at half height."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from tests.ui.conftest import OpenApp
from tests.ui.test_small_screens import SMALL, _cut, _small_window
from tutor_app.domain.errors import DemoProfileError, OfflineError
from tutor_app.domain.formatting import format_datetime
from tutor_app.domain.inbox import Inbox
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.settings import Settings
from tutor_app.ui.status_bar import Connection
from tutor_app.ui.sync_messages import failure_text

DATA = Path(__file__).parents[1] / "data"
LAST_SYNC = datetime(2026, 11, 24, 16, 42, tzinfo=UTC)
# A 1366×768 screen at 125 % less a 40 px task bar, and the least a title bar takes above a window.
SCREEN_ROOM = QRect(0, 0, 1093, 582)
TITLE_BAR = 30


def _inside(widget: QWidget, window: QWidget) -> bool:
    return QRect(QPoint(0, 0), window.size()).contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def _status_whole(window: MainWindow, lang: str) -> None:
    """"Sync now" whole inside the window; the sync state whole, or only what the last try said
    with the last sync in its tooltip; the message elided at most, whole in its tooltip."""
    status = window.status
    button, label = status.sync_button, status.sync_label
    assert button.isVisible() and _inside(button, window), (button.geometry(), status.geometry(), window.size())
    assert button.width() >= button.sizeHint().width()
    assert _inside(label, window) and label.width() >= label.sizeHint().width(), label.text()
    when = format_datetime(LAST_SYNC, lang)
    shown = label.text().rsplit("</span>", 1)[-1].strip()
    assert shown in (status.state_text(), status._said()), shown
    assert when in status.state_text() and when in label.toolTip()
    assert status.problem in status.problem_label.toolTip()
    assert _inside(status.problem_label, window)
    assert not _cut(window), _cut(window)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_long_sync_message_leaves_sync_now_and_the_last_sync_whole(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str) -> None:
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    status = window.status
    qtbot.waitUntil(lambda: status.last_sync_known, timeout=5_000)  # the profile's own state read first
    window.ctx.tasks.wait_idle()
    qtbot.wait(50)
    status.set_last_sync(LAST_SYNC)
    status.set_pending(2)
    status.set_conflicts(Inbox(conflicts=1))
    status.set_connection(Connection.OFFLINE)
    status.set_problem(failure_text(
        OfflineError("unreachable", address="postgresql://db.regione.lombardia.it:5432/tutor")))
    qtbot.wait(50)
    _status_whole(window, lang)
    assert not status.state_shortened  # at 1093 px the whole state has its room
    status.set_connection(Connection.UNCONFIGURED)
    status.set_problem(failure_text(DemoProfileError()))  # the longest: a demo profile's
    status.set_pending(97)
    qtbot.wait(50)
    _status_whole(window, lang)
    assert not status.state_shortened
    status.set_connection(Connection.FAILED)  # the window at its narrowest, every count shown
    status.set_problem("x" * 300)
    status.set_conflicts(Inbox(conflicts=12, refused=12))  # the longest count: both parts, plural
    status.set_pending(1234)
    window.resize(window.minimumWidth(), SMALL[1])
    qtbot.waitUntil(lambda: window.width() == window.minimumWidth(), timeout=2_000)
    qtbot.wait(50)
    _status_whole(window, lang)
    window.resize(*SMALL)  # room again: the whole state is back
    qtbot.waitUntil(lambda: window.width() == SMALL[0], timeout=2_000)
    status.set_conflicts(Inbox())
    qtbot.wait(50)
    _status_whole(window, lang)
    assert not status.state_shortened


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_import_wizard_fits_the_screen_less_its_task_bar_on_every_page(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(SCREEN_ROOM))
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    wizard = window.import_spreadsheet()  # the menu's own call, with the size it asks for
    qtbot.waitExposed(wizard)

    def fits(page: str) -> None:
        size = wizard.size()
        assert size.width() <= SCREEN_ROOM.width() and size.height() + TITLE_BAR <= SCREEN_ROOM.height(), \
            (page, size)
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.CancelButton):
            button = wizard.button(which)
            assert not button.isVisible() or _inside(button, wizard), (page, which, button.geometry())
        assert not _cut(wizard), (page, _cut(wizard))

    fits("file")
    assert wizard.use_file(DATA / "fiera_2026_formattato.xlsx")
    wizard.next()
    qtbot.wait(50)
    fits("mapping")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None or wizard.task is None, timeout=20_000)
    qtbot.wait(50)
    assert wizard.currentPage() is wizard.preview_page
    fits("preview")
    wizard.reject()


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("size", [SMALL, (1366, 768)])
def test_every_wrapped_line_of_the_overview_shows_whole(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str,
        size: tuple[int, int]) -> None:
    """The tutors, the contacts and every other word-wrapped label of the Overview get the height
    their text needs at the width they are given (the tutors' row had one line for two)."""
    project = dossiers.create_dossier(demo_workspace, investor=dossiers.create_investor(
        demo_workspace, name="Nordpharma GmbH", country="DE", sector="manufacturing"),
        title="Stabilimento di confezionamento a Lodi", kind="new_initiative", sector="manufacturing",
        function="production", province="LO")  # one tutor, me: the dossier the reviewer had just made
    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=2_000)
    window.open_dossier(project, "overview")
    qtbot.wait(50)
    overview = window.dossier_page.overview
    tutors = overview.tutors
    assert tutors.isVisible() and tutors.text().count("—") == 1, tutors.text()
    wrapped = [label for label in overview.findChildren(QLabel) if label.isVisible() and label.wordWrap()]
    assert tutors in wrapped
    short = [(label.objectName() or label.text(), label.size().toTuple(), label.heightForWidth(label.width()))
             for label in wrapped if label.height() < label.heightForWidth(label.width())]
    assert not short, short
