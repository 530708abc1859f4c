"""Small dialogs of the Traject tab: urgency and application dates, a stabilisation agreement,
a support product, and an end date.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from app.errors import KnownError, ValidationError
from app.rules.phases import SUPPORT_PRODUCT_LABELS
from app.services import referrals, traject
from app.services.context import today_local
from app.services.traject import UrgencyForm, UrgencyView
from ui.dialogs.referral import FormDialog, date_edit, pydate, qdate
from ui.format import format_date
from ui.widgets.date_edit import DateEdit
from ui.workspace import Workspace


class UrgencyDialog(FormDialog):
    """Record a bedreigende situatie, the first conversation and the decision date."""

    def __init__(self, workspace: Workspace, urgency: UrgencyView, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.tr("Urgentie en aanvraag"), parent)
        self._urgency = urgency
        self.saved: UrgencyView | None = None
        intro = QLabel(self.tr("Melding op {0}.").format(format_date(urgency.reported_on)), self)
        self._layout.insertWidget(0, intro)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.threats: dict[str, QCheckBox] = {}
        for option in traject.threat_options(workspace.ctx):
            check = QCheckBox(self.tr(option.label), box)
            check.setChecked(option.code in urgency.threat_kinds)
            column.addWidget(check)
            self.threats[option.code] = check
        for code in urgency.threat_kinds:  # a municipal situation no longer in the settings
            if code not in self.threats:
                check = QCheckBox(code, box)
                check.setChecked(True)
                column.addWidget(check)
                self.threats[code] = check
        self.threat_on = DateEdit(self, value=urgency.threat_reported_on)
        self.first = DateEdit(self, value=urgency.first_conversation_on)
        self.decision = DateEdit(self, value=urgency.decision_sent_on)
        self.add_row("threat_kinds", self.tr("Bedreigende situatie"), box)
        self.add_row("threat_reported_on", self.tr("Gemeld op"), self.threat_on)
        self.add_row("first_conversation_on", self.tr("Eerste gesprek (aanvraag)"), self.first)
        self.add_row("decision_sent_on", self.tr("Beschikking verstuurd"), self.decision)
        if urgency.first_conversation_on is None and urgency.first_conversation_effective is not None:
            note = QLabel(
                self.tr("Nog niet ingevuld; Helder rekent nu met {0} (intake).").format(
                    format_date(urgency.first_conversation_effective)
                ),
                self,
            )
            note.setWordWrap(True)
            self._layout.addWidget(note)
        self.add_buttons()
        self.resize(560, 460)

    def accept(self) -> None:
        problems = {
            key: edit.error()
            for key, edit in (
                ("threat_reported_on", self.threat_on),
                ("first_conversation_on", self.first),
                ("decision_sent_on", self.decision),
            )
            if edit.error()
        }
        if problems:
            self.show_errors({k: v for k, v in problems.items() if v})
            return
        kinds = tuple(code for code, check in self.threats.items() if check.isChecked())
        form = UrgencyForm(kinds, self.threat_on.value, self.first.value, self.decision.value)
        try:
            self.saved = traject.save_urgency(self._workspace.ctx, self._urgency.dossier_id, form)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(self._urgency.dossier_id)
        self._workspace.signals.signals_changed.emit()
        super().accept()


class StabilisationDialog(FormDialog):
    """Start a stabilisatieovereenkomst (4 months; extendable once by 4)."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.tr("Stabilisatieovereenkomst"), parent)
        self._dossier_id = dossier_id
        self.starts_on = date_edit(self, today_local())
        self.note = self.text_edit(self.tr("Welke schuldeisers doen mee? Wat is afgesproken?"))
        self.add_row("starts_on", self.tr("Start"), self.starts_on)
        self.add_row("creditors_note", self.tr("Schuldeisers"), self.note)
        hint = QLabel(
            self.tr("De overeenkomst loopt 4 maanden en kan één keer met 4 maanden worden verlengd.")
        )
        hint.setWordWrap(True)
        self._layout.addWidget(hint)
        self.add_buttons()

    def accept(self) -> None:
        try:
            traject.start_stabilisation(
                self._workspace.ctx, self._dossier_id, pydate(self.starts_on.date()), self.note.toPlainText()
            )
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(self._dossier_id)
        self._workspace.signals.signals_changed.emit()
        super().accept()


class SupportProductDialog(FormDialog):
    """Record a support product (DDAS begeleidingssoort) with its start and optional end."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.tr("Ondersteuning toevoegen"), parent)
        self._dossier_id = dossier_id
        self.product = QComboBox(self)
        for code, text in SUPPORT_PRODUCT_LABELS.items():
            self.product.addItem(self.tr(text), code.value)
        self.starts_on = date_edit(self, today_local())
        self.ends_on = DateEdit(self)
        self.note = QLineEdit(self)
        self.add_row("product", self.tr("Soort"), self.product)
        self.add_row("starts_on", self.tr("Start"), self.starts_on)
        self.add_row("ends_on", self.tr("Einde (als bekend)"), self.ends_on)
        self.add_row("note", self.tr("Opmerking"), self.note)
        self.add_buttons()

    def accept(self) -> None:
        if problem := self.ends_on.error():
            self.show_errors({"ends_on": problem})
            return
        try:
            referrals.add_support_product(
                self._workspace.ctx,
                self._dossier_id,
                str(self.product.currentData()),
                pydate(self.starts_on.date()),
                self.ends_on.value,
                self.note.text(),
            )
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(self._dossier_id)
        super().accept()


class EndDateDialog(FormDialog):
    """Ask one date (and a note), e.g. to close an agreement or end a support product."""

    def __init__(
        self,
        workspace: Workspace,
        title: str,
        label: str,
        *,
        earliest: date,
        with_note: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, title, parent)
        self.on = date_edit(self, today_local())
        self.on.setMinimumDate(qdate(earliest))
        self.on.setMaximumDate(qdate(today_local()))
        self.note = QLineEdit(self)
        self.add_row("on", label, self.on)
        if with_note:
            self.add_row("note", self.tr("Opmerking"), self.note)
        self.add_buttons()

    @property
    def value(self) -> date:
        return pydate(self.on.date())
