"""Sections of the Traject tab: appointments, stabilisation agreements, referrals, support.

Each section is a group box with a small read-only table and its buttons; it reloads itself
from the services and tells the workspace what changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.traject import AppointmentStatus
from app.errors import KnownError
from app.services import agenda, referrals, traject
from app.services.agenda import AppointmentView
from app.services.referrals import ReferralView, SupportProductView
from app.services.traject import StabilisationView
from ui.dialogs.appointment import AppointmentDialog
from ui.dialogs.referral import FeedbackDialog, ReferralDialog
from ui.dialogs.traject_items import EndDateDialog, StabilisationDialog, SupportProductDialog
from ui.format import format_date
from ui.workspace import Workspace

LATE_COLOUR = QColor("#a4262c")
OK_COLOUR = QColor("#2E7D32")

Cell = str | tuple[str, QColor | None]


def make_table(parent: QWidget, headers: Sequence[str], name: str) -> QTableWidget:
    """A compact read-only table that selects whole rows."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAccessibleName(name)
    table.setWordWrap(False)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[Cell]], keys: Sequence[object]) -> None:
    """Show ``rows``; each row's first item carries its key (``Qt.UserRole``)."""
    table.setRowCount(len(rows))
    for r, (cells, key) in enumerate(zip(rows, keys, strict=True)):
        for c, cell in enumerate(cells):
            text, colour = cell if isinstance(cell, tuple) else (cell, None)
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if colour is not None:
                item.setForeground(colour)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    rows_shown = min(max(len(rows), 1), 8)
    height = (
        table.horizontalHeader().sizeHint().height()
        + rows_shown * table.verticalHeader().defaultSectionSize()
    )
    table.setFixedHeight(height + 2 * table.frameWidth() + 2)


def selected_key(table: QTableWidget) -> object:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class Section(QGroupBox):
    """A titled part of the Traject tab with a table and buttons under it."""

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID,
        title: str,
        headers: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        layout = QVBoxLayout(self)
        self.table = make_table(self, headers, title)
        layout.addWidget(self.table)
        self.buttons = QHBoxLayout()
        self._row_buttons: list[QPushButton] = []
        layout.addLayout(self.buttons)
        self.table.itemSelectionChanged.connect(self.update_buttons)

    def button(self, text: str, slot: Callable[[], None], *, needs_row: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        if needs_row:
            self._row_buttons.append(button)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = selected_key(self.table) is not None
        for button in self._row_buttons:
            button.setEnabled(chosen)

    def changed(self) -> None:
        self._workspace.signals.dossier_changed.emit(self._dossier_id)
        self._workspace.signals.signals_changed.emit()

    def run(self, work: Callable[[], object]) -> bool:
        """Call a service; show a calm message on a known error."""
        try:
            work()
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return False
        self.changed()
        return True

    def reload(self) -> None:
        raise NotImplementedError


class AppointmentsSection(Section):
    """The dossier's appointments; mark held / no-show / cancelled."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(
            workspace,
            dossier_id,
            self.tr("Afspraken"),
            [
                self.tr("Datum"),
                self.tr("Tijd"),
                self.tr("Soort"),
                self.tr("Plaats"),
                self.tr("Met"),
                self.tr("Status"),
            ],
            parent,
        )
        self._items: dict[uuid.UUID, AppointmentView] = {}
        self.new_button = self.button(self.tr("Nieuwe afspraak…"), self.new_appointment)
        self.edit_button = self.button(self.tr("Wijzigen…"), self.edit_appointment, needs_row=True)
        self.held_button = self.button(
            self.tr("Gehouden"), lambda: self.mark(AppointmentStatus.HELD), needs_row=True
        )
        self.no_show_button = self.button(
            self.tr("Niet verschenen"), lambda: self.mark(AppointmentStatus.NO_SHOW), needs_row=True
        )
        self.cancel_button = self.button(
            self.tr("Afgezegd"), lambda: self.mark(AppointmentStatus.CANCELLED), needs_row=True
        )
        self.finish_buttons()

    def reload(self) -> None:
        items = agenda.dossier_appointments(self._workspace.ctx, self._dossier_id)
        self._items = {a.id: a for a in items}
        colours = {AppointmentStatus.NO_SHOW.value: LATE_COLOUR, AppointmentStatus.HELD.value: OK_COLOUR}
        fill_table(
            self.table,
            [
                [
                    format_date(a.day),
                    f"{a.starts_at:%H:%M}–{a.ends_at:%H:%M}",
                    a.kind_label,
                    a.place,
                    a.counsellor_name,
                    (a.status_label, colours.get(a.status)),
                ]
                for a in items
            ],
            [a.id for a in items],
        )
        self.update_buttons()

    def chosen(self) -> AppointmentView | None:
        key = selected_key(self.table)
        return self._items.get(key) if isinstance(key, uuid.UUID) else None

    def new_appointment(self) -> None:
        AppointmentDialog(self._workspace, self._dossier_id, parent=self).exec()

    def edit_appointment(self) -> None:
        if (a := self.chosen()) is not None:
            AppointmentDialog(self._workspace, self._dossier_id, a, parent=self).exec()

    def mark(self, status: str) -> None:
        if (a := self.chosen()) is not None:
            self.run(lambda: agenda.set_status(self._workspace.ctx, a.id, status))


class StabilisationSection(Section):
    """Stabilisation agreements: start, extend once, close."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(
            workspace,
            dossier_id,
            self.tr("Stabilisatieovereenkomst"),
            [
                self.tr("Start"),
                self.tr("Loopt tot"),
                self.tr("Waarschuwing vanaf"),
                self.tr("Status"),
                self.tr("Schuldeisers"),
            ],
            parent,
        )
        self._items: dict[uuid.UUID, StabilisationView] = {}
        self.button(self.tr("Nieuwe overeenkomst…"), self.start)
        self.extend_button = self.button(self.tr("Verlengen met 4 maanden"), self.extend, needs_row=True)
        self.close_button = self.button(self.tr("Afronden…"), self.close_agreement, needs_row=True)
        self.finish_buttons()

    def reload(self) -> None:
        items = traject.stabilisation_agreements(self._workspace.ctx, self._dossier_id)
        self._items = {a.id: a for a in items}
        rows: list[list[Cell]] = []
        for a in items:
            end = format_date(a.end) + (self.tr(" (verlengd)") if a.extended_until else "")
            status = a.status_label + (f" {format_date(a.closed_on)}" if a.closed_on else "")
            rows.append(
                [
                    format_date(a.starts_on),
                    end,
                    format_date(a.warn_on) if not a.closed_on else "",
                    (status, LATE_COLOUR if a.status == "overdue" else None),
                    a.creditors_note,
                ]
            )
        fill_table(self.table, rows, [a.id for a in items])
        self.update_buttons()

    def chosen(self) -> StabilisationView | None:
        key = selected_key(self.table)
        return self._items.get(key) if isinstance(key, uuid.UUID) else None

    def update_buttons(self) -> None:
        super().update_buttons()
        a = self.chosen() if hasattr(self, "_items") else None
        if hasattr(self, "extend_button"):
            self.extend_button.setEnabled(a is not None and a.can_extend)
            self.close_button.setEnabled(a is not None and a.closed_on is None)

    def start(self) -> None:
        StabilisationDialog(self._workspace, self._dossier_id, self).exec()

    def extend(self) -> None:
        if (a := self.chosen()) is not None:
            self.run(lambda: traject.extend_stabilisation(self._workspace.ctx, a.id))

    def close_agreement(self) -> None:
        if (a := self.chosen()) is None:
            return
        dialog = EndDateDialog(
            self._workspace,
            self.tr("Overeenkomst afronden"),
            self.tr("Afgerond op"),
            earliest=a.starts_on,
            with_note=True,
            parent=self,
        )
        if dialog.exec():
            self.run(
                lambda: traject.close_stabilisation(
                    self._workspace.ctx, a.id, dialog.value, dialog.note.text()
                )
            )


class ReferralsSection(Section):
    """Referrals to partners with their follow-up and feedback."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(
            workspace,
            dossier_id,
            self.tr("Doorverwijzingen"),
            [
                self.tr("Partner"),
                self.tr("Op"),
                self.tr("Warme overdracht"),
                self.tr("Navragen op"),
                self.tr("Terugkoppeling"),
            ],
            parent,
        )
        self._items: dict[uuid.UUID, ReferralView] = {}
        self.button(self.tr("Doorverwijzen…"), self.refer)
        self.button(self.tr("Wijzigen…"), self.edit, needs_row=True)
        self.feedback_button = self.button(self.tr("Terugkoppeling…"), self.feedback, needs_row=True)
        self.finish_buttons()

    def reload(self) -> None:
        items = referrals.dossier_referrals(self._workspace.ctx, self._dossier_id)
        self._items = {r.id: r for r in items}
        rows: list[list[Cell]] = []
        for r in items:
            warm = (
                self.tr("Ja, afspraak {0}").format(format_date(r.partner_appointment_on))
                if r.warm_handover
                else self.tr("Nee")
            )
            if r.feedback_on is not None:
                answer: Cell = (f"{format_date(r.feedback_on)}: {r.feedback}", None)
            else:
                answer = (self.tr("Nog niet ontvangen"), LATE_COLOUR)
            rows.append(
                [
                    f"{r.partner_name} ({r.partner_kind_label})",
                    format_date(r.referred_on),
                    warm,
                    format_date(r.follow_up_on),
                    answer,
                ]
            )
        fill_table(self.table, rows, [r.id for r in items])
        self.update_buttons()

    def chosen(self) -> ReferralView | None:
        key = selected_key(self.table)
        return self._items.get(key) if isinstance(key, uuid.UUID) else None

    def refer(self) -> None:
        ReferralDialog(self._workspace, self._dossier_id, parent=self).exec()

    def edit(self) -> None:
        if (r := self.chosen()) is not None:
            ReferralDialog(self._workspace, self._dossier_id, r, parent=self).exec()

    def feedback(self) -> None:
        if (r := self.chosen()) is not None:
            FeedbackDialog(self._workspace, r, self).exec()


class SupportSection(Section):
    """Support products (DDAS begeleidingssoort) with start and end."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(
            workspace,
            dossier_id,
            self.tr("Ondersteuning"),
            [self.tr("Soort"), self.tr("Start"), self.tr("Einde"), self.tr("Opmerking")],
            parent,
        )
        self._items: dict[uuid.UUID, SupportProductView] = {}
        self.button(self.tr("Toevoegen…"), self.add)
        self.end_button = self.button(self.tr("Beëindigen…"), self.end, needs_row=True)
        self.finish_buttons()

    def reload(self) -> None:
        items = referrals.dossier_support_products(self._workspace.ctx, self._dossier_id)
        self._items = {s.id: s for s in items}
        fill_table(
            self.table,
            [
                [
                    s.product_label,
                    format_date(s.starts_on),
                    format_date(s.ends_on) if s.ends_on else self.tr("loopt"),
                    s.note,
                ]
                for s in items
            ],
            [s.id for s in items],
        )
        self.update_buttons()

    def add(self) -> None:
        SupportProductDialog(self._workspace, self._dossier_id, self).exec()

    def end(self) -> None:
        key = selected_key(self.table)
        s = self._items.get(key) if isinstance(key, uuid.UUID) else None
        if s is None:
            return
        dialog = EndDateDialog(
            self._workspace,
            self.tr("Ondersteuning beëindigen"),
            self.tr("Einde op"),
            earliest=s.starts_on,
            parent=self,
        )
        if dialog.exec():
            self.run(lambda: referrals.end_support_product(self._workspace.ctx, s.id, dialog.value))
