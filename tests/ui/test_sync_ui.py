"""The desktop side of sync against the real PostgreSQL server: the controller, the status bar,
the password dialog, the conflicts inbox and the pending-changes view."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.sync.helpers import Client, TestServer
from tests.ui.conftest import OpenApp
from tutor_app.domain.errors import PasswordNeededError
from tutor_app.domain.inbox import Inbox
from tutor_app.services import conflicts, dossiers, meetings
from tutor_app.services.sync import MemoryCredentials, target_of
from tutor_app.services.sync_profile import remember_target
from tutor_app.services.workspace import Workspace
from tutor_app.sync.connection import Secret
from tutor_app.ui.error_messages import known_error_text
from tutor_app.ui.main_window import MainWindow
from tutor_app.ui.models.sync_tables import ConflictModel, PendingModel, RejectionModel
from tutor_app.ui.status_bar import Connection
from tutor_app.ui.sync_dialogs import ConflictsDialog, PasswordDialog, PendingChangesDialog


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def remembered(client: Client, user: str | None = None) -> MemoryCredentials:
    """The client's server and user stored with the profile, its password in a memory keyring."""
    remember_target(client.ws, str(client.server.address), user or client.user)
    target = target_of(client.ws)
    credentials = MemoryCredentials()
    credentials.set(target.key, target.role, Secret(client.server.passwords[client.user]))
    return credentials


def sync_and_wait(qtbot: Any, window: MainWindow, timeout: int = 15_000) -> None:
    with qtbot.waitSignal(window.sync.finished, timeout=timeout):
        window.sync_action.trigger()


@pytest.mark.postgres
def test_sync_now_sends_a_tutors_edit_and_the_status_bar_says_online_nothing_waiting(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    window = open_app(mario.ws).window
    window.sync.configure(credentials=remembered(mario))
    assert window.sync_action.shortcut().toString() == "F5"
    qtbot.waitUntil(lambda: window.status.pending is not None and window.status.pending > 0)
    sync_and_wait(qtbot, window)
    status = window.status
    assert status.connection is Connection.ONLINE and window.sync.message == ""
    qtbot.waitUntil(lambda: status.pending == 0)
    assert status.last_sync is not None
    assert "online — nessuna modifica in attesa · ultima sincronizzazione" in status.summary()
    assert not status.problem_label.isVisibleTo(window)
    assert server.dump("projects")[project]["title"] == "Fab Agrate"
    # The connection stays open for the next sync, and goes with the window.
    keeper = window.sync._sessions
    assert keeper is not None and keeper.holding
    window.sync.shutdown()
    assert not keeper.holding


@pytest.mark.postgres
def test_an_unreachable_server_says_offline_keeps_the_outbox_and_retries_with_backoff(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    mario = clients["mario"]
    mario.new_project("Fab Agrate")
    credentials = remembered(mario)
    good = str(server.address)
    remember_target(mario.ws, good.replace(f":{server.address.port}/", ":1/"), "mario")  # nobody listens there
    waiting = dossiers.pending_change_count(mario.ws)
    clock = FakeClock()
    window = open_app(mario.ws).window
    window.sync.configure(credentials=credentials, clock=clock)
    target = target_of(mario.ws)
    credentials.set(target.key, target.role, Secret(server.passwords["mario"]))

    sync_and_wait(qtbot, window)
    status = window.status
    assert status.connection is Connection.OFFLINE
    assert "non è raggiungibile" in status.problem and status.problem_label.isVisibleTo(window)
    assert dossiers.pending_change_count(mario.ws) == waiting  # nothing lost
    qtbot.waitUntil(lambda: status.pending == waiting)
    policy = window.sync.policy
    assert policy.failures == 1 and policy.next_at == clock.now + 15

    clock.now += 10
    window.sync.wake()  # not due yet: nothing happens
    assert not window.sync.running and policy.failures == 1
    clock.now += 5
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        window.sync.wake()  # due: the background retry
    assert policy.failures == 2 and policy.next_at == clock.now + 30  # backing off
    assert status.connection is Connection.OFFLINE

    remember_target(mario.ws, good, "mario")  # the right server (as after the network came back)
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        window.sync.target_changed()
        window.sync.wake()
    assert status.connection is Connection.ONLINE and not status.problem and policy.failures == 0
    qtbot.waitUntil(lambda: status.pending == 0)


def _conflict_for_mario(clients: dict[str, Client], server: TestServer) -> tuple[Client, Client, str, str]:
    """Mario and Anna both change the decisions of one meeting offline; Anna's is the later edit."""
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Fab Agrate")
    meeting = meetings.record_meeting(
        mario.ws, project, table="technical", starts_at="2026-03-12T09:00:00Z", decisions="Prima stesura"
    )
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    meetings.update_meeting(mario.ws, meeting, decisions="Versione di Mario")
    time.sleep(0.005)
    meetings.update_meeting(anna.ws, meeting, decisions="Versione di Anna")
    mario.sync()
    assert anna.sync().conflicts == 1
    return mario, anna, project, meeting


@pytest.mark.postgres
def test_a_conflict_shows_in_the_inbox_in_domain_language_and_keep_mine_resolves_and_syncs(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    mario, anna, project, _meeting = _conflict_for_mario(clients, server)
    window = open_app(mario.ws).window
    window.sync.configure(credentials=remembered(mario))
    sync_and_wait(qtbot, window)
    status = window.status
    assert status.conflicts == Inbox(conflicts=1) and status.conflicts_button.isVisibleTo(window)
    assert status.conflicts_button.text() == "1 conflitto da vedere"

    status.conflicts_button.click()
    dialog = window._conflicts_dialog
    assert isinstance(dialog, ConflictsDialog) and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.headline.text() == "Riunione del 12/03/2026, campo Decisioni: la tua versione / l'altra versione"
    assert (dialog.mine.toPlainText(), dialog.theirs.toPlainText()) == ("Versione di Mario", "Versione di Anna")
    assert dialog.keep_mine.isVisibleTo(dialog) and dialog.save_merged.isVisibleTo(dialog)

    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        dialog.keep_mine.click()  # a synced edit, sent at once
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisibleTo(dialog)
    assert not status.conflicts and not status.conflicts_button.isVisibleTo(window)
    assert conflicts.list_conflicts(mario.ws) == []
    assert dossiers.pending_change_count(mario.ws) == 0
    anna.sync()
    assert conflicts.list_conflicts(anna.ws) == []
    assert dossiers.get_dossier(anna.ws, project).meetings[0].decisions == "Versione di Mario"
    dialog.close()


@pytest.mark.postgres
def test_the_password_dialog_appears_when_none_is_stored_and_the_password_is_in_no_file(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer, tmp_path: Path,
    tutor_home: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    mario = clients["mario"]
    mario.new_project("Fab Agrate")
    remember_target(mario.ws, str(server.address), "mario")
    credentials = MemoryCredentials()
    password = "Pw-Agrate-" + server.passwords["mario"]  # the test cluster trusts any password
    window = open_app(mario.ws).window
    window.sync.configure(credentials=credentials)
    asked: list[str] = []

    def type_password() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # asked once the server answered (services.sync.reach, on a worker)
            QTimer.singleShot(20, type_password)
            return
        assert isinstance(dialog, PasswordDialog)
        asked.append(dialog.windowTitle())
        dialog.password.setText(password)
        dialog.accept()

    QTimer.singleShot(50, type_password)
    sync_and_wait(qtbot, window)
    assert asked == ["Sincronizzazione: password"]
    assert window.status.connection is Connection.ONLINE
    target = target_of(mario.ws)
    stored = credentials.get(target.key, target.role)
    assert stored is not None and stored.reveal() == password  # kept in the (memory) keyring
    sync_and_wait(qtbot, window)  # no dialog the second time
    assert len(asked) == 1
    hits = [p for p in tmp_path.rglob("*") if p.is_file() and password.encode() in p.read_bytes()]
    assert hits == [] and password not in caplog.text


@pytest.mark.postgres
def test_a_background_sync_never_asks_for_the_password_it_says_so(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    mario = clients["mario"]
    remember_target(mario.ws, str(server.address), "mario")
    window = open_app(mario.ws).window
    window.sync.configure(credentials=MemoryCredentials())
    with qtbot.waitSignal(window.sync.finished, timeout=5_000):
        window.sync.sync_now(manual=False)
    assert QApplication.activeModalWidget() is None
    # Not offline: the server was not even asked (the bar says the sync failed, and why).
    assert "F5" in window.status.problem and window.status.connection is Connection.FAILED
    # The password is missing, not wrong: the sentence says so (it once said the server refused it).
    assert window.status.problem == known_error_text(
        PasswordNeededError("mario", "postgresql://db.example:5432/tutor"), after_sync=True)


@pytest.mark.postgres
def test_closing_the_window_mid_sync_stops_cleanly(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    mario = clients["mario"]
    mario.new_project("Fab Agrate")
    inside = threading.Event()

    def slow(_point: str) -> None:
        inside.set()
        time.sleep(0.2)

    app = open_app(mario.ws)
    window = app.window
    assert window is not None
    window.sync.configure(credentials=remembered(mario), fault=slow)
    window.sync_action.trigger()
    assert window.sync.running and window.status.connection is Connection.SYNCING
    assert inside.wait(10)
    app.close(close_workspace=False)  # cancels the sync and waits for its thread
    assert app.window is None and not app.tasks.busy
    assert dossiers.pending_change_count(mario.ws) >= 0  # the profile is still usable


@pytest.mark.postgres
def test_closing_the_window_while_the_server_does_not_answer_does_not_wait_for_it(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer
) -> None:
    """A server call that hangs (here: the server waits on a lock for minutes) is cut when the user
    closes the window; the change waits in the outbox and goes up once, at the next sync."""
    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    mario.sync()
    dossiers.update_project(mario.ws, project, title="Fab Agrate, seconda fase")
    blocker = server.superuser()
    blocker.autocommit = False
    blocker.execute("SELECT rev FROM tutor.counter FOR UPDATE")  # every push waits for this row
    try:
        app = open_app(mario.ws)
        window = app.window
        assert window is not None
        window.sync.configure(credentials=remembered(mario))
        window.sync_action.trigger()
        with server.superuser() as su:  # the push is inside the server, waiting
            qtbot.waitUntil(lambda: su.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%tutor.push%'"
            ).fetchone()[0] == 1, timeout=10_000)
        started = time.monotonic()
        app.close(close_workspace=False)
        assert time.monotonic() - started < 5 and not app.tasks.busy
    finally:
        blocker.rollback()
        blocker.close()
    assert [e["table_name"] for e in mario.outbox()] == ["projects"]  # still waiting, nothing lost
    report = mario.sync()
    assert report.applied == 1 and not mario.outbox()
    assert server.dump("projects")[project]["title"] == "Fab Agrate, seconda fase"


def test_a_demo_profile_refuses_to_sync_with_a_message(qtbot: Any, open_app: OpenApp, demo_workspace: Workspace):
    window = open_app(demo_workspace).window
    qtbot.waitUntil(lambda: not window.sync_action.isEnabled())  # Sync now is off, its tooltip says why
    assert "profilo dimostrativo" in window.sync_action.toolTip()
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):  # asked all the same (a background try)
        window.sync.sync_now(manual=True)
    assert "profilo dimostrativo" in window.status.problem
    assert window.status.connection is Connection.UNCONFIGURED


def test_without_a_server_sync_now_points_to_the_settings(qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace,
                                                          monkeypatch: pytest.MonkeyPatch):
    window = open_app(tutor_workspace).window
    qtbot.waitUntil(lambda: window.status.connection is Connection.UNCONFIGURED)
    opened: list[bool] = []
    monkeypatch.setattr(window, "open_settings", lambda: opened.append(True))
    window.sync_action.trigger()  # "Configura il server…": the settings, where the server is entered
    assert opened == [True]
    with qtbot.waitSignal(window.sync.finished, timeout=15_000):
        window.sync.sync_now(manual=True)
    assert "Impostazioni" in window.status.problem


def test_the_pending_changes_view_lists_a_field_change(
    qtbot: Any, open_app: OpenApp, demo_workspace: Workspace, qtmodeltester: Any
) -> None:
    first = dossiers.list_dossiers(demo_workspace)[0]
    dossiers.update_project(demo_workspace, first.id, municipality="Vimercate")
    window = open_app(demo_workspace).window
    qtbot.waitUntil(lambda: window.status.pending == 1)
    assert window.status.pending_button.text() == "1 modifica in attesa"
    window.status.pending_button.click()
    dialog = window._pending_dialog
    assert isinstance(dialog, PendingChangesDialog) and dialog.isVisible()
    model = dialog.model
    dossier = model.index(0, 0)
    assert dossier.data().startswith(f"Dossier {first.code}")
    record = model.index(0, 0, dossier)
    assert record.data() == "Dati del progetto"
    field = model.index(0, 0, record)
    assert [model.index(0, c, record).data() for c in range(3)] == ["Comune", first.municipality or "—", "Vimercate"]
    assert field.data() == "Comune"
    assert "1 modifica fatta su questo computer" in dialog.intro.text()
    qtmodeltester.check(model)
    dialog.close()


def test_the_sync_models_pass_the_model_tester(qtmodeltester: Any, tutor_workspace: Workspace) -> None:
    for model in (ConflictModel(), RejectionModel(), PendingModel()):
        qtmodeltester.check(model)
    pending = PendingModel()
    investor = dossiers.create_investor(tutor_workspace, name="Semi Corp", country="US")
    dossiers.create_project(tutor_workspace, investor_id=investor, title="Fab", kind="expansion",
                            sector="electronics", function="production")
    pending.set_rows(conflicts.pending_changes(tutor_workspace))
    assert pending.rowCount() > 3
    qtmodeltester.check(pending)


def test_the_server_settings_are_stored_with_the_profile_and_a_bad_address_is_refused(
    qtbot: Any, ui_settings: Any, tutor_workspace: Workspace
) -> None:
    from tutor_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ui_settings, None, ws=tutor_workspace)
    qtbot.addWidget(dialog)
    dialog.server_url.setText("postgresql://mario:segreto@server/tutor")
    dialog.user_name.setText("mario")
    dialog.accept()
    assert not dialog.server_changed and dialog.server_error.isVisibleTo(dialog)
    assert tutor_workspace.store.state("sync_server_url") is None
    dialog.server_url.setText("postgresql://server.regione.it/tutor")
    dialog.accept()
    assert dialog.server_changed and dialog.result()
    target = target_of(tutor_workspace)  # kept as the fields show it: host, port, database
    assert (target.url, target.user) == ("postgresql://server.regione.it:5432/tutor", "mario")


def test_the_network_coming_back_makes_a_background_sync_due_at_once(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace
) -> None:
    from PySide6.QtNetwork import QNetworkInformation

    remember_target(tutor_workspace, "postgresql://127.0.0.1:1/tutor", "mario")
    clock = FakeClock()
    window = open_app(tutor_workspace).window
    window.sync.configure(clock=clock, credentials=MemoryCredentials())
    policy = window.sync.policy
    policy.failed(clock.now)
    policy.failed(clock.now)
    assert policy.next_at == clock.now + 30
    window.sync.reachability_changed(QNetworkInformation.Reachability.Disconnected)
    assert policy.next_at == clock.now + 30
    window.sync.reachability_changed(QNetworkInformation.Reachability.Online)
    assert policy.due(clock.now)
    window.sync.shutdown()


def test_exporting_changes_needs_one_sync_first_and_says_so_in_italian(
    qtbot: Any, open_app: OpenApp, tutor_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: shown.append(text)))
    window = open_app(tutor_workspace).window
    assert window.export_bundle(str(tmp_path / "x.tutorbundle")) is None
    assert shown and "non si è mai sincronizzato" in shown[0]
    assert not (tmp_path / "x.tutorbundle").exists()


@pytest.mark.postgres
def test_a_synced_tutor_exports_the_changes_waiting_to_a_signed_file(
    qtbot: Any, open_app: OpenApp, clients: dict[str, Client], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tutor_app.sync.bundle import read_bundle

    mario = clients["mario"]
    project = mario.new_project("Fab Agrate")
    mario.sync()
    dossiers.update_project(mario.ws, project, title="Fab Agrate, seconda fase")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: told.append(text)))
    window = open_app(mario.ws).window
    out = tmp_path / "valle.tutorbundle"
    assert window.export_bundle(str(out)) == str(out)
    content = read_bundle(out)
    assert len(content.changes) == len(mario.outbox()) == 1  # exported, and still waiting here
    assert told and told[0].startswith("1 modifica scritta in")
