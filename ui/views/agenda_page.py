"""The Agenda page: one counsellor's week, with the status of every appointment.

Pick a counsellor (yourself by default), step through the weeks, plan a new appointment, and
mark one held, no-show (kept as such, DOMAIN.md) or cancelled. A planned appointment whose one
reminder is still to be sent says so (stress-sensitive: one reminder, not more; seed 001).
Appointments in a colleague's dossiers that you may not open show only that the time is taken.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.formats import MONTHS, WEEKDAYS
from app.domain.traject import AppointmentStatus
from app.errors import KnownError
from app.services import agenda
from app.services.agenda import AppointmentView, WeekView
from app.services.context import today_local
from ui.dialogs.appointment import AppointmentDialog
from ui.format import format_date
from ui.workspace import Workspace

STATUS_COLOURS = {
    AppointmentStatus.HELD.value: QColor("#2E7D32"),
    AppointmentStatus.NO_SHOW.value: QColor("#a4262c"),
    AppointmentStatus.CANCELLED.value: QColor("#6b6b6b"),
}
STATUS_BACKGROUNDS = {
    AppointmentStatus.PLANNED.value: QColor("#eaf1f8"),
    AppointmentStatus.HELD.value: QColor("#e8f3e9"),
    AppointmentStatus.NO_SHOW.value: QColor("#f9e5e6"),
    AppointmentStatus.CANCELLED.value: QColor("#f0f0f0"),
}
#: A planned appointment within this many days whose reminder was not sent gets a note.
REMINDER_DAYS = 2
ID_ROLE = Qt.ItemDataRole.UserRole


def week_title(monday: date) -> str:
    """'Week 49: 30 november – 6 december 2026'."""
    sunday = monday + timedelta(days=6)
    first = f"{monday.day} {MONTHS[monday.month - 1]}" + (
        f" {monday.year}" if monday.year != sunday.year else ""
    )
    return (
        f"Week {monday.isocalendar().week}: {first} – {sunday.day} {MONTHS[sunday.month - 1]} {sunday.year}"
    )


def item_text(a: AppointmentView, today: date) -> str:
    """Two lines for one appointment in a day column."""
    when = f"{a.starts_at:%H:%M}–{a.ends_at:%H:%M}  {a.kind_label}"
    if not a.client_name:
        return f"{when}\nAfspraak (dossier van een collega)"
    where = f"{a.client_name} · {a.place}" if a.place else a.client_name
    lines = [when, where]
    if a.status != AppointmentStatus.PLANNED.value:
        lines.append(a.status_label)
    elif (
        a.reminder_wanted and not a.reminder_sent and today <= a.day <= today + timedelta(days=REMINDER_DAYS)
    ):
        lines.append("Herinnering nog sturen")
    return "\n".join(lines)


class AgendaPage(QWidget):
    """``PAGES`` entry "Agenda" (workspace, parent)."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._monday = agenda.monday_of(today_local())
        self._week: WeekView | None = None
        self._items: dict[uuid.UUID, AppointmentView] = {}
        self._selected: uuid.UUID | None = None
        self._build()
        workspace.signals.dossier_changed.connect(lambda _id: self.reload())
        workspace.signals.signals_changed.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        label = QLabel(self.tr("Agenda van"), self)
        self.counsellor = QComboBox(self)
        self.counsellor.setAccessibleName(self.tr("Consulent"))
        label.setBuddy(self.counsellor)
        me = self._workspace.ctx.user.id
        for person in agenda.counsellors(self._workspace.ctx):
            self.counsellor.addItem(person.name, str(person.id))
        index = self.counsellor.findData(str(me))
        self.counsellor.setCurrentIndex(max(index, 0))
        self.previous_button = QPushButton(self.tr("◀ Vorige week"), self)
        self.today_button = QPushButton(self.tr("Deze week"), self)
        self.next_button = QPushButton(self.tr("Volgende week ▶"), self)
        self.week_label = QLabel(self)
        font = QFont(self.week_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.week_label.setFont(font)
        for widget in (label, self.counsellor, self.previous_button, self.today_button, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.week_label, 1)
        layout.addLayout(bar)

        grid = QHBoxLayout()
        self.day_labels: list[QLabel] = []
        self.day_lists: list[QListWidget] = []
        self._columns: list[QWidget] = []
        for i in range(7):
            column = QWidget(self)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            title = QLabel(column)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            items = QListWidget(column)
            items.setWordWrap(True)
            items.setSpacing(3)
            items.setAccessibleName(WEEKDAYS[i])
            items.itemSelectionChanged.connect(lambda i=i: self._on_selection(i))
            items.itemDoubleClicked.connect(lambda _item: self.open_dossier())
            box.addWidget(title)
            box.addWidget(items, 1)
            grid.addWidget(column, 1)
            self.day_labels.append(title)
            self.day_lists.append(items)
            self._columns.append(column)
        layout.addLayout(grid, 1)

        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Nieuwe afspraak…"), self)
        self.edit_button = QPushButton(self.tr("Wijzigen…"), self)
        self.held_button = QPushButton(self.tr("Gehouden"), self)
        self.no_show_button = QPushButton(self.tr("Niet verschenen"), self)
        self.cancel_button = QPushButton(self.tr("Afgezegd"), self)
        self.reminder_button = QPushButton(self.tr("Herinnering verstuurd"), self)
        self.open_button = QPushButton(self.tr("Dossier openen"), self)
        for button in (
            self.new_button,
            self.edit_button,
            self.held_button,
            self.no_show_button,
            self.cancel_button,
            self.reminder_button,
            self.open_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.hint = QLabel(self.tr("Dubbelklik op een afspraak om het dossier te openen."), self)
        layout.addWidget(self.hint)

        self.counsellor.currentIndexChanged.connect(lambda _i: self.reload())
        self.previous_button.clicked.connect(lambda: self.go(-7))
        self.next_button.clicked.connect(lambda: self.go(7))
        self.today_button.clicked.connect(self.this_week)
        self.new_button.clicked.connect(self.new_appointment)
        self.edit_button.clicked.connect(self.edit_appointment)
        self.held_button.clicked.connect(lambda: self.mark(AppointmentStatus.HELD.value))
        self.no_show_button.clicked.connect(lambda: self.mark(AppointmentStatus.NO_SHOW.value))
        self.cancel_button.clicked.connect(lambda: self.mark(AppointmentStatus.CANCELLED.value))
        self.reminder_button.clicked.connect(self.reminder_sent)
        self.open_button.clicked.connect(self.open_dossier)

    # ------------------------------------------------------------------ data

    @property
    def monday(self) -> date:
        return self._monday

    @property
    def week(self) -> WeekView | None:
        return self._week

    @property
    def selected(self) -> AppointmentView | None:
        return self._items.get(self._selected) if self._selected else None

    def counsellor_id(self) -> uuid.UUID | None:
        data = self.counsellor.currentData()
        return uuid.UUID(data) if isinstance(data, str) else None

    def go(self, days: int) -> None:
        self._monday += timedelta(days=days)
        self.reload()

    def this_week(self) -> None:
        self._monday = agenda.monday_of(today_local())
        self.reload()

    def show_week_of(self, day: date) -> None:
        self._monday = agenda.monday_of(day)
        self.reload()

    def reload(self) -> None:
        who = self.counsellor_id()
        self.week_label.setText(self.tr(week_title(self._monday)))
        if who is None:
            return
        try:
            self._week = agenda.week(self._workspace.ctx, who, self._monday)
        except KnownError as exc:
            self.week_label.setText(str(exc))
            return
        today = today_local()
        keep = self._selected
        self._items = {}
        self._selected = None
        for i, (day, items) in enumerate(self._week.days):
            title = f"{WEEKDAYS[i]} {day.day}-{day.month}"
            self.day_labels[i].setText(f"<b>{title}</b>" if day == today else title)
            column = self.day_lists[i]
            column.blockSignals(True)
            column.clear()
            for a in items:
                self._items[a.id] = a
                item = QListWidgetItem(item_text(a, today), column)
                item.setData(ID_ROLE, a.id)
                item.setToolTip(self._tooltip(a))
                if a.status in STATUS_BACKGROUNDS and a.client_name:
                    item.setBackground(STATUS_BACKGROUNDS[a.status])
                if a.status in STATUS_COLOURS:
                    item.setForeground(STATUS_COLOURS[a.status])
                if a.status == AppointmentStatus.CANCELLED.value:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                if a.id == keep:
                    item.setSelected(True)
                    self._selected = a.id
            column.blockSignals(False)
            self._columns[i].setVisible(i < 5 or bool(items))
        self._update_buttons()

    def _tooltip(self, a: AppointmentView) -> str:
        if not a.client_name:
            return self.tr("Bezet")
        parts = [
            f"{a.kind_label} met {a.client_name} ({a.number})",
            f"{format_date(a.day)} {a.starts_at:%H:%M}",
            a.place,
            a.status_label,
        ]
        if a.status_note:
            parts.append(a.status_note)
        if a.practical_note:
            parts.append(self.tr("Praktisch: {0}").format(a.practical_note))
        return "\n".join(p for p in parts if p)

    def _on_selection(self, index: int) -> None:
        column = self.day_lists[index]
        chosen = column.selectedItems()
        if chosen:
            for other in self.day_lists:
                if other is not column:
                    other.blockSignals(True)
                    other.clearSelection()
                    other.blockSignals(False)
            self._selected = chosen[0].data(ID_ROLE)
        elif not any(other.selectedItems() for other in self.day_lists):
            self._selected = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        a = self.selected
        mine = a is not None and bool(a.client_name)
        past = a is not None and a.day <= today_local()
        for button in (self.edit_button, self.cancel_button, self.open_button):
            button.setEnabled(mine)
        self.held_button.setEnabled(mine and past)
        self.no_show_button.setEnabled(mine and past)
        self.reminder_button.setEnabled(
            mine and a is not None and a.status == AppointmentStatus.PLANNED.value and not a.reminder_sent
        )

    def select_appointment(self, appointment_id: uuid.UUID) -> bool:
        """Select one appointment of the shown week (for the keyboard and tests)."""
        for column in self.day_lists:
            for row in range(column.count()):
                item = column.item(row)
                if item.data(ID_ROLE) == appointment_id:
                    column.setCurrentItem(item)
                    item.setSelected(True)
                    return True
        return False

    # ------------------------------------------------------------------ actions

    def mark(self, status: str) -> None:
        a = self.selected
        if a is None:
            return
        try:
            agenda.set_status(self._workspace.ctx, a.id, status)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self._workspace.signals.dossier_changed.emit(a.dossier_id)
        self._workspace.signals.signals_changed.emit()

    def reminder_sent(self) -> None:
        a = self.selected
        if a is None:
            return
        try:
            agenda.mark_reminder_sent(self._workspace.ctx, a.id)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self.reload()

    def new_appointment(self) -> None:
        day = (
            max(self._monday, today_local())
            if self._monday <= today_local() < self._monday + timedelta(7)
            else self._monday
        )
        AppointmentDialog(
            self._workspace, None, parent=self, day=day, counsellor_id=self.counsellor_id()
        ).exec()

    def edit_appointment(self) -> None:
        a = self.selected
        if a is not None and a.client_name:
            AppointmentDialog(self._workspace, a.dossier_id, a, parent=self).exec()

    def open_dossier(self) -> None:
        a = self.selected
        if a is not None and a.client_name:
            self._workspace.signals.open_dossier.emit(a.dossier_id)
