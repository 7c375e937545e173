"""The pull asks for its next batch while it applies the one before (``sync.pull._Ahead``): each
batch is asked for once, from the cursor the batch before reached, and a batch asked ahead that
fails stops the sync with its error once the batch before is applied; nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sync.helpers import Client, visible_rows
from tutor_app.domain.errors import OfflineError
from tutor_app.services import meetings
from tutor_app.store.state import CURSOR
from tutor_app.sync.engine import synchronize
from tutor_app.sync.pg_session import PgSession
from tutor_app.sync.session import START

pytestmark = pytest.mark.postgres


def _region(mario: Client, dossiers: int = 4) -> None:
    for n in range(dossiers):
        project = mario.new_project(f"Stabilimento {n}")
        meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                decisions=f"Decisione {n}")
    mario.sync()


TABLES = ("projects", "meetings", "phase_entries")


def _held(client: Client) -> dict[str, set[str]]:
    return {table: set(client.rows(table)) for table in TABLES}


def _on_server(coordinator: Client) -> dict[str, set[str]]:
    rows = visible_rows(coordinator.server, "coordinator", coordinator.tutor_id)
    return {table: set(rows[table]) for table in TABLES}


def test_each_batch_is_asked_for_once_while_the_one_before_is_applied(clients: dict[str, Client],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _region(mario)
    asked: list[tuple[list[Any], Any]] = []  # the cursor asked from, the profile's cursor then
    pull = PgSession.pull

    def watched(self: PgSession, cursor: list[Any], limit: int, skip: Any = None) -> Any:
        asked.append((list(cursor), carla.ws.store.state(CURSOR)))
        return pull(self, cursor, limit, skip)

    monkeypatch.setattr(PgSession, "pull", watched)
    carla.sync(pull_batch=3)
    cursors = [str(c) for c, _profile in asked]
    assert len(asked) > 3 and len(set(cursors)) == len(cursors), asked  # several batches, none twice
    # Asked ahead: every batch after the first while the profile still stood where the one before began.
    assert all(profile != cursor for cursor, profile in asked[1:]), asked
    assert _held(carla) == _on_server(carla)


def test_a_batch_asked_ahead_that_fails_stops_the_sync_after_the_batch_before(clients: dict[str, Client]) -> None:
    mario, carla = clients["mario"], clients["carla"]
    _region(mario)
    with carla.session() as session:
        fetched = 0

        def cut_after_the_first_batch(point: str) -> None:
            nonlocal fetched
            if point == "pull:fetched":
                fetched += 1
                if fetched == 1:
                    session.interrupt()  # the batch asked next goes out on a dead connection

        with pytest.raises(OfflineError):
            synchronize(carla.ws.store, session, pull_batch=3, fault=cut_after_the_first_batch)
    # The first batch (Mario's first revision: his tutor record) and its cursor are kept.
    assert carla.ws.store.state(CURSOR) not in (None, list(START))
    assert mario.tutor_id in carla.rows("tutors") and _held(carla) != _on_server(carla)
    carla.sync(pull_batch=3)
    assert _held(carla) == _on_server(carla)
