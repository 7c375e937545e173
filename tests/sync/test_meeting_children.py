"""A deleted meeting hides its action items on every replica and in the server's own counts, and
restoring it brings them back as they were, everywhere (issue 10: a random run left live action
items under deleted meetings, still counted as open on Home and on the server)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.cli.main import main
from tutor_app.services import dashboard, dossiers, home, meetings
from tutor_app.sync import admin

pytestmark = pytest.mark.postgres

ITEMS = [{"text": "Inviare la AUA al SUAP", "owner": "ARPA", "due_on": "2026-11-30"},
         {"text": "Convocare il tavolo tecnico", "owner": "Comune", "due_on": "2026-12-02"},
         {"text": "Verbale firmato", "done": True}]


def _counts(server: TestServer) -> tuple[int, int, int]:
    info = admin.status(server.admin_conn, server.address)
    return info["meetings"], info["action_items"], info["open_actions"]


def _open_actions(client: Client, project: str) -> dict[str, Any]:
    dossier = dossiers.get_dossier(client.ws, project)
    return {"home": sorted(a.what for a in home.home_summary(client.ws).open_actions),
            "figure": dashboard.dashboard(client.ws).open_actions,
            "dossier": sorted(a.text for m in dossier.meetings for a in m.actions if not a.done)}


def test_a_deleted_meeting_hides_its_items_on_every_replica_and_on_the_server_and_restore_brings_them_back(
        clients: dict[str, Client], server: TestServer, capsys: pytest.CaptureFixture[str]) -> None:
    mario, anna = clients["mario"], clients["anna"]
    project = mario.new_project("Fab Agrate")
    doomed = meetings.record_meeting(mario.ws, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                                     actions=ITEMS)
    meetings.record_meeting(mario.ws, project, table="political", starts_at="2026-11-21T09:00:00Z",
                            actions=[{"text": "Scrivere al Ministero", "due_on": "2026-11-29"}])
    mario.sync()
    anna.sync()
    server.assign(project, "anna")
    anna.sync()
    everything = {"home": ["Convocare il tavolo tecnico", "Inviare la AUA al SUAP", "Scrivere al Ministero"],
                  "figure": 3,
                  "dossier": ["Convocare il tavolo tecnico", "Inviare la AUA al SUAP", "Scrivere al Ministero"]}
    for client in (mario, anna):
        assert _open_actions(client, project) == everything
    assert _counts(server) == (2, 4, 3)
    on_server = server.dump("action_items")

    meetings.delete_meeting(mario.ws, doomed)
    mario.sync()
    anna.sync()
    remaining = {"home": ["Scrivere al Ministero"], "figure": 1, "dossier": ["Scrivere al Ministero"]}
    for client in (mario, anna):
        assert _open_actions(client, project) == remaining
    assert _counts(server) == (1, 1, 1)
    assert server.dump("action_items") == on_server  # never tombstoned with their meeting
    assert main(["server", "status", "--server", _admin_url(server)]) == 0
    assert "1 meetings, 1 action items (1 open)" in capsys.readouterr().out
    assert main(["show", project, "--db", str(anna.ws.store.path)]) == 0
    shown = capsys.readouterr().out
    assert "Scrivere al Ministero" in shown and "Inviare la AUA" not in shown

    meetings.restore_meeting(anna.ws, doomed)  # the other replica restores it
    anna.sync()
    mario.sync()
    for client in (mario, anna):
        assert _open_actions(client, project) == everything
        assert not client.outbox()
    assert _counts(server) == (2, 4, 3)
    assert server.dump("action_items") == on_server


def _admin_url(server: TestServer) -> str:
    a = server.address
    return f"postgresql://{a.user}@{a.host}:{a.port}/{a.database}"
