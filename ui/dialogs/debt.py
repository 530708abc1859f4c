"""Record or change one debt with every detail: who, how much, how sure, how far collected, the proposal.

The quick entry row of the Schulden tab covers the common case; this dialog holds the rest.
Enter (or Ctrl+Enter) saves, Escape cancels; problems show next to their fields.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.debts import COLLECTION_STAGE_LABELS, GARNISHMENT_KIND_LABELS, PROPOSAL_ANSWER_LABELS
from app.errors import KnownError, ValidationError
from app.rules.debts import (
    CORRESPONDENCE_LABELS,
    DEBT_TYPE_LABELS,
    VERIFICATION_LABELS,
    CreditorKind,
    is_fixed_cost,
)
from app.rules.phases import THREAT_KIND_LABELS
from app.services.debt_views import CreditorView, DebtForm, DebtView
from app.services.debts import add_debt, update_debt
from ui.dialogs.creditor import CreditorDialog, add_field_row
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors
from ui.widgets.money_edit import MoneyEdit
from ui.workspace import Workspace


class CreditorCombo(QComboBox):
    """An editable list of creditors: type part of a name and pick it (case-insensitive).

    ``creditor_id()`` is the chosen creditor, or None when the text matches no creditor.
    """

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        self._optional = optional
        self._views: dict[uuid.UUID, CreditorView] = {}
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("(geen)") if optional else self.tr("Typ een naam"))

    def set_creditors(self, creditors: list[CreditorView]) -> None:
        chosen = self.creditor_id()
        self.blockSignals(True)
        self.clear()
        self._views = {c.id: c for c in creditors}
        for c in creditors:
            self.addItem(c.name, str(c.id))  # str: findData cannot compare Python UUID objects
        self.blockSignals(False)
        self.set_creditor(chosen)

    def creditor_id(self) -> uuid.UUID | None:
        text = self.currentText().strip().casefold()
        if not text:
            return None
        for index in range(self.count()):
            if self.itemText(index).casefold() == text:
                value = self.itemData(index)
                return uuid.UUID(value) if isinstance(value, str) else None
        return None

    def creditor(self) -> CreditorView | None:
        found = self.creditor_id()
        return self._views.get(found) if found is not None else None

    def set_creditor(self, creditor_id: uuid.UUID | None) -> None:
        index = self.findData(str(creditor_id)) if creditor_id is not None else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText("")


def _codes(combo: QComboBox, labels: dict[str, str], *, empty: str | None = None) -> None:
    if empty is not None:
        combo.addItem(empty, None)
    for code, text in labels.items():
        combo.addItem(text, str(code))


def _select(combo: QComboBox, code: str | None) -> None:
    combo.setCurrentIndex(max(0, combo.findData(code)))


def _code(combo: QComboBox) -> str | None:
    value = combo.currentData()
    return None if value is None else str(value)


class DebtDialog(QDialog):
    """Add a debt to ``dossier_id`` (``debt`` None) or change ``debt``; ``result_view`` is what was saved."""

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID,
        creditors: list[CreditorView],
        debt: DebtView | None = None,
        parent: QWidget | None = None,
        *,
        start: DebtForm | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._debt = debt
        self.result_view: DebtView | None = None
        self._build()
        self.set_creditors(creditors)
        initial = debt.form if debt is not None else start
        if initial is not None:
            self._fill(initial)
        self._on_stage()

    # ------------------------------------------------------------------ widgets

    def _group(self, title: str, column: QVBoxLayout) -> QFormLayout:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        column.addWidget(box)
        return form

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Schuld wijzigen") if self._debt else self.tr("Nieuwe schuld"))
        outer = QVBoxLayout(self)
        general = FieldError(None, self)
        outer.addWidget(general)
        self.errors = FieldErrors(general)
        columns = QHBoxLayout()
        outer.addLayout(columns)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        row = self._row

        who = self._group(self.tr("Schuldeiser"), left)
        self.creditor = CreditorCombo(self)
        self.new_creditor = QPushButton(self.tr("Nieuwe schuldeiser…"), self)
        self.new_creditor.clicked.connect(self._add_creditor)
        self.creditor.currentIndexChanged.connect(self._on_creditor)
        row(who, "creditor_id", self.tr("&Schuldeiser"), self.creditor)
        who.addRow("", self.new_creditor)
        self.creditor_reference = QLineEdit(self)
        row(who, "creditor_reference", self.tr("Kenmerk schuldeiser"), self.creditor_reference)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("Bijvoorbeeld: telefoonabonnement"))
        row(who, "description", self.tr("&Omschrijving"), self.description)
        self.debt_type = QComboBox(self)
        _codes(self.debt_type, {k.value: v for k, v in DEBT_TYPE_LABELS.items()})
        row(who, "debt_type", self.tr("Preferent of concurrent"), self.debt_type)

        amounts = self._group(self.tr("Bedragen"), left)
        self.original = MoneyEdit(self)
        self.reported = MoneyEdit(self)
        self.confirmed = MoneyEdit(self)
        self.balance = MoneyEdit(self)
        self.balance_on = DateEdit(self)
        self.origin_on = DateEdit(self)
        row(amounts, "original_cents", self.tr("Oorspronkelijk bedrag"), self.original)
        row(amounts, "reported_cents", self.tr("Bedrag &aangemeld"), self.reported)
        row(amounts, "confirmed_cents", self.tr("Bedrag bevestigd door schuldeiser"), self.confirmed)
        row(amounts, "balance_cents", self.tr("Saldo nu"), self.balance)
        row(amounts, "balance_on", self.tr("Peildatum saldo"), self.balance_on)
        row(amounts, "origin_on", self.tr("Ontstaan op"), self.origin_on)
        self.verification = QComboBox(self)
        _codes(self.verification, {k.value: v for k, v in VERIFICATION_LABELS.items()})
        row(amounts, "verification", self.tr("Zekerheid bedrag"), self.verification)

        settle = self._group(self.tr("Schuldregeling"), left)
        self.is_fine = QCheckBox(self.tr("Dit is een boete"), self)
        self.excluded = QCheckBox(self.tr("Gaat niet mee in de schuldregeling"), self)
        self.business = QCheckBox(self.tr("Zakelijke schuld"), self)
        row(settle, "is_fine", self.tr("Boete"), self.is_fine)
        row(settle, "excluded_from_settlement", self.tr("Uitsluiten"), self.excluded)
        row(settle, "business", self.tr("Zakelijk"), self.business)
        self.proposal = MoneyEdit(self)
        self.proposal_on = DateEdit(self)
        self.answer = QComboBox(self)
        _codes(self.answer, PROPOSAL_ANSWER_LABELS, empty=self.tr("(nog geen voorstel)"))
        self.answer_on = DateEdit(self)
        row(settle, "proposal_cents", self.tr("Voorstel (bedrag)"), self.proposal)
        row(settle, "proposal_on", self.tr("Voorstel verstuurd op"), self.proposal_on)
        row(settle, "proposal_answer", self.tr("Antwoord schuldeiser"), self.answer)
        row(settle, "proposal_answer_on", self.tr("Antwoord ontvangen op"), self.answer_on)

        collect = self._group(self.tr("Invordering"), right)
        self.stage = QComboBox(self)
        _codes(self.stage, COLLECTION_STAGE_LABELS, empty=self.tr("(onbekend)"))
        self.stage.currentIndexChanged.connect(self._on_stage)
        row(collect, "collection_stage", self.tr("&Fase invordering"), self.stage)
        self.agency = CreditorCombo(self, optional=True)
        self.agency_reference = QLineEdit(self)
        self.bailiff = CreditorCombo(self, optional=True)
        self.bailiff_reference = QLineEdit(self)
        row(collect, "collection_agency_id", self.tr("Incassobureau"), self.agency)
        row(collect, "collection_agency_reference", self.tr("Kenmerk incassobureau"), self.agency_reference)
        row(collect, "bailiff_id", self.tr("Deurwaarder"), self.bailiff)
        row(collect, "bailiff_reference", self.tr("Kenmerk deurwaarder"), self.bailiff_reference)
        self.garnishment_kind = QComboBox(self)
        _codes(self.garnishment_kind, GARNISHMENT_KIND_LABELS, empty=self.tr("(kies)"))
        self.garnishment_since = DateEdit(self)
        self.garnishment_month = MoneyEdit(self)
        row(collect, "garnishment_kind", self.tr("Beslag op"), self.garnishment_kind)
        row(collect, "garnishment_since", self.tr("Beslag sinds"), self.garnishment_since)
        row(collect, "garnishment_month_cents", self.tr("Ingehouden per maand"), self.garnishment_month)

        urgent = self._group(self.tr("Voorrang en post"), right)
        self.priority = QCheckBox(self.tr("Achterstand in vaste lasten: eerst regelen"), self)
        self.threat = QComboBox(self)
        _codes(self.threat, {k.value: v for k, v in THREAT_KIND_LABELS.items()}, empty=self.tr("(geen)"))
        row(urgent, "priority", self.tr("Voorrang"), self.priority)
        row(urgent, "threat", self.tr("Bedreigende situatie"), self.threat)
        self.correspondence = QComboBox(self)
        _codes(self.correspondence, {k.value: v for k, v in CORRESPONDENCE_LABELS.items()})
        self.correspondence_on = DateEdit(self)
        row(urgent, "correspondence", self.tr("Post met schuldeiser"), self.correspondence)
        row(urgent, "correspondence_on", self.tr("Datum laatste post"), self.correspondence_on)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        row(urgent, "note", self.tr("Notitie"), self.note)
        right.addStretch(1)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

    def _row(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        add_field_row(form, self.errors, key, text, widget)

    def set_creditors(self, creditors: list[CreditorView]) -> None:
        self._creditors = creditors
        self.creditor.set_creditors(creditors)
        self.agency.set_creditors([c for c in creditors if c.kind == CreditorKind.COLLECTION_AGENCY])
        self.bailiff.set_creditors([c for c in creditors if c.kind == CreditorKind.BAILIFF])

    # ------------------------------------------------------------------ behaviour

    def _on_stage(self) -> None:
        garnished = self.stage.currentData() == "garnishment"
        for widget in (self.garnishment_kind, self.garnishment_since, self.garnishment_month):
            widget.setEnabled(garnished)

    def _on_creditor(self) -> None:
        chosen = self.creditor.creditor()
        if chosen is None or self._debt is not None:
            return
        kind = CreditorKind(chosen.kind)
        self.priority.setChecked(is_fixed_cost(kind))

    def _add_creditor(self) -> None:
        dialog = CreditorDialog(self._workspace, None, self, name=self.creditor.currentText().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_view is not None:
            self.set_creditors(
                sorted([*self._creditors, dialog.result_view], key=lambda c: c.name.casefold())
            )
            self.creditor.set_creditor(dialog.result_view.id)

    def _fill(self, f: DebtForm) -> None:
        self.creditor.set_creditor(f.creditor_id)
        self.creditor_reference.setText(f.creditor_reference)
        self.description.setText(f.description)
        _select(self.debt_type, f.debt_type)
        self.original.value_cents = f.original_cents
        self.reported.value_cents = f.reported_cents
        self.confirmed.value_cents = f.confirmed_cents
        self.balance.value_cents = f.balance_cents
        self.balance_on.set_value(f.balance_on)
        self.origin_on.set_value(f.origin_on)
        _select(self.verification, f.verification)
        self.is_fine.setChecked(f.is_fine)
        self.excluded.setChecked(f.excluded_from_settlement)
        self.business.setChecked(f.business)
        self.proposal.value_cents = f.proposal_cents
        self.proposal_on.set_value(f.proposal_on)
        _select(self.answer, f.proposal_answer)
        self.answer_on.set_value(f.proposal_answer_on)
        _select(self.stage, f.collection_stage)
        self.agency.set_creditor(f.collection_agency_id)
        self.agency_reference.setText(f.collection_agency_reference)
        self.bailiff.set_creditor(f.bailiff_id)
        self.bailiff_reference.setText(f.bailiff_reference)
        _select(self.garnishment_kind, f.garnishment_kind)
        self.garnishment_since.set_value(f.garnishment_since)
        self.garnishment_month.value_cents = f.garnishment_month_cents
        self.priority.setChecked(bool(f.priority))
        _select(self.threat, f.threat)
        _select(self.correspondence, f.correspondence)
        self.correspondence_on.set_value(f.correspondence_on)
        self.note.setPlainText(f.note)

    def _local_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for key, edit in (
            ("original_cents", self.original),
            ("reported_cents", self.reported),
            ("confirmed_cents", self.confirmed),
            ("balance_cents", self.balance),
            ("proposal_cents", self.proposal),
            ("garnishment_month_cents", self.garnishment_month),
        ):
            if (message := edit.error()) is not None:
                errors[key] = message
        for key, dated in (
            ("balance_on", self.balance_on),
            ("origin_on", self.origin_on),
            ("proposal_on", self.proposal_on),
            ("proposal_answer_on", self.answer_on),
            ("garnishment_since", self.garnishment_since),
            ("correspondence_on", self.correspondence_on),
        ):
            if (message := dated.error()) is not None:
                errors[key] = message
        if self.creditor.creditor_id() is None:
            errors["creditor_id"] = self.tr("Kies een schuldeiser uit de lijst, of maak een nieuwe aan.")
        for key, combo in (("collection_agency_id", self.agency), ("bailiff_id", self.bailiff)):
            if combo.currentText().strip() and combo.creditor_id() is None:
                errors[key] = self.tr("Kies een bedrijf uit de lijst.")
        return errors

    def form(self) -> DebtForm:
        """What is typed now (call after checking :meth:`_local_errors`)."""
        creditor = self.creditor.creditor_id() or uuid.UUID(int=0)
        garnished = self.stage.currentData() == "garnishment"
        return DebtForm(
            creditor_id=creditor,
            creditor_reference=self.creditor_reference.text(),
            collection_agency_id=self.agency.creditor_id(),
            collection_agency_reference=self.agency_reference.text(),
            bailiff_id=self.bailiff.creditor_id(),
            bailiff_reference=self.bailiff_reference.text(),
            description=self.description.text(),
            debt_type=_code(self.debt_type) or "concurrent",
            original_cents=self.original.value_cents,
            reported_cents=self.reported.value_cents,
            confirmed_cents=self.confirmed.value_cents,
            balance_cents=self.balance.value_cents,
            balance_on=self.balance_on.value,
            origin_on=self.origin_on.value,
            is_fine=self.is_fine.isChecked(),
            excluded_from_settlement=self.excluded.isChecked(),
            verification=_code(self.verification) or "reported",
            collection_stage=_code(self.stage),
            garnishment_kind=_code(self.garnishment_kind) if garnished else None,
            garnishment_since=self.garnishment_since.value if garnished else None,
            garnishment_month_cents=self.garnishment_month.value_cents if garnished else None,
            proposal_cents=self.proposal.value_cents,
            proposal_on=self.proposal_on.value,
            proposal_answer=_code(self.answer),
            proposal_answer_on=self.answer_on.value,
            business=self.business.isChecked(),
            priority=self.priority.isChecked(),
            threat=_code(self.threat),
            correspondence=_code(self.correspondence) or "to_contact",
            correspondence_on=self.correspondence_on.value,
            note=self.note.toPlainText(),
        )

    def accept(self) -> None:
        """Save through the service; show problems next to the fields and stay open."""
        if errors := self._local_errors():
            self._show(errors)
            return
        form = self.form()
        ctx = self._workspace.ctx
        try:
            if self._debt is None:
                self.result_view = add_debt(ctx, self._dossier_id, form)
            else:
                self.result_view = update_debt(ctx, self._debt.id, self._debt.version, form)
        except ValidationError as exc:
            self._show(exc.errors)
            return
        except KnownError as exc:
            self.errors.show({"*": str(exc)})
            return
        super().accept()

    def _show(self, errors: dict[str, str]) -> None:
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus()
