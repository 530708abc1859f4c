"""Small dialogs of the voorlegger: offer for checking, a reason, and what is still missing."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.rules.voorlegger import STEP_LABELS, VoorleggerStep
from app.services.voorlegger_views import Colleague, MissingView


class OfferDialog(QDialog):
    """Choose the colleague who checks the voorlegger (four eyes)."""

    def __init__(self, colleagues: list[Colleague], to_check: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Aanbieden ter controle"))
        self.colleague = QComboBox()
        self.colleague.setAccessibleName(self.tr("Collega die controleert"))
        for person in colleagues:
            self.colleague.addItem(person.full_name, person.id)
        text = QLabel(
            self.tr(
                "{0} ontvangen items wachten op controle. Kies de collega die ze controleert. "
                "Het dossier wordt met die collega gedeeld."
            ).format(to_check)
        )
        text.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Aanbieden"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.colleague)
        layout.addWidget(self.buttons)

    @property
    def checker_id(self) -> uuid.UUID | None:
        value = self.colleague.currentData()
        return value if isinstance(value, uuid.UUID) else None


class ReasonDialog(QDialog):
    """Ask for a reason (n.v.t., terugsturen); OK only with text."""

    def __init__(self, title: str, question: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(question)
        label.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setAccessibleName(question)
        self.editor.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self._update()

    @property
    def reason(self) -> str:
        return self.editor.toPlainText().strip()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason))


class MissingDialog(QDialog):
    """What is still missing, per step (toelating; gereed voor schuldregeling)."""

    def __init__(self, missing: dict[str, list[MissingView]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wat ontbreekt nog?"))
        self.resize(900, 560)
        grid = QGridLayout()
        self.lists: dict[str, QListWidget] = {}
        for column, step in enumerate(VoorleggerStep):
            items = missing.get(step.value, [])
            heading = (
                self.tr("{0}: compleet").format(STEP_LABELS[step])
                if not items
                else self.tr("{0}: nog {1} items").format(STEP_LABELS[step], len(items))
            )
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
            listing = QListWidget()
            listing.setAccessibleName(heading)
            for entry in items:
                listing.addItem(f"{entry.label} — {entry.status_label.lower()} ({entry.section_title})")
            if not items:
                listing.addItem(self.tr("Alles is gecontroleerd of n.v.t."))
            self.lists[step.value] = listing
            grid.addWidget(listing, 1, column)
        note = QLabel(
            self.tr(
                "Een item telt als klaar als het gecontroleerd is (door een collega) of n.v.t. met een reden."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)
