"""The form with the client, the household and the aanmelding: for a new dossier and for editing.

Built in :meth:`PersonForm._build` (widgets only); reading, filling and checking are separate
methods. Every field has an inline error label keyed like ``ValidationError.errors`` so the
service's Dutch messages land next to the right field.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.clients import CONTACT_CHANNEL_LABELS, MARITAL_REGIME_LABELS, MARITAL_STATUS_LABELS
from app.domain.dossiers import GOAL_LEVEL_LABELS, LIFE_DOMAIN_LABELS
from app.rules.identifiers import format_iban
from app.services.auth import UserView
from app.services.context import today_local
from app.services.dossier_views import ClientForm, DossierDetail, DossierForm, MemberForm
from app.services.dossiers import validate_client, validate_dossier, validate_members
from ui.views.dossier.household_form import HouseholdEditor
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors

W = TypeVar("W", bound=QWidget)

_HOUSEHOLD = object()  # marks where the household widgets go in the focus chain
_MARRIED = {"married", "registered_partnership"}


class PersonForm(QWidget):
    """Client, household and aanmelding fields in two columns, with inline errors."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, counsellors: Sequence[UserView] = ()) -> None:
        super().__init__(parent)
        self._chain: list[QWidget | object] = []
        self._form_labels: list[list[QLabel]] = [[], []]  # per column, to line the fields up
        self._column = 0
        self._general_error = FieldError(None, self)
        self.errors = FieldErrors(self._general_error)
        self._build(counsellors)
        self._connect()
        self._on_marital_changed()
        self._update_tab_order()

    # ------------------------------------------------------------------ widgets

    def _build(self, counsellors: Sequence[UserView]) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(self._general_error)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        outer.addLayout(columns)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        person = self._group(self.tr("Persoon"), left)
        self.bsn = self._field(person, self.tr("BSN"), "bsn", QLineEdit())
        self.bsn.setMaxLength(11)
        self.bsn.setPlaceholderText(self.tr("9 cijfers"))
        self.initials = self._field(person, self.tr("Voorletters"), "initials", QLineEdit())
        self.first_names = self._field(person, self.tr("Voornamen"), "first_names", QLineEdit())
        self.prefix = self._field(person, self.tr("Tussenvoegsel"), "prefix", QLineEdit())
        self.surname = self._field(person, self.tr("Achternaam"), "surname", QLineEdit())
        self.birth_date = self._field(person, self.tr("Geboortedatum"), "birth_date", DateEdit())

        address = self._group(self.tr("Adres en contact"), left)
        self.street = self._field(address, self.tr("Straat"), "street", QLineEdit())
        self.house_number, self.house_number_suffix = self._house_row(address)
        self.postcode = self._field(address, self.tr("Postcode"), "postcode", QLineEdit())
        self.postcode.setPlaceholderText(self.tr("1234 AB"))
        self.postcode.setMaxLength(7)
        self.city = self._field(address, self.tr("Woonplaats"), "city", QLineEdit())
        self.phone = self._field(address, self.tr("Telefoon"), "phone", QLineEdit())
        self.email = self._field(address, self.tr("E-mail"), "email", QLineEdit())
        self.iban = self._field(address, self.tr("IBAN"), "iban", QLineEdit())
        self.iban.setPlaceholderText(self.tr("NL00 BANK 0123 4567 89"))
        self.contact_channel = self._field(
            address, self.tr("Voorkeur contact"), "contact_channel", self._combo(CONTACT_CHANNEL_LABELS)
        )
        self.reading_difficulty = QCheckBox(self.tr("Leest liever niet: uitleg mondeling of met plaatjes"))
        self.reading_difficulty.setAccessibleName(self.tr("Leest liever niet"))
        self._field(address, self.tr("Lezen"), "reading_difficulty", self.reading_difficulty)
        left.addStretch(1)

        self._column = 1
        household = self._group(self.tr("Huishouden"), right)
        self.marital_status = self._field(
            household, self.tr("Burgerlijke staat"), "marital_status", self._combo(MARITAL_STATUS_LABELS)
        )
        regime = {"": self.tr("Niet van toepassing"), **MARITAL_REGIME_LABELS}
        self.marital_regime = self._field(
            household, self.tr("Huwelijksregime"), "marital_regime", self._combo(regime)
        )
        self.marital_since = self._field(household, self.tr("Sinds"), "marital_since", DateEdit())
        self.household = HouseholdEditor(self.errors, self)
        household.addRow(self.household)
        self._chain.append(_HOUSEHOLD)

        intake = self._group(self.tr("Aanmelding en hulpvraag"), right)
        self.reported_on = self._field(
            intake, self.tr("Meldingsdatum"), "reported_on", DateEdit(value=today_local())
        )
        self.help_question = QPlainTextEdit()
        self.help_question.setPlaceholderText(self.tr("In de woorden van de cliënt"))
        self.help_question.setTabChangesFocus(True)
        self.help_question.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self._field(intake, self.tr("Hulpvraag"), "help_question", self.help_question)
        self.goal_level = self._field(intake, self.tr("Doel"), "goal_level", self._combo(GOAL_LEVEL_LABELS))
        self.life_domains = self._domains(intake)
        self.owner = self._combo({str(u.id): u.full_name for u in counsellors})
        self._has_owner = bool(counsellors)
        if counsellors:
            self._field(intake, self.tr("Consulent"), "owner", self.owner)
        else:
            self.owner.hide()
        right.addStretch(1)
        for labels in self._form_labels:
            width = max((label.sizeHint().width() for label in labels), default=0)
            for label in labels:
                label.setMinimumWidth(width)

    def _group(self, title: str, column: QVBoxLayout) -> QFormLayout:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        column.addWidget(box)
        return form

    def _field(self, form: QFormLayout, text: str, key: str, widget: W) -> W:
        """Add ``widget`` with its label and an error label under it; return the widget."""
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        widget.setParent(holder)
        box.addWidget(widget)
        box.addWidget(self.errors.add(key, FieldError(widget, holder)))
        label = QLabel(text, self)
        label.setBuddy(widget)
        self._form_labels[self._column].append(label)
        if not widget.accessibleName():
            widget.setAccessibleName(text)
        form.addRow(label, holder)
        self._chain.append(widget)
        return widget

    def _house_row(self, form: QFormLayout) -> tuple[QLineEdit, QLineEdit]:
        holder = QWidget(self)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        number, suffix = QLineEdit(holder), QLineEdit(holder)
        number.setAccessibleName(self.tr("Huisnummer"))
        number.setMaximumWidth(90)
        suffix.setAccessibleName(self.tr("Toevoeging"))
        suffix.setMaximumWidth(70)
        suffix_label = QLabel(self.tr("Toevoeging"), holder)
        suffix_label.setBuddy(suffix)
        grid.addWidget(number, 0, 0)
        grid.addWidget(suffix_label, 0, 1)
        grid.addWidget(suffix, 0, 2)
        grid.setColumnStretch(3, 1)
        for column, (key, widget) in enumerate((("house_number", number), ("house_number_suffix", suffix))):
            grid.addWidget(self.errors.add(key, FieldError(widget, holder)), 1 + column, 0, 1, 4)
        label = QLabel(self.tr("Huisnummer"), self)
        label.setBuddy(number)
        self._form_labels[self._column].append(label)
        form.addRow(label, holder)
        self._chain += [number, suffix]
        return number, suffix

    def _combo(self, labels: dict[str, str]) -> QComboBox:
        combo = QComboBox(self)
        for code, text in labels.items():
            combo.addItem(self.tr(text), code)
        return combo

    def _domains(self, form: QFormLayout) -> dict[str, QCheckBox]:
        holder = QWidget(self)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        boxes: dict[str, QCheckBox] = {}
        for i, (code, text) in enumerate(LIFE_DOMAIN_LABELS.items()):
            box = QCheckBox(self.tr(text), holder)
            box.setAccessibleName(self.tr("Leefgebied {0}").format(self.tr(text)))
            grid.addWidget(box, i // 2, i % 2)
            boxes[code] = box
            self._chain.append(box)
        error = self.errors.add("life_domains", FieldError(None, holder))
        grid.addWidget(error, (len(boxes) + 1) // 2, 0, 1, 2)
        label = QLabel(self.tr("Leefgebieden met zorgen"), self)
        label.setWordWrap(True)
        self._form_labels[self._column].append(label)
        form.addRow(label, holder)
        return boxes

    # ------------------------------------------------------------------ behaviour

    def _connect(self) -> None:
        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(self.changed)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.changed)
        for box in self.findChildren(QCheckBox):
            box.toggled.connect(self.changed)
        self.help_question.textChanged.connect(self.changed)
        self.household.changed.connect(self.changed)
        self.household.rows_changed.connect(self._update_tab_order)
        self.marital_status.currentIndexChanged.connect(self._on_marital_changed)

    def _on_marital_changed(self) -> None:
        married = self.marital_status.currentData() in _MARRIED
        self.marital_regime.setEnabled(married)
        if not married:
            self.marital_regime.setCurrentIndex(0)
        self.marital_since.setEnabled(self.marital_status.currentData() != "single")

    def _update_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_chain(self) -> list[QWidget]:
        """Every input in reading order (for the tab order of a surrounding dialog)."""
        chain: list[QWidget] = []
        for item in self._chain:
            if item is _HOUSEHOLD:
                chain += self.household.focus_chain()
            elif isinstance(item, QWidget):
                chain.append(item)
        return chain

    # ------------------------------------------------------------------ values

    def client_form(self) -> ClientForm:
        regime = self.marital_regime.currentData()
        return ClientForm(
            bsn=self.bsn.text(),
            surname=self.surname.text(),
            initials=self.initials.text(),
            first_names=self.first_names.text(),
            prefix=self.prefix.text(),
            birth_date=self.birth_date.value,
            street=self.street.text(),
            house_number=self.house_number.text(),
            house_number_suffix=self.house_number_suffix.text(),
            postcode=self.postcode.text(),
            city=self.city.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            iban=self.iban.text(),
            contact_channel=str(self.contact_channel.currentData()),
            reading_difficulty=self.reading_difficulty.isChecked(),
            marital_status=str(self.marital_status.currentData()),
            marital_regime=str(regime) if regime else None,
            marital_since=self.marital_since.value if self.marital_since.isEnabled() else None,
        )

    def dossier_form(self) -> DossierForm:
        owner = self.owner.currentData() if self._has_owner else None
        return DossierForm(
            reported_on=self.reported_on.value or today_local(),
            help_question=self.help_question.toPlainText(),
            goal_level=str(self.goal_level.currentData()),
            life_domains=tuple(code for code, box in self.life_domains.items() if box.isChecked()),
            owner_id=uuid.UUID(str(owner)) if owner else None,
        )

    def members(self) -> list[MemberForm]:
        return self.household.members()

    def check(self, today: date | None = None) -> dict[str, str]:
        """Every problem in the form (typed dates first, then the service's own checks)."""
        today = today or today_local()
        errors: dict[str, str] = {}
        for key, edit in (
            ("birth_date", self.birth_date),
            ("marital_since", self.marital_since),
            ("reported_on", self.reported_on),
        ):
            if problem := edit.error():
                errors[key] = problem
        if not self.reported_on.text().strip():
            errors["reported_on"] = self.tr("Vul de meldingsdatum in.")
        errors |= self.household.date_errors()
        found = (
            validate_client(self.client_form(), today)
            | validate_dossier(self.dossier_form(), today)
            | validate_members(self.members(), today)
        )
        return found | errors

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Show ``errors`` next to their fields; return the first bad field (focused)."""
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus()
        return first

    def set_detail(self, detail: DossierDetail) -> None:
        """Fill the form with a saved dossier."""
        c = detail.client
        for edit, text in (
            (self.bsn, c.bsn),
            (self.initials, c.initials),
            (self.first_names, c.first_names),
            (self.prefix, c.prefix),
            (self.surname, c.surname),
            (self.street, c.street),
            (self.house_number, c.house_number),
            (self.house_number_suffix, c.house_number_suffix),
            (self.postcode, c.postcode),
            (self.city, c.city),
            (self.phone, c.phone),
            (self.email, c.email),
            (self.iban, format_iban(c.iban) if c.iban else ""),
        ):
            edit.setText(text)
        self.birth_date.set_value(c.birth_date)
        _select(self.contact_channel, c.contact_channel)
        self.reading_difficulty.setChecked(c.reading_difficulty)
        _select(self.marital_status, c.marital_status)
        self._on_marital_changed()
        _select(self.marital_regime, c.marital_regime or "")
        self.marital_since.set_value(c.marital_since)
        self.household.set_members(detail.household)
        self.reported_on.set_value(detail.reported_on)
        self.help_question.setPlainText(detail.help_question)
        _select(self.goal_level, detail.goal_level)
        for code, box in self.life_domains.items():
            box.setChecked(code in detail.life_domains)
        _select(self.owner, str(detail.owner_id))
        self.errors.clear()

    def set_read_only(self, read_only: bool) -> None:
        """Show the data without letting it be changed (a dossier outside the own caseload)."""
        for widget in self.focus_chain():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        self.household.set_read_only(read_only)
        if not read_only:
            self._on_marital_changed()


def _select(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)
