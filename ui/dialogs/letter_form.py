"""New letter (or change a concept): the kind, the recipient, the date and a form generated
from the template's declared fields (text, list, date, time, money, choice).

Values Helder already knows come prefilled (``letters.draft``). Required fields carry a "*";
problems show inline under the field, with the service's Dutch message.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.documents import FieldSpec, FieldType, FieldValue
from app.errors import KnownError, ValidationError
from app.rules.money import AmountError, format_plain, parse_amount
from app.services import letters
from app.services.letter_prefill import RecipientForm, RecipientOption
from app.services.letters import LetterDraft, LetterView
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workers import Runner
from ui.workspace import Workspace

#: Text fields that get a multi-line box.
LONG_TEXT_FIELDS = frozenset({"motivation", "help_question", "extra_note"})
_CHOICE_TEXT = 90


class LetterFormDialog(QDialog):
    """Make a concept letter for one dossier (or change one); emits ``saved`` with the LetterView."""

    saved = Signal(object)  # LetterView
    form_ready = Signal()

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
        letter: LetterView | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._letter = letter
        self._draft: LetterDraft | None = None
        self._inputs: dict[str, QWidget] = {}
        self._runner = Runner(self)
        self._runner.finished.connect(self._on_draft)
        self._runner.failed.connect(self._on_failed)
        self._build()
        if letter is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(letter.kind)))
            self.kind.setEnabled(False)
        elif kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.kind.currentIndexChanged.connect(self.load_draft)
        self.load_draft()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Brief wijzigen") if self._letter else self.tr("Nieuwe brief"))
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Soort brief"))
        for code, label in letters.kinds():
            self.kind.addItem(self.tr(label), code)
        kind_label = QLabel(self.tr("&Soort brief"), self)
        kind_label.setBuddy(self.kind)
        top.addRow(kind_label, self.kind)
        layout.addLayout(top)
        self._general = FieldError(None, self)
        layout.addWidget(self._general)
        self.errors = FieldErrors(self._general)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        layout.addWidget(self.scroll_area, 1)
        note = QLabel(self.tr("Velden met * zijn verplicht."), self)
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Opslaan als concept"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self.save_button.setEnabled(False)
        self.resize(720, 760)

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget, required: bool) -> None:
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.errors.add(key, FieldError(widget, holder)))
        label = QLabel(f"{text} *" if required else text, self)
        label.setWordWrap(True)
        label.setBuddy(widget)
        widget.setAccessibleName(text)
        form.addRow(label, holder)

    def load_draft(self) -> None:
        """Read what Helder knows for this kind (in a worker); the form follows."""
        kind = str(self.kind.currentData())
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Gegevens uit het dossier ophalen…"))
        ctx, dossier_id = self._workspace.ctx, self._dossier_id
        on = self._letter.letter_date if self._letter is not None else None
        self._runner.submit(lambda: letters.draft(ctx, dossier_id, kind, on))

    def _on_failed(self, error: object) -> None:
        self.status.setText(str(error) if isinstance(error, KnownError) else self.tr("Dit lukte niet."))

    def _on_draft(self, result: object) -> None:
        assert isinstance(result, LetterDraft)
        self._draft = result
        values: Mapping[str, FieldValue] = self._letter.fields if self._letter else result.values
        self.errors = FieldErrors(self._general)
        self._inputs = {}
        body = QWidget(self.scroll_area)
        outer = QVBoxLayout(body)
        # recipient
        box = QGroupBox(self.tr("Aan"), body)
        form = QFormLayout(box)
        self.recipient_choice = QComboBox(box)
        self.recipient_choice.setAccessibleName(self.tr("Kies de geadresseerde"))
        for option in result.recipients:
            self.recipient_choice.addItem(option.label, option)
        self.recipient_choice.setVisible(len(result.recipients) > 1)
        if len(result.recipients) > 1:
            form.addRow(QLabel(self.tr("Kies"), box), self.recipient_choice)
        self.recipient_name = QLineEdit(box)
        self.recipient_address = QPlainTextEdit(box)
        self.recipient_address.setTabChangesFocus(True)
        self.recipient_address.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self._row(form, "recipient.name", self.tr("Naam"), self.recipient_name, True)
        self._row(
            form, "recipient.address", self.tr("Adres (één regel per regel)"), self.recipient_address, True
        )
        self._salutation = ""
        if self._letter is not None:
            self._set_recipient(self._letter.recipient)
        elif result.recipients:
            self._set_recipient(result.recipients[0].recipient)
        elif result.template.kind == "stabilisatieovereenkomst":
            self.status.setText(
                self.tr("Dit dossier heeft nog geen schuldeisers. Vul de geadresseerde zelf in.")
            )
        self.recipient_choice.currentIndexChanged.connect(self._on_recipient_chosen)
        outer.addWidget(box)
        # date and fields
        box = QGroupBox(result.template.title, body)
        form = QFormLayout(box)
        self.letter_date = DateEdit(
            box, value=self._letter.letter_date if self._letter else result.letter_date
        )
        self._row(form, "letter_date", self.tr("Datum van de brief"), self.letter_date, True)
        for spec in result.template.fields:
            widget = self._input(spec, values.get(spec.name), box)
            self._inputs[spec.name] = widget
            self._row(form, spec.name, self.tr(spec.label), widget, spec.required)
        outer.addWidget(box)
        outer.addStretch(1)
        self.scroll_area.setWidget(body)
        if self._letter is None and result.recipients:
            self._apply_recipient_fields(result.recipients[0])
        self.status.setText(
            self.tr("Dit is een besluit (beschikking): schrijf de motivering volledig uit.")
            if result.template.is_decision
            else ""
        )
        self.save_button.setEnabled(True)
        self.form_ready.emit()

    def _input(self, spec: FieldSpec, value: FieldValue | None, parent: QWidget) -> QWidget:
        match spec.type:
            case FieldType.LIST:
                edit = QPlainTextEdit(parent)
                edit.setTabChangesFocus(True)
                edit.setPlaceholderText(self.tr("Eén punt per regel"))
                edit.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
                if isinstance(value, list | tuple):
                    edit.setPlainText("\n".join(str(v) for v in value))
                return edit
            case FieldType.DATE:
                return DateEdit(parent, value=value if isinstance(value, date) else None)
            case FieldType.TIME:
                edit_time = QTimeEdit(parent)
                edit_time.setDisplayFormat("HH:mm")
                moment = value if isinstance(value, time) else time(9, 30)
                edit_time.setTime(QTime(moment.hour, moment.minute))
                return edit_time
            case FieldType.MONEY:
                money = QLineEdit(parent)
                money.setPlaceholderText(self.tr("bijvoorbeeld 1.234,56"))
                if isinstance(value, int):
                    money.setText(format_plain(value))
                return money
            case FieldType.CHOICE:
                combo = QComboBox(parent)
                combo.addItem(self.tr("— Kies —"), None)
                for code, text in (spec.choices or {}).items():
                    short = text if len(text) <= _CHOICE_TEXT else text[: _CHOICE_TEXT - 1] + "…"
                    combo.addItem(short, code)
                    combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
                if isinstance(value, str):
                    combo.setCurrentIndex(max(0, combo.findData(value)))
                return combo
        if spec.name in LONG_TEXT_FIELDS:
            text_box = QPlainTextEdit(parent)
            text_box.setTabChangesFocus(True)
            lines = 8 if spec.name == "motivation" else 4
            text_box.setFixedHeight(self.fontMetrics().lineSpacing() * lines)
            if isinstance(value, str):
                text_box.setPlainText(value)
            return text_box
        line = QLineEdit(parent)
        if isinstance(value, str):
            line.setText(value)
        return line

    def _set_recipient(self, recipient: RecipientForm) -> None:
        self.recipient_name.setText(recipient.name)
        self.recipient_address.setPlainText("\n".join(recipient.address_lines))
        self._salutation = recipient.salutation

    def _on_recipient_chosen(self, _index: int) -> None:
        option = self.recipient_choice.currentData()
        if isinstance(option, RecipientOption):
            self._set_recipient(option.recipient)
            self._apply_recipient_fields(option)

    def _apply_recipient_fields(self, option: RecipientOption) -> None:
        for name, value in option.fields.items():
            widget = self._inputs.get(name)
            if isinstance(widget, QLineEdit) and isinstance(value, str):
                widget.setText(value)

    # ------------------------------------------------------------------ values

    def widget(self, name: str) -> QWidget:
        """The input of field ``name`` (for tests and the self-test)."""
        return self._inputs[name]

    def values(self) -> tuple[dict[str, object], dict[str, str]]:
        """The typed values, and messages for text that cannot be read (a date, an amount)."""
        assert self._draft is not None
        values: dict[str, object] = {}
        problems: dict[str, str] = {}
        for spec in self._draft.template.fields:
            widget = self._inputs[spec.name]
            if isinstance(widget, DateEdit):
                if problem := widget.error():
                    problems[spec.name] = problem
                values[spec.name] = widget.value
            elif isinstance(widget, QTimeEdit):
                moment = widget.time()
                values[spec.name] = time(moment.hour(), moment.minute())
            elif isinstance(widget, QComboBox):
                values[spec.name] = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                text = widget.toPlainText()
                values[spec.name] = (
                    tuple(x.strip() for x in text.splitlines() if x.strip())
                    if spec.type is FieldType.LIST
                    else text
                )
            elif isinstance(widget, QLineEdit) and spec.type is FieldType.MONEY:
                if widget.text().strip():
                    try:
                        values[spec.name] = parse_amount(widget.text())
                    except AmountError as exc:
                        problems[spec.name] = str(exc)
            elif isinstance(widget, QLineEdit):
                values[spec.name] = widget.text()
        return values, problems

    def recipient(self) -> RecipientForm:
        lines = tuple(x.strip() for x in self.recipient_address.toPlainText().splitlines() if x.strip())
        return RecipientForm(self.recipient_name.text().strip(), lines, self._salutation)

    def accept(self) -> None:
        if self._draft is None:
            return
        values, problems = self.values()
        on = self.letter_date.value
        if on is None:
            problems["letter_date"] = self.letter_date.error() or self.tr("Vul de datum van de brief in.")
        if problems:
            self._show(problems)
            return
        ctx = self._workspace.ctx
        try:
            if self._letter is None:
                saved = letters.create_concept(
                    ctx,
                    self._dossier_id,
                    self._draft.template.kind,
                    values,
                    recipient=self.recipient(),
                    letter_date=on,
                )
            else:
                saved = letters.update_concept(
                    ctx,
                    self._letter.id,
                    self._letter.version,
                    values,
                    recipient=self.recipient(),
                    letter_date=on,
                )
        except ValidationError as exc:
            self._show(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        super().accept()
        self.saved.emit(saved)

    def _show(self, errors: Mapping[str, str]) -> None:
        first = self.errors.show(errors)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first)
            first.setFocus()
