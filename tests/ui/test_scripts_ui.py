"""The desktop shows every script the PDFs print (issue 15): the reports' fallback fonts are Noto
Sans's substitutes, so a machine whose system fonts lack CJK or emoji still draws them."""

from __future__ import annotations

import pytest
from report_fixtures import MIXED_CONTACTS, MIXED_INVESTOR, MIXED_SYMBOLS, MIXED_WEBSITE, NO_GLYPH

from PySide6.QtGui import QFont, QTextLayout

import tutor_app.ui  # noqa: F401  (Qt binding work-arounds first)
from tutor_app.ui.app import make_application


def _missing_glyphs(text: str, font: QFont) -> int:
    """How many glyphs of ``text`` Qt would draw as .notdef (glyph 0), fallbacks included."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for glyph in run.glyphIndexes() if glyph == 0)


@pytest.mark.parametrize("text", [MIXED_INVESTOR, MIXED_WEBSITE, MIXED_SYMBOLS, "さくら精密株式会社",
                                  *MIXED_CONTACTS, *MIXED_CONTACTS.values()])
def test_every_script_has_glyphs_in_the_window(qapp: object, text: str) -> None:
    make_application()  # loads the fonts
    font = QFont("Noto Sans", 10)
    assert _missing_glyphs(text, font) == 0
    bold = QFont(font)
    bold.setBold(True)
    assert _missing_glyphs(text, bold) == 0


def test_a_character_no_font_has_is_the_one_gap(qapp: object) -> None:
    make_application()
    assert _missing_glyphs(f"a{NO_GLYPH}b", QFont("Noto Sans", 10)) == 1  # the check can see a gap
