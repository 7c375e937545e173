"""First start with no profile: create it (name, e-mail) or look around in the demo region."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
    """Returns CREATED once the profile exists, DEMO to open the demo region, 0 to quit."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Tutor"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        title = QLabel(self.tr("Welcome to Tutor"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "Tutor keeps the dossiers of the investment projects you follow on this computer, so you can "
                "work during site visits without a connection. Tell us who you are to start; your role "
                "comes from the regional server at the first sync."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("profileName")
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setPlaceholderText(self.tr("e.g. Maria Rossi"))
        self.name_error = self._error()
        self.email = QLineEdit()
        self.email.setObjectName("profileEmail")
        self.email.setAccessibleName(self.tr("Your e-mail"))
        self.email.setPlaceholderText(self.tr("name.surname@region.example"))
        self.email_error = self._error()
        form.addRow(self.tr("Name"), self._with(self.name, self.name_error))
        form.addRow(self.tr("E-mail"), self._with(self.email, self.email_error))
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.demo_button = QPushButton(self.tr("Explore the demo region"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.clicked.connect(lambda: self.done(DEMO))
        self.create_button = QPushButton(self.tr("Create my profile"))
        self.create_button.setObjectName("createProfile")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_profile)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

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
