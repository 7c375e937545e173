"""Aiuto ▸ Informazioni su Tutor: the version, the licence and the third-party notices the Qt
licence (LGPL v3) asks every installation to show."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from tutor_app import __version__
from tutor_app.assets import resource_path

NOTICES = ("THIRD_PARTY_NOTICES.txt",)
LICENCES = (("EUPL-1.2", ("licenses", "EUPL-1.2.txt")), ("LGPL-3.0", ("licenses", "LGPL-3.0.txt")),
            ("GPL-3.0", ("licenses", "GPL-3.0.txt")))


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Tutor"))
        self.setObjectName("about_dialog")
        tabs = QTabWidget(self)
        tabs.addTab(self._about_page(), self.tr("&About"))
        tabs.addTab(self._text_page(NOTICES, "notices"), self.tr("&Third-party notices"))
        for name, parts in LICENCES:
            tabs.addTab(self._text_page(parts, f"licence_{name}"), name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.tabs = tabs
        self.resize(880, 540)

    def _about_page(self) -> QWidget:
        page = QWidget(self)
        label = QLabel(
            "<h2>Tutor</h2><p>"
            + self.tr("Version %1").replace("%1", __version__)
            + "</p><p>"
            + self.tr("Dossiers of investment projects for project tutors. Every change is saved on this "
                      "computer at once and synced when a connection is available.")
            + "</p><p>"
            + self.tr("Tutor is free software under the European Union Public Licence v. 1.2 (EUPL-1.2). "
                      "The window is drawn with Qt for Python (PySide6), used under the GNU LGPL v3: "
                      "the other tabs show the notices and the licences, in their original language.")
            + "</p>",
            page,
        )
        label.setObjectName("about_text")
        label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(label)
        layout.addStretch(1)
        return page

    def _text_page(self, parts: tuple[str, ...], name: str) -> QWidget:
        view = QPlainTextEdit(self)
        view.setObjectName(name)
        view.setReadOnly(True)
        # The notices are laid out in columns of 100 characters: wrapping them would break the columns.
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setPlainText(resource_path(*parts).read_text(encoding="utf-8"))
        return view
