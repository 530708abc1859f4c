"""Choose what to celebrate on a "Gelukt!" card: a suggestion or the counsellor's own words."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.documents.models import MAX_CARD_STEP_CHARS
from ui.widgets.field_error import FieldError, FieldErrors


class SuccessCardDialog(QDialog):
    """Ask for the achievement (editable list of suggestions) and an optional next step."""

    def __init__(self, suggestions: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gelukt!-kaart"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Wat is er gelukt? Kies een zin of schrijf het in uw eigen woorden (kort)."), self)
        )
        self.errors = FieldErrors(None)
        form = QFormLayout()
        self.achievement = QComboBox(self)
        self.achievement.setEditable(True)
        self.achievement.addItems(suggestions)
        self.achievement.setAccessibleName(self.tr("Wat is er gelukt"))
        line = self.achievement.lineEdit()
        if line is not None:
            line.setMaxLength(MAX_CARD_STEP_CHARS)
        self.next_step = QLineEdit(self)
        self.next_step.setMaxLength(MAX_CARD_STEP_CHARS)
        self.next_step.setPlaceholderText(self.tr("Leeg: de eerste stap van de klantkaart"))
        self.next_step.setAccessibleName(self.tr("De volgende stap"))
        for key, text, widget in (
            ("achievement", self.tr("&Gelukt"), self.achievement),
            ("next_step", self.tr("&Volgende stap"), self.next_step),
        ):
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            box.addWidget(self.errors.add(key, FieldError(widget, holder)))
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, holder)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Voorbeeld"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 200)

    @property
    def achievement_text(self) -> str:
        return self.achievement.currentText().strip()

    @property
    def next_step_text(self) -> str | None:
        return self.next_step.text().strip() or None

    def accept(self) -> None:
        if not self.achievement_text:
            self.errors.show({"achievement": self.tr("Schrijf op wat er gelukt is.")})
            self.achievement.setFocus()
            return
        super().accept()
