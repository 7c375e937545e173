"""Each known way a sync cannot start or is refused reaches the user as its own sentence, chosen
by the error's type (never by matching the core's English text)."""

from __future__ import annotations

from typing import Any

import pytest

from tutor_app.domain.errors import TutorError
from tutor_app.services.sync import target_of
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SYNC_SERVER, SYNC_USER
from tutor_app.sync.connection import ServerAddress
from tutor_app.sync.identity import settle_identity
from tutor_app.sync.session import Hello
from tutor_app.ui.sync_messages import failure_key


def _hello(**changes: Any) -> Hello:
    values: dict[str, Any] = {"protocol": 3, "min_client_protocol": 3, "schema": "0006", "server_id": "server-a",
                              "server_ms": 0, "role_name": "db_mario", "role": "project_tutor", "tutor_id": None,
                              "provinces": (), "head": 0, "scope_hash": 0}
    return Hello(**{**values, **changes})


def _raised(call: Any) -> TutorError:
    with pytest.raises(TutorError) as caught:
        call()
    return caught.value


def test_each_setup_problem_has_its_own_message(workspace: Workspace) -> None:
    assert failure_key(_raised(lambda: target_of(workspace))) == "no_server"
    assert failure_key(_raised(lambda: target_of(workspace, server="postgresql://host/db"))) == "no_user"
    for address in ("http://host/db", "postgresql://host", "postgresql://u:secret@host/db", "postgresql://h:x/db"):
        assert failure_key(_raised(lambda a=address: ServerAddress.parse(a))) == "bad_address"
    assert failure_key(_raised(lambda: settle_identity(workspace.store, _hello(), "srv"))) == "no_profile"


def test_a_profile_bound_to_another_server_or_user_says_which(tutor_workspace: Workspace) -> None:
    with tutor_workspace.store.write() as w:
        SYNC_SERVER.set(w.conn, "server-a")
        SYNC_USER.set(w.conn, "db_mario")
    other_server = _raised(lambda: settle_identity(tutor_workspace.store, _hello(server_id="server-b"), "srv"))
    other_user = _raised(lambda: settle_identity(tutor_workspace.store, _hello(role_name="db_anna"), "srv"))
    assert (failure_key(other_server), failure_key(other_user)) == ("other_server", "other_user")


@pytest.mark.parametrize(("lang", "asked"), [("it", "Password di mario su postgresql://db.example:5432/tutor"),
                                             ("en", "Password of mario on postgresql://db.example:5432/tutor")])
def test_the_password_dialog_asks_in_the_windows_language_as_the_command_line_does(
        speaking: Any, lang: str, asked: str) -> None:
    from tutor_app.services.sync import password_prompt as the_cores
    from tutor_app.ui.sync_messages import password_prompt

    speaking(lang)
    assert password_prompt("mario", "postgresql://db.example:5432/tutor") == asked
    assert asked == the_cores("mario", "postgresql://db.example:5432/tutor", lang)  # one sentence for both
