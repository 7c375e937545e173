"""The composition root's product: what every page needs, passed down explicitly (no globals).

``AppContext`` holds the open workspace, the settings, the language, the task manager and the
event bridge. ``edit`` is how a widget changes data: it calls a core service synchronously
(a local SQLite commit takes a few milliseconds, and returning means the edit is durable) and
then announces the change so lists, the home page and the status bar refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from tutor_app.services.workspace import Workspace
from tutor_app.ui.settings import Settings
from tutor_app.ui.tasks import TaskManager

T = TypeVar("T")


class WorkspaceEvents(QObject):
    """Core changes re-emitted as Qt signals (the Electrum-style bridge)."""

    project_changed = Signal(str)  # a dossier's data changed (its id)
    pending_changed = Signal()  # the outbox may have grown or shrunk
    open_dossier = Signal(str, str)  # project id, tab name: a request to show a dossier


class AppContext:
    def __init__(
        self, workspace: Workspace, settings: Settings, lang: str, tasks: TaskManager, is_demo: bool = False
    ) -> None:
        self.ws = workspace
        self.settings = settings
        self.lang = lang
        self.tasks = tasks
        self.events = WorkspaceEvents()
        self.is_demo = is_demo

    def edit(self, project_id: str | None, service: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service call that changes data; raises the service's TutorError unchanged."""
        result = service(self.ws, *args, **kwargs)
        if project_id:
            self.events.project_changed.emit(project_id)
        self.events.pending_changed.emit()
        return result
