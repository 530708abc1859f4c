"""*Correcties uit de opgave*: components of the beslagvrije voet the counsellor takes from the
beslaglegger's statement (zorgtoeslag, kindgebonden budget, woonkosten). An entered component
wins over Helder's own computation; an empty field means "let Helder compute it"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.rules.beslagvrije_voet import COMPONENT_ARTICLES, COMPONENT_LABELS, ENTERABLE
from app.services.budget_views import PlanForm
from ui.dialogs.creditor import add_field_row
from ui.widgets.field_error import FieldError, FieldErrors
from ui.widgets.money_edit import MoneyEdit


class CorrectionsDialog(QDialog):
    """Edit the entered components of one plan version; :meth:`components` gives the result."""

    def __init__(self, form: PlanForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correcties uit de opgave van de beslaglegger"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Staat een correctie in de opgave van de beslaglegger? Vul haar hier in; dan telt Helder "
                "dat bedrag mee in plaats van de eigen berekening. Leeg: Helder rekent zelf."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        grid = QFormLayout()
        layout.addLayout(grid)
        given = dict(form.entered_components)
        self.edits: dict[str, MoneyEdit] = {}
        for code in ENTERABLE:
            edit = MoneyEdit(self, value=given.get(code.value))
            self.edits[code.value] = edit
            text = f"{COMPONENT_LABELS[code]} ({COMPONENT_ARTICLES[code]})"
            add_field_row(grid, self.errors, f"component:{code.value}", text, edit)
        self.source = QLineEdit(form.entered_components_source, self)
        self.source.setMaxLength(200)
        self.source.setPlaceholderText(self.tr("Bijvoorbeeld: brief deurwaarder van 3 november"))
        add_field_row(grid, self.errors, "entered_components_source", self.tr("&Bron"), self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def components(self) -> tuple[tuple[str, int], ...]:
        return tuple(
            (code, edit.value_cents) for code, edit in self.edits.items() if edit.value_cents is not None
        )

    def accept(self) -> None:
        problems = {f"component:{c}": e.error() for c, e in self.edits.items() if e.error()}
        if self.components() and not self.source.text().strip():
            problems["entered_components_source"] = self.tr("Vul de bron in, bijvoorbeeld de brief.")
        if problems:
            self.errors.show({k: v or "" for k, v in problems.items()})
            return
        super().accept()
