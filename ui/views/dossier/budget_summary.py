"""The right-hand panel of the *Budget* tab: totals per month, the verdict, beslagvrije voet, capacity."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.services.budget_views import BudgetAssessment
from ui.format import format_date, format_money
from ui.widgets.field_error import ERROR_COLOUR, NOTE_COLOUR

STABLE_COLOUR = "#1e6b2e"  # dark green, 6:1 on white


class BudgetSummary(QWidget):
    """Shows a :class:`BudgetAssessment`; every value label has an accessible name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        month = QGroupBox(self.tr("Per maand"), self)
        form = QFormLayout(month)
        self.income = self._value(form, self.tr("Inkomsten"))
        self.expenses = self._value(form, self.tr("Uitgaven"))
        self.reservations = self._value(form, self.tr("Reserveringen"))
        self.living = self._value(form, self.tr("Leefgeld"))
        self.surplus_label = QLabel(self.tr("Over"), month)
        self.surplus = QLabel(month)
        bold = QFont(self.surplus.font())
        bold.setBold(True)
        self.surplus.setFont(bold)
        self.surplus.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.surplus.setAccessibleName(self.tr("Overschot of tekort per maand"))
        form.addRow(self.surplus_label, self.surplus)
        layout.addWidget(month)

        verdict = QGroupBox(self.tr("Oordeel"), self)
        box = QVBoxLayout(verdict)
        self.verdict = QLabel(verdict)
        big = QFont(self.verdict.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.verdict.setFont(big)
        self.verdict.setAccessibleName(self.tr("Oordeel over het budget"))
        self.reasons = QLabel(verdict)
        self.reasons.setWordWrap(True)
        self.reasons.setAccessibleName(self.tr("Waarom"))
        box.addWidget(self.verdict)
        box.addWidget(self.reasons)
        layout.addWidget(verdict)

        voet = QGroupBox(self.tr("Beslagvrije voet en aflossing"), self)
        vbox = QVBoxLayout(voet)
        vform = QFormLayout()
        vform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        vbox.addLayout(vform)
        self.household = self._value(vform, self.tr("Huishouden"), align=False, parent=voet)
        self.seizable = self._value(vform, self.tr("Inkomen voor beslag"), parent=voet)
        self.indication = self._value(vform, self.tr("Indicatie"), align=False, parent=voet)
        self.official = self._value(vform, self.tr("Officieel bedrag"), align=False, parent=voet)
        self.official_source = self._value(vform, self.tr("Bron"), align=False, parent=voet)
        self.effective = self._value(vform, self.tr("Gebruikt"), align=False, parent=voet)
        self.capacity = self._value(vform, self.tr("Aflossingscapaciteit"), parent=voet)
        self.components = QLabel(voet)
        self.components.setWordWrap(True)
        self.components.setTextFormat(Qt.TextFormat.RichText)
        self.components.setAccessibleName(self.tr("Opbouw van de indicatie"))
        vbox.addWidget(self.components)
        self.no_norm = QLabel(voet)
        self.no_norm.setWordWrap(True)
        self.no_norm.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.no_norm.setAccessibleName(self.tr("Geen norm bekend"))
        self.check = QLabel(voet)
        self.check.setWordWrap(True)
        self.check.setAccessibleName(self.tr("Controle beslagvrije voet"))
        vbox.addWidget(self.no_norm)
        vbox.addWidget(self.check)
        layout.addWidget(voet)
        layout.addStretch(1)

    def _value(
        self, form: QFormLayout, text: str, *, align: bool = True, parent: QWidget | None = None
    ) -> QLabel:
        owner = parent or form.parentWidget()
        label = QLabel(owner)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if align:
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
        label.setAccessibleName(text)
        form.addRow(QLabel(text, owner), label)
        return label

    def clear(self) -> None:
        for label in self.findChildren(QLabel):
            if label.accessibleName():
                label.setText("")

    def show_assessment(self, a: BudgetAssessment, living_week_cents: int) -> None:
        self.income.setText(format_money(a.income_month_cents))
        self.expenses.setText(format_money(a.expenses_month_cents))
        self.reservations.setText(format_money(a.reservations_month_cents))
        self.living.setText(
            self.tr("{0} ({1} per week)").format(
                format_money(a.living_allowance_month_cents), format_money(living_week_cents)
            )
        )
        short = a.surplus_cents < 0
        self.surplus_label.setText(self.tr("Tekort") if short else self.tr("Over"))
        self.surplus.setText(format_money(abs(a.surplus_cents)))
        self.surplus.setStyleSheet(f"color: {ERROR_COLOUR};" if short else "")
        colour = STABLE_COLOUR if a.stable else ERROR_COLOUR
        self.verdict.setText(self.tr(a.verdict))
        self.verdict.setStyleSheet(f"color: {colour};")
        self.reasons.setText("\n".join(a.reasons))
        g = a.garnishment
        self.household.setText(g.household_label)
        self.seizable.setText(format_money(g.seizable_income_cents))
        if g.indication_cents is not None:
            self.indication.setText(format_money(g.indication_cents))
            self.indication.setToolTip(g.indication_basis)
        else:
            self.indication.setText(self.tr("geen norm bekend"))
            self.indication.setToolTip("")
        rows = []
        for c in g.components:
            amount = format_money(c.amount_cents) if c.amount_cents is not None else self.tr("niet berekend")
            entered = self.tr(" (uit de opgave)") if c.entered else ""
            rows.append(
                f"<tr><td>{html.escape(c.label)}{entered}<br><small>{html.escape(c.article)}</small></td>"
                f"<td align='right'>{amount}</td></tr>"
            )
        self.components.setText(f"<table width='100%'>{''.join(rows)}</table>" if rows else "")
        self.components.setVisible(bool(rows))
        notes = [*g.missing, *([g.no_norm_message] if g.no_norm_message else [])]
        self.no_norm.setText("\n".join(notes))
        self.no_norm.setVisible(bool(notes))
        if g.official_cents is not None:
            when = self.tr(" op {0}").format(format_date(g.official_on)) if g.official_on else ""
            self.official.setText(f"{format_money(g.official_cents)}{when}")
            self.official_source.setText(g.official_source)
            self.official_source.setToolTip(g.official_source)
        else:
            self.official.setText(self.tr("niet vastgelegd"))
            self.official_source.setText("")
        if g.effective_cents is not None:
            self.effective.setText(f"{format_money(g.effective_cents)} ({g.effective_label.lower()})")
        else:
            self.effective.setText(self.tr("geen: niet bekend"))
        self.capacity.setText(
            "" if g.repayment_capacity_cents is None else format_money(g.repayment_capacity_cents)
        )
        self.check.setText(g.check_text)
        keeps_colour = "" if g.keeps_voet is None else (STABLE_COLOUR if g.keeps_voet else ERROR_COLOUR)
        self.check.setStyleSheet(f"color: {keeps_colour};" if keeps_colour else "")
