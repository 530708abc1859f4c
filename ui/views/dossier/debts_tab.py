"""The *Schulden* tab: every debt of the dossier with running totals, fast to fill in by keyboard.

The entry row at the top takes the common case — schuldeiser, omschrijving, kenmerk, bedrag,
saldo with peildatum — and Enter adds it; the table shows all debts (priority debts first, the
post with each creditor as a colour from ``app.rules.debts.CORRESPONDENCE_COLOURS``); Enter on a
row opens every detail, Delete removes it. The totals above the table follow every change.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.rules.debts import CORRESPONDENCE_COLOURS, CORRESPONDENCE_LABELS, CorrespondenceStatus
from app.services.context import today_local
from app.services.creditors import list_creditors
from app.services.debt_views import CreditorView, DebtForm, DebtOverview, DebtView
from app.services.debts import add_debt, debt_overview, delete_debt, set_correspondence
from app.services.overview_documents import debt_overview_pdf
from ui.dialogs.creditor import CreditorDialog
from ui.dialogs.debt import CreditorCombo, DebtDialog
from ui.format import format_date, format_money
from ui.models.record_table import RECORD_ROLE
from ui.views.dossier.debt_table import COLUMNS, MAX_COLUMN_WIDTH, DebtTableModel, save_overview_pdf
from ui.views.dossier.view import DossierView
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import ERROR_COLOUR, FieldError, FieldErrors
from ui.widgets.money_edit import MoneyEdit
from ui.workspace import Workspace


class DebtsTab(QWidget):
    """All debts of one dossier, an entry row, the running totals and the printable overview."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        view = DossierView.of(parent)
        self._number = view.detail.number if view is not None else ""
        self._can_edit = view is None or view.can_edit
        self.overview: DebtOverview | None = None
        self._creditors: list[CreditorView] = []
        self._announcing = False
        self._build()
        self._connect()
        self.reload()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAccessibleName(self.tr("Totalen van de schulden"))
        layout.addWidget(self.totals)

        self.entry = QFrame(self)
        self.entry.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry.setAccessibleName(self.tr("Schuld snel toevoegen"))
        grid = QGridLayout(self.entry)
        self.entry_creditor = CreditorCombo(self.entry)
        self.entry_description = QLineEdit(self.entry)
        self.entry_description.setPlaceholderText(self.tr("Bijvoorbeeld: telefoonabonnement"))
        self.entry_reference = QLineEdit(self.entry)
        self.entry_amount = MoneyEdit(self.entry)
        self.entry_balance = MoneyEdit(self.entry)
        self.entry_balance_on = DateEdit(self.entry, value=today_local())
        self.add_button = QPushButton(self.tr("&Toevoegen"), self.entry)
        self.add_button.setToolTip(self.tr("Schuld toevoegen (Enter)"))
        general = FieldError(None, self.entry)
        self.entry_errors = FieldErrors(general)
        fields: list[tuple[str, str, QWidget]] = [
            ("creditor_id", self.tr("&Schuldeiser"), self.entry_creditor),
            ("description", self.tr("Omschrijving"), self.entry_description),
            ("creditor_reference", self.tr("Kenmerk"), self.entry_reference),
            ("reported_cents", self.tr("Bedrag &aangemeld"), self.entry_amount),
            ("balance_cents", self.tr("Saldo nu"), self.entry_balance),
            ("balance_on", self.tr("Peildatum"), self.entry_balance_on),
        ]
        for column, (key, text, widget) in enumerate(fields):
            label = QLabel(text, self.entry)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
            error = widget.error_label if isinstance(widget, MoneyEdit) else FieldError(widget, self.entry)
            grid.addWidget(error, 2, column)
            self.entry_errors.add(key, error)
        grid.addWidget(self.add_button, 1, len(fields))
        grid.addWidget(general, 3, 0, 1, len(fields) + 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        layout.addWidget(self.entry)

        bar = QHBoxLayout()
        self.detail_button = QPushButton(self.tr("&Nieuwe schuld met alle details…"), self)
        self.edit_button = QPushButton(self.tr("&Wijzigen…"), self)
        self.delete_button = QPushButton(self.tr("&Verwijderen"), self)
        self.post = QComboBox(self)
        self.post.setAccessibleName(self.tr("Post met de gekozen schuldeiser"))
        self.post.addItem(self.tr("Post bijwerken…"), None)
        for status in CorrespondenceStatus:
            self.post.addItem(CORRESPONDENCE_LABELS[status], status.value)
            self.post.setItemData(
                self.post.count() - 1, QColor(CORRESPONDENCE_COLOURS[status]), Qt.ItemDataRole.BackgroundRole
            )
        self.print_button = QPushButton(self.tr("Overzicht &afdrukken (PDF)"), self)
        for widget in (self.detail_button, self.edit_button, self.delete_button, self.post):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)

        self.model = DebtTableModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Schulden"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.totals_by_kind = QLabel(self)
        self.totals_by_kind.setWordWrap(True)
        self.totals_by_kind.setAccessibleName(self.tr("Totalen per soort schuldeiser"))
        layout.addWidget(self.totals_by_kind)
        if not self._can_edit:
            for widget in (self.entry, self.detail_button, self.edit_button, self.delete_button, self.post):
                widget.setEnabled(False)

    def _connect(self) -> None:
        for widget in (
            self.entry_description,
            self.entry_reference,
            self.entry_amount,
            self.entry_balance,
            self.entry_balance_on,
        ):
            widget.returnPressed.connect(self.add_from_entry)
        line = self.entry_creditor.lineEdit()
        if line is not None:
            line.returnPressed.connect(self.add_from_entry)
        self.add_button.clicked.connect(self.add_from_entry)
        self.detail_button.clicked.connect(self.add_with_dialog)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.post.activated.connect(self._on_post)
        self.print_button.clicked.connect(self.print_overview)
        self.table.activated.connect(lambda _index: self.edit_selected())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected, context)
        QShortcut(QKeySequence.StandardKey.New, self, self.focus_entry, context)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_overview, context)
        self._workspace.signals.dossier_changed.connect(self._on_dossier_changed)

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        """Read the debts and creditors again and show them with their totals."""
        try:
            self.overview = debt_overview(self._workspace.ctx, self._dossier_id)
            self._creditors = list_creditors(self._workspace.ctx)
        except KnownError as exc:
            self.totals.setText(str(exc))
            return
        self.entry_creditor.set_creditors(self._creditors)
        self.model.set_rows(self.overview.debts)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_WIDTH))
        self._show_totals(self.overview)

    def _show_totals(self, o: DebtOverview) -> None:
        count = len(o.debts)
        parts = [
            f"<b>{self.tr('Totaal nu')}: {format_money(o.total_cents)}</b>",
            self.tr("{0} schulden").format(count) if count != 1 else self.tr("1 schuld"),
            f"{self.tr('bij de start')} ({format_date(o.start_on)}): {format_money(o.total_at_start_cents)}",
            f"{self.tr('regelbaar')}: {format_money(o.settleable_cents)}",
            f"{self.tr('voorrang')}: {format_money(o.priority_cents)}",
        ]
        if o.business_cents:
            parts.append(f"{self.tr('zakelijk')}: {format_money(o.business_cents)}")
        if o.stale_count:
            parts.append(
                f"<span style='color:{ERROR_COLOUR}'>⚠ "
                + self.tr("{0} saldo ouder dan 6 maanden").format(o.stale_count)
                + "</span>"
            )
        self.totals.setText(" · ".join(parts))
        ddas = " · ".join(f"{k.label} {format_money(k.cents)}" for k in o.by_ddas_kind)
        kinds = " · ".join(f"{k.label} {format_money(k.cents)}" for k in o.by_kind)
        self.totals_by_kind.setText(
            f"{self.tr('Per schuldsoort (DDAS)')}: {ddas}\n{self.tr('Per soort schuldeiser')}: {kinds}"
        )

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id and not self._announcing:
            self.reload()

    def _changed(self) -> None:
        """Show the new state and tell the other views (timeline) without reloading twice."""
        self.reload()
        self._announcing = True
        try:
            view = DossierView.of(self)
            if view is not None:
                view.announce_change()
            else:
                self._workspace.signals.dossier_changed.emit(self._dossier_id)
        finally:
            self._announcing = False

    def selected(self) -> DebtView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record = self.model.data(rows[0], RECORD_ROLE)
        return record if isinstance(record, DebtView) else None

    # ------------------------------------------------------------------ actions

    def focus_entry(self) -> None:
        self.entry_creditor.setFocus()

    def _entry_form(self) -> DebtForm | None:
        errors: dict[str, str] = {}
        for key, edit in (("reported_cents", self.entry_amount), ("balance_cents", self.entry_balance)):
            if (message := edit.error()) is not None:
                errors[key] = message
        if (message := self.entry_balance_on.error()) is not None:
            errors["balance_on"] = message
        creditor = self.entry_creditor.creditor_id()
        if creditor is None and not errors:
            creditor = self._offer_new_creditor()
            if creditor is None:
                errors["creditor_id"] = self.tr("Kies een schuldeiser uit de lijst, of maak een nieuwe aan.")
        if errors or creditor is None:
            first = self.entry_errors.show(errors)
            if first is not None:
                first.setFocus()
            return None
        balance = self.entry_balance.value_cents
        return DebtForm(
            creditor_id=creditor,
            description=self.entry_description.text(),
            creditor_reference=self.entry_reference.text(),
            reported_cents=self.entry_amount.value_cents,
            balance_cents=balance,
            balance_on=self.entry_balance_on.value if balance is not None else None,
        )

    def _offer_new_creditor(self) -> uuid.UUID | None:
        name = self.entry_creditor.currentText().strip()
        if not name:
            return None
        dialog = CreditorDialog(self._workspace, None, self, name=name)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_view is None:
            return None
        self._creditors = list_creditors(self._workspace.ctx)
        self.entry_creditor.set_creditors(self._creditors)
        self.entry_creditor.set_creditor(dialog.result_view.id)
        return dialog.result_view.id

    def add_from_entry(self) -> None:
        """Add the debt typed in the entry row (Enter); keep the row ready for the next one."""
        self.entry_errors.clear()
        form = self._entry_form()
        if form is None:
            return
        try:
            add_debt(self._workspace.ctx, self._dossier_id, form)
        except ValidationError as exc:
            first = self.entry_errors.show(exc.errors)
            if first is not None:
                first.setFocus()
            return
        except KnownError as exc:
            self.entry_errors.show({"*": str(exc)})
            return
        for edit in (self.entry_description, self.entry_reference):
            edit.clear()
        self.entry_amount.value_cents = None
        self.entry_balance.value_cents = None
        self.entry_creditor.set_creditor(None)
        self._changed()
        self.entry_creditor.setFocus()

    def add_with_dialog(self) -> None:
        """Open the full form for a new debt, starting from what the entry row holds."""
        start = None
        if (creditor := self.entry_creditor.creditor_id()) is not None:
            start = DebtForm(
                creditor_id=creditor,
                description=self.entry_description.text(),
                creditor_reference=self.entry_reference.text(),
                reported_cents=self.entry_amount.value_cents,
            )
        dialog = DebtDialog(self._workspace, self._dossier_id, self._creditors, None, self, start=start)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()

    def edit_selected(self) -> None:
        debt = self.selected()
        if debt is None or not self._can_edit:
            return
        dialog = DebtDialog(self._workspace, self._dossier_id, self._creditors, debt, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._changed()

    def delete_selected(self) -> None:
        debt = self.selected()
        if debt is None or not self._can_edit:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Schuld verwijderen"),
            self.tr("De schuld bij {0} ({1}) verwijderen?").format(
                debt.creditor_name, format_money(debt.current_cents)
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_debt(self._workspace.ctx, debt.id)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self._changed()

    def _on_post(self, index: int) -> None:
        status = self.post.itemData(index)
        self.post.setCurrentIndex(0)
        debt = self.selected()
        if status is None or debt is None:
            return
        try:
            set_correspondence(self._workspace.ctx, debt.id, str(status))
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self._changed()

    def print_overview(self) -> Path | None:
        """Save the schuldenoverzicht for the client as a PDF (the print is logged)."""
        suggested = f"Schuldenoverzicht {self._number}.pdf".replace("  ", " ")
        return save_overview_pdf(
            self, suggested, lambda: debt_overview_pdf(self._workspace.ctx, self._dossier_id)
        )
