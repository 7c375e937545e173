"""The desktop side of sync: runs the Qt-free ``services.sync.sync_now`` on a worker, one at a time.

``SyncController`` owns the policy clock (``services.sync.SyncTimer``: every few minutes while
online, soon after an edit, at once after reconnecting, exponential backoff after a failure),
a single-shot ``QTimer`` that wakes it when the next sync is due, and the one running ``Task``.
Its signals are emitted on the GUI thread; the status bar and the main window listen to them.

The password is never asked from the worker: before a sync starts, the controller looks in the
credential store on the GUI thread and, for a sync the user asked for, shows the password dialog
there; the worker gets it in a closure and ``sync_now`` keeps it in the keyring only once the
server accepted it. A background sync never opens a dialog: without a password it says so.

Nothing here imports the sync modules (and psycopg) at import time: the first sync does, long
after the window painted.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal

from tutor_app.domain.errors import AuthError, ServerBusyError, TutorError
from tutor_app.ui.context import AppContext
from tutor_app.ui.error_messages import known_error_text, message_code
from tutor_app.ui.status_bar import Connection
from tutor_app.ui.tasks import Task

if TYPE_CHECKING:
    from tutor_app.services.sync import CredentialStore, SyncReport, SyncTimer
    from tutor_app.services.sync_sessions import SessionKeeper
    from tutor_app.services.workspace import Workspace

log = logging.getLogger("tutor.ui.sync")

FIRST_SYNC_DELAY_S = 2.0  # after the workspace opened: let the pages load first
EDIT_SOON_S = 5.0
MAX_WAKE_S = 60.0  # wake up at least this often to look at the clock again (a laptop that slept)

AskPassword = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What the status bar needs after a sync, all read on the worker."""

    report: SyncReport
    last_sync: datetime | None
    pending: int
    conflicts: int


class _TaskFlag:
    """The task's cancel flag, seen as the ``CancelFlag`` the sync engine polls."""

    def __init__(self, task: Task[Any]) -> None:
        self._task = task

    def is_set(self) -> bool:
        return self._task.cancelled

    def when_set(self, callback: Callable[[], None]) -> None:
        self._task.when_cancelled(callback)


def last_sync_of(ws: Workspace) -> datetime | None:
    from tutor_app.services.sync_profile import last_sync_at

    return last_sync_at(ws)


def count_conflicts(ws: Workspace) -> int:
    """Open conflicts and refused changes: what the inbox asks the user to look at."""
    from tutor_app.services import conflicts

    return len(conflicts.list_conflicts(ws)) + len(conflicts.list_rejections(ws))


PASSWORD_PROMPT = QT_TRANSLATE_NOOP("SyncController", "Password of %1 on %2")


def failure_key(exc: TutorError) -> str | None:
    """The code of the sentence that explains a known error of a sync (None: the error's own text)."""
    return message_code(exc, after_sync=True)


def failure_text(exc: TutorError) -> str:
    """A sentence in the user's language for a sync that failed with a known error."""
    return known_error_text(exc, after_sync=True)


class SyncController(QObject):
    """One sync at a time, in the background or on request, never on the GUI thread."""

    state_changed = Signal(str)  # a Connection value
    pending_counted = Signal(int)
    conflicts_counted = Signal(int)
    last_sync_changed = Signal(object)  # datetime | None
    failed = Signal(str, str)  # message for people, the core's detail (a tooltip, the log)
    retrying = Signal(str)  # the running sync met a busy server and tries again shortly (a sentence)
    _busy = Signal(int, int)  # emitted on the worker: attempts made, attempts in all
    succeeded = Signal(object)  # SyncReport
    finished = Signal()  # after every attempt, whatever its outcome

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject | None = None,
        *,
        credentials: CredentialStore | None = None,
        ask_password: AskPassword | None = None,
        clock: Callable[[], float] = time.monotonic,
        timer: SyncTimer | None = None,
        edit_soon_s: float = EDIT_SOON_S,
        fault: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._credentials = credentials
        self._ask_password = ask_password
        self._clock = clock
        self._policy = timer
        self._edit_soon_s = edit_soon_s
        self._fault = fault
        self._task: Task[SyncOutcome] | None = None
        self._sessions: SessionKeeper | None = None  # the last sync's connection, for the next one
        self._again = False
        self._edited_meanwhile = False
        self._started = False
        self._closed = False
        self.state = Connection.OFFLINE
        self.message = ""
        self.last_report: SyncReport | None = None
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.timeout.connect(self._tick)
        self._busy.connect(self._retrying, Qt.ConnectionType.QueuedConnection)
        ctx.events.pending_changed.connect(self._edited)

    # -- public ---------------------------------------------------------------------------------

    def configure(
        self,
        *,
        credentials: CredentialStore | None = None,
        ask_password: AskPassword | None = None,
        clock: Callable[[], float] | None = None,
        timer: SyncTimer | None = None,
        edit_soon_s: float | None = None,
        fault: Callable[[str], None] | None = None,
    ) -> None:
        """Replace the collaborators (tests: a memory keyring, a scripted password, a fake clock)."""
        if credentials is not None:
            self._credentials = credentials
        if ask_password is not None:
            self._ask_password = ask_password
        if clock is not None:
            self._clock = clock
        if timer is not None:
            self._policy = timer
        if edit_soon_s is not None:
            self._edit_soon_s = edit_soon_s
        if fault is not None:
            self._fault = fault

    @property
    def running(self) -> bool:
        return self._task is not None

    @property
    def policy(self) -> SyncTimer:
        if self._policy is None:
            from tutor_app.services.sync import SyncTimer

            self._policy = SyncTimer()
        return self._policy

    @property
    def credentials(self) -> CredentialStore:
        if self._credentials is None:
            from tutor_app.services.sync import default_credentials

            self._credentials = default_credentials()
        return self._credentials

    def start(self) -> None:
        """The workspace is open: read the last sync and the inbox, and start the background timer."""
        if self._closed or not self.ctx.is_ready:
            return
        self._started = True
        ws = self.ctx.ws
        self.ctx.tasks.run(lambda: (last_sync_of(ws), count_conflicts(ws)), self._counted, owner=self)
        if self.background_enabled():
            self._wake.start(int(FIRST_SYNC_DELAY_S * 1000))
        self._watch_network()

    def _watch_network(self) -> None:
        """Sync at once when the system says the network is back (where Qt can tell)."""
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.platformName() == "offscreen":  # tests and screenshots: no system network to watch
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
                return
            info = QNetworkInformation.instance()
        except Exception:  # no backend on this system: the timer and the backoff still retry
            log.info("no network information here: sync relies on its timer")
            return
        if info is not None:
            info.reachabilityChanged.connect(self.reachability_changed)

    def reachability_changed(self, reachability: object) -> None:
        """The system's network state changed: back online means sync now."""
        from PySide6.QtNetwork import QNetworkInformation

        if reachability in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site):
            self.reconnected()

    def background_enabled(self) -> bool:
        """Whether this profile syncs on its own: a server is set and it is not a demo."""
        if not self.ctx.is_ready or self.ctx.is_demo:
            return False
        from tutor_app.services.sync_profile import syncs_in_background

        return syncs_in_background(self.ctx.ws)

    def target_changed(self) -> None:
        """Settings changed the server: sync soon, as after reconnecting."""
        if self._sessions is not None:
            self._sessions.close()
        if self._started and self.background_enabled():
            self.policy.reconnected(self._clock())
            self._schedule()

    def reconnected(self) -> None:
        """The network came back: sync at once, whatever the backoff said (on a new connection:
        the kept one belonged to the network that went away)."""
        if self._sessions is not None:
            self._sessions.close()
        if self._started and self.background_enabled():
            self.policy.reconnected(self._clock())
            self._schedule()

    def sync_now(self, manual: bool = True) -> bool:
        """Start a sync; False if one is running already (it is run again after) or none could start."""
        if self._closed or not self.ctx.is_ready:
            return False
        if self._task is not None:
            self._again = True
            return False
        ws = self.ctx.ws
        password: str | None = None
        try:
            password = self._password_before(ws, manual)
        except TutorError as exc:
            self._show_failure(exc)
            if not manual:
                self.policy.failed(self._clock())
                self._schedule()
            self.finished.emit()
            return False
        if password == "":  # the user cancelled the dialog
            self.finished.emit()
            return False
        self._set_state(Connection.SYNCING)
        self._wake.stop()
        credentials, fault, sessions, busy = self.credentials, self._fault, self._keeper(), self._busy

        def work(task: Task[SyncOutcome]) -> SyncOutcome:
            from tutor_app.services import dossiers
            from tutor_app.services import sync as service

            def progress(step: str, done: int, total: int | None) -> None:
                if step == service.BUSY_STEP:
                    busy.emit(done, total or 0)

            report = service.sync_now(
                ws,
                credentials=credentials,
                ask_password=(lambda _prompt: password) if password else None,
                progress=progress,
                cancel=_TaskFlag(task),
                fault=fault,
                sessions=sessions,
            )
            return SyncOutcome(report, last_sync_of(ws), dossiers.pending_change_count(ws), count_conflicts(ws))

        self._task = self.ctx.tasks.run_with_progress(work, self._done, self._error, owner=self)
        self._task.finished.connect(self._task_finished)
        return True

    def _keeper(self) -> SessionKeeper:
        if self._sessions is None:  # made with the first sync: the window opens without the services
            from tutor_app.services.sync_sessions import SessionKeeper

            self._sessions = SessionKeeper()
        return self._sessions

    def wake(self) -> None:
        """Look at the clock now (the timer's slot; tests call it with a fake clock)."""
        self._tick()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def shutdown(self) -> None:
        """The window closes: no new sync, the running one is told to stop (the pool waits for it)."""
        self._closed = True
        self._wake.stop()
        self.cancel()
        if self._sessions is not None:
            self._sessions.close(shut=True)

    # -- before a sync (GUI thread) ---------------------------------------------------------------

    def password_for(self, ws: Workspace) -> str | None:
        """The password for something the user asked for (an import): None when one is stored,
        the typed one, or "" when the user cancelled. Raises a TutorError with no server set."""
        return self._password_before(ws, manual=True)

    def _password_before(self, ws: Workspace, manual: bool) -> str | None:
        """The password to give the worker: None when stored (or a demo, which the service
        refuses), the typed one, or "" when the user cancelled. Raises a TutorError when a
        background sync has no password to use."""
        from tutor_app.services.sync_profile import is_demo

        if is_demo(ws) or self.ctx.is_demo:
            return None  # the service says why a demo never syncs
        from tutor_app.services import sync as service

        target = service.target_of(ws)
        if self.credentials.get(target.key, target.role) is not None:
            return None
        if not manual:
            raise AuthError(f"The password of {target.user} on {target.address} is needed to sync.")
        ask = self._ask_password or self._password_dialog
        prompt = QCoreApplication.translate("SyncController", str(PASSWORD_PROMPT))
        typed = ask(prompt.replace("%1", target.user).replace("%2", str(target.address)))
        return typed or ""

    def _password_dialog(self, prompt: str) -> str | None:
        from PySide6.QtWidgets import QWidget

        from tutor_app.ui.sync_dialogs import PasswordDialog

        parent = self.parent()
        return PasswordDialog.ask(prompt, parent if isinstance(parent, QWidget) else None)

    # -- results (GUI thread) -------------------------------------------------------------------

    def _done(self, outcome: SyncOutcome) -> None:
        self.last_report = outcome.report
        self.policy.succeeded(self._clock())
        self.message = ""
        log.info("sync done: %s", outcome.report.summary())
        self._set_state(Connection.ONLINE)
        self.last_sync_changed.emit(outcome.last_sync)
        self.pending_counted.emit(outcome.pending)
        self.conflicts_counted.emit(outcome.conflicts)
        self.succeeded.emit(outcome.report)

    def _error(self, exc: BaseException) -> None:
        if not isinstance(exc, TutorError):
            self._set_state(Connection.OFFLINE)
            self.policy.failed(self._clock())
            # A bug: the crash dialog and the log (the installed excepthook), never a silent retry loop.
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self.policy.failed(self._clock())
        self._show_failure(exc)
        if self.ctx.is_ready:
            ws = self.ctx.ws
            self.ctx.tasks.run(lambda: self._counts_after_failure(ws), self._counted_after_failure, owner=self)

    @staticmethod
    def _counts_after_failure(ws: Workspace) -> tuple[int, int]:
        from tutor_app.services import dossiers

        return dossiers.pending_change_count(ws), count_conflicts(ws)

    def _counted_after_failure(self, counts: tuple[int, int]) -> None:
        self.pending_counted.emit(counts[0])
        self.conflicts_counted.emit(counts[1])

    def _retrying(self, attempts: int, total: int) -> None:
        if self._task is None:  # the sync ended meanwhile
            return
        self.message = failure_text(ServerBusyError())
        log.info("the server is busy: sync attempt %d of %d failed, trying again shortly", attempts, total)
        self.retrying.emit(self.message)

    def _show_failure(self, exc: TutorError) -> None:
        self.message = failure_text(exc)
        log.info("sync failed: %s", exc)  # the core's messages never hold a password
        self._set_state(Connection.OFFLINE)
        self.failed.emit(self.message, str(exc))

    def _task_finished(self) -> None:
        self._task = None
        if self._closed:
            return
        if self.state is Connection.SYNCING:  # cancelled: nothing was delivered
            self._set_state(Connection.OFFLINE)
        self.finished.emit()
        if self._again:
            self._again = False
            self.policy.reconnected(self._clock())
        if self._edited_meanwhile:
            self._edited_meanwhile = False
            self.policy.edited(self._clock(), self._edit_soon_s)
        self._schedule()

    def _counted(self, values: tuple[datetime | None, int]) -> None:
        self.last_sync_changed.emit(values[0])
        self.conflicts_counted.emit(values[1])

    # -- the clock ------------------------------------------------------------------------------

    def _edited(self) -> None:
        if self._task is not None:
            self._edited_meanwhile = True  # the running sync may have missed it: go up soon after
            return
        if self._started and not self._closed and self.background_enabled():
            self.policy.edited(self._clock(), self._edit_soon_s)
            self._schedule()

    def _schedule(self) -> None:
        if self._closed or not self._started or self._task is not None or not self.background_enabled():
            return
        delay = max(0.0, min(MAX_WAKE_S, self.policy.next_at - self._clock()))
        self._wake.start(int(delay * 1000))

    def _tick(self) -> None:
        if self._closed or self._task is not None or not self.background_enabled():
            return
        if self.policy.due(self._clock()):
            self.sync_now(manual=False)
        else:
            self._schedule()

    def _set_state(self, state: Connection) -> None:
        self.state = state
        self.state_changed.emit(state.value)
