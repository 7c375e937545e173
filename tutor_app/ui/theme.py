"""Colours, fonts and the style sheet: one place so every page speaks the same visual language.

Each working table has its own colour (meetings, the phase stepper and the home page use it),
and permit urgency has a traffic-light scale. Colours are chosen to stay readable with black
text and to differ for the common forms of colour blindness (hue *and* lightness differ).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPixmap
from PySide6.QtWidgets import QApplication

from tutor_app.assets import FALLBACK_FONTS, resource_path
from tutor_app.domain.enums import WorkingTable

TABLE_COLOURS: dict[str, str] = {
    WorkingTable.POLITICAL: "#7b4ea3",
    WorkingTable.TECHNICAL: "#1f77b4",
    WorkingTable.OPERATIONAL: "#138a72",
    WorkingTable.PERMITTING: "#d9822b",
    WorkingTable.MONITORING: "#b8860b",
    WorkingTable.AFTERCARE: "#2e8b3d",
    WorkingTable.COMMUNICATION: "#c2417a",
    WorkingTable.TERRITORY: "#6b7a8f",
}

# Keyed by the values of ``domain.deadlines.Urgency`` (a StrEnum: its members find these keys),
# spelled out so the start-up does not load the deadline rules only to colour the list.
URGENCY_BACKGROUNDS: dict[str, str] = {
    "overdue": "#fbdada",
    "due_soon": "#fff1c9",
    "suspended": "#e6eef7",
}
URGENCY_TEXT: dict[str, str] = {
    "overdue": "#a4161a",
    "due_soon": "#8a5a00",
    "suspended": "#2d5d8a",
    "ok": "#2b6a2b",
}

ACCENT = "#0b5394"
MUTED_TEXT = "#5f6b7a"
ERROR_TEXT = "#b00020"
PENDING_MARK = "●"


def table_colour(table: str) -> QColor:
    return QColor(TABLE_COLOURS.get(table, "#888888"))


def table_tint(table: str, alpha: int = 40) -> QColor:
    """A pale version of a table's colour, for backgrounds under dark text."""
    colour = table_colour(table)
    colour.setAlpha(alpha)
    return colour


def table_swatch(table: str, size: int = 12) -> QIcon:
    """A small square of a table's colour, for combo boxes and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(table_colour(table))
    return QIcon(pixmap)


def load_fonts() -> str | None:
    """Ship our own Noto Sans so the app looks the same on every laptop (and offscreen), and the
    reports' fallback fonts as its substitutes: a Chinese name or an emoji shows on a machine
    whose system fonts lack them."""
    family = None
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    substitutes = []
    for name in FALLBACK_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        substitutes += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if family is not None:  # asked first, before the platform's own fallback fonts
        QFont.insertSubstitutions(family, substitutes)
    return family


STYLE_SHEET = f"""
QLabel#pageTitle {{ font-size: 17pt; font-weight: 600; }}
QLabel#pageSubtitle {{ color: {MUTED_TEXT}; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: 600; margin-top: 6px; }}
QLabel#fieldError {{ color: {ERROR_TEXT}; font-size: 8.5pt; }}
QLabel#muted {{ color: {MUTED_TEXT}; }}
QFrame#card {{ background: white; border: 1px solid #d8dee6; border-radius: 6px; }}
QFrame#card:focus {{ border: 2px solid {ACCENT}; }}
QLabel#cardNumber {{ font-size: 16pt; font-weight: 600; color: {ACCENT}; }}
QLabel#cardNumber[alert="true"] {{ color: #a4161a; }}
QLabel#cardLabel {{ color: {MUTED_TEXT}; }}
QWidget#navBar {{ background: #1d3557; }}
QToolButton#navButton {{ color: #e9eef5; background: transparent; border: none; padding: 8px 10px;
    text-align: left; font-size: 10.5pt; }}
QToolButton#navButton:checked {{ background: #2c4a75; color: white; font-weight: 600; }}
QToolButton#navButton:hover {{ background: #27426a; }}
QLabel#navTitle {{ color: white; font-size: 14pt; font-weight: 700; padding: 12px 10px 4px 10px; }}
QLabel#navSubtitle {{ color: #a9bcd6; padding: 0 10px 10px 10px; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 1px solid {ERROR_TEXT}; }}
QLabel#syncProblem {{ color: #8a3b00; padding-left: 6px; }}
QToolButton#conflictsBadge {{ color: white; background: #b3261e; border-radius: 9px; padding: 1px 9px;
    font-weight: 600; }}
QToolButton#syncButton {{ border: 1px solid #9fb3c8; border-radius: 4px; padding: 2px 10px; background: white; }}
QToolButton#syncButton:hover {{ background: #e8f0fa; }}
QToolButton#pendingButton {{ color: #0b5394; text-decoration: underline; }}
QTableView {{ gridline-color: #e3e7ec; selection-background-color: #cfe2f7; selection-color: black; }}
QHeaderView::section {{ padding: 4px 6px; }}
"""


def apply(app: QApplication) -> None:
    family = load_fonts()
    if family:
        font = QFont(family, 10)
        app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
