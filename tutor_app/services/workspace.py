"""The composition root of the core: an open profile, who is using it, and what day it is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path

from tutor_app import paths
from tutor_app.domain import schema
from tutor_app.domain.codes import initials_for
from tutor_app.domain.enums import Role
from tutor_app.domain.errors import ProfileTakenError, UnknownProfileError
from tutor_app.store.local import LocalStore
from tutor_app.store.state import TUTOR_ID, code_counter

DEMO_INITIALS = "DEM"
# What SQLite makes beside a data file; a new store that failed is removed with them.
_COMPANIONS = ("-wal", "-shm", "-journal")


def store_path(profile: str | None = None, db: str | Path | None = None) -> Path:
    """The data file ``--db PATH`` names, else the named profile's (default ``default``)."""
    return Path(db) if db else paths.profile_db_path(profile or paths.DEFAULT_PROFILE)


def profile_values(name: str, email: str | None = None, initials: str | None = None) -> dict[str, schema.Canonical]:
    """The local user's tutor record, checked: what ``create_profile`` writes. A command calls it
    before it makes anything on disk, so a wrong e-mail leaves no profile behind."""
    return schema.TUTORS.validate({
        "name": name, "email": email, "role": Role.PROJECT_TUTOR,
        "initials": (initials or initials_for(name)).upper(),
    }, creating=True)


class Workspace:
    """What every use case works on. Build one per profile; pass it to the service functions."""

    def __init__(self, store: LocalStore, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self._today = today

    @classmethod
    def open(cls, profile: str | None = None, db: str | Path | None = None,
             today: Callable[[], date] = date.today, *, create: bool = True) -> Workspace:
        """Open ``--db PATH`` when given, else the named profile (default ``default``).

        A store that does not exist yet is made (the desktop's first start, ``demo``, ``profile``)
        unless ``create`` is False: then it is an ``UnknownProfileError`` naming the profiles that
        do exist, and nothing is made (a mistyped ``--profile`` is not a new empty profile).
        """
        path = store_path(profile, db)
        if not create and not path.is_file():
            raise UnknownProfileError(None if db else profile or paths.DEFAULT_PROFILE,
                                      tuple(paths.profile_names()), path=str(path))
        return cls(LocalStore(path), today)

    @classmethod
    @contextmanager
    def creating(cls, profile: str | None = None, db: str | Path | None = None,
                 today: Callable[[], date] = date.today) -> Iterator[Workspace]:
        """The workspace of a command that may make its store (``demo``, ``profile``, a first
        sync), closed at the end. When the store is new and the command fails, what it made is
        removed again (the file, SQLite's companions, the folders made for it): a failed command
        leaves no empty profile behind. A store that existed is never touched."""
        path = store_path(profile, db)
        new_folders: list[Path] = []
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            new_folders.append(folder)
            folder = folder.parent
        is_new = not path.exists()
        ws: Workspace | None = None
        try:
            ws = cls.open(db=path, today=today)
            yield ws
        except BaseException:
            if ws is not None:
                ws.close()
            if is_new:
                _remove_new_store(path, new_folders)
            raise
        ws.close()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def today(self) -> date:
        return self._today()

    @property
    def tutor_id(self) -> str | None:
        """The tutor this profile belongs to (None before the profile is created)."""
        value = self.store.state(TUTOR_ID)
        return str(value) if value else None

    @property
    def has_profile(self) -> bool:
        return self.tutor_id is not None

    def create_profile(self, name: str, email: str | None = None, initials: str | None = None) -> str:
        """Make the local user's tutor record. The role is provisional until the server says."""
        if self.has_profile:
            raise ProfileTakenError()
        values = profile_values(name, email, initials)
        with self.store.write() as w:
            tutor_id = w.create(schema.TUTORS, values)
            TUTOR_ID.set(w.conn, tutor_id)
        return tutor_id

    def next_project_code(self, conn: object) -> str:
        """Mint the next project code inside a write transaction (the counter moves with it)."""
        return self.mint_project_codes(conn, 1)[0]

    def mint_project_codes(self, conn: object, count: int) -> list[str]:
        """Mint the next ``count`` project codes inside a write transaction (the counter moves with
        them once): what an import of many new dossiers takes at once."""
        from sqlalchemy import Connection, text

        from tutor_app.domain.codes import make_code
        from tutor_app.store.database import driver_cursor

        assert isinstance(conn, Connection)
        year = self.today().year
        tutor_id = TUTOR_ID.get(conn)
        initials = DEMO_INITIALS
        if tutor_id:
            initials = conn.execute(text("SELECT initials FROM tutors WHERE id = :id"), {"id": tutor_id}).scalar_one()
        key = code_counter(year, initials)
        counter = int(key.get(conn) or 0)
        cur = driver_cursor(conn)
        codes: list[str] = []
        while len(codes) < count:
            counter += 1
            code = make_code(year, initials, counter)
            # a code made elsewhere (an import, a restored copy) is skipped, never reused
            if cur.execute("SELECT 1 FROM projects WHERE code = ?", (code,)).fetchone() is None:
                codes.append(code)
        if count:
            key.set(conn, counter)
        return codes


def _remove_new_store(path: Path, new_folders: list[Path]) -> None:
    """Remove a store made by a command that failed, and the folders made for it (deepest first)."""
    for name in ("", *_COMPANIONS):
        with suppress(OSError):  # never made, or not removable: the command's own error is what to say
            path.with_name(path.name + name).unlink()
    for folder in new_folders:
        with suppress(OSError):  # a folder something else has written into meanwhile stays
            folder.rmdir()
