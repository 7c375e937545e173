"""The sync's, the bundles' and the local store's errors, and the password's question, in the user's language:
each known way a sync or a store fails has an Italian and an English sentence of its own (the
English one is ``str()``, for the log), naming the server, the file or the person, never a login
role with its prefix. No server is needed: the errors are made as the code makes them."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tutor_app.domain import errors
from tutor_app.domain.errors import TutorError
from tutor_app.services.sync import password_prompt
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import SYNC_SERVER, SYNC_USER
from tutor_app.sync.connection import ServerAddress, known_error
from tutor_app.sync.identity import settle_identity
from tutor_app.sync.session import Hello

ADDRESS = "postgresql://db.regione.lombardia.it:5432/tutor"


def _made() -> list[TutorError]:
    """One of each sentence: every kind of every table."""
    made: list[TutorError] = [
        errors.StoreInUseError("/x/tutor.sqlite3"), errors.DiskFullError("/x/tutor.sqlite3"),
        errors.StoreNotWritableError("/x/tutor.sqlite3", "readonly database"),
        errors.StoreDamagedError("/x/tutor.sqlite3", "file is not a database"),
        errors.ServerBusyError(ADDRESS, "canceling statement due to lock timeout"), errors.ServerBusyError(),
        errors.AuthError(ADDRESS, "mario"), errors.DemoProfileError(), errors.OtherServerError(ADDRESS),
        errors.OtherUserError("Mario Rossi (mario)"), errors.NoServerError(), errors.NoUserError(),
        errors.NoUserError(coordinator=True), errors.NoProfileError("carla"),
        errors.NoProfileError("carla", "--profile lavoro"), errors.SyncCancelled(), errors.ReportCancelled(),
        errors.VersionMismatchError(ADDRESS, protocol=3, schema="0006"),
    ]
    made += [errors.StorageError(kind, "/x", "dropbox") for kind in errors.StorageError._TEXTS]
    made += [errors.OfflineError(kind, address=ADDRESS, host="db.regione.lombardia.it", port=5432, database="tutor")
             for kind in errors.OfflineError._TEXTS]
    made += [errors.PasswordNeededError("mario", ADDRESS, purpose, no_terminal=no_terminal)
             for purpose in errors.PasswordNeededError._PURPOSES for no_terminal in (False, True)]
    made += [errors.PermissionDeniedError(kind, address=ADDRESS, user="mario", detail="permission denied")
             for kind in errors.PermissionDeniedError._TEXTS]
    made += [errors.BadAddressError(kind, "postgresql://db/tutor", asked="bogus", modes=("require",))
             for kind in errors.BadAddressError._TEXTS]
    made += [errors.ClientTooOldError(kind, ADDRESS, protocol=9, schema="0099")
             for kind in errors.ClientTooOldError._TEXTS]
    made += [errors.InvalidValueError("--limit", "at_least", -1, minimum=1),
             errors.InvalidValueError("--email", "email", "mario"), errors.InvalidValueError("", "no_letter", "123"),
             errors.InvalidValueError("--profile", "profile_name", "a b")]
    bundle = "/x/mario.tutorbundle"
    made += [errors.BundleFileError(kind, bundle, "no such file") for kind in errors.BundleFileError._TEXTS
             if kind != "unusable"]
    made += [errors.BundleFileError("unusable", bundle, why, n=3) for why in errors.BundleFileError._WHY]
    made += [errors.UnverifiedBundleError("mario", verdict) for verdict in errors.UnverifiedBundleError.VERDICTS]
    made += [errors.UnknownBundleError("f6e7bfe0-df99-4b69-b184-49f8c1591d30"),
             errors.BundleRevertedError({"it": "il pacchetto di Mario Rossi del 03/12/2026 15:09 (1 modifica)",
                                         "en": "the bundle of Mario Rossi made on 03/12/2026 15:09 (1 change)"},
                                        "carla", {"it": "04/12/2026 09:00", "en": "04/12/2026 09:00"})]
    return made


@pytest.mark.parametrize("exc", _made(), ids=lambda e: f"{type(e).__name__}-{getattr(e, 'kind', '')}")
def test_each_error_of_the_sync_and_the_store_has_an_italian_and_an_english_sentence(exc: TutorError) -> None:
    italian, english = exc.text("it"), exc.text("en")
    assert italian and english and italian != english
    assert exc.text() == italian  # Italian unless told otherwise, as the command line
    assert str(exc).startswith(english)  # the log's words: English (and the system's, after them)


def test_what_the_driver_says_becomes_a_sentence_in_the_users_language() -> None:
    address = ServerAddress.parse("postgresql://db.regione.lombardia.it/tutor")
    refused = known_error(psycopg.OperationalError(
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused'), address)
    assert isinstance(refused, errors.OfflineError)
    assert refused.text() == ("Il server postgresql://db.regione.lombardia.it:5432/tutor non risponde o ha chiuso il "
                              "collegamento. Le tue modifiche restano su questo computer: sincronizza di nuovo "
                              "quando sei in rete.")
    assert refused.text("en").startswith("The server postgresql://db.regione.lombardia.it:5432/tutor cannot be reached")
    assert "Connection refused" in str(refused) and "Connection refused" not in refused.text()  # the log keeps it
    unknown = known_error(psycopg.OperationalError("failed to resolve host 'db.regione.lombardia.it'"), address)
    assert isinstance(unknown, errors.OfflineError)
    assert unknown.text().startswith("Il nome del server «db.regione.lombardia.it» non si trova")
    # The user as typed, not the login role of the server (tutor_mario).
    denied = known_error(psycopg.OperationalError('password authentication failed for user "tutor_mario"'),
                         address, address.login_role("mario"))
    assert isinstance(denied, errors.AuthError)
    assert denied.text() == ("Il server postgresql://db.regione.lombardia.it:5432/tutor non ha accettato il nome "
                             "utente o la password (mario).")


def _hello(**changes: Any) -> Hello:
    values: dict[str, Any] = {"protocol": 3, "min_client_protocol": 3, "schema": "0006", "server_id": "server-a",
                              "server_ms": 0, "role_name": "db_carla", "role": "project_tutor", "tutor_id": None,
                              "provinces": (), "head": 0, "scope_hash": 0}
    return Hello(**{**values, **changes})


def test_a_first_sync_with_no_profile_says_to_make_one_and_how(workspace: Workspace) -> None:
    with pytest.raises(errors.NoProfileError) as refused:
        settle_identity(workspace.store, _hello(), ADDRESS, "db_")
    assert refused.value.text() == (
        "carla non ha mai sincronizzato, quindi il server non può creare questo profilo: crealo prima con "
        "tutor-app profile \"Nome Cognome\" --email nome@esempio.it, poi sincronizza di nuovo.")
    assert errors.NoProfileError("carla", "--profile lavoro").text("en") == (
        "carla has never synced, so the server cannot make this profile: create it first with tutor-app profile "
        "\"First Last\" --email name@example.it --profile lavoro, then sync again.")


def test_a_profile_of_another_server_or_person_names_the_server_and_the_person(tutor_workspace: Workspace) -> None:
    with tutor_workspace.store.write() as w:
        SYNC_SERVER.set(w.conn, "server-a")
        SYNC_USER.set(w.conn, "db_mario")
    with pytest.raises(errors.OtherServerError) as other_server:
        settle_identity(tutor_workspace.store, _hello(server_id="server-b"), ADDRESS, "db_")
    assert ADDRESS in other_server.value.text() and ADDRESS in other_server.value.text("en")
    with pytest.raises(errors.OtherUserError) as other_user:
        settle_identity(tutor_workspace.store, _hello(role_name="db_anna"), ADDRESS, "db_")
    assert other_user.value.text() == ("Questo profilo appartiene a Mario Rossi (mario): accedi come quell'utente, "
                                       "oppure usa un altro profilo.")
    assert other_user.value.text("en").startswith("This profile belongs to Mario Rossi (mario): sign in as")


def test_the_password_is_asked_in_the_users_language() -> None:
    assert password_prompt("mario", ADDRESS) == f"Password di mario su {ADDRESS}"
    assert password_prompt("mario", ADDRESS, "en") == f"Password of mario on {ADDRESS}"
