"""How a connection to the shared server is protected (DESIGN §6).

``verify-full`` for any host but loopback. A weaker mode comes only from the machine-wide file IT
deploys (``paths.machine_config_path()``: ``/etc/tutor/tutor.conf``, ``%PROGRAMDATA%\\Tutor\\
tutor.conf``, ``/Library/Application Support/Tutor/tutor.conf``), never from a user's server
address: anybody can paste ``?sslmode=disable`` into an address, and a laptop on a café's
network must not then send the sync in clear. The file counts only when its user could not have
written it. On loopback, the address's mode is used as given.

The file, in INI form::

    [tls]
    sslmode = verify-ca
"""

from __future__ import annotations

import configparser
import logging
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from tutor_app import paths
from tutor_app.domain.errors import BadAddressError, TlsPolicyError

log = logging.getLogger("tutor.sync")

# libpq's modes, weakest first.
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
STRICT = "verify-full"
LOOPBACK_DEFAULT = "prefer"


@dataclass(frozen=True, slots=True)
class MachineTls:
    """What the machine file says: its mode (None: it says nothing), and whether it can be trusted."""

    path: Path
    sslmode: str | None
    protected: bool


def machine_tls() -> MachineTls:
    """The machine file's TLS setting (read at every connection: IT may change it any time)."""
    path = paths.machine_config_path()
    parser = configparser.ConfigParser()
    try:
        with path.open(encoding="utf-8") as fh:
            parser.read_file(fh)
    except FileNotFoundError:
        return MachineTls(path, None, True)
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        # Not readable or not INI: its settings do not count, so verify-full stays.
        log.warning("the machine settings %s cannot be read (%s): ignored", path, exc)
        return MachineTls(path, None, True)
    mode = parser.get("tls", "sslmode", fallback=None)
    return MachineTls(path, mode.strip().lower() if mode else None, not writable_by_user(path))


def writable_by_user(path: Path) -> bool:
    """Whether the user running Tutor (or anybody but an administrator) could change ``path``:
    the file or its folder writable by group or others, owned by this user, or writable by them.
    On Windows only the read-only attribute can be seen here; IT restricts the folder's ACL."""
    if sys.platform == "win32":
        return os.access(path, os.W_OK)
    euid = os.geteuid()
    effective = os.access in os.supports_effective_ids
    for node in (path, path.parent):
        info = node.stat()
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return True
        if euid != 0 and (info.st_uid == euid or os.access(node, os.W_OK, effective_ids=effective)):
            return True
    return False


def effective_sslmode(host: str, loopback: bool, asked: str | None) -> str:
    """The sslmode to connect with, or a TlsPolicyError when the address asks for less than allowed."""
    if asked is not None and asked not in SSLMODES:
        raise BadAddressError("sslmode", asked=asked, modes=tuple(SSLMODES))
    if loopback:
        return asked or LOOPBACK_DEFAULT
    machine = machine_tls()
    floor = STRICT
    if machine.sslmode is not None and machine.sslmode != STRICT:
        if machine.sslmode not in SSLMODES:
            raise TlsPolicyError("bad_config", host=host, asked=asked, allowed=machine.sslmode,
                                 config=str(machine.path))
        if not machine.protected:
            raise TlsPolicyError("unsafe_config", host=host, asked=asked, allowed=machine.sslmode,
                                 config=str(machine.path))
        floor = machine.sslmode
    if asked is None:
        return floor
    if SSLMODES.index(asked) < SSLMODES.index(floor):
        raise TlsPolicyError("address", host=host, asked=asked, allowed=floor, config=str(machine.path))
    return asked
