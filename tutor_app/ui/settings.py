"""The desktop client's settings, declared once with their types and defaults.

They live in an INI file in the user-data folder (so ``TUTOR_HOME`` moves them with everything
else, and tests never touch the real user's settings). Window geometry and splitter/header
states are opaque byte blobs from Qt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings

from tutor_app import paths

LANGUAGES = ("it", "en")
SYSTEM_LANGUAGE = "system"


def settings_path() -> Path:
    return paths.data_home() / "desktop.ini"


class Settings:
    """Typed access to the desktop settings; one instance per application."""

    def __init__(self, path: Path | None = None) -> None:
        target = path or settings_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(target), QSettings.Format.IniFormat)

    # -- language ------------------------------------------------------------------------------

    @property
    def language_choice(self) -> str:
        """ "it", "en" or "system" as the user chose it (Italian unless told otherwise)."""
        value = str(self._qs.value("ui/language", SYSTEM_LANGUAGE))
        return value if value in (*LANGUAGES, SYSTEM_LANGUAGE) else SYSTEM_LANGUAGE

    @language_choice.setter
    def language_choice(self, value: str) -> None:
        self._qs.setValue("ui/language", value)
        self._qs.sync()

    def language(self) -> str:
        """The language to show: the user's choice, else the system's if we have it, else Italian."""
        choice = self.language_choice
        if choice in LANGUAGES:
            return choice
        system = QLocale.system().name().split("_")[0]
        return "en" if system == "en" else "it"

    # -- window state ----------------------------------------------------------------------------

    def state(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"state/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"state/{key}", value)

    def sync(self) -> None:
        self._qs.sync()
