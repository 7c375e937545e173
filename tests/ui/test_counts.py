"""Every count the window says writes its number as Tutor writes numbers in the window's language
("1.234 modifiche in attesa", "1,234 changes waiting"), in the plural form Qt's %n chose: one
rule (``ui.i18n.counted``), where Qt's %Ln left Italian four-figure numbers ungrouped ("1234")."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QCoreApplication

from tests.ui.conftest import OpenApp
from tests.ui.test_small_screens import _small_window
from tutor_app.services import dossiers
from tutor_app.services.workspace import Workspace
from tutor_app.ui.i18n import counted, number
from tutor_app.ui.settings import Settings

UI = Path(__file__).resolve().parents[2] / "tutor_app" / "ui"

# The five counts of changes waiting: (context, source) -> the (singular, plural) each language says.
CHANGES_WAITING: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("SyncStatusBar", "%n change(s) waiting"): {
        "it": ("%n modifica in attesa", "%n modifiche in attesa"),
        "en": ("%n change waiting", "%n changes waiting")},
    ("DossierPage", "%n change(s) of this dossier to sync"): {
        "it": ("%n modifica del dossier da sincronizzare", "%n modifiche del dossier da sincronizzare"),
        "en": ("%n change of this dossier to sync", "%n changes of this dossier to sync")},
    ("DossierList", "%n change(s) waiting to be synced"): {
        "it": ("%n modifica in attesa di sincronizzazione", "%n modifiche in attesa di sincronizzazione"),
        "en": ("%n change waiting to be synced", "%n changes waiting to be synced")},
    ("PendingChangesDialog", "%n change(s) made on this computer, waiting to go up to the server:"): {
        "it": ("%n modifica fatta su questo computer, in attesa di essere inviata al server:",
               "%n modifiche fatte su questo computer, in attesa di essere inviate al server:"),
        "en": ("%n change made on this computer, waiting to go up to the server:",
               "%n changes made on this computer, waiting to go up to the server:")},
    ("SyncTables", "%n change(s)"): {"it": ("%n modifica", "%n modifiche"), "en": ("%n change", "%n changes")},
}
WRITTEN = {"it": {1: "1", 2: "2", 1234: "1.234", 12345: "12.345"},
           "en": {1: "1", 2: "2", 1234: "1,234", 12345: "12,345"}}


@pytest.mark.parametrize("lang", ["it", "en"])
def test_each_count_of_changes_waiting_is_grouped_as_the_language_writes_numbers_in_its_plural_form(
        speaking: Callable[[str], bool], lang: str) -> None:
    speaking(lang)
    for (context, source), forms in CHANGES_WAITING.items():
        singular, plural = forms[lang]
        for n, written in WRITTEN[lang].items():
            said = counted(QCoreApplication.translate(context, source, None, n), n)
            assert said == (singular if n == 1 else plural).replace("%n", written), (context, n, said)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_windows_counts_of_changes_waiting_say_the_grouped_number(
        qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, ui_settings: Settings, lang: str) -> None:
    """Where the window says them: the status bar, and the list's tooltip of a dossier's changes."""
    from tutor_app.ui.models.dossier_list import COL_PENDING

    window = _small_window(qtbot, open_app, demo_workspace, ui_settings, lang)
    for n in (1, 1234):
        window.status.set_pending(n)
        singular, plural = CHANGES_WAITING[("SyncStatusBar", "%n change(s) waiting")][lang]
        assert (singular if n == 1 else plural).replace("%n", WRITTEN[lang][n]) in window.status.pending_button.text()
    row = replace(dossiers.list_dossiers(demo_workspace)[0], pending_changes=12345)
    tooltip = window.list_page.model._tooltip(row, COL_PENDING)
    assert tooltip == CHANGES_WAITING[("DossierList", "%n change(s) waiting to be synced")][lang][1].replace(
        "%n", WRITTEN[lang][12345])


def test_counted_leaves_the_placeholders_and_other_words_alone(speaking: Callable[[str], bool]) -> None:
    speaking("it")
    assert counted("Bundle of %1 made on %2 (1234 changes).", 1234) == "Bundle of %1 made on %2 (1.234 changes)."
    assert counted("Last update 1 day ago: sync (F5) first", 1) == "Last update 1 day ago: sync (F5) first"
    assert counted("%1 in 5 dossiers (F5)", 5) == "%1 in 5 dossiers (F5)"
    assert counted("12345 righe, 12345 scritte", 12345) == "12.345 righe, 12345 scritte"  # the count, once


@pytest.mark.parametrize(("lang", "written"), [("it", "12.345"), ("en", "12,345")])
def test_a_count_given_as_a_placeholder_is_written_the_same_way(speaking: Callable[[str], bool], lang: str,
                                                                 written: str) -> None:
    """A count given as %1 ("%1 of %2 dossiers", "Conflicts (%1)") is written as a %n count is."""
    speaking(lang)
    assert number(12345) == written and number(999) == "999"


def _count_calls(tree: ast.AST) -> list[tuple[ast.Call, ast.expr, ast.AST | None]]:
    """Every translation call with a %n (``tr``, ``QCoreApplication.translate``, the models' ``_tr``):
    the call, its count argument and the node around it."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        where = {"tr": 2, "translate": 3, "_tr": 1}.get(str(name))
        if where is None or not any(isinstance(c, ast.Constant) and isinstance(c.value, str) and "%n" in c.value
                                    for c in ast.walk(node)):
            continue
        found.append((node, node.args[where], parents.get(node)))
    return found


def test_every_count_the_window_says_goes_through_the_one_rule() -> None:
    """No %n sentence of the UI is said without ``counted``, with the same count it was translated with."""
    loose, sources = [], set()
    for path in sorted(UI.rglob("*.py")):
        for call, n, around in _count_calls(ast.parse(path.read_text(encoding="utf-8"))):
            sources |= {c.value for c in ast.walk(call) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
            wrapped = (isinstance(around, ast.Call) and getattr(around.func, "id", None) == "counted"
                       and around.args[0] is call and ast.dump(around.args[1]) == ast.dump(n))
            if not wrapped:
                loose.append(f"{path.relative_to(UI)}:{call.lineno}")
    assert not loose, loose
    assert {source for _, source in CHANGES_WAITING} <= sources  # the five counts of changes waiting among them
