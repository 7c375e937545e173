"""The composition root's product: what every page needs, passed down explicitly (no globals).

``AppContext`` holds the workspace, the settings, the language, the task manager and the event
bridge. ``edit`` is how a widget changes data: it calls a core service synchronously (a local
SQLite commit takes a few milliseconds, and returning means the edit is durable) and then
announces the change so lists, the home page and the status bar refresh. ``delete`` is how a
widget deletes a record: through the recycle bin (``services.recycle_bin``), remembered for the
app-wide undo (``undo_delete``) and announced, so the window offers "Annulla" at once.

After a fast start the window is up before the workspace is open (see ``ui/startup.py``):
``is_ready`` says whether it is, ``events.workspace_ready`` announces it, and ``ws`` waits for
it, so nothing ever reads or edits without an open workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from tutor_app.ui.settings import Settings
from tutor_app.ui.startup import WorkspaceOpening
from tutor_app.ui.tasks import TaskManager

if TYPE_CHECKING:
    from tutor_app.services.recycle_bin import DeletedRecord, Undoable, UndoHistory, UndoStep
    from tutor_app.services.workspace import Workspace

T = TypeVar("T")


class WorkspaceEvents(QObject):
    """Core changes re-emitted as Qt signals (the Electrum-style bridge)."""

    project_changed = Signal(str)  # a dossier's data changed (its id)
    pending_changed = Signal()  # the outbox may have grown or shrunk
    open_dossier = Signal(str, str)  # project id, tab name: a request to show a dossier
    workspace_ready = Signal()  # the workspace of a fast start is open (GUI thread)
    record_deleted = Signal(object)  # a DeletedRecord or UndoStep: done, and the undo can take it back
    record_restored = Signal(object)  # a DeletedRecord or UndoStep: taken back (undo, the recycle bin)


class AppContext:
    def __init__(
        self,
        workspace: Workspace | WorkspaceOpening,
        settings: Settings,
        lang: str,
        tasks: TaskManager,
        is_demo: bool = False,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._ws: Workspace | None = None
        self._opening: WorkspaceOpening | None = None
        if isinstance(workspace, WorkspaceOpening):
            self._opening = workspace
        else:
            self._ws = workspace
        self._today = today
        self.settings = settings
        self.lang = lang
        self.tasks = tasks
        self.events = WorkspaceEvents()
        self.is_demo = is_demo
        self._deletions: UndoHistory | None = None  # made at the first delete: a fast start imports no services

    @property
    def ws(self) -> Workspace:
        """The open workspace. Right after a fast start this waits for it to open (a fraction of a
        second, only if the user acts at once); re-raises the error if it could not be opened."""
        if self._ws is None:
            assert self._opening is not None
            self._ws = self._opening.get()
        return self._ws

    @property
    def is_ready(self) -> bool:
        """Whether the workspace is open and this context has it (never waits)."""
        return self._ws is not None

    def workspace_opened(self, workspace: Workspace) -> None:
        """The opening finished (on the GUI thread): announce it."""
        self._ws = workspace
        self.events.workspace_ready.emit()

    def today(self) -> date:
        """Today as the workspace sees it (tests pin it), also before the workspace is open."""
        return self._ws.today() if self._ws is not None else self._today()

    def edit(self, project_id: str | None, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service call that changes data; raises the service's TutorError unchanged."""
        result = service(self.ws, *args, **kwargs)
        if project_id:
            self.events.project_changed.emit(project_id)
        self.events.pending_changed.emit()
        return result

    # -- deleting and restoring (services.recycle_bin) -------------------------------------------

    @property
    def deletions(self) -> UndoHistory:
        """The deletes of this session, newest last (what the undo takes back)."""
        if self._deletions is None:
            from tutor_app.services.recycle_bin import UndoHistory

            self._deletions = UndoHistory()
        return self._deletions

    def last_deletion(self) -> Undoable | None:
        """What the undo would take back (None before any, without importing the services)."""
        return self._deletions.last if self._deletions is not None else None

    def record_step(self, step: UndoStep) -> None:
        """Something done that the app-wide undo takes back in its turn (a merge, a view deleted)."""
        self.deletions.record(step)
        self.events.record_deleted.emit(step)

    def forget_step(self, step: UndoStep) -> None:
        """The step was taken back another way: the undo no longer offers it."""
        self.deletions.forget_step(step)
        self.events.record_restored.emit(step)

    def delete(self, project_id: str | None, table: str, row_id: str) -> DeletedRecord:
        """Delete a record (a tombstone: it goes to the recycle bin), remembered for the undo."""
        from tutor_app.services import recycle_bin

        record = self.edit(project_id, recycle_bin.delete, table, row_id, self.lang)
        self.deletions.record(record)
        self.events.record_deleted.emit(record)
        return record

    def undo_delete(self) -> Undoable | None:
        """Take back the latest delete or step of this session (None when there is none); raises
        the service's TutorError (RestoreBlockedError: its parent is deleted too)."""
        if not len(self.deletions):
            return None
        last = self.deletions.last
        assert last is not None
        from tutor_app.services.recycle_bin import UndoStep

        record = self.edit(last.project_id, self.deletions.undo, self.lang)
        if isinstance(record, UndoStep):
            for project_id in record.projects:  # a step's dossiers (a merge's): shown again
                self.events.project_changed.emit(project_id)
        if record is not None:
            self.events.record_restored.emit(record)
        return record

    def restore(self, table: str, row_id: str) -> DeletedRecord:
        """Bring a record back from the recycle bin (it leaves the undo history too)."""
        from tutor_app.services import recycle_bin

        record = self.edit(None, recycle_bin.restore, table, row_id, self.lang)
        self.deletions.forget(table, row_id)
        if record.project_id:
            self.events.project_changed.emit(record.project_id)
        self.events.record_restored.emit(record)
        return record
