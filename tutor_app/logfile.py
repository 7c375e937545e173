"""The log file: rotating (5 × 1 MB) in the user-data folder (``paths.log_dir()``), for the desktop
and the command line alike. Log lines are for support and stay in English; people read the app's
own messages, in their language, never a log line."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import Any

from tutor_app import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_command_line: list[logging.Handler] = []  # set by the last setup_command_line (main() may run again)


class _LogFile(logging.handlers.RotatingFileHandler):
    """Made at the first record, not before: a command that logs nothing leaves nothing behind."""

    def _open(self) -> Any:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        # A log file that cannot be written (a read-only or full home) must neither stop the app
        # nor print logging's own traceback among the messages people read: the line is lost.
        return


def open_log_file(logger: logging.Logger) -> logging.Handler:
    """Send ``logger``'s records (INFO and up) to the log file."""
    handler = _LogFile(paths.log_dir() / "tutor.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8",
                       delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler


def setup_command_line(verbose: bool) -> logging.Handler:
    """The command line's logging: everything to the log file; on the console only with
    ``--verbose``. Without it nothing is logged to the terminal, not even a warning (Python's
    last-resort handler would print it, in English, among the command's own output)."""
    root = logging.getLogger()
    for old in _command_line:
        root.removeHandler(old)
        old.close()
    _command_line.clear()
    root.setLevel(logging.INFO)
    handler = open_log_file(root)
    _command_line.append(handler)
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(console)
        _command_line.append(console)
    return handler
