"""Loading the translations: ours (``resources/i18n/tutor_<lang>.qm``) and Qt's own.

Source strings in the code are English; Italian, the default, comes from the compiled
catalogue (the English one only holds plural forms). Qt's ``qtbase_it`` makes the standard
dialogs and context menus Italian too.
``python -m tutor_app.ui.i18n_build`` regenerates the ``.ts`` sources and the ``.qm`` files.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tutor_app.assets import resource_path
from tutor_app.domain.formatting import format_int

log = logging.getLogger("tutor.ui")


def ui_language() -> str:
    """The language the window speaks now ("it" or "en"), for texts the core gives in both."""
    return "en" if QLocale().language() == QLocale.Language.English else "it"


def number(n: int) -> str:
    """A count as ``format_int`` writes it in the window's language ("1.234", "1,234"): for a count
    given as ``%1`` (``counted`` for a ``%n`` one)."""
    return format_int(n, ui_language())


def counted(said: str, n: int) -> str:
    """A sentence translated with a count (``counted(self.tr("%n change(s) waiting", "", n), n)``:
    Qt's ``%n`` chose its plural form) with the count written as ``format_int`` writes numbers in
    the window's language: "1.234 modifiche in attesa", "1,234 changes waiting". The window's one
    rule for a count: Qt's ``%Ln`` follows Qt's locale data, which leaves Italian four-figure
    numbers ungrouped ("1234"), where the rest of Tutor writes "1.234".

    Call it on the translation as it comes, before ``%1``… are replaced: the count is then the
    only number of the sentence (a placeholder's digit is never a number of four figures, and
    below a thousand the count reads the same either way)."""
    return re.sub(rf"(?<![\w.,%]){n}(?![\w]|[.,]\d)", number(n), said, count=1)


class Translations:
    """The translators installed on the application; switching language swaps them."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def uninstall(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            for translator in self._installed:
                app.removeTranslator(translator)
        self._installed.clear()

    def install(self, language: str) -> bool:
        """Install the catalogues of a language; returns False when ours is missing."""
        app = QCoreApplication.instance()
        assert app is not None
        self.uninstall()
        self.language = language
        QLocale.setDefault(
            QLocale(
                QLocale.Language.Italian if language == "it" else QLocale.Language.English,
                QLocale.Country.Italy if language == "it" else QLocale.Country.UnitedKingdom,
            )
        )
        ok = True
        ours = QTranslator(app)
        if ours.load(str(resource_path("i18n", f"tutor_{language}.qm"))):
            app.installTranslator(ours)
            self._installed.append(ours)
        else:
            log.warning("no translation catalogue for %s", language)
            ok = False
        if language == "en":  # Qt's own strings are English already
            return ok
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt)
            self._installed.append(qt)
        return ok
