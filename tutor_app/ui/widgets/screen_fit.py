"""A window no bigger than its screen: a size chosen for a roomy screen (the import wizard's
900×600) is 1125×750 pixels on a 1366×768 laptop at 125 %, taller than the screen less its task
bar, and the buttons at the bottom fall off it."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window's frame takes, kept free before the window system has said (a title bar and borders).
FRAME_ALLOWANCE = QSize(16, 40)


def room_on_screen(window: QWidget) -> QSize:
    """The largest size ``window`` can have with its frame inside its screen's available geometry
    (the screen less its task bar)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.size()  # nothing yet before the first show
    return QSize(available.width() - max(frame.width(), FRAME_ALLOWANCE.width()),
                 available.height() - max(frame.height(), FRAME_ALLOWANCE.height()))


def fit_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to the room its screen has, if it needs it; its minimum size wins (its
    pages then scroll)."""
    size = window.size().boundedTo(room_on_screen(window)).expandedTo(window.minimumSizeHint())
    if size != window.size():
        window.resize(size)
