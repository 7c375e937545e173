"""The conflicts inbox in the window, on the real server: records of others read in the viewer's
words (who, which dossier, field by field), the refused values applied with one click by the
dossier's new tutor, a restored dossier closing every record of its deletion, and one count,
worded once, in the status bar and on the dialog's tabs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tests.sync.inbox_scenes import (
    conflicting_edits_and_a_refusal,
    deleted_while_edited,
    reassigned_with_offline_edits,
)
from tests.ui.conftest import OpenApp
from tests.ui.test_sync_ui import remembered, sync_and_wait
from tutor_app.domain.enums import ConflictKind
from tutor_app.services import conflicts, dossiers, recycle_bin
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.models.sync_tables import COL_C_WHO
from tutor_app.ui.sync_dialogs import ConflictsDialog

pytestmark = pytest.mark.postgres


def _window(qtbot: Any, open_app: OpenApp, client: Client) -> MainWindow:
    window = open_app(client.ws).window
    window.sync.configure(credentials=remembered(client))
    sync_and_wait(qtbot, window)
    return window


def _select(qtbot: Any, dialog: ConflictsDialog, starts: str) -> None:
    row = next(n for n in range(dialog.model.rowCount()) if dialog.model.row_at(n).headline.startswith(starts))
    dialog.table.selectRow(row)
    qtbot.waitUntil(lambda: dialog.headline.text().startswith(starts))


def test_the_new_tutor_reads_a_refused_change_field_by_field_and_applies_it(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer) -> None:
    scene = reassigned_with_offline_edits(clients, server)
    window = _window(qtbot, open_app, clients["anna"])
    status = window.status
    assert status.conflicts_button.text() == "2 conflitti da vedere"
    dialog = window.show_conflicts()
    assert isinstance(dialog, ConflictsDialog)
    assert dialog.tabs.tabText(0) == "Conflitti (2)" and dialog.tabs.tabText(1) == "Modifiche rifiutate (0)"
    _select(qtbot, dialog, f"Dossier {scene.code} «Stabilimento di Brescia»:")
    assert dialog.headline.text() == (f"Dossier {scene.code} «Stabilimento di Brescia»: modifica di Mario Rossi "
                                      "rifiutata (il progetto non è più assegnato a Mario Rossi)")
    assert (dialog.mine_title.text(), dialog.theirs_title.text()) == ("La modifica rifiutata", "Ora nel dossier")
    assert (dialog.mine.toPlainText(), dialog.theirs.toPlainText()) == ("Nuovi addetti: 1.100",
                                                                      "Nuovi addetti: 1.000")
    row = dialog.table.selectionModel().selectedRows()[0].row()
    assert dialog.model.index(row, COL_C_WHO).data() == "Mario Rossi"
    assert dialog.apply_refused.isVisibleTo(dialog) and not dialog.keep_mine.isVisibleTo(dialog)
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        dialog.apply_refused.click()  # her own edit, sent at once
    assert dialog.model.rowCount() == 1 and dialog.tabs.tabText(0) == "Conflitti (1)"
    assert status.conflicts_button.text() == "1 conflitto da vedere"
    _select(qtbot, dialog, f"Dossier {scene.code} «Stabilimento di Brescia», ")
    assert dialog.theirs.toPlainText() == "Non c'è nel dossier: la modifica non è mai stata applicata."
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        dialog.apply_refused.click()
    assert dialog.model.rowCount() == 0 and not status.conflicts_button.isVisibleTo(window)
    assert server.dump("projects")[scene.project]["new_hires"] == 1100
    assert [n.text for n in dossiers.get_dossier(clients["anna"].ws, scene.project).notes] == ["Ultima nota di Mario"]
    dialog.close()


def test_restoring_a_dossier_deleted_while_edited_answers_both_of_its_records(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer) -> None:
    scene = deleted_while_edited(clients, server)
    window = _window(qtbot, open_app, clients["mario"])
    dialog = window.show_conflicts()
    assert isinstance(dialog, ConflictsDialog) and dialog.model.rowCount() == 2
    _select(qtbot, dialog, f"Dossier {scene.code} «Data center Pavia»: eliminato mentre veniva modificato (")
    assert (dialog.mine_title.text(), dialog.theirs_title.text()) == ("Le tue modifiche", "L'eliminazione")
    assert dialog.mine.toPlainText() == "Data: 25/11/2026\nArgomento: Soddisfazione\nTesto: Nota di Mario offline"
    assert dialog.theirs.toPlainText().startswith("Eliminazione eseguita da Anna Bianchi il ")
    assert dialog.restore.isVisibleTo(dialog) and dialog.confirm_delete.isVisibleTo(dialog)
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        dialog.restore.click()
    assert dialog.model.rowCount() == 0  # the record of the dossier's own edit went with it
    assert not window.status.conflicts_button.isVisibleTo(window)
    assert [d.id for d in dossiers.list_dossiers(clients["mario"].ws)] == [scene.project]
    clients["anna"].sync()
    assert conflicts.list_conflicts(clients["anna"].ws) == []
    dialog.close()


def test_a_dossier_restored_from_the_bin_leaves_records_that_only_ask_to_be_seen(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer) -> None:
    scene = deleted_while_edited(clients, server)
    anna = clients["anna"]
    recycle_bin.restore(anna.ws, "projects", scene.project)
    window = _window(qtbot, open_app, anna)
    dialog = window.show_conflicts()
    assert isinstance(dialog, ConflictsDialog) and dialog.model.rowCount() == 2
    _select(qtbot, dialog, f"Dossier {scene.code} «Data center Pavia»: eliminato mentre veniva modificato, poi "
                           "ripristinato (")
    assert not dialog.restore.isVisibleTo(dialog) and not dialog.confirm_delete.isVisibleTo(dialog)
    assert dialog.acknowledge.isVisibleTo(dialog)
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        dialog.acknowledge.click()
    assert dialog.model.rowCount() == 1
    dialog.close()


def test_the_status_bar_and_the_tabs_count_alike(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer) -> None:
    conflicting_edits_and_a_refusal(clients, server)
    window = _window(qtbot, open_app, clients["anna"])
    assert window.status.conflicts_button.text() == "2 conflitti e 1 modifica rifiutata da vedere"
    dialog = window.show_conflicts()
    assert isinstance(dialog, ConflictsDialog)
    assert (dialog.tabs.tabText(0), dialog.tabs.tabText(1)) == ("Conflitti (2)", "Modifiche rifiutate (1)")
    assert {dialog.model.row_at(n).kind for n in range(2)} == {ConflictKind.FIELD}
    dialog.tabs.setCurrentIndex(1)
    dialog.dismiss.click()
    assert dialog.tabs.tabText(1) == "Modifiche rifiutate (0)"
    assert window.status.conflicts_button.text() == "2 conflitti da vedere"
    dialog.close()
