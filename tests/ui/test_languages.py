"""Every string the window shows is in the user's language: a walk over the widgets of every page
and dialog, offscreen, in Italian and in English, fails on a visible text (a label, a button, a
tooltip, a placeholder, a list's item, a table's header or cell, a menu command, a window title)
that is a phrase of the other language's catalogue: the Qt Linguist catalogue, the record and
field words (services.record_words), the labels of the domain's codes, the reports' words.
User data (what the dossiers hold) and the region's own terms ("Tavolo permitting", "aftercare",
"lead") are let through; a text made of both languages fails on its wrong-language part."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import pytest
from sqlalchemy import text

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from tests.ui.conftest import OpenApp
from tutor_app.assets import resource_path
from tutor_app.domain import enums
from tutor_app.services import dossiers, meetings
from tutor_app.services.investors import investor_choices
from tutor_app.services.workspace import Workspace
from tutor_app.ui.settings import Settings

ALLOWED = {"tavolo permitting", "aftercare", "lead", "permitting", "tutor", "dossier", "home", "capex",
           "follow-up", "e-mail", "zis", "zls", "ok"}
_SEPARATORS = re.compile(r"\n| · | — | – |: |; | \(|\)|, | ▸ | → | / |«|»|“|”")
_PLACEHOLDER = re.compile(r"%(?:\d|n)|\{[a-z_]*\}")


def _norm(value: str) -> str:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", value)).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(plain.split()).strip(" .…:;,").casefold()


def _pairs() -> Iterator[tuple[str, list[str]]]:
    """(English source, [Italian translations]) of the Qt catalogue, then the core's word tables."""
    tree = ET.parse(resource_path("i18n", "tutor_it.ts"))
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            continue
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        if message.get("numerus") == "yes":
            for english, italian in zip((source.replace("(s)", ""), source.replace("(s)", "s")), forms, strict=False):
                yield english, [italian]
        elif any(forms):
            yield source, forms
    from tutor_app.reports import i18n as report_words
    from tutor_app.services import record_words

    for table in (record_words.TABLE_LABELS, record_words.FIELD_LABELS, record_words.REASONS, record_words.WORDS,
                  report_words._WORDS):
        for italian, english in table.values():
            yield english, [italian]
    for enum in enums._LABELS.values():
        for italian, english in enum.values():
            yield english, [italian]


@cache
def _wrong(lang: str) -> re.Pattern[str]:
    """The phrases of the language that is not ``lang`` (and not also of ``lang``), as one pattern."""
    english, italian = set(), set()
    for source, translations in _pairs():
        english.add(source)
        italian.update(translations)
    mine, theirs = (italian, english) if lang == "it" else (english, italian)
    own = {_norm(p) for p in mine}
    patterns = []
    for phrase in theirs:
        norm = _norm(phrase)
        fixed = _PLACEHOLDER.sub("", norm)
        if norm in own or norm in ALLOWED or len(re.sub(r"[^a-zàèéìòù]", "", fixed)) < 4:
            continue
        # Each placeholder stands for some text, with the phrase's own spaces around it.
        raw = [re.sub(r"\s+", " ", html.unescape(p.replace("&", ""))).casefold() for p in _PLACEHOLDER.split(phrase)]
        raw[0], raw[-1] = raw[0].lstrip(" .…:;,"), raw[-1].rstrip(" .…:;,")
        patterns.append(".+?".join(re.escape(p) for p in raw))
        # A phrase's own parts too (a tooltip or a sentence made by joining them).
        for part in _SEPARATORS.split(phrase):
            part_norm = _norm(part)
            if (part_norm not in own and part_norm not in ALLOWED and not _PLACEHOLDER.search(part)
                    and len(re.sub(r"[^a-zàèéìòù]", "", part_norm)) >= 6 and " " in part_norm):
                patterns.append(re.escape(part_norm))
    return re.compile("^(?:" + "|".join(sorted(set(patterns), key=len, reverse=True)) + ")$")


def _user_data(ws: Workspace) -> set[str]:
    """Every text the profile holds, line by line: what people typed is shown as they typed it."""
    found: set[str] = set()
    with ws.store.read() as conn:
        for table in ("projects", "investors", "contacts", "meetings", "action_items", "permit_items",
                      "aftercare_notes", "tutors"):
            for row in conn.execute(text(f"SELECT * FROM {table}")).mappings():
                for value in row.values():
                    if isinstance(value, str):
                        found.add(_norm(value))
                        found.update(_norm(line) for line in _SEPARATORS.split(value))
    return found


def _model_texts(model: Any, parent: QModelIndex = QModelIndex(), depth: int = 0) -> Iterator[str]:  # noqa: B008
    if model is None:
        return
    for column in range(model.columnCount(parent)):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role) if depth == 0 else None
            if isinstance(value, str):
                yield value
    for row in range(min(model.rowCount(parent), 40)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield value
        if depth < 3:
            yield from _model_texts(model, model.index(row, 0, parent), depth + 1)


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every string a widget and its children show or say (accessible names too)."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield where, widget.windowTitle()
        yield where, widget.toolTip()
        yield where, widget.accessibleName()
        yield where, widget.accessibleDescription()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QGroupBox):
            yield where, widget.title()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield where, widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from ((where, widget.itemText(n)) for n in range(widget.count()))
        if isinstance(widget, QTabWidget):
            for n in range(widget.count()):
                yield where, widget.tabText(n)
                yield where, widget.tabToolTip(n)
        if isinstance(widget, QAbstractItemView):
            yield from ((where, t) for t in _model_texts(widget.model()))
        for action in widget.actions():
            yield where, action.text()
            yield where, action.toolTip()
            menu = action.menu()
            if isinstance(menu, QMenu):
                yield from _texts(menu)


def _problems(texts: Iterable[tuple[str, str]], lang: str, user: set[str]) -> list[str]:
    wrong = _wrong(lang)
    found = []
    for where, value in texts:
        if not value or not value.strip():
            continue
        whole = _norm(value)
        if whole in user:
            continue
        for piece in {whole, *(_norm(p) for p in _SEPARATORS.split(value))}:
            if piece and piece not in user and piece not in ALLOWED and wrong.match(piece):
                found.append(f"{where}: {piece!r} in {value!r}")
    return sorted(set(found))


def _dialogs(window: Any, ws: Workspace) -> Iterator[QDialog]:
    from tutor_app.ui.about_dialog import AboutDialog
    from tutor_app.ui.dossier.contacts import ContactDialog
    from tutor_app.ui.dossier.permits import AddPermitDialog
    from tutor_app.ui.export_dialog import ExportDialog
    from tutor_app.ui.investor_merge_dialog import InvestorMergeDialog
    from tutor_app.ui.settings_dialog import SettingsDialog

    project = window.open_dossier_id
    yield window.show_pending()
    yield window.show_conflicts()
    yield window.show_shortcuts()
    home = window.home
    for key in ("overdue", "actions", "follow"):
        dialog = home.open_figure(key)
        assert dialog is not None
        yield dialog
    yield SettingsDialog(window.ctx.settings, window, ws=ws)
    yield AboutDialog(window)
    yield AddPermitDialog(window.ctx, project, window)
    yield ContactDialog(window.ctx, project, str(window.dossier_page.dossier.investor["id"]), None, window)
    yield ExportDialog(ws, project, window)
    yield ExportDialog(ws, None, window)
    merging = InvestorMergeDialog(window.ctx, window)
    merging.tick([c.id for c in investor_choices(ws)[:2]])
    yield merging


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_visible_string_is_in_the_users_language(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                        ui_settings: Settings, lang: str) -> None:
    ws = demo_workspace
    target = dossiers.list_dossiers(ws)[3]
    dossier = dossiers.get_dossier(ws, target.id)
    meeting = dossier.meetings[0]
    meetings.update_meeting(ws, meeting.id, place="Sala consiliare")  # the changes-waiting view has lines
    dossiers.update_project(ws, target.id, new_hires=(dossier.project["new_hires"] or 0) + 5)
    ui_settings.language_choice = lang
    window = open_app(ws, ui_settings).window
    window.show()
    qtbot.waitExposed(window)
    user = _user_data(ws)
    seen: list[tuple[str, str]] = list(_texts(window))
    window.show_list()
    seen += list(_texts(window.list_page))
    window.open_dossier(target.id, "overview")
    for tab in ("overview", "timeline", "permits", "aftercare"):
        window.dossier_page.show_tab(tab)
        seen += list(_texts(window.dossier_page))
    window.new_meeting()
    seen += list(_texts(window.dossier_page.timeline))
    for dialog in _dialogs(window, ws):
        seen += list(_texts(dialog))
        dialog.close()
        dialog.deleteLater()
    assert len(seen) > 2000
    problems = _problems(seen, lang, user)
    assert not problems, f"{len(problems)} strings not in {lang}:\n" + "\n".join(problems[:80])


def test_the_walk_finds_a_string_left_in_the_other_language(qtbot: Any, open_app: OpenApp,
                                                            demo_workspace: Workspace, ui_settings: Settings) -> None:
    """The check itself: an English tooltip in the Italian window, an Italian one in the English window."""
    ui_settings.language_choice = "it"
    window = open_app(demo_workspace, ui_settings).window
    window.home.cards["overdue"].setToolTip("Permits overdue")
    window.list_page.search.setPlaceholderText("Cerca nei dossier — Search dossiers")
    problems = _problems(_texts(window), "it", _user_data(demo_workspace))
    assert any("'permits overdue'" in p for p in problems) and any("'search dossiers'" in p for p in problems)
    assert not _problems([("label", "Fab Agrate: Tavolo permitting, Aftercare")], "en", set())
    assert _problems([("label", "Riunioni nei prossimi 14 giorni")], "en", set())
