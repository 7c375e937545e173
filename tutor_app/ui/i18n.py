"""Loading the translations: ours (``resources/i18n/tutor_<lang>.qm``) and Qt's own.

Source strings in the code are English; Italian, the default, comes from the compiled
catalogue (the English one only holds plural forms). Qt's ``qtbase_it`` makes the standard
dialogs and context menus Italian too.
``python -m tutor_app.ui.i18n_build`` regenerates the ``.ts`` sources and the ``.qm`` files.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tutor_app.assets import resource_path

log = logging.getLogger("tutor.ui")


def ui_language() -> str:
    """The language the window speaks now ("it" or "en"), for texts the core gives in both."""
    return "en" if QLocale().language() == QLocale.Language.English else "it"


def ui_number(n: int) -> str:
    """A count as the window writes it (its locale's, as ``%Ln`` does), for sentences the core
    words ("2 conflitti e 1 modifica rifiutata da vedere")."""
    return QLocale().toString(n)


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
