"""Start-up work that can begin before Qt is even imported (no Qt in this module).

``tutor-app`` opens the profile and reads the dossier list on a thread while the main thread
imports PySide6 and builds the window: SQLite runs its query without holding the GIL, so the two
overlap and the list appears sooner. The window picks the result up instead of asking again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor_app.services.workspace import Workspace
    from tutor_app.ui.models.dossier_index import DossierIndex


@dataclass
class ListSnapshot:
    """What the dossier list page needs for its first paint."""

    index: DossierIndex
    tutors: list[tuple[str, str]]
    me: str | None


def load_list(ws: Workspace) -> ListSnapshot:
    from tutor_app.services import dossiers, home
    from tutor_app.ui.models.dossier_index import DossierIndex

    return ListSnapshot(DossierIndex(dossiers.list_dossiers(ws)), home.tutor_names(ws), home.my_name(ws))


class Preload:
    """Open a workspace and read its dossier list on a background thread."""

    def __init__(self, profile: str | None, db: str | Path | None) -> None:
        self._profile, self._db = profile, db
        self.workspace: Workspace | None = None
        self.snapshot: ListSnapshot | None = None
        self.error: BaseException | None = None
        self._opened = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tutor-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from tutor_app.services.workspace import Workspace

            self.workspace = Workspace.open(profile=self._profile, db=self._db)
            self._opened.set()
            if self.workspace.has_profile:  # a first start shows the welcome, not a list
                self.snapshot = load_list(self.workspace)
        except BaseException as exc:  # handed to the GUI thread, which decides how to tell the user
            self.error = exc
        finally:
            self._opened.set()
            self._done.set()

    def opened_workspace(self) -> Workspace:
        """The workspace (waits for it to open); re-raises what opening it raised."""
        self._opened.wait()
        if self.workspace is None:
            assert self.error is not None
            raise self.error
        return self.workspace

    def take_snapshot(self) -> ListSnapshot | None:
        """The list read at start-up (waits for it), once; None if it failed or was not read."""
        self._done.wait()
        snapshot, self.snapshot = self.snapshot, None
        return snapshot
