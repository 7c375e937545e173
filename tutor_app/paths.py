"""Where things live on disk: profiles, logs, exports. The one module that knows paths.

Everything sits in the user's *local* (never roaming) data folder: SQLite's WAL does not work
on network shares or synced folders. ``TUTOR_HOME`` moves the whole tree (tests, portable use).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Tutor"
PROFILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DEFAULT_PROFILE = "default"
DB_FILENAME = "tutor.sqlite3"


def data_home() -> Path:
    override = os.environ.get("TUTOR_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def profiles_dir() -> Path:
    return data_home() / "profiles"


def profile_db_path(profile: str) -> Path:
    from tutor_app.domain.errors import InvalidValueError

    if not PROFILE_RE.match(profile):
        raise InvalidValueError("profile", "profile_name", profile)
    return profiles_dir() / profile / DB_FILENAME


def profile_names() -> list[str]:
    """The profiles on this computer: the folders of ``profiles_dir()`` that hold a data file."""
    try:
        folders = list(profiles_dir().iterdir())
    except OSError:  # no profiles folder yet
        return []
    return sorted(f.name for f in folders if PROFILE_RE.match(f.name) and (f / DB_FILENAME).is_file())


def log_dir() -> Path:
    return data_home() / "logs"


def exports_dir() -> Path:
    return data_home() / "exports"


def machine_config_path() -> Path:
    """The machine-wide settings IT deploys (``tutor.conf``), in a folder users cannot write.

    ``TUTOR_MACHINE_CONFIG`` exists for the tests' sake only. It gives a user nothing: the file it
    names is refused unless only an administrator can change it (``sync/tls.py``)."""
    override = os.environ.get("TUTOR_MACHINE_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP_NAME / "tutor.conf"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "tutor.conf"
    return Path("/etc/tutor/tutor.conf")


def region_file_path() -> Path:
    """The region's document settings IT ships beside ``tutor.conf`` (``region.json``, README)."""
    return machine_config_path().parent / "region.json"
