"""Plan or change an appointment, with stress-sensitive hints while planning.

The hints come from ``app.services.agenda.planning_hints`` (seed 001 "stress-sensitieve
dienstverlening"): a complex talk after 12:00 is better planned in the morning; one reminder,
not more; think of travel, parking and childcare costs; earlier no-shows at the office suggest a
home visit. They are advice, never a block.
"""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.traject import APPOINTMENT_KIND_LABELS, AppointmentKind
from app.errors import KnownError, ValidationError
from app.rules.workdays import is_workday
from app.services import agenda
from app.services.agenda import AppointmentForm, AppointmentView, PlanningContext
from app.services.context import today_local
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import search_dossiers
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workspace import Workspace

OFFICE_PLACE = "Gemeentehuis, spreekkamer"
HOME_PLACE = "Bij de cliënt thuis"
PHONE_PLACE = "Telefonisch"
_DEFAULT_PLACES = {
    AppointmentKind.INTAKE.value: OFFICE_PLACE,
    AppointmentKind.CONSULTATION_HOUR.value: OFFICE_PLACE,
    AppointmentKind.HOME_VISIT.value: HOME_PLACE,
    AppointmentKind.PHONE.value: PHONE_PLACE,
}
_EMPTY_CONTEXT = PlanningContext(0, 0, 0, False)


def next_workday(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


class AppointmentDialog(QDialog):
    """New appointment (``appointment`` None) or a change to one; :attr:`appointment` after saving."""

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID | None,
        appointment: AppointmentView | None = None,
        parent: QWidget | None = None,
        *,
        day: date | None = None,
        counsellor_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = appointment.dossier_id if appointment else dossier_id
        self._existing = appointment
        self._saved: AppointmentView | None = None
        self._context = _EMPTY_CONTEXT
        self._build(day, counsellor_id)
        self._load_context()
        self.update_hints()

    # ------------------------------------------------------------------ widgets

    def _build(self, day: date | None, counsellor_id: uuid.UUID | None) -> None:
        a = self._existing
        self.setWindowTitle(self.tr("Afspraak wijzigen") if a else self.tr("Nieuwe afspraak"))
        layout = QVBoxLayout(self)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        layout.addLayout(form)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("bijvoorbeeld 2026-DW-00042"))
        self.client_label = QLabel(self)
        self.kind = QComboBox(self)
        for code, text in APPOINTMENT_KIND_LABELS.items():
            self.kind.addItem(self.tr(text), code)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        self.day.setDisplayFormat("dddd dd-MM-yyyy")
        self.starts_at = QTimeEdit(self)
        self.starts_at.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(5, 480)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" minuten"))
        self.place = QComboBox(self)
        self.place.setEditable(True)
        self.place.addItems([OFFICE_PLACE, HOME_PLACE, PHONE_PLACE])
        self.counsellor = QComboBox(self)
        for person in agenda.counsellors(self._workspace.ctx):
            self.counsellor.addItem(person.name, str(person.id))
        self.complex_talk = QCheckBox(self.tr("Moeilijk of spannend gesprek"), self)
        self.reminder = QCheckBox(self.tr("Stuur één herinnering"), self)
        self.practical = QLineEdit(self)
        self.practical.setPlaceholderText(self.tr("Reiskosten, parkeren, kinderopvang, iets meenemen…"))
        rows: list[tuple[str, str, QWidget]] = []
        if self._dossier_id is None:
            rows.append(("dossier", self.tr("Dossiernummer"), self.number))
        else:
            self.number.hide()
            self.client_label.hide()
        rows += [
            ("kind", self.tr("Soort"), self.kind),
            ("day", self.tr("Datum"), self.day),
            ("starts_at", self.tr("Tijd"), self.starts_at),
            ("duration_minutes", self.tr("Duur"), self.duration),
            ("place", self.tr("Plaats"), self.place),
            ("counsellor_id", self.tr("Met"), self.counsellor),
            ("complex_talk", "", self.complex_talk),
            ("reminder_wanted", "", self.reminder),
            ("practical_note", self.tr("Praktisch"), self.practical),
        ]
        for key, text, widget in rows:
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            if key == "dossier":
                box.addWidget(self.client_label)
            box.addWidget(self.errors.add(key, FieldError(widget, holder)))
            widget.setAccessibleName(text or widget.property("text") or key)
            if text:
                label = QLabel(text, self)
                label.setBuddy(widget)
                form.addRow(label, holder)
            else:
                form.addRow(holder)
        self.hints_frame = QFrame(self)
        self.hints_frame.setStyleSheet("QFrame { background: #eaf1f8; border-radius: 4px; }")
        hints_box = QVBoxLayout(self.hints_frame)
        title = QLabel(self.tr("<b>Tips voor een goede afspraak</b>"), self.hints_frame)
        hints_box.addWidget(title)
        self.hints_label = QLabel(self.hints_frame)
        self.hints_label.setWordWrap(True)
        self.hints_label.setAccessibleName(self.tr("Tips voor de afspraak"))
        hints_box.addWidget(self.hints_label)
        self.hints_frame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.hints_frame)
        layout.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self._fill(day, counsellor_id)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        for signal in (
            self.day.dateChanged,
            self.starts_at.timeChanged,
            self.duration.valueChanged,
            self.complex_talk.toggled,
            self.reminder.toggled,
            self.counsellor.currentIndexChanged,
        ):
            signal.connect(self.update_hints)
        self.number.editingFinished.connect(self._find_dossier)
        self.resize(600, 560)

    def _fill(self, day: date | None, counsellor_id: uuid.UUID | None) -> None:
        a = self._existing
        start = a.day if a else (day or next_workday(today_local() + timedelta(days=1)))
        self.day.setDate(QDate(start.year, start.month, start.day))
        clock = a.starts_at if a else time(9, 30)
        self.starts_at.setTime(QTime(clock.hour, clock.minute))
        self.duration.setValue(a.duration_minutes if a else 60)
        if a is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind)))
            self.place.setCurrentText(a.place)
            self.complex_talk.setChecked(a.complex_talk)
            self.reminder.setChecked(a.reminder_wanted)
            self.practical.setText(a.practical_note)
        else:
            self.place.setCurrentText(OFFICE_PLACE)
            self.reminder.setChecked(True)
        who = a.counsellor_id if a else (counsellor_id or self._workspace.ctx.user.id)
        index = self.counsellor.findData(str(who))
        if index >= 0:
            self.counsellor.setCurrentIndex(index)

    # ------------------------------------------------------------------ behaviour

    @property
    def appointment(self) -> AppointmentView | None:
        return self._saved

    @property
    def hints(self) -> list[str]:
        return [line.removeprefix("• ") for line in self.hints_label.text().split("\n") if line]

    def set_kind(self, code: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(code))

    def set_time(self, hour: int, minute: int = 0) -> None:
        self.starts_at.setTime(QTime(hour, minute))

    def _on_kind_changed(self) -> None:
        code = str(self.kind.currentData())
        if self.place.currentText() in _DEFAULT_PLACES.values() or not self.place.currentText().strip():
            self.place.setCurrentText(_DEFAULT_PLACES.get(code, ""))
        if code == AppointmentKind.PHONE.value and self.duration.value() == 60:
            self.duration.setValue(20)
        self.update_hints()

    def _find_dossier(self) -> None:
        text = self.number.text().strip()
        self._dossier_id = None
        self.client_label.setText("")
        if not text:
            return
        try:
            rows = search_dossiers(
                self._workspace.ctx, SearchCriteria(text=text, include_ended=False), limit=2
            )
        except KnownError as exc:
            self.client_label.setText(str(exc))
            return
        exact = [r for r in rows if r.number.upper() == text.upper()] or (rows if len(rows) == 1 else [])
        if not exact:
            self.client_label.setText(self.tr("Geen open dossier met dit nummer gevonden."))
            return
        self._dossier_id = exact[0].id
        self.client_label.setText(self.tr("{0}, dossier {1}").format(exact[0].name, exact[0].number))
        self._load_context()
        self.update_hints()

    def _load_context(self) -> None:
        if self._dossier_id is None:
            self._context = _EMPTY_CONTEXT
            return
        try:
            self._context = agenda.planning_context(self._workspace.ctx, self._dossier_id)
        except KnownError:
            self._context = _EMPTY_CONTEXT

    def counsellor_id(self) -> uuid.UUID | None:
        data = self.counsellor.currentData()
        return uuid.UUID(data) if isinstance(data, str) else None

    def _slot(self) -> tuple[date, time]:
        d, t = self.day.date(), self.starts_at.time()
        return date(d.year(), d.month(), d.day()), time(t.hour(), t.minute())

    def update_hints(self) -> None:
        day, start = self._slot()
        busy = 0
        counsellor = self.counsellor_id()
        if counsellor is not None:
            busy = agenda.busy_count(
                self._workspace.ctx,
                counsellor,
                day,
                start,
                self.duration.value(),
                ignore=self._existing.id if self._existing else None,
            )
        lines = agenda.planning_hints(
            str(self.kind.currentData()),
            start,
            self.complex_talk.isChecked(),
            self.reminder.isChecked(),
            self._context,
            busy,
        )
        if not is_workday(day):
            lines.insert(0, self.tr("Let op: dit is geen werkdag."))
        self.hints_label.setText("\n".join(f"• {self.tr(line)}" for line in lines))
        self.hints_frame.setVisible(bool(lines))

    def accept(self) -> None:
        if self._dossier_id is None:
            self._find_dossier()
            if self._dossier_id is None:
                self._show({"dossier": self.tr("Vul het nummer van een open dossier in.")})
                return
        day, start = self._slot()
        counsellor = self.counsellor_id()
        form = AppointmentForm(
            self._dossier_id,
            str(self.kind.currentData()),
            day,
            start,
            self.duration.value(),
            self.place.currentText(),
            counsellor,
            self.complex_talk.isChecked(),
            self.reminder.isChecked(),
            self.practical.text(),
        )
        try:
            if self._existing is None:
                self._saved = agenda.create_appointment(self._workspace.ctx, form)
            else:
                self._saved = agenda.update_appointment(self._workspace.ctx, self._existing.id, form)
        except ValidationError as exc:
            self._show(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Afspraak niet opgeslagen"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(self._dossier_id)
        self._workspace.signals.signals_changed.emit()
        super().accept()

    def _show(self, errors: dict[str, str]) -> None:
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus()
