"""TLS (DESIGN §6): ``verify-full`` for any host but loopback; a weaker mode only from the machine
file IT deploys, never from a user's server address; the file counts only if the user could not
have written it; the refusal is a sentence in the user's language."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sync.helpers import PG_URL
from tutor_app.cli.main import main
from tutor_app.domain.errors import SyncSetupError, TlsPolicyError
from tutor_app.sync import tls
from tutor_app.sync.connection import ServerAddress, connect

REMOTE = "postgresql://db.regione.example/tutor"
NOBODY = 65534


def machine_file(text: str, mode: int = 0o644) -> Path:
    """The machine file the tests point TUTOR_MACHINE_CONFIG at (tests/conftest.py)."""
    path = Path(os.environ["TUTOR_MACHINE_CONFIG"])
    path.parent.mkdir(mode=0o755, exist_ok=True)
    path.parent.chmod(0o755)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_an_address_asking_for_weaker_tls_than_verify_full_is_refused_saying_so() -> None:
    for mode in ("disable", "allow", "prefer", "require", "verify-ca"):
        with pytest.raises(TlsPolicyError) as caught:
            ServerAddress.parse(f"{REMOTE}?sslmode={mode}")
        refusal = caught.value
        assert (refusal.kind, refusal.asked, refusal.allowed) == ("address", mode, "verify-full")
        assert f"sslmode={mode}" in refusal.text("it") and "più debole" in refusal.text("it")
        assert "weaker" in refusal.text("en") and os.environ["TUTOR_MACHINE_CONFIG"] in refusal.text("en")
    assert ServerAddress.parse(f"{REMOTE}?sslmode=verify-full").effective_sslmode == "verify-full"
    assert ServerAddress.parse(REMOTE).effective_sslmode == "verify-full"
    with pytest.raises(SyncSetupError, match="not a TLS mode"):
        ServerAddress.parse(f"{REMOTE}?sslmode=off")


def test_connect_refuses_an_address_made_without_parse_before_any_network() -> None:
    # db.regione.example does not resolve: were the mode taken, the refusal would be "cannot be found".
    with pytest.raises(TlsPolicyError):
        connect(ServerAddress("db.regione.example", 5432, "tutor", "mario", "disable"), "tutor_mario", None)


def test_on_loopback_the_mode_of_the_address_is_used_as_given(pg_superuser: object) -> None:
    base = ServerAddress.parse(PG_URL)
    address = ServerAddress.parse(f"postgresql://{base.host}:{base.port}/{base.database}?sslmode=disable")
    assert address.effective_sslmode == "disable"
    with connect(address, base.user, None) as conn:
        assert conn.info.get_parameters().get("sslmode") == "disable"
    assert ServerAddress.parse("postgresql://[::1]/tutor?sslmode=allow").effective_sslmode == "allow"


def test_the_machine_file_it_deploys_sets_a_weaker_mode_and_an_address_still_cannot_go_lower() -> None:
    machine_file("[tls]\nsslmode = require\n")
    assert ServerAddress.parse(REMOTE).effective_sslmode == "require"
    assert ServerAddress.parse(f"{REMOTE}?sslmode=verify-ca").effective_sslmode == "verify-ca"  # stronger: fine
    with pytest.raises(TlsPolicyError) as caught:
        ServerAddress.parse(f"{REMOTE}?sslmode=disable")
    assert (caught.value.kind, caught.value.allowed) == ("address", "require")
    machine_file("[tls]\nsslmode = plaintext\n")
    with pytest.raises(TlsPolicyError) as bad:
        ServerAddress.parse(REMOTE)
    assert bad.value.kind == "bad_config" and "plaintext" in bad.value.text("it")


def test_a_machine_file_anybody_could_write_is_refused() -> None:
    path = machine_file("[tls]\nsslmode = disable\n", mode=0o666)
    with pytest.raises(TlsPolicyError) as caught:
        ServerAddress.parse(REMOTE)
    assert caught.value.kind == "unsafe_config" and str(path) in caught.value.text("it")
    path.chmod(0o644)
    path.parent.chmod(0o777)  # a folder anybody writes: the file could be swapped
    with pytest.raises(TlsPolicyError):
        ServerAddress.parse(REMOTE)
    path.parent.chmod(0o755)
    assert ServerAddress.parse(REMOTE).effective_sslmode == "disable"


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another account can read (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="tutor-tls-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as_user(uid: int, probe: Callable[[], str]) -> str:
    """``probe()`` in a forked child whose effective user is ``uid`` (Tutor run by that user)."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        code = 1
        try:
            os.close(read)
            os.setegid(uid)
            os.seteuid(uid)
            os.write(write, probe().encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as fh:
        out = fh.read().decode()
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return out


def _mode_for_remote() -> str:
    try:
        return ServerAddress.parse(REMOTE).effective_sslmode
    except TlsPolicyError as exc:
        return exc.kind


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() != 0, reason="needs root to act as another user")
def test_a_machine_file_owned_by_the_user_running_tutor_is_refused(
        shared_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tutor run as ``nobody``: a root-owned file counts, the same file owned by nobody does not."""
    path = shared_folder / "tutor.conf"
    path.write_text("[tls]\nsslmode = require\n", encoding="utf-8")
    path.chmod(0o644)
    monkeypatch.setenv("TUTOR_MACHINE_CONFIG", str(path))
    assert _as_user(NOBODY, _mode_for_remote) == "require"
    os.chown(path, NOBODY, NOBODY)
    assert _as_user(NOBODY, _mode_for_remote) == "unsafe_config"
    os.chown(path, 0, 0)
    os.chown(shared_folder, NOBODY, NOBODY)  # the folder theirs: they could swap the file
    assert _as_user(NOBODY, _mode_for_remote) == "unsafe_config"


def test_the_cli_refuses_the_address_in_the_users_language_and_nothing_else_on_the_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "mario.sqlite3")
    url = f"{REMOTE}?sslmode=disable"
    assert main(["sync", "--db", db, "--server", url, "--user", "mario"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sslmode=disable" in captured.err and "più debole di verify-full" in captured.err
    assert "weaker" not in captured.err
    assert main(["sync", "--db", db, "--server", url, "--user", "mario", "--lang", "en"]) == 2
    assert "weaker protection than verify-full" in capsys.readouterr().err


def test_the_policy_reads_the_file_every_time() -> None:
    assert tls.machine_tls().sslmode is None
    machine_file("[tls]\nsslmode = verify-ca\n")
    assert tls.machine_tls().sslmode == "verify-ca" and tls.machine_tls().protected
