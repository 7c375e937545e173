"""Fixtures for the sync tests: a real PostgreSQL server (never a mock), a fresh shared database
per test, users, and client profiles that sync with it.

The server is ``TUTOR_TEST_PG`` (default: the local cluster, as ``postgres``). Without a server,
these tests skip and say why; under CI (``CI`` set) a skipped PostgreSQL test fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.sync.helpers import PG_URL, Client, TestServer, drop_database


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if os.environ.get("CI") and report.skipped and item.get_closest_marker("postgres"):  # type: ignore[attr-defined]
        report.outcome = "failed"  # type: ignore[attr-defined]
        report.longrepr = f"PostgreSQL test skipped under CI: {report.longrepr}"  # type: ignore[attr-defined]
    return report


@pytest.fixture(scope="session")
def pg_superuser() -> Iterator[psycopg.Connection[object]]:
    try:
        conn = psycopg.connect(PG_URL, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL server at {PG_URL} ({str(exc).splitlines()[0]}); set TUTOR_TEST_PG")
    yield conn
    conn.close()


@pytest.fixture
def server(pg_superuser: psycopg.Connection[object]) -> Iterator[TestServer]:
    srv = TestServer.create(pg_superuser)
    yield srv
    srv.close()
    drop_database(pg_superuser, srv.database)


@pytest.fixture
def clients(server: TestServer, tmp_path: Path) -> Iterator[dict[str, Client]]:
    """Two project tutors (Mario, Anna) and a coordinator (Carla), each on their own profile."""
    made = {
        "mario": Client.make(server, tmp_path, "mario", "Mario Rossi", "project_tutor"),
        "anna": Client.make(server, tmp_path, "anna", "Anna Bianchi", "project_tutor"),
        "carla": Client.make(server, tmp_path, "carla", "Carla Verdi", "coordinator"),
    }
    yield made
    for client in made.values():
        client.close()
