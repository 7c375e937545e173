"""The window with the keyboard alone: Tab leaves every table, every menu and tab has its own
mnemonic (in both languages), F1 lists the shortcuts, Esc goes back from a dossier, a date's
calendar opens from the keyboard, a new meeting starts on its working table with the date-time
one Tab stop after it, and an opened dossier has the keyboard on its content."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)

from tests.conftest import TODAY
from tests.ui.conftest import OpenApp
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.models.dossier_tables import COL_A_TEXT
from tutor_app.ui.settings import Settings
from tutor_app.ui.widgets.fields import DateField, DateTimeField

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def shown(qtbot: Any, open_app: OpenApp, ws: Workspace, settings: Settings | None = None) -> MainWindow:
    """The app's window on ``ws``, loaded and on screen (keyboard focus needs an exposed window)."""
    window = open_app(ws, settings).window
    window.show()
    qtbot.waitExposed(window)
    return window


def _focus(qtbot: Any, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2_000)


def _inside(widget: QWidget | None, container: QWidget) -> bool:
    return widget is not None and (widget is container or container.isAncestorOf(widget))


def _assert_tab_leaves(qtbot: Any, views: Iterable[QAbstractItemView]) -> int:
    checked = 0
    for view in views:
        if not view.isVisible():
            continue
        assert not view.tabKeyNavigation(), f"{view.objectName()}: Tab moves between cells"
        _focus(qtbot, view)
        if view.model() is not None and view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert not _inside(QApplication.focusWidget(), view), f"{view.objectName()}: Tab stayed in the table"
        _focus(qtbot, view)
        qtbot.keyClick(view, Qt.Key.Key_Backtab)
        assert not _inside(QApplication.focusWidget(), view), f"{view.objectName()}: Shift+Tab stayed in the table"
        checked += 1
    return checked


def test_tab_leaves_every_table_of_every_page_and_dialog(qtbot: Any, open_app: OpenApp,
                                                         demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    checked = _assert_tab_leaves(qtbot, window.home.findChildren(QAbstractItemView))
    window.show_list()
    checked += _assert_tab_leaves(qtbot, window.list_page.findChildren(QAbstractItemView))
    window.open_dossier(window.list_page.model.row_at(0).id, "timeline")
    for tab in ("timeline", "permits", "aftercare"):
        window.dossier_page.show_tab(tab)
        checked += _assert_tab_leaves(qtbot, window.dossier_page.tabs.currentWidget().findChildren(QAbstractItemView))
    for dialog in (window.show_pending(), window.show_conflicts(), window.show_shortcuts()):
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2_000)
        checked += _assert_tab_leaves(qtbot, dialog.findChildren(QAbstractItemView))
        dialog.close()
    assert checked >= 11  # 4 home lists, the list, meetings, actions, permits, notes, pending, shortcuts


def test_tab_in_an_action_item_being_edited_commits_it_and_leaves_the_table(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    page = window.dossier_page
    rows = [window.list_page.model.row_at(n) for n in range(40)]
    row = next(r for r in rows if any(m.actions for m in dossiers.get_dossier(demo_workspace, r.id).meetings))
    window.open_dossier(row.id, "timeline")
    timeline = page.timeline
    meeting = next(n for n, m in enumerate(timeline.model.rows) if m.actions)
    timeline._select_row(meeting, False)
    view = timeline.editor.action_view
    index = timeline.editor.action_model.index(0, COL_A_TEXT)
    _focus(qtbot, view)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None and view.isAncestorOf(editor)
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Inviare la planimetria")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert not _inside(QApplication.focusWidget(), view)
    action_id = timeline.editor.action_model.rows[0].id
    texts = {a.id: a.text for m in dossiers.get_dossier(demo_workspace, row.id).meetings for a in m.actions}
    assert texts[action_id] == "Inviare la planimetria"


def _menu_mnemonics(menu: QMenu) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        key = mnemonic(action.text())
        if key is None:
            problems.append(f"{menu.title()!r} ▸ {action.text()!r} has no mnemonic")
        elif key in seen:
            problems.append(f"{menu.title()!r}: {action.text()!r} and {seen[key]!r} both use Alt+{key}")
        else:
            seen[key] = action.text()
    return problems


def _window_mnemonics(widgets: Iterable[tuple[str, str]]) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for where, text in widgets:
        key = mnemonic(text)
        if key is None:
            continue
        if key in seen:
            problems.append(f"{text!r} ({where}) and {seen[key]!r} both use Alt+{key}")
        else:
            seen[key] = text
    return problems


def _texts_with_mnemonics(container: QWidget) -> list[tuple[str, str]]:
    """What Alt+letter reaches in a page or dialog: buttons, labels of fields, group boxes, tabs."""
    found: list[tuple[str, str]] = []
    for widget in container.findChildren(QWidget):
        if not widget.isVisibleTo(container):
            continue
        if isinstance(widget, QAbstractButton | QLabel | QGroupBox):
            text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
            found.append((widget.objectName() or type(widget).__name__, text))
        elif isinstance(widget, QTabBar):
            found += [(f"tab {n}", widget.tabText(n)) for n in range(widget.count()) if widget.isTabVisible(n)]
    return found


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_menu_and_tab_bar_has_unique_mnemonics(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                      ui_settings: Settings, lang: str) -> None:
    ui_settings.language_choice = lang
    window = shown(qtbot, open_app, demo_workspace, ui_settings)
    bar = window.menuBar()
    menus = [a.menu() for a in bar.actions() if a.menu() is not None]
    assert len(menus) >= 4
    problems = [p for menu in menus for p in _menu_mnemonics(menu)]
    titles = [("menu bar", a.text()) for a in bar.actions()]
    assert all(mnemonic(t) for _w, t in titles), titles
    window.open_dossier(window.list_page.model.row_at(0).id, "overview")
    pages = {"home": window.home, "list": window.list_page, "dossier": window.dossier_page}
    for name, page in pages.items():
        problems += [f"{name}: {p}" for p in _window_mnemonics(titles + _texts_with_mnemonics(page))]
    tab_keys = [mnemonic(window.dossier_page.tabs.tabText(n)) for n in range(4)]
    assert None not in tab_keys
    # Alt+A opens Aftercare, not the Help menu (Aiuto).
    assert mnemonic(window.dossier_page.tabs.tabText(3)) == "a"
    for dialog in (window.show_conflicts(), window.show_pending(), window.show_shortcuts()):
        problems += [f"{dialog.objectName()}: {p}" for p in _window_mnemonics(_texts_with_mnemonics(dialog))]
        dialog.close()
    from tutor_app.ui.about_dialog import AboutDialog

    about = AboutDialog(window)
    problems += [f"about: {p}" for p in _window_mnemonics(_texts_with_mnemonics(about))]
    about.deleteLater()
    assert not problems, "\n".join(problems)


def test_f1_lists_the_shortcuts_in_the_users_language(qtbot: Any, open_app: OpenApp,
                                                      demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(isinstance(w, QDialog) and w.objectName() == "shortcutsDialog" and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=3_000)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutsDialog" and w.isVisible())
    assert dialog.windowTitle() == "Scorciatoie da tastiera"
    table = dialog.table  # type: ignore[attr-defined]
    rows = {table.item(n, 0).text(): table.item(n, 1).text() for n in range(table.rowCount())}
    assert rows["F5"] == "File ▸ Sincronizza ora"
    assert rows["Ctrl+F"] == "Vai ▸ Cerca nei dossier"
    assert rows["F1"] == "Aiuto ▸ Scorciatoie da tastiera"
    assert "Esc" in rows and "Invio" in rows
    dialog.close()


def test_esc_goes_back_from_a_dossier_unless_typing_in_a_field(qtbot: Any, open_app: OpenApp,
                                                               demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    target = window.list_page.model.row_at(3)
    window.open_dossier(target.id, "overview")
    title = window.dossier_page.overview.project.fields["title"].editor
    _focus(qtbot, title)
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.dossier_page  # in a field, Esc is the field's
    window.dossier_page.show_tab("permits")
    view = window.dossier_page.permits.view
    _focus(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.list_page
    assert window.list_page.current_id() == target.id


def test_opening_a_dossier_puts_the_keyboard_on_its_content(qtbot: Any, open_app: OpenApp,
                                                            demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    target = window.list_page.model.row_at(5)
    window.focus_search()
    qtbot.keyClicks(window.list_page.search, target.code)
    qtbot.keyClick(window.list_page.search, Qt.Key.Key_Return)
    page = window.dossier_page
    assert QApplication.focusWidget() is page.overview.project.fields["title"].editor
    window.show_list()
    window.open_dossier(target.id, "permits")
    assert QApplication.focusWidget() is page.permits.view


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the offscreen platform, on a popup
def test_a_date_field_opens_its_calendar_from_the_keyboard(qtbot: Any, open_app: OpenApp,
                                                            demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    window.open_dossier(window.list_page.model.row_at(0).id, "aftercare")
    window.new_note()
    tab = window.dossier_page.aftercare
    follow = tab.binder.fields["follow_up_on"]
    assert isinstance(follow, DateField)
    text = tab.binder.fields["text"].editor
    qtbot.keyClicks(text, "Chiamare il direttore di stabilimento")
    _focus(qtbot, follow.line)
    qtbot.keyClick(follow.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: follow.calendar is not None and follow.calendar.isVisible(), timeout=2_000)
    calendar = follow.calendar
    assert calendar is not None
    qtbot.waitUntil(lambda: _inside(QApplication.focusWidget(), calendar), timeout=2_000)
    keys = QApplication.focusWidget()
    assert keys is not None
    qtbot.keyClick(keys, Qt.Key.Key_Right)  # today + 1 (no date yet: the calendar starts on today)
    qtbot.keyClick(keys, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: follow.calendar is None, timeout=2_000)
    picked = date.today() + timedelta(days=1)
    assert follow.value() == picked
    note = dossiers.get_dossier(demo_workspace, window.open_dossier_id or "").notes
    assert any(n.follow_up_on == picked for n in note)
    assert TODAY  # the workspace's today is pinned; the calendar's is the computer's


def test_a_new_meeting_starts_on_its_working_table_and_the_date_time_is_one_tab_stop(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace) -> None:
    window = shown(qtbot, open_app, demo_workspace)
    window.open_dossier(window.list_page.model.row_at(0).id, "overview")
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.dossier_page.timeline.editor
    fields = editor.binder.fields
    assert QApplication.focusWidget() is fields["table"].editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    when = fields["starts_at"]
    assert isinstance(when, DateTimeField)
    assert QApplication.focusWidget() is when.edit
    qtbot.keyClick(when.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fields["place"].editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is when.edit


@pytest.mark.parametrize("lang", ["it", "en"])
def test_an_empty_profiles_home_has_unique_mnemonics_too(qtbot: Any, open_app: OpenApp, workspace: Workspace,
                                                          ui_settings: Settings, lang: str) -> None:
    ui_settings.language_choice = lang
    window = shown(qtbot, open_app, workspace, ui_settings)
    assert window.home.is_empty and window.home.start.isVisible()
    titles = [("menu bar", a.text()) for a in window.menuBar().actions()]
    problems = _window_mnemonics(titles + _texts_with_mnemonics(window.home))
    assert not problems, problems
    assert len([t for _w, t in _texts_with_mnemonics(window.home) if mnemonic(t)]) >= 3  # the start panel's
