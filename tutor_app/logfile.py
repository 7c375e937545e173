"""The log file: rotating (5 × 1 MB) in the user-data folder (``paths.log_dir()``), for the desktop
and the command line alike. Log lines are for support and stay in English; people read the app's
own messages, in their language, never a log line."""

from __future__ import annotations

import logging
import logging.handlers

from tutor_app import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_command_line: list[logging.Handler] = []  # set by the last setup_command_line (main() may run again)


def open_log_file(logger: logging.Logger) -> logging.Handler | None:
    """Send ``logger``'s records (INFO and up) to the log file; None when the folder cannot be
    written (a read-only home must not stop the app)."""
    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "tutor.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler


def setup_command_line(verbose: bool) -> logging.Handler | None:
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
    if handler is not None:
        _command_line.append(handler)
    if verbose or handler is None:
        console: logging.Handler = logging.StreamHandler() if verbose else logging.NullHandler()
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(console)
        _command_line.append(console)
    return handler
