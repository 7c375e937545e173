"""Writing a report file all at once or not at all.

The PDF is written to a hidden temporary file next to the target and renamed over it only when
complete (``os.replace`` is atomic on one file system), so a cancelled, failed or interrupted
export never leaves a half-written PDF that a tutor might send.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tutor_app.domain.errors import BadFileError


def check_target(path: Path) -> Path:
    """The absolute target path, or BadFileError saying in plain words why it cannot be written."""
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if target.is_dir():
        raise BadFileError(f"Cannot write the PDF to {target}: it is a folder; give a file name.")
    if not folder.is_dir():
        raise BadFileError(f"Cannot write the PDF to {target}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BadFileError(f"Cannot write the PDF to {target}: no permission to write in {folder}.")
    if target.exists() and not os.access(target, os.W_OK):
        raise BadFileError(f"Cannot write the PDF to {target}: the file exists and is read-only.")
    return target


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it becomes ``path``, else it is removed."""
    target = check_target(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise BadFileError(f"Cannot write the PDF to {target}: {exc.strerror or exc}.") from exc
    os.close(fd)
    temp = Path(name)
    # mkstemp makes the file private (0600); a PDF is an ordinary document the user shares.
    with contextlib.suppress(OSError):
        temp.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except OSError as exc:
        raise BadFileError(f"Cannot write the PDF to {target}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _fsync(path: Path) -> None:
    # The rename must not reach the disk before the data does (a crash would leave an empty PDF).
    with path.open("rb") as fh:
        os.fsync(fh.fileno())
