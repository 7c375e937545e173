"""The composition root of the core: an open profile, who is using it, and what day it is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from tutor_app import paths
from tutor_app.domain import schema
from tutor_app.domain.codes import initials_for
from tutor_app.domain.enums import Role
from tutor_app.domain.errors import ValidationError
from tutor_app.store.local import LocalStore
from tutor_app.store.state import TUTOR_ID, code_counter

DEMO_INITIALS = "DEM"


class Workspace:
    """What every use case works on. Build one per profile; pass it to the service functions."""

    def __init__(self, store: LocalStore, today: Callable[[], date] = date.today) -> None:
        self.store = store
        self._today = today

    @classmethod
    def open(cls, profile: str | None = None, db: str | Path | None = None,
             today: Callable[[], date] = date.today) -> Workspace:
        """Open ``--db PATH`` when given, else the named profile (default ``default``)."""
        path = Path(db) if db else paths.profile_db_path(profile or paths.DEFAULT_PROFILE)
        return cls(LocalStore(path), today)

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
            raise ValidationError("profile", "this profile already belongs to a tutor")
        values = schema.TUTORS.validate({
            "name": name, "email": email, "role": Role.PROJECT_TUTOR,
            "initials": (initials or initials_for(name)).upper(),
        }, creating=True)
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
