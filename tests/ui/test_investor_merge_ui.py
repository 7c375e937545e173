"""File ▸ Merge investors… as a coordinator uses it: tick two records of one company, keep one,
merge, see the dossiers gather, undo; a project tutor is told only coordinators merge. With
screenshots at 1366×768 (``TUTOR_SHOTS=/folder``: 100 % and, with QT_SCALE_FACTOR=1.25, 125 %)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import OpenApp
from tutor_app.domain import schema
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.ui.investor_merge_dialog import InvestorMergeDialog
from tutor_app.ui.settings import Settings


def _as(ws: Workspace, role: str) -> None:
    with ws.store.write() as w:
        assert ws.tutor_id is not None
        w.update(schema.TUTORS, ws.tutor_id, {"role": role})


def _two_of_one_company(ws: Workspace) -> tuple[str, str, str]:
    a = dossiers.create_investor(ws, name="Acme Werke GmbH", country="DE", sector="manufacturing",
                                 vat_number="DE123456789")
    b = dossiers.create_investor(ws, name="ACME Werke G.m.b.H.", country="DE", sector="manufacturing")
    dossiers.add_contact(ws, b, name="Jana Vogel")
    p = dossiers.create_project(ws, investor_id=b, title="Magazzino di Lodi", kind="new_initiative",
                                sector="manufacturing", function="production", province="LO")
    return a, b, p


def test_a_coordinator_merges_and_undoes(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                         ui_settings: Settings) -> None:
    ws = demo_workspace
    _as(ws, "coordinator")
    a, b, p = _two_of_one_company(ws)
    lang = os.environ.get("TUTOR_SHOT_LANG", "it")
    ui_settings.language_choice = lang
    window = open_app(ws, ui_settings).window
    dialog = window.merge_investors()
    assert isinstance(dialog, InvestorMergeDialog)
    qtbot.waitExposed(dialog)
    dialog.filter.setText("acme")
    assert not dialog.merge_button.isEnabled()
    dialog.tick([a, b])
    assert dialog.merge_button.isEnabled() and dialog.keep.count() == 2
    dialog.keep.setCurrentIndex(dialog.keep.findData(a))
    _shot(window, dialog, f"merge-before-{lang}")
    dialog.merge_button.click()
    assert dossiers.get_dossier(ws, p).project["investor_id"] == a
    assert dialog.undo_button.isEnabled() and "Acme Werke GmbH" in dialog.status.text()
    _shot(window, dialog, f"merge-after-{lang}")
    dialog.undo_button.click()
    assert dossiers.get_dossier(ws, p).project["investor_id"] == b
    dialog.close()


@pytest.mark.parametrize(("lang", "kept", "other"), [("it", "«Acme Werke GmbH»", "“"),
                                                    ("en", "“Acme Werke GmbH”", "«")])
def test_the_merge_names_the_investor_kept_in_its_languages_quotes(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str, kept: str, other: str
) -> None:
    ws = demo_workspace
    _as(ws, "coordinator")
    a, b, _p = _two_of_one_company(ws)
    ui_settings.language_choice = lang
    window = open_app(ws, ui_settings).window
    dialog = window.merge_investors()
    assert isinstance(dialog, InvestorMergeDialog)
    dialog.tick([a, b])
    dialog.keep.setCurrentIndex(dialog.keep.findData(a))
    dialog.merge_button.click()
    for said in (dialog.status.text(), window.undo.undo_action.text(), window.undo.message.text.text()):
        assert kept in said and other not in said and kept[0] * 2 not in said, said
    dialog.undo_button.click()
    dialog.close()


def test_edit_undo_takes_a_merge_back_in_its_turn(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                  ui_settings: Settings) -> None:
    """The merge is in the app-wide undo too, after the deletes before it: Edit ▸ Undo takes it
    back first, then the delete; the dialog's own button knows it is undone. Its button instead
    takes it out of the app-wide undo."""
    ws = demo_workspace
    _as(ws, "coordinator")
    a, b, p = _two_of_one_company(ws)
    ui_settings.language_choice = "en"
    window = open_app(ws, ui_settings).window
    note = next(iter(dossiers.get_dossier(ws, dossiers.list_dossiers(ws)[0].id).notes))
    window.ctx.delete(None, "aftercare_notes", note.id)
    dialog = window.merge_investors()
    assert isinstance(dialog, InvestorMergeDialog)
    dialog.tick([a, b])
    dialog.keep.setCurrentIndex(dialog.keep.findData(a))
    dialog.merge_button.click()
    assert window.undo.undo_action.text() == "&Undo: the merge into “Acme Werke GmbH”"
    assert window.undo.message.text.text().startswith("1 investor merged into “Acme Werke GmbH”")
    with qtbot.waitSignal(window.ctx.events.project_changed, timeout=1000,
                          check_params_cb=lambda pid: pid == p):  # an open dossier names its investor again
        window.undo.undo_action.trigger()
    assert dossiers.get_dossier(ws, p).project["investor_id"] == b
    assert not dialog.undo_button.isEnabled() and dialog.status.text() == "The merge was undone."
    assert window.undo.undo_action.text().startswith("&Undo delete: ")
    window.undo.undo_action.trigger()  # then the delete before it
    assert note.id in [n.id for n in dossiers.get_dossier(ws, dossiers.list_dossiers(ws)[0].id).notes]

    dialog.tick([a, b])
    dialog.keep.setCurrentIndex(dialog.keep.findData(a))
    dialog.merge_button.click()
    dialog.undo_button.click()  # the dialog's own undo: nothing left for Edit ▸ Undo to take back
    assert dossiers.get_dossier(ws, p).project["investor_id"] == b
    assert not window.undo.undo_action.isEnabled()
    dialog.close()


def test_a_project_tutor_is_told_only_coordinators_merge(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace,
                                                         monkeypatch: Any) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    _as(demo_workspace, "project_tutor")
    window = open_app(demo_workspace).window
    assert window.merge_investors() is None
    assert told == ["Solo un coordinatore può unire investitori."]


def _shot(window: Any, dialog: InvestorMergeDialog, name: str) -> None:
    folder = os.environ.get("TUTOR_SHOTS")
    if not folder:
        return
    window.resize(1366, 768)
    dialog.resize(900, 520)
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    dialog.grab().save(str(Path(folder) / f"{name}-{scale}.png"))
