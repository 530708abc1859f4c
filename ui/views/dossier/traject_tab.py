"""The "Traject" tab: urgency and terms, the phase with its history and 'Fase wijzigen', and the
appointments, stabilisation agreements, referrals and support products of the dossier.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.rules.phases import CLOSING_REASON_LABELS, ENDED, PHASE_LABELS, ClosingReason, Phase
from app.services import signalen, terms, traject, workflow
from app.services.context import today_local
from app.services.traject import UrgencyView
from ui.dialogs.phase_move import PhaseMoveDialog
from ui.dialogs.traject_items import UrgencyDialog
from ui.format import format_date
from ui.views.dossier.traject_sections import (
    LATE_COLOUR,
    OK_COLOUR,
    AppointmentsSection,
    Cell,
    ReferralsSection,
    Section,
    StabilisationSection,
    SupportSection,
    fill_table,
    make_table,
)
from ui.workspace import Workspace


def days_text(days: int) -> str:
    """'nog 3 dagen', 'vandaag', '2 dagen te laat'."""
    if days == 0:
        return "vandaag"
    if days > 0:
        return "nog 1 dag" if days == 1 else f"nog {days} dagen"
    return "1 dag te laat" if days == -1 else f"{-days} dagen te laat"


class TrajectTab(QWidget):
    """One dossier's traject (``DOSSIER_TABS`` factory: workspace, dossier_id, parent)."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._urgency: UrgencyView | None = None
        self._phase: traject.PhaseState | None = None
        self._build()
        workspace.signals.dossier_changed.connect(self._on_dossier_changed)
        self.reload()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        urgency = QGroupBox(self.tr("Urgentie en termijnen"), body)
        box = QVBoxLayout(urgency)
        self.urgency_label = QLabel(urgency)
        self.urgency_label.setWordWrap(True)
        self.urgency_label.setAccessibleName(self.tr("Urgentie"))
        top = QHBoxLayout()
        top.addWidget(self.urgency_label, 1)
        self.urgency_button = QPushButton(self.tr("Wijzigen…"), urgency)
        self.urgency_button.setAccessibleName(self.tr("Urgentie en aanvraag wijzigen"))
        self.urgency_button.clicked.connect(self.edit_urgency)
        top.addWidget(self.urgency_button)
        box.addLayout(top)
        self.deadlines = make_table(
            urgency,
            [self.tr("Termijn"), self.tr("Uiterlijk"), self.tr("Status"), self.tr("Toelichting")],
            self.tr("Termijnen"),
        )
        box.addWidget(self.deadlines)
        layout.addWidget(urgency)

        phase = QGroupBox(self.tr("Fase"), body)
        box = QVBoxLayout(phase)
        top = QHBoxLayout()
        self.phase_label = QLabel(phase)
        self.phase_label.setAccessibleName(self.tr("Huidige fase"))
        top.addWidget(self.phase_label, 1)
        self.move_button = QPushButton(self.tr("Fase wijzigen…"), phase)
        self.move_button.clicked.connect(self.move_phase)
        top.addWidget(self.move_button)
        box.addLayout(top)
        self.history = make_table(
            phase,
            [self.tr("Datum"), self.tr("Van"), self.tr("Naar"), self.tr("Door"), self.tr("Reden")],
            self.tr("Fasegeschiedenis"),
        )
        box.addWidget(self.history)
        layout.addWidget(phase)

        self.appointments = AppointmentsSection(self._workspace, self._dossier_id, body)
        self.stabilisation = StabilisationSection(self._workspace, self._dossier_id, body)
        self.referrals = ReferralsSection(self._workspace, self._dossier_id, body)
        self.support = SupportSection(self._workspace, self._dossier_id, body)
        self.sections: list[Section] = [self.appointments, self.stabilisation, self.referrals, self.support]
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        ctx = self._workspace.ctx
        try:
            self._urgency = traject.get_urgency(ctx, self._dossier_id)
            self._phase = traject.phase_state(ctx, self._dossier_id)
            deadlines = traject.dossier_deadlines(ctx, self._dossier_id)
            moves = workflow.transitions(ctx, self._dossier_id)
            shown = {(s.kind, s.ref) for s in signalen.dossier_signals(ctx, self._dossier_id)}
            for section in self.sections:
                section.reload()
        except KnownError as exc:
            self.urgency_label.setText(str(exc))
            return
        self._show_urgency(self._urgency)
        today = today_local()
        rows: list[list[Cell]] = []
        for d in deadlines:
            if d.met_on is not None:
                status: Cell = (
                    f"{d.status_label} ({format_date(d.met_on)})",
                    OK_COLOUR if d.status == terms.MET else LATE_COLOUR,
                )
            elif d.status in (terms.OPEN, terms.RUNNING):
                status = (f"{d.status_label}, {days_text(d.days_left(today))}", None)
            elif d.status == terms.ENDED:
                status = (d.status_label, None)
            else:
                status = (f"{d.status_label}, {days_text(d.days_left(today))}", LATE_COLOUR)
            mark = " ●" if (d.kind, d.ref) in shown else ""
            rows.append([d.label + mark, format_date(d.due_on), status, d.text])
        fill_table(self.deadlines, rows, [d.kind for d in deadlines])
        self.deadlines.setToolTip(self.tr("● staat bij Signalen"))
        state = self._phase
        self.phase_label.setText(
            self.tr("<b>{0}</b> sinds {1}").format(state.phase_label, format_date(state.phase_since))
        )
        self.move_button.setEnabled(Phase(state.phase) not in ENDED)
        history: list[list[Cell]] = []
        for m in reversed(moves):
            reason = m.reason
            if m.closing_reason:
                label = CLOSING_REASON_LABELS.get(ClosingReason(m.closing_reason), m.closing_reason)
                reason = f"{label}. {reason}".strip(". ").strip() if reason else label
            history.append(
                [
                    format_date(m.moved_on),
                    PHASE_LABELS[Phase(m.from_phase)] if m.from_phase else "",
                    PHASE_LABELS[Phase(m.to_phase)],
                    m.moved_by,
                    reason,
                ]
            )
        fill_table(self.history, history, [m.id for m in reversed(moves)])

    def _show_urgency(self, u: UrgencyView) -> None:
        parts = [self.tr("Melding: {0}").format(format_date(u.reported_on))]
        if u.threat_kinds:
            parts.append(
                self.tr("Bedreigende situatie: {0} (gemeld {1})").format(
                    ", ".join(u.threat_labels), format_date(u.threat_reported_on)
                )
            )
        else:
            parts.append(self.tr("Geen bedreigende situatie"))
        first = u.first_conversation_on or u.first_conversation_effective
        parts.append(
            self.tr("Eerste gesprek (aanvraag): {0}").format(
                format_date(first) if first else self.tr("nog niet")
            )
        )
        parts.append(
            self.tr("Beschikking verstuurd: {0}").format(
                format_date(u.decision_sent_on) if u.decision_sent_on else self.tr("nog niet")
            )
        )
        self.urgency_label.setText("\n".join(parts))

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id:
            self.reload()

    # ------------------------------------------------------------------ actions

    def phase_dialog(self) -> PhaseMoveDialog | None:
        """The 'Fase wijzigen' dialog for the current phase (None when the dossier has ended)."""
        if self._phase is None:
            return None
        return PhaseMoveDialog(
            self._workspace, self._dossier_id, self._phase.phase, self._phase.phase_since, self
        )

    def move_phase(self) -> None:
        dialog = self.phase_dialog()
        if dialog is not None and dialog.exec():
            self._announce(dialog)

    def _announce(self, dialog: PhaseMoveDialog) -> None:
        from ui.views.dossier.view import DossierView

        view = DossierView.of(self)
        if view is not None and dialog.detail is not None:
            view.set_detail(dialog.detail)

    def edit_urgency(self) -> None:
        if self._urgency is None:
            return
        try:
            UrgencyDialog(self._workspace, self._urgency, self).exec()
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
