"""Start-up work that can begin before Qt is even imported (no Qt in this module).

``tutor-app`` starts a ``Preload`` before it imports PySide6. Its thread first tries the fast
start: a profile file already at the newest schema, with a profile in it, has its dossier list
read with plain ``sqlite3`` (``store.dossier_list``), so the window can show the list without
waiting for SQLAlchemy, the ORM models and the services to load; the workspace is then opened on
a worker once the window has painted (``WorkspaceOpening``), and anything that needs it waits
for it. Anything unusual (a new or older file, no profile yet, an unreadable file) takes the
normal path instead: open the workspace first (it upgrades and backs up the file), then read the
list through the services.

Python threads share one GIL, so only work that releases it overlaps the main thread's import
of Qt: the thread lets SQLite copy the list (single steps, without the GIL) and the main thread
turns the copy into rows when it needs them. The thread imports nothing: a thread importing
while the main thread imports waits for its module locks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor_app.services.workspace import Workspace
    from tutor_app.store.dossier_list import PreparedStartList, StartList
    from tutor_app.ui.models.dossier_index import DossierIndex

log = logging.getLogger("tutor.ui")


@dataclass
class ListSnapshot:
    """What the dossier list page needs for its first paint."""

    index: DossierIndex
    tutors: list[tuple[str, str]]
    me: str | None
    start_list: StartList | None = field(default=None, repr=False)  # set when read by the fast start


def load_list(ws: Workspace) -> ListSnapshot:
    """The list through the services (the normal path, and every reload)."""
    from tutor_app.services import dossiers, home
    from tutor_app.ui.models.dossier_index import DossierIndex

    return ListSnapshot(DossierIndex(dossiers.list_dossiers(ws)), home.tutor_names(ws), home.my_name(ws))


def read_fast_list(path: Path, today: date) -> ListSnapshot | None:
    """The list of a profile file that needs nothing done first, read without SQLAlchemy; else None."""
    from tutor_app.store.dossier_list import read_start_list

    start_list = read_start_list(path, today)
    return _snapshot(start_list) if start_list is not None else None


def _snapshot(start_list: StartList) -> ListSnapshot:
    from tutor_app.ui.models.dossier_index import DossierIndex

    return ListSnapshot(DossierIndex(start_list.rows), start_list.tutors, start_list.me, start_list)


def profile_path(profile: str | None, db: str | Path | None) -> Path:
    """The file ``Workspace.open(profile=..., db=...)`` opens."""
    from tutor_app import paths

    return Path(db) if db else paths.profile_db_path(profile or paths.DEFAULT_PROFILE)


class WorkspaceOpening:
    """A workspace opened once, by whichever thread asks first; the others wait for it.

    The fast start hands one to the window: a worker asks for it after the first paint, and the
    GUI thread asks only if the user does something that needs it before then (opening a dossier
    waits a fraction of a second instead of reading or editing without a workspace).
    """

    def __init__(self, opener: Callable[[], Workspace]) -> None:
        self._opener: Callable[[], Workspace] | None = opener
        self._lock = threading.Lock()
        self._workspace: Workspace | None = None
        self._error: BaseException | None = None

    def get(self) -> Workspace:
        """The open workspace (opening it now, or waiting for the thread that is); re-raises its error."""
        with self._lock:
            if self._opener is not None:
                opener, self._opener = self._opener, None
                try:
                    self._workspace = opener()
                except BaseException as exc:  # every later caller gets the same error
                    self._error = exc
        if self._error is not None:
            raise self._error
        assert self._workspace is not None
        return self._workspace

    @property
    def is_open(self) -> bool:
        """Whether the workspace is open now (never waits)."""
        return self._workspace is not None

    def take_if_open(self) -> Workspace | None:
        """The workspace if it was opened (for closing it at exit); never waits for an opening."""
        if not self._lock.acquire(blocking=False):
            return None
        try:
            return self._workspace
        finally:
            self._lock.release()


class Preload:
    """Read the dossier list (fast start), or open a workspace and read it, on a background thread."""

    def __init__(self, profile: str | None, db: str | Path | None, today: Callable[[], date] = date.today) -> None:
        from tutor_app.domain.errors import TutorError
        from tutor_app.store import dossier_list  # imported here, not on the thread (see above)

        self._profile, self._db, self._today = profile, db, today
        self._prepare = dossier_list.prepare_start_list
        self.workspace: Workspace | None = None
        self.snapshot: ListSnapshot | None = None
        self.fast = False  # the list was read without opening the workspace
        self.error: BaseException | None = None
        self._prepared: PreparedStartList | None = None
        self._decided = threading.Event()  # fast start or not is known
        self._opened = threading.Event()
        self._done = threading.Event()
        try:
            self._path: Path | None = profile_path(profile, db)
        except TutorError:  # a bad profile name: Workspace.open (on the thread) raises it for the user
            self._path = None
        self._thread = threading.Thread(target=self._run, name="tutor-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            prepared = self._prepare(self._path) if self._path is not None else None
            if prepared is not None:
                self._prepared, self.fast = prepared, True
                return
            self._decided.set()
            self._open_normally()
        except BaseException as exc:  # handed to the GUI thread, which decides how to tell the user
            self.error = exc
        finally:
            self._decided.set()
            self._opened.set()
            self._done.set()

    def _open_normally(self) -> None:
        from tutor_app.services.workspace import Workspace

        self.workspace = Workspace.open(profile=self._profile, db=self._db, today=self._today)
        self._opened.set()
        if self.workspace.has_profile:  # a first start shows the welcome, not a list
            self.snapshot = load_list(self.workspace)

    def fast_snapshot(self) -> ListSnapshot | None:
        """The list of the fast start, made into rows on the calling thread (waits until it is known
        whether there is one), once; None: take the normal path (``opened_workspace``)."""
        self._decided.wait()
        prepared, self._prepared = self._prepared, None
        if prepared is None:
            return None
        start_list = prepared.collect(self._today())
        if start_list is not None:
            return _snapshot(start_list)
        # Checked, but not read back: open the workspace the normal way after all.
        self.fast = False
        self._opened.clear()
        self._done.clear()
        self._thread = threading.Thread(target=self._run_normally, name="tutor-preload", daemon=True)
        self._thread.start()
        return None

    def _run_normally(self) -> None:
        try:
            self._open_normally()
        except BaseException as exc:  # as in _run
            self.error = exc
        finally:
            self._opened.set()
            self._done.set()

    def opening(self) -> WorkspaceOpening:
        """How the window gets the workspace after a fast start (opened later, on a worker)."""
        profile, db, today = self._profile, self._db, self._today

        def open_workspace() -> Workspace:
            from tutor_app.services.workspace import Workspace

            return Workspace.open(profile=profile, db=db, today=today)

        return WorkspaceOpening(open_workspace)

    def opened_workspace(self) -> Workspace:
        """The workspace of the normal path (waits for it to open); re-raises what opening it raised."""
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
