"""Record a contact moment with the client: date, channel and a short summary."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.clients import CONTACT_CHANNEL_LABELS
from app.errors import KnownError, ValidationError
from app.services.context import today_local
from app.services.dossier_views import ContactForm, ContactView
from app.services.dossiers import add_contact
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workspace import Workspace


class ContactDialog(QDialog):
    """Add a contact moment to one dossier; emits ``saved`` with the new ContactView."""

    saved = Signal(object)  # ContactView

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._contact: ContactView | None = None
        self._build()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Contact toevoegen"))
        layout = QVBoxLayout(self)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        layout.addLayout(form)
        self.occurred_on = DateEdit(self, value=today_local())
        self.channel = QComboBox(self)
        for code, text in CONTACT_CHANNEL_LABELS.items():
            self.channel.addItem(self.tr(text), code)
        self.summary = QPlainTextEdit(self)
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("Waar ging het over? Wat is afgesproken?"))
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        for key, text, widget in (
            ("occurred_on", self.tr("Datum"), self.occurred_on),
            ("channel", self.tr("Hoe"), self.channel),
            ("summary", self.tr("Samenvatting"), self.summary),
        ):
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.errors.add(key, FieldError(widget, holder)))
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            form.addRow(label, holder)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.resize(520, 340)
        self.summary.setFocus()

    @property
    def contact(self) -> ContactView | None:
        return self._contact

    def accept(self) -> None:
        on = self.occurred_on.value
        if on is None:
            problem = self.occurred_on.error() or self.tr("Vul de datum in.")
            self._show({"occurred_on": problem})
            return
        form = ContactForm(on, str(self.channel.currentData()), self.summary.toPlainText())
        try:
            self._contact = add_contact(self._workspace.ctx, self._dossier_id, form)
        except ValidationError as exc:
            self._show(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        super().accept()
        self.saved.emit(self._contact)

    def _show(self, errors: dict[str, str]) -> None:
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus()
