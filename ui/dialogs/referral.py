"""Refer a client to a partner, record the partner's feedback, and add a partner to the directory.

A warme overdracht means an appointment with the partner was made (DOMAIN.md); the follow-up
date defaults to the setting ``terms.referral_followup_days`` after the referral. An open
referral without feedback shows in Signalen from its follow-up date.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.traject import PARTNER_KIND_LABELS
from app.errors import KnownError, ValidationError
from app.services import referrals, settings
from app.services.context import today_local
from app.services.referrals import PartnerForm, PartnerView, ReferralForm, ReferralView
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workspace import Workspace


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget, value: date) -> QDateEdit:
    """A date picker in Dutch notation with a calendar."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    edit.setDate(qdate(value))
    return edit


class FormDialog(QDialog):
    """A dialog with labelled rows, inline errors and Opslaan / Annuleren."""

    def __init__(self, workspace: Workspace, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWindowTitle(title)
        self._layout = QVBoxLayout(self)
        general = FieldError(None, self)
        self._layout.addWidget(general)
        self.errors = FieldErrors(general)
        self._form = QFormLayout()
        self._layout.addLayout(self._form)

    def add_row(self, key: str, text: str, widget: QWidget, extra: QWidget | None = None) -> None:
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if extra is not None:
            line = QHBoxLayout()
            line.addWidget(widget, 1)
            line.addWidget(extra)
            box.addLayout(line)
        else:
            box.addWidget(widget)
        box.addWidget(self.errors.add(key, FieldError(widget, holder)))
        widget.setAccessibleName(text or key)
        if text:
            label = QLabel(text, self)
            label.setBuddy(widget)
            self._form.addRow(label, holder)
        else:
            self._form.addRow(holder)

    def add_buttons(self) -> None:
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)

    def show_errors(self, errors: dict[str, str]) -> None:
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus()

    def text_edit(self, placeholder: str, lines: int = 4) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(self.fontMetrics().lineSpacing() * lines)
        return edit


class PartnerDialog(FormDialog):
    """Add a partner to the directory; :attr:`partner` after saving."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.tr("Nieuwe partner"), parent)
        self.partner: PartnerView | None = None
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for code, text in PARTNER_KIND_LABELS.items():
            self.kind.addItem(self.tr(text), code)
        self.contact_person = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.address = QLineEdit(self)
        for key, text, widget in (
            ("name", self.tr("Naam"), self.name),
            ("kind", self.tr("Soort"), self.kind),
            ("contact_person", self.tr("Contactpersoon"), self.contact_person),
            ("phone", self.tr("Telefoon"), self.phone),
            ("email", self.tr("E-mail"), self.email),
            ("address", self.tr("Adres"), self.address),
        ):
            self.add_row(key, text, widget)
        self.add_buttons()

    def accept(self) -> None:
        form = PartnerForm(
            self.name.text(),
            str(self.kind.currentData()),
            self.contact_person.text(),
            self.phone.text(),
            self.email.text(),
            self.address.text(),
        )
        try:
            self.partner = referrals.save_partner(self._workspace.ctx, form)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        super().accept()


class ReferralDialog(FormDialog):
    """Refer the client of one dossier (or change a referral); :attr:`referral` after saving."""

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID,
        referral: ReferralView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Doorverwijzing wijzigen") if referral else self.tr("Doorverwijzen")
        super().__init__(workspace, title, parent)
        self._dossier_id = dossier_id
        self._existing = referral
        self.referral: ReferralView | None = None
        try:
            self._days = int(settings.get(workspace.ctx, "terms.referral_followup_days") or 21)
        except (KnownError, TypeError, ValueError):
            self._days = 21
        today = today_local()
        self.partner = QComboBox(self)
        self.new_partner = QPushButton(self.tr("Nieuwe partner…"), self)
        self.new_partner.clicked.connect(self._add_partner)
        self.referred_on = date_edit(self, referral.referred_on if referral else today)
        self.referred_on.setMaximumDate(qdate(today))
        self.reason = self.text_edit(self.tr("Waarom verwijst u door? Wat is de vraag aan de partner?"))
        self.warm = QCheckBox(self.tr("Warme overdracht: er is een afspraak met de partner gemaakt"), self)
        appointment = referral.partner_appointment_on if referral else None
        self.partner_on = date_edit(self, appointment or today)
        self.follow_up = date_edit(
            self, referral.follow_up_on if referral else today + timedelta(days=self._days)
        )
        self.add_row("partner_id", self.tr("Partner"), self.partner, self.new_partner)
        self.add_row("referred_on", self.tr("Doorverwezen op"), self.referred_on)
        self.add_row("reason", self.tr("Reden"), self.reason)
        self.add_row("warm_handover", "", self.warm)
        self.add_row("partner_appointment_on", self.tr("Afspraak bij partner"), self.partner_on)
        self.add_row("follow_up_on", self.tr("Navragen op"), self.follow_up)
        hint = QLabel(
            self.tr("Zonder terugkoppeling op deze datum verschijnt de doorverwijzing bij Signalen."), self
        )
        hint.setWordWrap(True)
        self._layout.addWidget(hint)
        self.add_buttons()
        self._load_partners(referral.partner_id if referral else None)
        if referral is not None:
            self.reason.setPlainText(referral.reason)
            self.warm.setChecked(referral.warm_handover)
        self.warm.toggled.connect(self._on_warm)
        self.referred_on.dateChanged.connect(self._on_referred_changed)
        self._on_warm(self.warm.isChecked())
        self.resize(580, 460)

    def _load_partners(self, select: uuid.UUID | None) -> None:
        self.partner.clear()
        self.partner.addItem(self.tr("Kies een partner…"), None)
        for p in referrals.list_partners(self._workspace.ctx):
            self.partner.addItem(f"{p.name} ({self.tr(p.kind_label)})", str(p.id))
        if select is not None:
            self.partner.setCurrentIndex(max(0, self.partner.findData(str(select))))

    def select_partner(self, name: str) -> bool:
        for i in range(self.partner.count()):
            if self.partner.itemText(i).startswith(name):
                self.partner.setCurrentIndex(i)
                return True
        return False

    def _add_partner(self) -> None:
        dialog = PartnerDialog(self._workspace, self)
        if dialog.exec() and dialog.partner is not None:
            self._load_partners(dialog.partner.id)

    def _on_warm(self, checked: bool) -> None:
        self.partner_on.setEnabled(checked)

    def _on_referred_changed(self, value: QDate) -> None:
        if self._existing is None:
            self.follow_up.setDate(value.addDays(self._days))

    def accept(self) -> None:
        partner = self.partner.currentData()
        form = ReferralForm(
            uuid.UUID(partner) if isinstance(partner, str) else None,
            pydate(self.referred_on.date()),
            self.reason.toPlainText(),
            self.warm.isChecked(),
            pydate(self.partner_on.date()) if self.warm.isChecked() else None,
            pydate(self.follow_up.date()),
        )
        try:
            if self._existing is None:
                self.referral = referrals.create_referral(self._workspace.ctx, self._dossier_id, form)
            else:
                self.referral = referrals.update_referral(self._workspace.ctx, self._existing.id, form)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(self._dossier_id)
        self._workspace.signals.signals_changed.emit()
        super().accept()


class FeedbackDialog(FormDialog):
    """Record what the partner reported back; the referral then leaves Signalen."""

    def __init__(self, workspace: Workspace, referral: ReferralView, parent: QWidget | None = None) -> None:
        super().__init__(workspace, self.tr("Terugkoppeling van {0}").format(referral.partner_name), parent)
        self._referral = referral
        self.saved: ReferralView | None = None
        self.feedback = self.text_edit(self.tr("Wat vertelde de partner? Is de cliënt gestart?"), 5)
        self.feedback.setPlainText(referral.feedback)
        self.on = date_edit(self, referral.feedback_on or today_local())
        self.on.setMaximumDate(qdate(today_local()))
        self.add_row("feedback", self.tr("Terugkoppeling"), self.feedback)
        self.add_row("feedback_on", self.tr("Ontvangen op"), self.on)
        self.add_buttons()
        self.resize(520, 320)

    def accept(self) -> None:
        try:
            self.saved = referrals.record_feedback(
                self._workspace.ctx, self._referral.id, self.feedback.toPlainText(), pydate(self.on.date())
            )
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(self._referral.dossier_id)
        self._workspace.signals.signals_changed.emit()
        super().accept()
