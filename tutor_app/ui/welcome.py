"""First start with no profile: the language, then create the profile (name, e-mail), or look
around in the demo region.

The language can be chosen here, before anything else: the dialog speaks it at once and the
window that follows opens in it (the choice is the desktop's setting, as in Settings).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import TutorError, ValidationError
from tutor_app.services.workspace import Workspace
from tutor_app.ui.error_messages import validation_text
from tutor_app.ui.errors import show_known_error

CREATED, DEMO = 1, 2


class WelcomeDialog(QDialog):
    """Returns CREATED once the profile exists, DEMO to open the demo region, 0 to quit.

    ``on_language(code)`` installs another language (the dialog then speaks it); without it the
    language choice is not offered."""

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        language: str = "it",
        on_language: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self._on_language = on_language
        self.setObjectName("welcomeDialog")
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title, 1)
        self.language_label = QLabel()
        # Language names in their own language, so anyone finds theirs whatever is shown now.
        self.language = QComboBox()
        self.language.setObjectName("welcomeLanguage")
        self.language.addItem("Italiano", "it")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_label.setBuddy(self.language)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        self.language_label.setVisible(on_language is not None)
        self.language.setVisible(on_language is not None)
        layout.addLayout(top)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("profileName")
        self.name_error = self._error()
        self.email = QLineEdit()
        self.email.setObjectName("profileEmail")
        self.email_error = self._error()
        self.name_label, self.email_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.email_label.setBuddy(self.email)
        self.form.addRow(self.name_label, self._with(self.name, self.name_error))
        self.form.addRow(self.email_label, self._with(self.email, self.email_error))
        layout.addLayout(self.form)
        buttons = QHBoxLayout()
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("openDemo")
        self.demo_button.clicked.connect(lambda: self.done(DEMO))
        self.create_button = QPushButton()
        self.create_button.setObjectName("createProfile")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_profile)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self.retranslate()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate(self) -> None:
        """Every text of the dialog in the language installed now."""
        self.setWindowTitle(self.tr("Welcome to Tutor"))
        self.title.setText(self.tr("Welcome to Tutor"))
        self.language_label.setText(self.tr("&Language"))
        self.intro.setText(
            self.tr(
                "Tutor keeps the dossiers of the investment projects you follow on this computer, so you can "
                "work during site visits without a connection. Tell us who you are to start; your role "
                "comes from the regional server at the first sync."
            )
        )
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("e.g. Maria Rossi"))
        self.email.setAccessibleName(self.tr("Your e-mail"))
        self.email.setPlaceholderText(self.tr("name.surname@region.example"))
        self.name_label.setText(self.tr("&Name"))
        self.email_label.setText(self.tr("&E-mail"))
        self.demo_button.setText(self.tr("Explore the &demo region"))
        self.create_button.setText(self.tr("&Create my profile"))
        for label in (self.name_error, self.email_error):
            label.hide()  # said again, in the new language, at the next try

    def _language_chosen(self) -> None:
        if self._on_language is not None:
            self._on_language(str(self.language.currentData()))
            self.retranslate()

    @staticmethod
    def _error() -> QLabel:
        label = QLabel()
        label.setObjectName("fieldError")
        label.hide()
        return label

    @staticmethod
    def _with(edit: QLineEdit, error: QLabel) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(edit)
        column.addWidget(error)
        return box

    def create_profile(self) -> None:
        self.name_error.hide()
        self.email_error.hide()
        if not self.name.text().strip():  # the core would say "no letters": say what to do instead
            self.name_error.setText(validation_text(ValidationError("name", "is required")))
            self.name_error.show()
            self.name.setFocus()
            return
        try:
            self.ws.create_profile(self.name.text(), self.email.text().strip() or None)
        except ValidationError as exc:
            target = self.email_error if exc.field == "email" else self.name_error
            target.setText(validation_text(exc))
            target.show()
            return
        except TutorError as exc:
            show_known_error(self, exc)
            return
        self.done(CREATED)
