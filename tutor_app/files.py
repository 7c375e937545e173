"""Writing an export (a PDF, a bundle) all at once or not at all, onto the path the user named.

The content goes to a hidden temporary file next to the target, reaches the disk, and is renamed
over the target only when complete (``os.replace`` is atomic on one file system): a cancelled,
failed or interrupted export never leaves a half-written file that a tutor might send.

The rename replaces whatever node has the target's name, so the name is resolved first: a
symbolic link is written through (the file it points to gets the new content and the link
stays; replacing the link would leave its target stale while the tool says "Wrote …"), and a
path that exists but is not a regular file (a folder, a device, a FIFO, a socket) is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tutor_app.domain.errors import ExportTargetError


def check_target(path: Path | str) -> Path:
    """The file to write for ``path`` (its links followed), or ExportTargetError saying why not."""
    named = Path(path).expanduser().absolute()
    target = Path(os.path.realpath(named))
    try:
        info: os.stat_result | None = target.stat()
    except (FileNotFoundError, NotADirectoryError):
        info = None  # a new file (or a link to one not made yet); its folder is checked below
    except OSError as exc:  # a loop of links, a folder that cannot be searched...
        raise ExportTargetError("os", str(named), detail=exc.strerror or str(exc)) from exc
    if info is not None:
        _refuse_unless_regular(named, info.st_mode)
    folder = target.parent
    if not folder.is_dir():
        raise ExportTargetError("no_folder", str(named), folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportTargetError("no_permission", str(named), folder=str(folder))
    if info is not None and not os.access(target, os.W_OK):
        raise ExportTargetError("read_only", str(named))
    return target


def _refuse_unless_regular(named: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        kind = "folder"
    elif stat.S_ISFIFO(mode):
        kind = "fifo"
    elif stat.S_ISSOCK(mode):
        kind = "socket"
    else:
        kind = "device"
    raise ExportTargetError(kind, str(named))


@contextlib.contextmanager
def atomic_file(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success its content becomes the file
    ``path`` names (through links), else it is removed and the target is untouched."""
    named = Path(path).expanduser().absolute()
    target = check_target(named)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ExportTargetError("os", str(named), detail=exc.strerror or str(exc)) from exc
    os.close(fd)
    temp = Path(name)
    # mkstemp makes the file private (0600); an export is an ordinary document the user shares.
    with contextlib.suppress(OSError):
        temp.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
    try:
        yield temp
        _fsync(temp)
        with contextlib.suppress(FileNotFoundError):  # swapped for a device or a FIFO meanwhile?
            _refuse_unless_regular(named, os.lstat(target).st_mode)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise ExportTargetError("os", str(named), detail=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def write_atomically(path: Path | str, data: bytes) -> None:
    """``data`` as the whole content of the file ``path`` names, or nothing written."""
    with atomic_file(path) as temp:
        temp.write_bytes(data)


def _fsync(path: Path) -> None:
    # The rename must not reach the disk before the data does (a crash would leave an empty file).
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder is (POSIX; Windows has no folder handles).
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
