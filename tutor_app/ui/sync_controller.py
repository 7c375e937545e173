"""The desktop side of sync: runs the Qt-free ``services.sync.sync_now`` on a worker, one at a time.

``SyncController`` owns the one running ``Task`` and the connection kept for the next sync; its
signals are emitted on the GUI thread, and the status bar and the main window listen to them.
Its other jobs each have a module: when to sync (``ui/sync_schedule.py``), the password
(``ui/sync_password.py``), the sentences (``ui/sync_messages.py``); what the profile remembers of
its sync (the server, the user, the last sync) is ``services/sync_profile.py``, which the settings
dialog writes.

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

from PySide6.QtCore import QObject, Qt, Signal

from tutor_app.domain.errors import TutorError
from tutor_app.domain.inbox import Inbox
from tutor_app.ui.context import AppContext
from tutor_app.ui.status_bar import Connection
from tutor_app.ui.sync_messages import failure_text, retrying_text
from tutor_app.ui.sync_password import AskPassword, PasswordFlow
from tutor_app.ui.sync_schedule import EDIT_SOON_S, SyncSchedule
from tutor_app.ui.tasks import Task

if TYPE_CHECKING:
    from tutor_app.services.sync import CredentialStore, SyncReport, SyncTarget, SyncTimer
    from tutor_app.services.sync_sessions import SessionKeeper
    from tutor_app.services.workspace import Workspace

log = logging.getLogger("tutor.ui.sync")


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What the status bar needs after a sync, all read on the worker."""

    report: SyncReport
    last_sync: datetime | None
    pending: int
    conflicts: Inbox


class _TaskFlag:
    """The task's cancel flag, seen as the ``CancelFlag`` the sync engine polls."""

    def __init__(self, task: Task[Any]) -> None:
        self._task = task

    def is_set(self) -> bool:
        return self._task.cancelled

    def when_set(self, callback: Callable[[], None]) -> None:
        self._task.when_cancelled(callback)


def _last_sync(ws: Workspace) -> datetime | None:
    from tutor_app.services.sync_profile import last_sync_at

    return last_sync_at(ws)


def _count_conflicts(ws: Workspace) -> Inbox:
    """Open conflicts and refused changes: what the inbox asks the user to look at."""
    from tutor_app.services import conflicts

    return conflicts.inbox(ws)


def failure_state(exc: TutorError) -> Connection:
    """What a failed sync says of the connection: offline only when the server could not be
    reached; not set up when there is no server to sync with (or a demo); nothing new when the user
    stopped it; failed otherwise."""
    from tutor_app.domain.errors import DemoProfileError, NoServerError, OfflineError, SyncCancelled

    if isinstance(exc, OfflineError):
        return Connection.OFFLINE
    if isinstance(exc, SyncCancelled):
        return Connection.IDLE
    if isinstance(exc, NoServerError | DemoProfileError):
        return Connection.UNCONFIGURED
    return Connection.FAILED


class SyncController(QObject):
    """One sync at a time, in the background or on request, never on the GUI thread."""

    state_changed = Signal(str)  # a Connection value
    pending_counted = Signal(int)
    conflicts_counted = Signal(object)  # an Inbox (domain.inbox)
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
        self._password = PasswordFlow(self, credentials=credentials, ask_password=ask_password)
        self._schedule = SyncSchedule(self.background_enabled, lambda: not self.running, self,
                                      clock=clock, timer=timer, edit_soon_s=edit_soon_s)
        self._fault = fault
        self._task: Task[SyncOutcome] | None = None
        self._probe: Task[None] | None = None  # reaching the server before its password is asked
        self._sessions: SessionKeeper | None = None  # the last sync's connection, for the next one
        self._again = False
        self._closed = False
        self.state = Connection.IDLE
        self.message = ""
        self.last_report: SyncReport | None = None
        self._schedule.due.connect(lambda: self.sync_now(manual=False))
        self._schedule.back_online.connect(self.reconnected)
        self._busy.connect(self._retrying, Qt.ConnectionType.QueuedConnection)
        ctx.events.pending_changed.connect(self._schedule.edited)

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
        self._password.configure(credentials=credentials, ask_password=ask_password)
        self._schedule.configure(clock=clock, timer=timer, edit_soon_s=edit_soon_s)
        if fault is not None:
            self._fault = fault

    @property
    def running(self) -> bool:
        return self._task is not None or self._probe is not None

    @property
    def policy(self) -> SyncTimer:
        return self._schedule.policy

    @property
    def credentials(self) -> CredentialStore:
        return self._password.credentials

    def start(self) -> None:
        """The workspace is open: read the last sync and the inbox, and start the background clock."""
        if self._closed or not self.ctx.is_ready:
            return
        ws = self.ctx.ws
        self.ctx.tasks.run(lambda: (_last_sync(ws), _count_conflicts(ws), self._configured(ws)), self._counted,
                           owner=self)
        self._schedule.start()

    def reachability_changed(self, reachability: object) -> None:
        """The system's network state changed: back online means sync now."""
        self._schedule.reachability_changed(reachability)

    def background_enabled(self) -> bool:
        """Whether this profile syncs on its own: a server is set and it is not a demo."""
        return self.ctx.is_ready and self._configured(self.ctx.ws)

    def is_demo(self) -> bool:
        """A demo, launched as one or a profile the demo made: it never syncs (GUI thread)."""
        from tutor_app.services.sync_profile import is_demo

        return self.ctx.is_demo or (self.ctx.is_ready and is_demo(self.ctx.ws))

    def _configured(self, ws: Workspace) -> bool:
        """A server is set and the profile is no demo (any thread: ``ws`` is given)."""
        from tutor_app.services.sync_profile import syncs_in_background

        return not self.ctx.is_demo and syncs_in_background(ws)

    def target_changed(self) -> None:
        """Settings changed the server: say whether one is set, and sync soon, as after reconnecting."""
        if not self.running and self.ctx.is_ready:
            self._set_state(Connection.IDLE if self._configured(self.ctx.ws) else Connection.UNCONFIGURED)
        self.reconnected()

    def reconnected(self) -> None:
        """The network came back: sync at once, whatever the backoff said (on a new connection:
        the kept one belonged to the network that went away)."""
        if self._sessions is not None:
            self._sessions.close()
        self._schedule.reconnected()

    def sync_now(self, manual: bool = True) -> bool:
        """Start a sync; False if one is running already (it is run again after) or none could start."""
        if self._closed or not self.ctx.is_ready:
            return False
        if self.running:
            self._again = True
            return False
        ws = self.ctx.ws
        try:
            asking = self._password.missing(ws, manual=manual, demo=self.ctx.is_demo)
        except TutorError as exc:
            self._show_failure(exc)
            if not manual:
                self._schedule.could_not_start()
            self.finished.emit()
            return False
        self._set_state(Connection.SYNCING)
        self._schedule.syncing()
        if asking is None:
            self._start_sync(ws, None)
        else:
            self._reach_then_ask(ws, asking)
        return True

    def _reach_then_ask(self, ws: Workspace, target: SyncTarget) -> None:
        """The password is asked only once the server answered: a server that cannot be reached
        (a wrong name, no network) is said so, without a dialog that could not help."""

        def work() -> None:
            from tutor_app.services import sync as service

            service.reach(target)

        def answered(_result: None) -> None:
            self._probe = None
            if self._closed:
                return
            password = self._password.ask(target)
            if not password:  # the user cancelled the dialog: nothing was tried
                self._set_state(Connection.IDLE)
                self._ended()
                return
            self._start_sync(ws, password)

        def unreachable(exc: BaseException) -> None:
            self._probe = None
            if self._closed:
                return
            self._error(exc)
            self._ended()

        self._probe = self.ctx.tasks.run(work, answered, unreachable, owner=self)

    def _start_sync(self, ws: Workspace, password: str | None) -> None:
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
            return SyncOutcome(report, _last_sync(ws), dossiers.pending_change_count(ws), _count_conflicts(ws))

        self._task = self.ctx.tasks.run_with_progress(work, self._done, self._error, owner=self)
        self._task.finished.connect(self._task_finished)

    def _keeper(self) -> SessionKeeper:
        if self._sessions is None:  # made with the first sync: the window opens without the services
            from tutor_app.services.sync_sessions import SessionKeeper

            self._sessions = SessionKeeper()
        return self._sessions

    def wake(self) -> None:
        """Look at the clock now (the timer's slot; tests call it with a fake clock)."""
        self._schedule.tick()

    def cancel(self) -> None:
        for task in (self._task, self._probe):
            if task is not None:
                task.cancel()

    def shutdown(self) -> None:
        """The window closes: no new sync, the running one is told to stop (the pool waits for it)."""
        self._closed = True
        self._schedule.shutdown()
        self.cancel()
        if self._sessions is not None:
            self._sessions.close(shut=True)

    def password_for(self, ws: Workspace) -> str | None:
        """The password for something the user asked for (an import): None when one is stored,
        the typed one, or "" when the user cancelled. Raises a TutorError with no server set."""
        return self._password.before(ws, manual=True, demo=self.ctx.is_demo)

    # -- results (GUI thread) -------------------------------------------------------------------

    def _done(self, outcome: SyncOutcome) -> None:
        self.last_report = outcome.report
        self._schedule.succeeded()
        self.message = ""
        log.info("sync done: %s", outcome.report.summary())
        self._set_state(Connection.ONLINE)
        self.last_sync_changed.emit(outcome.last_sync)
        self.pending_counted.emit(outcome.pending)
        self.conflicts_counted.emit(outcome.conflicts)
        self.succeeded.emit(outcome.report)

    def _error(self, exc: BaseException) -> None:
        if not isinstance(exc, TutorError):
            self._set_state(Connection.FAILED)
            self._schedule.failed()
            # A bug: the crash dialog and the log (the installed excepthook), never a silent retry loop.
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self._schedule.failed()
        self._show_failure(exc)
        if self.ctx.is_ready:
            ws = self.ctx.ws
            self.ctx.tasks.run(lambda: self._counts_after_failure(ws), self._counted_after_failure, owner=self)

    @staticmethod
    def _counts_after_failure(ws: Workspace) -> tuple[int, Inbox]:
        from tutor_app.services import dossiers

        return dossiers.pending_change_count(ws), _count_conflicts(ws)

    def _counted_after_failure(self, counts: tuple[int, Inbox]) -> None:
        self.pending_counted.emit(counts[0])
        self.conflicts_counted.emit(counts[1])

    def _retrying(self, attempts: int, total: int) -> None:
        if self._task is None:  # the sync ended meanwhile
            return
        self.message = retrying_text()
        log.info("the server is busy: sync attempt %d of %d failed, trying again shortly", attempts, total)
        self.retrying.emit(self.message)

    def _show_failure(self, exc: TutorError) -> None:
        self.message = failure_text(exc)
        log.info("sync failed: %s", exc)  # the core's messages never hold a password
        self._set_state(failure_state(exc))
        self.failed.emit(self.message, str(exc))

    def _task_finished(self) -> None:
        self._task = None
        if self._closed:
            return
        if self.state is Connection.SYNCING:  # cancelled: nothing was delivered, nothing is known
            self._set_state(Connection.IDLE)
        self._ended()

    def _ended(self) -> None:
        """A sync (or its attempt to reach the server first) is over, whatever its outcome."""
        self.finished.emit()
        asked_again, self._again = self._again, False
        self._schedule.sync_ended(asked_again=asked_again)

    def _counted(self, values: tuple[datetime | None, Inbox, bool]) -> None:
        if not values[2] and not self.running:
            self._set_state(Connection.UNCONFIGURED)
        self.last_sync_changed.emit(values[0])
        self.conflicts_counted.emit(values[1])

    def _set_state(self, state: Connection) -> None:
        self.state = state
        self.state_changed.emit(state.value)
