"""Enter or change one period of a norm table (Beheer → Normen), with messages next to the fields.

Amounts are typed in euros (a MoneyEdit per key) or, for the AOW age, in years and months. The
service checks everything (``app.services.norms``); its warnings (an amount more than 10 % away
from the period before, a gap, replacing Helder's own period) are shown and saved only after
the beheerder confirms them.
"""

from __future__ import annotations

import uuid

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.services import norms
from app.services.norms import PeriodForm, PeriodView, TableView
from ui.dialogs.creditor import add_field_row
from ui.widgets.date_edit import DateEdit
from ui.widgets.field_error import FieldError, FieldErrors
from ui.widgets.money_edit import MoneyEdit
from ui.workspace import Workspace


class AgeEdit(QWidget):
    """Years and months of an age; :attr:`value_months` is the total in months."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.years = QSpinBox(self)
        self.years.setRange(60, 75)
        self.years.setSuffix(self.tr(" jaar"))
        self.months = QSpinBox(self)
        self.months.setRange(0, 11)
        self.months.setSuffix(self.tr(" maanden"))
        box.addWidget(self.years)
        box.addWidget(self.months)
        box.addStretch(1)

    @property
    def value_months(self) -> int:
        return self.years.value() * 12 + self.months.value()

    @value_months.setter
    def value_months(self, months: int) -> None:
        self.years.setValue(months // 12)
        self.months.setValue(months % 12)


class NormPeriodDialog(QDialog):
    """A new period for ``table`` (``period`` None) or a change of an entered one."""

    def __init__(
        self,
        workspace: Workspace,
        table: TableView,
        period: PeriodView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._table = table
        self._period = period
        self.saved_id: uuid.UUID | None = None
        self.setWindowTitle(
            self.tr("Periode wijzigen: {0}").format(table.name)
            if period
            else self.tr("Nieuwe periode: {0}").format(table.name)
        )
        layout = QVBoxLayout(self)
        intro = QLabel(table.title, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        layout.addLayout(form)
        self.valid_from = DateEdit(self)
        self.valid_until = DateEdit(self)
        self.valid_until.setPlaceholderText(self.tr("leeg: tot de volgende periode"))
        add_field_row(form, self.errors, "valid_from", self.tr("&Geldt vanaf"), self.valid_from)
        add_field_row(form, self.errors, "valid_until", self.tr("Geldt &tot en met"), self.valid_until)
        self.amounts: dict[str, MoneyEdit | AgeEdit] = {}
        for key, label in table.keys.items():
            widget: MoneyEdit | AgeEdit = (
                AgeEdit(self) if table.unit == "months" else MoneyEdit(self, required=True)
            )
            self.amounts[key] = widget
            add_field_row(form, self.errors, f"amount:{key}", label[:1].upper() + label[1:], widget)
        self.source = QLineEdit(self)
        self.source.setMaxLength(300)
        self.source.setPlaceholderText(self.tr("Bijvoorbeeld: Stcrt. 2025, 12345 of de internetpagina"))
        add_field_row(form, self.errors, "source", self.tr("&Bron"), self.source)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        if period is not None:
            self.valid_from.set_value(period.valid_from)
            self.valid_until.set_value(period.valid_until)
            self.source.setText(period.source)
            for key, value in period.amounts.items():
                self._set_amount(key, value)

    def _set_amount(self, key: str, value: int) -> None:
        widget = self.amounts[key]
        if isinstance(widget, AgeEdit):
            widget.value_months = value
        else:
            widget.value_cents = value

    def set_amounts(self, amounts: dict[str, int]) -> None:
        """Fill the amounts (e.g. from the period before, as a start)."""
        for key, value in amounts.items():
            if key in self.amounts:
                self._set_amount(key, value)

    def form(self) -> PeriodForm | None:
        """What is typed now, or None after showing the typing errors next to their fields."""
        problems: dict[str, str] = {}
        if self.valid_from.value is None:
            problems["valid_from"] = self.valid_from.error() or self.tr("Vul de begindatum in.")
        if self.valid_until.error():
            problems["valid_until"] = self.valid_until.error() or ""
        amounts: dict[str, int] = {}
        for key, widget in self.amounts.items():
            if isinstance(widget, AgeEdit):
                amounts[key] = widget.value_months
            elif widget.value_cents is None:
                problems[f"amount:{key}"] = widget.error() or self.tr("Vul het bedrag in.")
            else:
                amounts[key] = widget.value_cents
        if problems or self.valid_from.value is None:
            self.errors.show(problems)
            return None
        return PeriodForm(
            self._table.key, self.valid_from.value, self.valid_until.value, amounts, self.source.text()
        )

    def accept(self) -> None:
        self.errors.clear()
        form = self.form()
        if form is None:
            return
        accept_warnings = False
        while True:
            try:
                if self._period is not None and self._period.record_id is not None:
                    norms.update_period(
                        self._workspace.ctx,
                        self._period.record_id,
                        self._period.record_version or 1,
                        form,
                        accept_warnings=accept_warnings,
                    )
                    self.saved_id = self._period.record_id
                else:
                    self.saved_id = norms.add_period(
                        self._workspace.ctx, form, accept_warnings=accept_warnings
                    )
            except norms.WarningsToConfirm as exc:
                answer = QMessageBox.question(
                    self,
                    self.tr("Klopt dit?"),
                    "\n\n".join(exc.warnings) + "\n\n" + self.tr("Toch opslaan?"),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
                accept_warnings = True
                continue
            except ValidationError as exc:
                self.errors.show(exc.errors)
                return
            except KnownError as exc:
                self.errors.show({"": str(exc)})
                return
            break
        super().accept()
