"""Add or correct a creditor in the directory (name, kind, address, contact details)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.rules.debts import CREDITOR_KIND_LABELS, DDAS_DEBT_KIND
from app.services.creditors import create_creditor, update_creditor
from app.services.debt_views import CreditorForm, CreditorView
from ui.widgets.field_error import FieldError, FieldErrors
from ui.widgets.money_edit import MoneyEdit
from ui.workspace import Workspace


def add_field_row(form: QFormLayout, errors: FieldErrors, key: str, text: str, widget: QWidget) -> QLabel:
    """Add ``widget`` with its label and an inline error label (keyed like the service's errors)."""
    holder = QWidget(form.parentWidget())
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    error = widget.error_label if isinstance(widget, MoneyEdit) else FieldError(widget)
    box.addWidget(error)
    errors.add(key, error)
    label = QLabel(text, form.parentWidget())
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", ""))
    form.addRow(label, holder)
    return label


class CreditorDialog(QDialog):
    """Create a creditor (``creditor`` None) or change one; ``result_view`` holds what was saved."""

    def __init__(
        self,
        workspace: Workspace,
        creditor: CreditorView | None = None,
        parent: QWidget | None = None,
        *,
        name: str = "",
        kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._creditor = creditor
        self.result_view: CreditorView | None = None
        self._build()
        if creditor is not None:
            self._fill(creditor.to_form())
        else:
            self._fill(CreditorForm(name=name, kind=kind or "other"))

    def _build(self) -> None:
        self.setWindowTitle(
            self.tr("Schuldeiser wijzigen") if self._creditor else self.tr("Nieuwe schuldeiser")
        )
        layout = QVBoxLayout(self)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        layout.addLayout(form)
        self.name = QLineEdit(self)
        self.name.setMaxLength(200)
        self.kind = QComboBox(self)
        for code, text in CREDITOR_KIND_LABELS.items():
            self.kind.addItem(self.tr(text), code.value)
        self.ddas = QLabel(self)
        self.kind.currentIndexChanged.connect(self._show_ddas)
        self.street = QLineEdit(self)
        self.postcode = QLineEdit(self)
        self.postcode.setMaxLength(7)
        self.city = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.kvk = QLineEdit(self)
        self.kvk.setMaxLength(8)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        for key, text, widget in (
            ("name", self.tr("&Naam"), self.name),
            ("kind", self.tr("&Soort"), self.kind),
            ("ddas", self.tr("Schuldsoort (DDAS)"), self.ddas),
            ("street", self.tr("Adres of postbus"), self.street),
            ("postcode", self.tr("Postcode"), self.postcode),
            ("city", self.tr("Plaats"), self.city),
            ("phone", self.tr("Telefoon"), self.phone),
            ("email", self.tr("E-mail"), self.email),
            ("kvk_number", self.tr("KvK-nummer"), self.kvk),
            ("note", self.tr("Notitie"), self.note),
        ):
            add_field_row(form, self.errors, key, text, widget)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

    def _fill(self, form: CreditorForm) -> None:
        self.name.setText(form.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        self.street.setText(form.street)
        self.postcode.setText(form.postcode)
        self.city.setText(form.city)
        self.phone.setText(form.phone)
        self.email.setText(form.email)
        self.kvk.setText(form.kvk_number)
        self.note.setPlainText(form.note)
        self._show_ddas()

    def _show_ddas(self) -> None:
        from app.rules.debts import CreditorKind

        code = self.kind.currentData()
        self.ddas.setText(DDAS_DEBT_KIND[CreditorKind(code)].value if code else "")

    def form(self) -> CreditorForm:
        """What is typed now."""
        return CreditorForm(
            name=self.name.text(),
            kind=str(self.kind.currentData()),
            street=self.street.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            kvk_number=self.kvk.text(),
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        """Save through the service; show problems next to the fields and stay open."""
        ctx = self._workspace.ctx
        try:
            if self._creditor is None:
                self.result_view = create_creditor(ctx, self.form())
            else:
                self.result_view = update_creditor(
                    ctx, self._creditor.id, self._creditor.version, self.form()
                )
        except ValidationError as exc:
            first = self.errors.show(exc.errors)
            if first is not None:
                first.setFocus()
            return
        except KnownError as exc:
            self.errors.show({"*": str(exc)})
            return
        super().accept()
