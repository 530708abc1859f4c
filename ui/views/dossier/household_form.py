"""The household part of the person form: a partner (yes/no) and children or other housemates.

Members are numbered as the service numbers them in its error keys: the partner (when there
is one) is ``household.0``, then the other rows in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.dossier_views import MemberForm, MemberView
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors

_OTHER_KINDS = {"child": "Kind", "other": "Andere huisgenoot"}


@dataclass
class _MemberRow:
    """The widgets of one child or housemate; ``bsn`` is kept as it was (not edited here)."""

    box: QWidget
    kind: QComboBox
    first_names: QLineEdit
    prefix: QLineEdit
    surname: QLineEdit
    birth_date: DateEdit
    remove: QPushButton
    name_error: FieldError
    date_error: FieldError
    bsn: str = ""


class HouseholdEditor(QWidget):
    """Partner and housemates; ``members()`` returns them as ``MemberForm`` in service order."""

    changed = Signal()
    rows_changed = Signal()  # rows were added or removed (the tab order must follow)

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors = errors
        self._rows: list[_MemberRow] = []
        self._build()
        self._partner_box.toggled.connect(self._on_partner_toggled)
        self._add_button.clicked.connect(self.add_row)
        self._on_partner_toggled(False)

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._partner_box = QCheckBox(self.tr("Partner in het huishouden"), self)
        layout.addWidget(self._partner_box)
        self._partner_panel = QWidget(self)
        grid = QGridLayout(self._partner_panel)
        grid.setContentsMargins(24, 0, 0, 0)
        self._partner_first = self._line(self.tr("Voornamen partner"))
        self._partner_prefix = self._line(self.tr("Tussenvoegsel partner"), width=70)
        self._partner_surname = self._line(self.tr("Achternaam partner"))
        self._partner_birth = DateEdit(self._partner_panel)
        self._partner_birth.setAccessibleName(self.tr("Geboortedatum partner"))
        self._partner_bsn = self._line(self.tr("BSN partner (mag leeg)"), width=110)
        labels = (
            self.tr("Voornamen"),
            self.tr("Tussenv."),
            self.tr("Achternaam"),
            self.tr("Geboortedatum"),
            self.tr("BSN"),
        )
        fields = (
            self._partner_first,
            self._partner_prefix,
            self._partner_surname,
            self._partner_birth,
            self._partner_bsn,
        )
        for column, (text, field) in enumerate(zip(labels, fields, strict=True)):
            label = QLabel(text, self._partner_panel)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 2)
        self._partner_name_error = FieldError(self._partner_first, self._partner_panel)
        self._partner_date_error = FieldError(self._partner_birth, self._partner_panel)
        self._partner_bsn_error = FieldError(self._partner_bsn, self._partner_panel)
        grid.addWidget(self._partner_name_error, 2, 0, 1, 3)
        grid.addWidget(self._partner_date_error, 2, 3)
        grid.addWidget(self._partner_bsn_error, 3, 0, 1, 5)
        layout.addWidget(self._partner_panel)

        heading = QLabel(self.tr("Kinderen en andere huisgenoten"), self)
        heading.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(2)
        layout.addLayout(self._rows_layout)
        self._empty = QLabel(self.tr("Geen kinderen of andere huisgenoten."), self)
        self._empty.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self._empty)
        self._add_button = QPushButton(self.tr("Kind of huisgenoot toevoegen"), self)
        self._add_button.setAccessibleName(self.tr("Kind of huisgenoot toevoegen"))
        buttons = QHBoxLayout()
        buttons.addWidget(self._add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _line(self, accessible: str, *, width: int = 0, parent: QWidget | None = None) -> QLineEdit:
        edit = QLineEdit(parent or self._partner_panel)
        edit.setAccessibleName(accessible)
        if width:
            edit.setMaximumWidth(width)
        edit.textEdited.connect(self.changed)
        return edit

    def _make_row(self) -> _MemberRow:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        kind = QComboBox(box)
        for code, label in _OTHER_KINDS.items():
            kind.addItem(self.tr(label), code)
        kind.setAccessibleName(self.tr("Soort huisgenoot"))
        first = self._line(self.tr("Voornaam huisgenoot"), parent=box)
        first.setPlaceholderText(self.tr("Voornaam"))
        prefix = self._line(self.tr("Tussenvoegsel huisgenoot"), width=60, parent=box)
        prefix.setPlaceholderText(self.tr("tv."))
        surname = self._line(self.tr("Achternaam huisgenoot"), parent=box)
        surname.setPlaceholderText(self.tr("Achternaam"))
        birth = DateEdit(box)
        birth.setAccessibleName(self.tr("Geboortedatum huisgenoot"))
        birth.textEdited.connect(self.changed)
        kind.currentIndexChanged.connect(self.changed)
        remove = QPushButton(self.tr("Verwijderen"), box)
        remove.setAccessibleName(self.tr("Huisgenoot verwijderen"))
        for column, widget in enumerate((kind, first, prefix, surname, birth, remove)):
            grid.addWidget(widget, 0, column)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        name_error = FieldError(first, box)
        date_error = FieldError(birth, box)
        grid.addWidget(name_error, 1, 1, 1, 3)
        grid.addWidget(date_error, 1, 4, 1, 2)
        row = _MemberRow(box, kind, first, prefix, surname, birth, remove, name_error, date_error)
        remove.clicked.connect(lambda: self.remove_row(self._rows.index(row)))
        return row

    # ------------------------------------------------------------------ behaviour

    def _on_partner_toggled(self, checked: bool) -> None:
        self._partner_panel.setVisible(checked)
        self._register_errors()
        self.changed.emit()
        self.rows_changed.emit()

    def add_row(self) -> QLineEdit:
        """Add an empty child row and return its first-name field (focused)."""
        row = self._make_row()
        self._rows.append(row)
        self._rows_layout.addWidget(row.box)
        self._empty.setVisible(False)
        self._register_errors()
        self.rows_changed.emit()
        self.changed.emit()
        row.first_names.setFocus()
        return row.first_names

    def remove_row(self, index: int) -> None:
        row = self._rows.pop(index)
        row.box.hide()
        row.box.deleteLater()
        self._empty.setVisible(not self._rows)
        self._register_errors()
        self.rows_changed.emit()
        self.changed.emit()
        self._add_button.setFocus()

    def _register_errors(self) -> None:
        """Number the error labels the way the service numbers ``household.N``."""
        self._errors.remove_prefix("household.")
        offset = 0
        if self.has_partner:
            self._errors.add("household.0.name", self._partner_name_error)
            self._errors.add("household.0.birth_date", self._partner_date_error)
            self._errors.add("household.0.bsn", self._partner_bsn_error)
            offset = 1
        for i, row in enumerate(self._rows, start=offset):
            self._errors.add(f"household.{i}.name", row.name_error)
            self._errors.add(f"household.{i}.birth_date", row.date_error)

    @property
    def has_partner(self) -> bool:
        return self._partner_box.isChecked()

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def row_fields(self, index: int) -> tuple[QComboBox, QLineEdit, QLineEdit, QLineEdit, DateEdit]:
        row = self._rows[index]
        return row.kind, row.first_names, row.prefix, row.surname, row.birth_date

    def partner_fields(self) -> tuple[QCheckBox, QLineEdit, QLineEdit, QLineEdit, DateEdit, QLineEdit]:
        return (
            self._partner_box,
            self._partner_first,
            self._partner_prefix,
            self._partner_surname,
            self._partner_birth,
            self._partner_bsn,
        )

    def focus_chain(self) -> list[QWidget]:
        """The focusable widgets in reading order."""
        chain: list[QWidget] = [self._partner_box]
        if self.has_partner:
            chain += [
                self._partner_first,
                self._partner_prefix,
                self._partner_surname,
                self._partner_birth,
                self._partner_bsn,
            ]
        for row in self._rows:
            chain += [row.kind, row.first_names, row.prefix, row.surname, row.birth_date, row.remove]
        chain.append(self._add_button)
        return chain

    def date_errors(self) -> dict[str, str]:
        """Messages for typed dates that are not dates, keyed as the service keys them."""
        errors: dict[str, str] = {}
        if self.has_partner and (problem := self._partner_birth.error()):
            errors["household.0.birth_date"] = problem
        offset = 1 if self.has_partner else 0
        for i, row in enumerate(self._rows, start=offset):
            if problem := row.birth_date.error():
                errors[f"household.{i}.birth_date"] = problem
        return errors

    def members(self) -> list[MemberForm]:
        """The household as the service wants it: the partner first, then the rows."""
        members: list[MemberForm] = []
        if self.has_partner:
            members.append(
                MemberForm(
                    "partner",
                    self._partner_first.text(),
                    self._partner_prefix.text(),
                    self._partner_surname.text(),
                    self._partner_birth.value,
                    self._partner_bsn.text(),
                )
            )
        for row in self._rows:
            members.append(
                MemberForm(
                    str(row.kind.currentData()),
                    row.first_names.text(),
                    row.prefix.text(),
                    row.surname.text(),
                    row.birth_date.value,
                    row.bsn,
                )
            )
        return members

    def set_members(self, members: tuple[MemberView, ...]) -> None:
        """Show the household of a saved dossier."""
        while self._rows:
            row = self._rows.pop()
            row.box.hide()
            row.box.deleteLater()
        partner = next((m for m in members if m.kind == "partner"), None)
        self._partner_box.blockSignals(True)
        self._partner_box.setChecked(partner is not None)
        self._partner_box.blockSignals(False)
        self._partner_panel.setVisible(partner is not None)
        self._partner_first.setText(partner.first_names if partner else "")
        self._partner_prefix.setText(partner.prefix if partner else "")
        self._partner_surname.setText(partner.surname if partner else "")
        self._partner_birth.set_value(partner.birth_date if partner else None)
        self._partner_bsn.setText(partner.bsn if partner else "")
        for member in members:
            if member.kind == "partner":
                continue
            row = self._make_row()
            row.kind.setCurrentIndex(
                max(0, row.kind.findData(member.kind if member.kind in _OTHER_KINDS else "other"))
            )
            row.first_names.setText(member.first_names)
            row.prefix.setText(member.prefix)
            row.surname.setText(member.surname)
            row.birth_date.set_value(member.birth_date)
            row.bsn = member.bsn
            self._rows.append(row)
            self._rows_layout.addWidget(row.box)
        self._empty.setVisible(not self._rows)
        self._register_errors()
        self.rows_changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.focus_chain():
            if isinstance(widget, QLineEdit):
                widget.setReadOnly(read_only)
            elif widget is not None:
                widget.setEnabled(not read_only)
        self._add_button.setVisible(not read_only)
        for row in self._rows:
            row.remove.setVisible(not read_only)
