"""The investor's contacts on the Overview tab: listed with edit and remove links, added or changed
in a small dialog whose validation message stands under the field it is about."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tutor_app.domain.errors import ValidationError
from tutor_app.services import dossiers
from tutor_app.store.queries import ContactView
from tutor_app.ui.context import AppContext
from tutor_app.ui.error_messages import validation_text
from tutor_app.ui.widgets.fields import LineField

FIELDS = ("name", "role", "email", "phone")


class ContactDialog(QDialog):
    """Add a contact, or change one; saves through the services when accepted."""

    def __init__(self, ctx: AppContext, project_id: str, investor_id: str, contact: ContactView | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.project_id, self.investor_id, self.contact = ctx, project_id, investor_id, contact
        self.setWindowTitle(self.tr("Change contact") if contact else self.tr("New contact"))
        self.setMinimumWidth(420)
        form = QFormLayout()
        labels = {"name": self.tr("Name"), "role": self.tr("Role"), "email": self.tr("E-mail"),
                  "phone": self.tr("Phone")}
        limits = {"name": 200, "role": 200, "email": 320, "phone": 50}
        # The same field editors as the Overview (error under the field); saved on Save, not per field.
        self.fields: dict[str, LineField] = {}
        for name in FIELDS:
            field = LineField(name, labels[name], max_len=limits[name])
            field.set_value(getattr(contact, name) if contact else None)
            form.addRow(labels[name], field.box)
            self.fields[name] = field
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {name: field.value() for name, field in self.fields.items()}

    def save(self) -> None:
        for field in self.fields.values():
            field.clear_error()
        try:
            if self.contact is None:
                self.ctx.edit(self.project_id, dossiers.add_contact, self.investor_id, **self.values())
            else:
                self.ctx.edit(self.project_id, dossiers.update_contact, self.contact.id, **self.values())
        except ValidationError as exc:
            refused = self.fields.get(exc.field)
            if refused is None:
                raise
            refused.show_error(validation_text(exc))
            refused.editor.setFocus()
            return
        self.accept()


class ContactsBox(QWidget):
    """The contacts of the dossier's investor, with "edit" / "remove" links and an add button."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.project_id: str | None = None
        self.investor_id: str | None = None
        self.contacts: dict[str, ContactView] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("contacts")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.linkActivated.connect(self._link)
        self.add_button = QPushButton(self.tr("Add contact…"))
        self.add_button.setAccessibleName(self.tr("Add a contact of the investor"))
        self.add_button.clicked.connect(self.add)
        layout.addWidget(self.text)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_contacts(self, project_id: str, investor_id: str, contacts: tuple[ContactView, ...]) -> None:
        self.project_id, self.investor_id = project_id, investor_id
        self.contacts = {c.id: c for c in contacts}
        lines = []
        edit, remove = self.tr("edit"), self.tr("remove")
        for c in contacts:
            bits = [b for b in (c.role, c.email, c.phone) if b]
            lines.append(f"<b>{escape(c.name, quote=False)}</b> <a href='edit:{c.id}'>{edit}</a> · "
                         f"<a href='remove:{c.id}'>{remove}</a>"
                         + (f"<br>&nbsp;&nbsp;{escape(' · '.join(bits), quote=False)}" if bits else ""))
        self.text.setText("<br>".join(lines) or self.tr("No contacts yet"))

    def add(self) -> None:
        self._open(None)

    def _link(self, href: str) -> None:
        action, _, contact_id = href.partition(":")
        contact = self.contacts.get(contact_id)
        if contact is None:
            return
        if action == "edit":
            self._open(contact)
        elif action == "remove" and self._confirm_remove(contact):
            assert self.project_id is not None
            self.ctx.delete(self.project_id, "contacts", contact.id)
            self.changed.emit()

    def _confirm_remove(self, contact: ContactView) -> bool:
        answer = QMessageBox.question(self, self.tr("Remove contact"),
                                      self.tr("Remove %1 from the investor's contacts?").replace("%1", contact.name))
        return answer == QMessageBox.StandardButton.Yes

    def _open(self, contact: ContactView | None) -> None:
        assert self.project_id is not None and self.investor_id is not None
        dialog = ContactDialog(self.ctx, self.project_id, self.investor_id, contact, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()
