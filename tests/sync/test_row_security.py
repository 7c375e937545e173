"""Row-level security table by table (DESIGN §6): a row of every project-keyed table of the schema
(``schema.ENTITIES``, not a hand list) under one tutor's dossier stays invisible to another
tutor's plain SQL, and no policy lets the users' roles read such a table unconditionally.

The owner's own policies and the shared directory (tables without a project key: tutors,
investors, contacts) are readable by design.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from psycopg import sql

from tests.sync.helpers import Client, TestServer
from tutor_app.domain.schema import ENTITIES
from tutor_app.services import aftercare, dossiers, meetings
from tutor_app.sync.connection import group_roles

pytestmark = pytest.mark.postgres

PROJECT_KEYED = [e.table for e in ENTITIES if e.project_key is not None]
DIRECTORY = {e.table for e in ENTITIES if e.project_key is None}


def _anna_dossier(clients: dict[str, Client], server: TestServer) -> str:
    """Anna's dossier (province MB) with a row in every project-keyed table, synced; a conflict
    record comes from a real conflict with the coordinator."""
    anna, carla = clients["anna"], clients["carla"]
    project = anna.new_project("Riservato di Anna", province="MB")
    meeting = meetings.record_meeting(anna.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                      minutes="Riservato", actions=[{"text": "Inviare l'AUA", "due_on": "2026-12-01"}])
    aftercare.add_note(anna.ws, project, topic="workforce", text="Servono 20 tecnici")
    anna.sync()
    carla.sync()
    meetings.update_meeting(carla.ws, meeting, decisions="Versione della coordinatrice")
    time.sleep(0.005)
    meetings.update_meeting(anna.ws, meeting, decisions="Versione di Anna")
    carla.sync()
    assert anna.sync().conflicts == 1
    return project


@pytest.mark.parametrize(("role", "provinces"), [("project_tutor", ()), ("regional_tutor", ("BG", "BS"))])
def test_another_tutor_counts_no_row_of_any_project_keyed_table(
        clients: dict[str, Client], server: TestServer, tmp_path: Path, role: str, provinces: tuple[str, ...]) -> None:
    project = _anna_dossier(clients, server)
    other = Client.make(server, tmp_path, "otto", "Otto Neri", role, provinces)
    try:
        other.sync()  # a synced user, with a tutor record of their own and no dossier of Anna's
        assert dossiers.list_dossiers(other.ws) == []
    finally:
        other.close()
    with server.superuser() as su, server.connect_as("anna") as anna, server.connect_as("otto") as otto:
        for table in PROJECT_KEYED:
            count = sql.SQL("SELECT count(*) FROM tutor.{}").format(sql.Identifier(table))
            key = "id" if table == "projects" else "project_id"
            seeded = su.execute(sql.SQL("SELECT count(*) FROM tutor.{} WHERE {} = %s").format(
                sql.Identifier(table), sql.Identifier(key)), (project,)).fetchone()
            assert seeded is not None and seeded[0] > 0, f"no {table} row seeded: the check would prove nothing"
            seen_by_anna = anna.execute(count).fetchone()
            assert seen_by_anna is not None and seen_by_anna[0] >= seeded[0], table
            seen_by_otto = otto.execute(count).fetchone()
            assert seen_by_otto == (0,), f"{role} sees {seen_by_otto} rows of {table} in another tutor's dossier"


def test_no_policy_lets_the_users_read_a_non_directory_table_unconditionally(server: TestServer) -> None:
    roles = group_roles(server.database)
    with server.superuser() as su:
        policies = su.execute(
            "SELECT tablename, policyname, roles::text[], cmd, qual, with_check FROM pg_policies "
            "WHERE schemaname = 'tutor'").fetchall()
        tables = {t for (t,) in su.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'tutor' AND c.relkind = 'r'")}
    assert set(PROJECT_KEYED) <= {p[0] for p in policies}, "a project-keyed table without policies"
    assert tables >= DIRECTORY
    open_ones = []
    for table, name, to, _cmd, using, check in policies:
        if set(to) == {roles["owner"]} or table in DIRECTORY:
            continue  # the sync functions' own role; the region's shared directory
        # Any other role (the users' group, one user, PUBLIC) reaches the users.
        if "true" in (_bare(using), _bare(check)):
            open_ones.append(f"{table}.{name} TO {', '.join(to)}")
    assert open_ones == [], f"policies that let users through unconditionally: {open_ones}"


def _bare(expression: str | None) -> str | None:
    """A policy expression without the parentheses and spaces PostgreSQL may put around it."""
    return None if expression is None else expression.strip().strip("()").strip().lower()
