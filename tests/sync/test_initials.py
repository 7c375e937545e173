"""Unique initials and project codes: two tutors with the same initials, each making dossiers
offline, never lose one to a code collision; the server gives every user initials of their own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer, _open, server_at
from tutor_app.domain.errors import ValidationError
from tutor_app.services import dossiers
from tutor_app.sync import admin
from tutor_app.sync.connection import Secret
from tutor_app.sync.session import PROTOCOL

pytestmark = pytest.mark.postgres


def _person(server: TestServer, folder: Path, user: str, full_name: str, role: str = "project_tutor",
            provinces: tuple[str, ...] = ()) -> Client:
    """A user added by IT with their full name, on a profile made offline with the same name."""
    server.add_user(user, role, provinces)
    admin.add_user(server.admin_conn, server.address, user, role, provinces, Secret(server.passwords[user]),
                   full_name=full_name)
    client = Client(server, user, _open(folder / f"{user}.sqlite3", 0))
    client.ws.create_profile(full_name, f"{user}@example.it")
    return client


def _codes(client: Client) -> dict[str, str]:
    return {pid: row["code"] for pid, row in client.rows("projects").items()}


def test_the_server_gives_every_user_initials_of_their_own(server: TestServer, tmp_path: Path) -> None:
    people = [_person(server, tmp_path, u, n) for u, n in
              (("mario", "Mario Rossi"), ("marco", "Marco Rossi"), ("mirko", "Mirko Rota"))]
    initials = [admin.user_initials(server.admin_conn, server.address, p.user) for p in people]
    assert initials[0] == "MRO"
    assert len(set(initials)) == 3 and all(i and i.startswith("MR") for i in initials)
    # A new password keeps the initials; asking for taken ones gives others.
    admin.add_user(server.admin_conn, server.address, "mario", "project_tutor", (), Secret("x" * 12))
    assert admin.user_initials(server.admin_conn, server.address, "mario") == "MRO"
    admin.add_user(server.admin_conn, server.address, "anna", "project_tutor", (), Secret("x" * 12), initials="MRO")
    assert admin.user_initials(server.admin_conn, server.address, "anna") not in initials
    with pytest.raises(ValidationError):
        admin.add_user(server.admin_conn, server.address, "anna", "project_tutor", (), Secret("x" * 12),
                       initials="M1")
    for p in people:
        p.close()


def test_two_tutors_with_the_same_initials_both_keep_their_offline_dossiers(
        server: TestServer, tmp_path: Path) -> None:
    mario = _person(server, tmp_path, "mario", "Mario Rossi")
    marco = _person(server, tmp_path, "marco", "Marco Rossi")
    carla = _person(server, tmp_path, "carla", "Carla Verdi", "coordinator")
    try:
        # Both profiles were made offline: the same initials, the same first code.
        ours = mario.new_project("Fab di Mario")
        theirs = marco.new_project("Fab di Marco")
        assert _codes(mario)[ours] == _codes(marco)[theirs] == "2026-MRO-0001"

        assert mario.sync().rejected == 0
        report = marco.sync()
        assert report.rejected == 0 and not marco.outbox()
        carla.sync()

        server_codes = {pid: row["code"] for pid, row in server.dump("projects").items()}
        assert set(server_codes) == {ours, theirs}
        assert len(set(server_codes.values())) == 2
        assert server_codes[ours] == "2026-MRO-0001"
        marco_initials = admin.user_initials(server.admin_conn, server.address, "marco")
        assert marco_initials and marco_initials != "MRO"
        assert server_codes[theirs] == f"2026-{marco_initials}-9001"
        # Everywhere the same codes: each tutor's copy, the coordinator's, the server.
        assert _codes(mario) == {ours: server_codes[ours]}
        assert _codes(marco) == {theirs: server_codes[theirs]}
        assert _codes(carla) == server_codes
        assert [(d.code, d.title) for d in dossiers.list_dossiers(marco.ws)] == [(server_codes[theirs], "Fab di Marco")]
        # Marco's profile took the server's initials: his next dossier has a code of his own.
        assert marco.rows("tutors")[marco.tutor_id]["initials"] == marco_initials
        nxt = marco.new_project("Seconda fab")
        assert _codes(marco)[nxt] == f"2026-{marco_initials}-0001"
        assert marco.sync().rejected == 0
        assert server.dump("projects")[nxt]["code"] == f"2026-{marco_initials}-0001"
        assert server.dump("tutors")[marco.tutor_id]["initials"] == marco_initials
        mario.sync()  # the directory: the others' tutor records
        assert marco.sync().idle and mario.sync().idle
    finally:
        for c in (mario, marco, carla):
            c.close()


def test_a_code_taken_on_the_server_gets_a_fresh_one_even_for_a_regional_tutor_who_sees_both(
        server: TestServer, tmp_path: Path) -> None:
    """The collision initials cannot prevent (a code typed by hand, a second profile of one
    person): the dossier is kept under a fresh code, and a regional tutor who also receives the
    other dossier (its old code) syncs without a clash in the local copy."""
    mario = _person(server, tmp_path, "mario", "Mario Rossi")
    marco = _person(server, tmp_path, "marco", "Marco Rossi", "regional_tutor", ("MB",))
    try:
        marco.sync()
        mario.sync()
        theirs = marco.new_project("Fab di Marco", province="MB", code="2026-MRO-0001")  # offline
        ours = mario.new_project("Fab di Mario", province="MB")
        assert _codes(mario)[ours] == "2026-MRO-0001"
        mario.sync()
        report = marco.sync()
        assert report.rejected == 0 and not marco.outbox()
        codes = {pid: row["code"] for pid, row in server.dump("projects").items()}
        assert codes[ours] == "2026-MRO-0001" and codes[theirs].endswith("-9001")
        assert _codes(marco) == codes
        assert dossiers.get_dossier(marco.ws, theirs).project["title"] == "Fab di Marco"
        assert marco.sync().idle
    finally:
        mario.close()
        marco.close()


def test_an_existing_server_upgrades_with_server_init_and_its_users_keep_unique_initials(pg_superuser: Any) -> None:
    from tutor_app.sync.connection import connect

    with server_at(pg_superuser, "0007") as srv:  # a server made by an earlier release
        with srv.superuser() as su:
            assert su.execute("SELECT version_num FROM tutor.alembic_version").fetchone() == ("0007",)
            for name in ("mario.rossi", "marco.rossi"):
                su.execute("SELECT tutor.admin_register_user(%s, 'project_tutor', '{}', NULL)",
                           (srv.address.login_role(name),))
        base = srv.address
        for _ in range(2):  # idempotent
            assert admin.init_server(lambda: connect(base, base.user, None), base) == admin.known_server_schemas()[-1]
        with srv.superuser() as su:
            initials = dict(su.execute("SELECT role_name, initials FROM tutor.users").fetchall())
            meta = dict(su.execute("SELECT key, value FROM tutor.meta WHERE key LIKE '%protocol'").fetchall())
        assert initials[srv.address.login_role("mario.rossi")] == "MRO"
        assert initials[srv.address.login_role("marco.rossi")] == "MRA"
        assert meta == {"protocol": str(PROTOCOL), "min_client_protocol": str(PROTOCOL)}
