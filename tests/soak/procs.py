"""The soak run's processes: the real ``tutor-app sync`` and the edit worker, optionally under
libfaketime (a laptop clock hours off) and optionally killed with SIGKILL after a delay."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.python import PYTHON

ROOT = Path(__file__).resolve().parents[2]
_FAKETIME_PLACES = ("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                    "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
                    "/usr/lib/faketime/libfaketime.so.1", "/usr/local/lib/faketime/libfaketime.so.1")


def faketime_library() -> str | None:
    """libfaketime, when installed (``apt-get install faketime``)."""
    return next((p for p in _FAKETIME_PLACES if Path(p).exists()), None)


def _env(password: str | None, offset_h: int) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "PYTHON_KEYRING_BACKEND": "tests.soak.env_keyring.EnvKeyring", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONFAULTHANDLER": "1"}
    env.pop("TUTOR_SOAK_PASSWORD", None)
    if password is not None:
        env["TUTOR_SOAK_PASSWORD"] = password
    if offset_h:
        library = faketime_library()
        if library is None:
            raise RuntimeError("clock shifts need libfaketime: apt-get install -y faketime")
        # Only the wall clock moves: timeouts and sleeps (monotonic) stay true.
        env.update(LD_PRELOAD=library, FAKETIME=f"{offset_h:+d}h", FAKETIME_DONT_FAKE_MONOTONIC="1")
    return env


def tutor_app() -> list[str]:
    """The installed ``tutor-app`` command of this environment."""
    script = Path(sys.executable).parent / "tutor-app"
    found = str(script) if script.exists() else shutil.which("tutor-app")
    return [found] if found else [*PYTHON, "-m", "tutor_app.cli.main"]


@dataclass
class Finished:
    returncode: int
    killed: bool
    seconds: float
    stdout: str
    stderr: str
    hung: bool = False


def cli_sync(db: Path, url: str, user: str, password: str, *, offset_h: int = 0, kill_after: float | None = None,
             connected: Callable[[], bool] | None = None, timeout: float = 120.0) -> Finished:
    """``tutor-app sync --db DB --server URL --user USER``. With ``kill_after``: SIGKILL that many
    seconds after ``connected()`` first says the process is talking to the server (starting
    Python takes seconds on a loaded machine; a kill before the sync began proves little), if it
    is still running then: no cleanup, no flush, the laptop's power is gone."""
    started = time.monotonic()
    proc = subprocess.Popen([*tutor_app(), "sync", "--db", str(db), "--server", url, "--user", user],
                            env=_env(password, offset_h), cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = False
    if kill_after is not None:
        while proc.poll() is None and time.monotonic() - started < timeout and not (connected and connected()):
            time.sleep(0.02)
        deadline = time.monotonic() + kill_after
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
    hung = False
    try:
        out, err = proc.communicate(timeout=max(1.0, timeout - (time.monotonic() - started)))
    except subprocess.TimeoutExpired:
        # SIGABRT: faulthandler prints where every thread stood, then the process ends.
        hung = True
        proc.send_signal(signal.SIGABRT)
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    return Finished(proc.returncode, killed, time.monotonic() - started, out, err, hung)


def edits_in_process(db: Path, operations: list[dict[str, Any]], offset_h: int) -> dict[str, Any]:
    """Apply operations in an edit process whose clock is ``offset_h`` hours off."""
    done = subprocess.run([*PYTHON, str(ROOT / "tests" / "soak" / "edit_worker.py"), str(db)],
                          input=json.dumps(operations), env=_env(None, offset_h), cwd=ROOT, capture_output=True,
                          text=True, timeout=180, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the edit process failed ({done.returncode}): {done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result
