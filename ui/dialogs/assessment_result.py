"""The last screen of the klantprofiel questionnaire: thanks for the client, the outcome for the counsellor.

The outcome (scores, the suggested profile or the two candidates, 'niet genoeg antwoorden') stays
hidden until the counsellor asks for it: the profile is an aid to professional judgement, not a
label for the client across the table. The counsellor then confirms the suggestion or chooses
another profile, and must say why when it differs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.rules.klantprofiel import PROFILE_LABELS, Assessment, Profile
from ui.widgets.field_error import FieldError, FieldErrors
from ui.widgets.statement import scaled_font


def _score(value: float | None) -> str:
    return "onbekend (te weinig antwoorden)" if value is None else f"{value:.0f} van 100"


class ResultPage(QWidget):
    """Thanks, then (on request) the outcome and the counsellor's decision."""

    revealed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: Assessment | None = None
        self._build()

    def _build(self) -> None:
        self.setFont(scaled_font(self.font(), 1.15, 11.0))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.thanks = QLabel(self.tr("Klaar! Dank u wel voor het invullen."), self)
        self.thanks.setFont(scaled_font(self.font(), 1.9, 19.0, bold=True))
        self.thanks.setWordWrap(True)
        layout.addWidget(self.thanks)
        self.reveal_button = QPushButton(self.tr("&Uitkomst tonen (voor de consulent)"), self)
        self.reveal_button.setAccessibleName(self.tr("Uitkomst tonen"))
        self.reveal_button.setFont(scaled_font(self.font(), 1.1, 12.0))
        self.reveal_button.setMinimumHeight(self.reveal_button.sizeHint().height() + 8)
        self.reveal_button.clicked.connect(self.reveal)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.outcome = QWidget(self)
        box = QVBoxLayout(self.outcome)
        box.setContentsMargins(0, 0, 0, 0)
        self.suggestion_label = QLabel(self.outcome)
        self.suggestion_label.setFont(scaled_font(self.font(), 1.35, 14.0, bold=True))
        self.suggestion_label.setWordWrap(True)
        box.addWidget(self.suggestion_label)
        scores = QFormLayout()
        self.score_labels: dict[str, QLabel] = {}
        for key, text in (
            ("skills", self.tr("Vaardigheden")),
            ("motivation", self.tr("Motivatie")),
            ("mental_room", self.tr("Signaal weinig mentale ruimte")),
            ("anger", self.tr("Signaal boosheid op 'het systeem'")),
            ("learnability", self.tr("Leerbaarheid")),
        ):
            label = QLabel(self.outcome)
            label.setAccessibleName(text)
            self.score_labels[key] = label
            scores.addRow(text + ":", label)
        box.addLayout(scores)
        self.explanation = QLabel(self.outcome)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.explanation)

        general = FieldError(None, self.outcome)
        box.addWidget(general)
        self.errors = FieldErrors(general)
        choice = QLabel(self.tr("Uw &oordeel: welk profiel past?"), self.outcome)
        choice.setFont(scaled_font(self.font(), 1.1, 11.0, bold=True))
        self.profile_combo = QComboBox(self.outcome)
        self.profile_combo.setAccessibleName(self.tr("Gekozen profiel"))
        self.profile_combo.setPlaceholderText(self.tr("Kies een profiel"))
        for profile in Profile:
            self.profile_combo.addItem(PROFILE_LABELS[profile], profile.value)
        choice.setBuddy(self.profile_combo)
        box.addWidget(choice)
        box.addWidget(self.profile_combo, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.errors.add("chosen_profile", FieldError(self.profile_combo, self.outcome)))
        self.reason_label = QLabel(self.outcome)
        self.reason_edit = QPlainTextEdit(self.outcome)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setAccessibleName(self.tr("Reden voor een ander profiel"))
        self.reason_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.reason_label.setBuddy(self.reason_edit)
        box.addWidget(self.reason_label)
        box.addWidget(self.reason_edit)
        self.reason_error = self.errors.add("override_reason", FieldError(self.reason_edit, self.outcome))
        box.addWidget(self.reason_error)
        note = QLabel(self.tr("Het profiel komt nooit op iets dat de klant krijgt."), self.outcome)
        note.setWordWrap(True)
        box.addWidget(note)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        self.outcome.hide()
        self.profile_combo.currentIndexChanged.connect(self._update_reason)
        self._update_reason()

    # -- state ---------------------------------------------------------------------------------

    @property
    def is_revealed(self) -> bool:
        return not self.outcome.isHidden()

    @property
    def suggested(self) -> str | None:
        """The suggested profile code of the current result."""
        if self._result is None or self._result.suggested is None:
            return None
        return self._result.suggested.value

    @property
    def chosen(self) -> str | None:
        """The profile code the counsellor chose (``None`` when none is chosen)."""
        data = self.profile_combo.currentData()
        return str(data) if data else None

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText()

    def set_result(self, result: Assessment) -> None:
        """Show a (new) result; an earlier own choice that differed from the suggestion is kept."""
        previous_suggestion = self.suggested
        kept = self.chosen if self.chosen not in (None, previous_suggestion) else None
        self._result = result
        for key, value in (
            ("skills", result.skills),
            ("motivation", result.motivation),
            ("mental_room", result.mental_room_signal),
            ("anger", result.anger_signal),
            ("learnability", result.learnability),
        ):
            self.score_labels[key].setText(_score(value))
        self.suggestion_label.setText(self._suggestion_text(result))
        # The first line of the explanation repeats the scores shown above.
        self.explanation.setText("\n".join(result.explanation.splitlines()[1:]))
        for index in range(self.profile_combo.count()):
            code = str(self.profile_combo.itemData(index))
            text = PROFILE_LABELS[Profile(code)]
            if result.suggested is not None and code == result.suggested.value:
                text = self.tr("{0} (voorstel)").format(text)
            elif code in {c.value for c in result.candidates}:
                text = self.tr("{0} (ook mogelijk)").format(text)
            self.profile_combo.setItemText(index, text)
        wanted = kept or self.suggested
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(wanted) if wanted else -1)
        self._update_reason()

    def _suggestion_text(self, result: Assessment) -> str:
        if result.suggested is None:
            return self.tr("Niet genoeg antwoorden voor een voorstel. Kies zelf een profiel en zeg waarom.")
        if result.ambiguous and len(result.candidates) > 1:
            first, second = (PROFILE_LABELS[c].lower() for c in result.candidates[:2])
            return self.tr("Voorstel: twijfel tussen {0} en {1}. Het eerste past net iets beter.").format(
                first, second
            )
        return self.tr("Voorstel: {0}").format(PROFILE_LABELS[result.suggested].lower())

    def reveal(self) -> None:
        """Show the outcome and give the profile choice the focus."""
        self.outcome.show()
        self.reveal_button.hide()
        self.profile_combo.setFocus(Qt.FocusReason.OtherFocusReason)
        self.revealed.emit()

    def _update_reason(self) -> None:
        differs = self.chosen is not None and self.chosen != self.suggested
        self.reason_edit.setEnabled(differs)
        if differs:
            self.reason_label.setText(
                self.tr("&Waarom kiest u een ander profiel dan het voorstel? (verplicht)")
            )
            self.reason_edit.setPlaceholderText(self.tr("Bijvoorbeeld wat u in het gesprek zag of hoorde."))
        else:
            self.reason_label.setText(self.tr("&Reden (alleen nodig als u een ander profiel kiest)"))
            self.reason_edit.setPlaceholderText("")
            self.reason_error.clear_message()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the service's messages under their fields and focus the first."""
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
