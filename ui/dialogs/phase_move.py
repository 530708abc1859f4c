"""'Fase wijzigen': move a dossier to another phase on a chosen date, with a reason when needed.

Only the moves ``app.rules.phases`` allows from the current phase are offered. Going back and
returning from a side state ask for a reason; closing and dropping out ask for a closing reason
(DDAS exit reasons with Helder's finer reasons); a gate that refuses (e.g. the voorlegger) can
be passed by a teamleider with a reason. The date defaults to today.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.rules.phases import (
    ALLOWED_MOVES,
    CLOSING_REASON_LABELS,
    ENDED,
    MOVE_KIND_LABELS,
    PHASE_LABELS,
    POSITIVE_CLOSING_REASONS,
    ClosingReason,
    MoveKind,
    Phase,
    check_move,
    move_kind,
)
from app.services import workflow
from app.services.context import today_local
from app.services.dossier_views import DossierDetail
from ui.format import format_date
from ui.widgets.field_error import FieldError, FieldErrors
from ui.workspace import Workspace

_KIND_ORDER = (MoveKind.FORWARD, MoveKind.RETURN, MoveKind.BACK, MoveKind.SIDE, MoveKind.CLOSE)
_STANDARD_FIELDS = frozenset({"phase", "reason", "closing_reason", "on"})


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def move_targets(current: Phase) -> list[tuple[Phase, MoveKind]]:
    """The phases a dossier may move to from ``current``, the most common first."""
    found = [(target, kind) for target in ALLOWED_MOVES[current] if (kind := move_kind(current, target))]
    order = list(Phase)
    return sorted(found, key=lambda item: (_KIND_ORDER.index(item[1]), order.index(item[0])))


class PhaseMoveDialog(QDialog):
    """Move one dossier; after ``accept`` :attr:`detail` holds the dossier as it is now."""

    def __init__(
        self,
        workspace: Workspace,
        dossier_id: uuid.UUID,
        current_phase: str,
        phase_since: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._current = Phase(current_phase)
        self._since = phase_since
        self._detail: DossierDetail | None = None
        self._build()
        self._on_target_changed()

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Fase wijzigen"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Nu: {0} (sinds {1})").format(PHASE_LABELS[self._current], format_date(self._since))
        )
        layout.addWidget(intro)
        general = FieldError(None, self)
        layout.addWidget(general)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        layout.addLayout(form)
        self.target = QComboBox(self)
        for target, kind in move_targets(self._current):
            self.target.addItem(
                f"{self.tr(PHASE_LABELS[target])} — {self.tr(MOVE_KIND_LABELS[kind])}", target.value
            )
        self.on = QDateEdit(self)
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd-MM-yyyy")
        self.on.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        self.on.setMinimumDate(to_qdate(max(self._since, date(2000, 1, 1))))
        self.on.setMaximumDate(to_qdate(today_local()))
        self.on.setDate(to_qdate(today_local()))
        self.closing_reason = QComboBox(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.override = QPlainTextEdit(self)
        self.override.setTabChangesFocus(True)
        self.override.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.override.setPlaceholderText(self.tr("Waarom gaat het dossier toch door? Dit wordt vastgelegd."))
        self._labels: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}
        for key, text, widget in (
            ("phase", self.tr("Nieuwe fase"), self.target),
            ("on", self.tr("Datum"), self.on),
            ("closing_reason", self.tr("Reden van afsluiten"), self.closing_reason),
            ("reason", self.tr("Toelichting"), self.reason),
            ("override_reason", self.tr("Reden om af te wijken"), self.override),
        ):
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.errors.add(key, FieldError(widget, holder)))
            label = QLabel(text, self)
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            form.addRow(label, holder)
            self._labels[key] = label
            self._rows[key] = holder
        self.check_label = QLabel(self)
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Fase wijzigen"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.accept)
        self._show_row("override_reason", False)
        self.target.currentIndexChanged.connect(self._on_target_changed)
        self.closing_reason.currentIndexChanged.connect(self._update_check)
        self.reason.textChanged.connect(self._update_check)
        self.resize(560, 380)

    def _show_row(self, key: str, visible: bool) -> None:
        self._labels[key].setVisible(visible)
        self._rows[key].setVisible(visible)

    # ------------------------------------------------------------------ behaviour

    @property
    def target_phase(self) -> Phase | None:
        data = self.target.currentData()
        return Phase(data) if data else None

    @property
    def closing_code(self) -> str | None:
        data = self.closing_reason.currentData()
        return str(data) if data else None

    @property
    def detail(self) -> DossierDetail | None:
        """The dossier after the move (None until saved)."""
        return self._detail

    def select_target(self, phase: str) -> bool:
        """Choose ``phase`` as the target (False when that move is not offered)."""
        index = self.target.findData(phase)
        if index >= 0:
            self.target.setCurrentIndex(index)
        return index >= 0

    def select_closing_reason(self, code: str) -> bool:
        index = self.closing_reason.findData(code)
        if index >= 0:
            self.closing_reason.setCurrentIndex(index)
        return index >= 0

    def _on_target_changed(self) -> None:
        target = self.target_phase
        closing = target in ENDED
        self.closing_reason.blockSignals(True)
        self.closing_reason.clear()
        if closing:
            self.closing_reason.addItem(self.tr("Kies een reden…"), None)
            for reason in ClosingReason:
                if target == Phase.DROPPED_OUT and reason in POSITIVE_CLOSING_REASONS:
                    continue
                self.closing_reason.addItem(self.tr(CLOSING_REASON_LABELS[reason]), reason.value)
        self.closing_reason.blockSignals(False)
        self._show_row("closing_reason", closing)
        self.errors.clear()
        self._update_check()

    def _needs_reason(self) -> bool:
        """Whether ``check_move`` asks a reason for this move (going back, some closing reasons)."""
        target = self.target_phase
        return target is not None and check_move(self._current, target, None, self.closing_code).needs_reason

    def _update_check(self) -> None:
        target = self.target_phase
        if target is None:
            self.check_label.setText(self.tr("Vanuit deze fase kan het dossier niet verder."))
            self.save_button.setEnabled(False)
            return
        needs = self._needs_reason()
        self._labels["reason"].setText(self.tr("Reden (verplicht)") if needs else self.tr("Toelichting"))
        self.reason.setPlaceholderText(
            self.tr("Waarom gaat het dossier deze kant op?") if needs else self.tr("Niet verplicht")
        )
        check = check_move(self._current, target, self.reason.toPlainText(), self.closing_code)
        self.check_label.setText(check.message)
        self.save_button.setEnabled(True)

    def accept(self) -> None:
        target = self.target_phase
        if target is None:
            return
        override = self.override.toPlainText().strip() or None
        try:
            self._detail = workflow.move_phase(
                self._workspace.ctx,
                self._dossier_id,
                target.value,
                on=from_qdate(self.on.date()),
                reason=self.reason.toPlainText(),
                closing_reason=self.closing_code,
                override_reason=override,
            )
        except ValidationError as exc:
            self._show(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Fase niet gewijzigd"), str(exc))
            return
        signals = self._workspace.signals
        signals.dossier_changed.emit(self._dossier_id)
        signals.dossiers_changed.emit()
        signals.signals_changed.emit()
        super().accept()

    def _show(self, errors: dict[str, str]) -> None:
        gate = [key for key in errors if key not in _STANDARD_FIELDS]
        if gate and self._workspace.ctx.user.is_team_lead:
            self._show_row("override_reason", True)
        first = self.errors.show(errors)
        if first is not None:
            first.setFocus()
