"""The *Budget* tab: dated versions of the budget plan, its lines and the verdict, by keyboard.

The entry row takes soort, categorie, omschrijving, bedrag and frequentie; Enter adds the line
(or saves the line being changed). Every line is shown with its amount per month; the panel on
the right shows the totals, the verdict (stable or not, and why), the beslagvrije voet — the
official amount when recorded, else Helder's indication or a clear "no norm known" — and the
aflossingscapaciteit. Everything is recomputed by the services after each change.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
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

from app.domain.budgets import LINE_SIDE_LABELS, LineSide
from app.errors import KnownError, ValidationError
from app.rules.budget import EXPENSE_LABELS, FREQUENCY_LABELS, INCOME_LABELS, ExpenseCategory
from app.services.budget_views import BudgetLineForm, BudgetLineView, BudgetPlanView, PlanForm
from app.services.budgets import (
    add_line,
    create_plan,
    current_plan,
    delete_line,
    get_plan,
    update_line,
    update_plan,
)
from app.services.context import today_local
from app.services.overview_documents import budget_plan_pdf
from ui.dialogs.creditor import add_field_row
from ui.format import format_date
from ui.models.record_table import RECORD_ROLE
from ui.views.dossier.budget_corrections import CorrectionsDialog
from ui.views.dossier.budget_lines import COLUMNS, BudgetLineModel, NewVersionDialog
from ui.views.dossier.budget_summary import BudgetSummary
from ui.views.dossier.debt_table import save_overview_pdf
from ui.views.dossier.view import DossierView
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors
from ui.widgets.money_edit import MoneyEdit
from ui.workspace import Workspace


class BudgetTab(QWidget):
    """One dossier's budget plan: versions, lines, settings and the verdict."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        view = DossierView.of(parent)
        self._number = view.detail.number if view is not None else ""
        self._can_edit = view is None or view.can_edit
        self.plan: BudgetPlanView | None = None
        self._editing: BudgetLineView | None = None
        self._build()
        self._connect()
        self.reload()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.version = QComboBox(self)
        self.version.setAccessibleName(self.tr("Versie van het budgetplan"))
        version_label = QLabel(self.tr("&Versie"), self)
        version_label.setBuddy(self.version)
        self.new_version_button = QPushButton(self.tr("&Nieuwe versie…"), self)
        self.create_button = QPushButton(self.tr("Budgetplan &maken"), self)
        self.print_button = QPushButton(self.tr("Overzicht &afdrukken (PDF)"), self)
        for item in (version_label, self.version, self.new_version_button, self.create_button):
            bar.addWidget(item)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        layout.addLayout(bar)
        self.empty = QLabel(
            self.tr("Er is nog geen budgetplan. Kies 'Budgetplan maken' om te beginnen."), self
        )
        layout.addWidget(self.empty)

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 3)
        self.summary = BudgetSummary(self)
        self.summary.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 48)
        body.addWidget(self.summary, 2)

        self.entry = QFrame(self)
        self.entry.setFrameShape(QFrame.Shape.StyledPanel)
        self.entry.setAccessibleName(self.tr("Regel toevoegen"))
        grid = QGridLayout(self.entry)
        self.side = QComboBox(self.entry)
        for code, text in LINE_SIDE_LABELS.items():
            self.side.addItem(self.tr(text), code)
        self.category = QComboBox(self.entry)
        self.description = QLineEdit(self.entry)
        self.amount = MoneyEdit(self.entry, required=True)
        self.frequency = QComboBox(self.entry)
        for freq, text in FREQUENCY_LABELS.items():
            # "week", "4 weken", "maand" …: a distinct first key for each (a space would open the list)
            self.frequency.addItem(self.tr(text).removeprefix("per "), freq.value)
        self.frequency.setCurrentIndex(self.frequency.findData("month"))
        self.add_button = QPushButton(self.tr("&Toevoegen"), self.entry)
        self.cancel_edit_button = QPushButton(self.tr("Annuleren"), self.entry)
        self.cancel_edit_button.hide()
        general = FieldError(None, self.entry)
        self.entry_errors = FieldErrors(general)
        fields: list[tuple[str, str, QWidget]] = [
            ("side", self.tr("&Soort"), self.side),
            ("category", self.tr("&Wat"), self.category),
            ("description", self.tr("&Omschrijving"), self.description),
            ("amount_cents", self.tr("&Bedrag"), self.amount),
            ("frequency", self.tr("&Per"), self.frequency),
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
        grid.addWidget(self.cancel_edit_button, 1, len(fields) + 1)
        grid.addWidget(general, 3, 0, 1, len(fields) + 2)
        grid.setColumnStretch(2, 2)
        left.addWidget(self.entry)

        tools = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Regel w&ijzigen"), self)
        self.delete_button = QPushButton(self.tr("Regel verwij&deren"), self)
        tools.addWidget(self.edit_button)
        tools.addWidget(self.delete_button)
        tools.addStretch(1)
        left.addLayout(tools)
        self.model = BudgetLineModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Regels van het budgetplan"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        left.addWidget(self.table, 1)

        self.settings = QGroupBox(self.tr("Deze versie"), self)
        form = QFormLayout(self.settings)
        general_settings = FieldError(None, self.settings)
        form.addRow(general_settings)
        self.plan_errors = FieldErrors(general_settings)
        self.valid_from = DateEdit(self.settings)
        self.living = MoneyEdit(self.settings)
        self.official = MoneyEdit(self.settings)
        self.official_on = DateEdit(self.settings)
        self.official_source = QLineEdit(self.settings)
        self.official_source.setPlaceholderText(self.tr("Bijvoorbeeld: rekentool, brief deurwaarder"))
        self.vtlb = MoneyEdit(self.settings)
        for key, text, widget in (
            ("valid_from", self.tr("Geldt vanaf"), self.valid_from),
            ("living_allowance_week_cents", self.tr("&Leefgeld per week"), self.living),
            ("official_garnishment_free_cents", self.tr("Beslagvrije voet (o&fficieel)"), self.official),
            ("official_garnishment_free_on", self.tr("Vastgesteld op"), self.official_on),
            ("official_garnishment_free_source", self.tr("Bron"), self.official_source),
            ("vtlb_cents", self.tr("VTLB (officieel, als bekend)"), self.vtlb),
        ):
            add_field_row(form, self.plan_errors, key, text, widget)
        self.save_plan_button = QPushButton(self.tr("Versie &opslaan"), self.settings)
        self.corrections_button = QPushButton(self.tr("Correcties uit de &opgave…"), self.settings)
        self.corrections_button.setToolTip(
            self.tr("Correcties van de beslagvrije voet overnemen uit de opgave van de beslaglegger")
        )
        row = QHBoxLayout()
        row.addWidget(self.save_plan_button)
        row.addWidget(self.corrections_button)
        row.addStretch(1)
        form.addRow("", row)
        left.addWidget(self.settings)
        if not self._can_edit:
            for part in (
                self.entry,
                self.settings,
                self.edit_button,
                self.delete_button,
                self.new_version_button,
                self.create_button,
            ):
                part.setEnabled(False)

    def _connect(self) -> None:
        self.side.currentIndexChanged.connect(self._fill_categories)
        self._fill_categories()
        for edit in (self.description, self.amount):
            edit.returnPressed.connect(self.submit_entry)
        self.add_button.clicked.connect(self.submit_entry)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated.connect(lambda _index: self.edit_selected())
        self.version.activated.connect(self._on_version)
        self.new_version_button.clicked.connect(lambda: self.new_version(ask=True))
        self.create_button.clicked.connect(lambda: self.new_version(ask=False))
        self.print_button.clicked.connect(self.print_plan)
        self.save_plan_button.clicked.connect(self.save_plan)
        self.corrections_button.clicked.connect(self.edit_corrections)
        for edit in (
            self.valid_from,
            self.living,
            self.official,
            self.official_on,
            self.official_source,
            self.vtlb,
        ):
            edit.returnPressed.connect(self.save_plan)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected, context)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.entry, self.cancel_edit, context)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_plan, context)

    def _fill_categories(self) -> None:
        side = self.side.currentData()
        labels: dict[Any, str] = INCOME_LABELS if side == LineSide.INCOME else EXPENSE_LABELS
        self.category.clear()
        for code, text in labels.items():
            self.category.addItem(self.tr(text), str(code))
        if side == LineSide.RESERVATION:
            self.category.setCurrentIndex(self.category.findData(ExpenseCategory.RESERVATION.value))

    # ------------------------------------------------------------------ data

    def reload(self, plan_id: uuid.UUID | None = None) -> None:
        """Show ``plan_id`` (default: the version in force today)."""
        try:
            if plan_id is None:
                plan = current_plan(self._workspace.ctx, self._dossier_id)
            else:
                plan = get_plan(self._workspace.ctx, plan_id)
        except KnownError as exc:
            self.empty.setText(str(exc))
            return
        self.show_plan(plan)

    def show_plan(self, plan: BudgetPlanView | None) -> None:
        self.plan = plan
        has_plan = plan is not None
        for widget in (
            self.entry,
            self.table,
            self.settings,
            self.summary,
            self.edit_button,
            self.delete_button,
            self.version,
            self.new_version_button,
            self.print_button,
        ):
            widget.setVisible(has_plan)
        self.empty.setVisible(not has_plan)
        self.create_button.setVisible(not has_plan)
        if plan is None:
            self.model.set_rows([])
            return
        self.version.clear()
        today = today_local()
        current = next((v.id for v in plan.versions if v.valid_from <= today), None)
        for v in plan.versions:
            suffix = self.tr(" (geldt nu)") if v.id == current else ""
            self.version.addItem(self.tr("vanaf {0}").format(format_date(v.valid_from)) + suffix, str(v.id))
        self.version.setCurrentIndex(max(0, self.version.findData(str(plan.id))))
        self.model.set_rows(plan.lines)
        f = plan.form
        self.valid_from.set_value(f.valid_from)
        self.living.value_cents = f.living_allowance_week_cents
        self.official.value_cents = f.official_garnishment_free_cents
        self.official_on.set_value(f.official_garnishment_free_on)
        self.official_source.setText(f.official_garnishment_free_source)
        self.vtlb.value_cents = f.vtlb_cents
        self.plan_errors.clear()
        self.summary.show_assessment(plan.assessment, f.living_allowance_week_cents)

    def _on_version(self, index: int) -> None:
        plan_id = self.version.itemData(index)
        if isinstance(plan_id, str):
            self.reload(uuid.UUID(plan_id))

    def selected(self) -> BudgetLineView | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        record = self.model.data(rows[0], RECORD_ROLE)
        return record if isinstance(record, BudgetLineView) else None

    def _announce(self) -> None:
        view = DossierView.of(self)
        if view is not None:
            view.announce_change()

    # ------------------------------------------------------------------ lines

    def submit_entry(self) -> None:
        """Add the typed line, or save the line being changed (Enter)."""
        if self.plan is None:
            return
        self.entry_errors.clear()
        if not self.amount.check():
            self.amount.setFocus()
            return
        form = BudgetLineForm(
            side=str(self.side.currentData()),
            category=str(self.category.currentData()),
            amount_cents=self.amount.value_cents or 0,
            frequency=str(self.frequency.currentData()),
            description=self.description.text(),
        )
        ctx = self._workspace.ctx
        try:
            if self._editing is None:
                plan = add_line(ctx, self.plan.id, form)
            else:
                plan = update_line(ctx, self._editing.id, self._editing.version, form)
        except ValidationError as exc:
            first = self.entry_errors.show(exc.errors)
            if first is not None:
                first.setFocus()
            return
        except KnownError as exc:
            self.entry_errors.show({"*": str(exc)})
            return
        self._end_edit()
        self.show_plan(plan)
        self._announce()
        self.side.setFocus()

    def _end_edit(self) -> None:
        self._editing = None
        self.add_button.setText(self.tr("&Toevoegen"))
        self.cancel_edit_button.hide()
        self.description.clear()
        self.amount.value_cents = None

    def edit_selected(self) -> None:
        """Put the selected line in the entry row to change it."""
        line = self.selected()
        if line is None or not self._can_edit:
            return
        self._editing = line
        self.side.setCurrentIndex(max(0, self.side.findData(line.side)))
        self.category.setCurrentIndex(max(0, self.category.findData(line.category)))
        self.description.setText(line.description)
        self.amount.value_cents = line.amount_cents
        self.frequency.setCurrentIndex(max(0, self.frequency.findData(line.frequency)))
        self.add_button.setText(self.tr("&Opslaan"))
        self.cancel_edit_button.show()
        self.amount.setFocus()

    def cancel_edit(self) -> None:
        if self._editing is not None:
            self._end_edit()

    def delete_selected(self) -> None:
        line = self.selected()
        if line is None or not self._can_edit:
            return
        answer = QMessageBox.question(
            self, self.tr("Regel verwijderen"), self.tr("De regel '{0}' verwijderen?").format(line.label)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            plan = delete_line(self._workspace.ctx, line.id)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self.show_plan(plan)
        self._announce()

    # ------------------------------------------------------------------ versions and settings

    def new_version(self, ask: bool = True) -> None:
        """Start a new dated version (a copy of the previous one)."""
        valid_from = today_local()
        if ask:
            dialog = NewVersionDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            valid_from = dialog.valid_from.value or valid_from
        try:
            plan = create_plan(self._workspace.ctx, self._dossier_id, valid_from)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), "\n".join(exc.errors.values()))
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self.show_plan(plan)
        self._announce()
        self.side.setFocus()

    def save_plan(self) -> None:
        """Save this version's date, leefgeld, official beslagvrije voet and VTLB."""
        if self.plan is None:
            return
        local: dict[str, str] = {}
        for key, edit in (
            ("living_allowance_week_cents", self.living),
            ("official_garnishment_free_cents", self.official),
            ("vtlb_cents", self.vtlb),
        ):
            if (message := edit.error()) is not None:
                local[key] = message
        for key, dated in (
            ("valid_from", self.valid_from),
            ("official_garnishment_free_on", self.official_on),
        ):
            if (message := dated.error()) is not None:
                local[key] = message
        if self.valid_from.value is None and "valid_from" not in local:
            local["valid_from"] = self.tr("Vul de datum in waarop deze versie ingaat.")
        if local:
            self._show_plan_errors(local)
            return
        form = PlanForm(
            valid_from=self.valid_from.value or self.plan.valid_from,
            living_allowance_week_cents=self.living.value_cents or 0,
            official_garnishment_free_cents=self.official.value_cents,
            official_garnishment_free_on=self.official_on.value,
            official_garnishment_free_source=self.official_source.text(),
            vtlb_cents=self.vtlb.value_cents,
            note=self.plan.form.note,
            entered_components=self.plan.form.entered_components,
            entered_components_source=self.plan.form.entered_components_source,
        )
        self._save_form(form)

    def edit_corrections(self) -> None:
        """Take corrections of the beslagvrije voet from the beslaglegger's statement."""
        if self.plan is None:
            return
        dialog = CorrectionsDialog(self.plan.form, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_corrections(dialog.components(), dialog.source.text())

    def apply_corrections(self, components: tuple[tuple[str, int], ...], source: str) -> None:
        """Save the entered components on this version (the rest of the version unchanged)."""
        if self.plan is None:
            return
        self._save_form(
            replace(self.plan.form, entered_components=components, entered_components_source=source)
        )

    def _save_form(self, form: PlanForm) -> None:
        if self.plan is None:
            return
        try:
            plan = update_plan(self._workspace.ctx, self.plan.id, self.plan.version, form)
        except ValidationError as exc:
            self._show_plan_errors(exc.errors)
            return
        except KnownError as exc:
            self._show_plan_errors({"*": str(exc)})
            return
        self.show_plan(plan)
        self._announce()

    def _show_plan_errors(self, errors: dict[str, str]) -> None:
        first = self.plan_errors.show(errors)
        if first is not None:
            first.setFocus()

    def print_plan(self) -> Path | None:
        """Save this version of the budget plan for the client as a PDF (the print is logged)."""
        if self.plan is None:
            return None
        plan_id = self.plan.id
        suggested = f"Budgetplan {self._number} {self.plan.valid_from.isoformat()}.pdf"
        return save_overview_pdf(self, suggested, lambda: budget_plan_pdf(self._workspace.ctx, plan_id))
