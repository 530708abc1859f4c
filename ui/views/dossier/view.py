"""One open dossier: a header (name, number, phase, counsellor, small widgets) and its tabs.

The tabs come from ``ui.registry.DOSSIER_TABS`` and are built when first shown, so opening a
dossier stays quick however many capabilities add a tab. A tab that fails to build shows the
reason in its place (and is logged) instead of taking the whole dossier down.
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services.dossier_views import DossierDetail
from app.services.dossiers import get_dossier
from ui import registry
from ui.format import format_date
from ui.workspace import Workspace

log = logging.getLogger(__name__)

_BADGE_STYLE = "QLabel { background: %s; color: #1b1b1b; border-radius: 3px; padding: 1px 6px; }"


class DossierView(QWidget):
    """The header and tabs of one dossier; ``detail`` is what the header shows."""

    detail_changed = Signal(object)  # DossierDetail, after a reload or a save

    def __init__(
        self,
        workspace: Workspace,
        detail: DossierDetail,
        parent: QWidget | None = None,
        *,
        reason: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._detail = detail
        self._reason = reason
        self._announcing = False
        self._holders: dict[str, QWidget] = {}
        self._tabs_built: dict[str, QWidget] = {}
        self.failed_tabs: dict[str, str] = {}
        self.header_widgets: list[QWidget] = []
        self._build()
        self.set_detail(detail)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        workspace.signals.dossier_changed.connect(self._on_dossier_changed)
        self._on_tab_changed(self.tabs.currentIndex())

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = QFrame(self)
        self.header.setFrameShape(QFrame.Shape.StyledPanel)
        self.header.setAccessibleName(self.tr("Dossierkop"))
        top = QHBoxLayout(self.header)
        text = QVBoxLayout()
        top.addLayout(text, 1)
        self.name_label = QLabel(self.header)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.addWidget(self.name_label)
        # Two rows of two facts, so the header (with the step map beside it) fits a 1366-pixel screen.
        facts = QGridLayout()
        facts.setHorizontalSpacing(18)
        facts.setVerticalSpacing(2)
        self.number_label = QLabel(self.header)
        self.phase_label = QLabel(self.header)
        self.counsellor_label = QLabel(self.header)
        self.birth_label = QLabel(self.header)
        cells = (
            (self.number_label, 0, 0),
            (self.phase_label, 0, 1),
            (self.counsellor_label, 1, 0),
            (self.birth_label, 1, 1),
        )
        for label, row, column in cells:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addWidget(label, row, column)
        facts.setColumnStretch(2, 1)
        text.addLayout(facts)
        badges = QHBoxLayout()
        self.reading_badge = QLabel(
            self.tr("Leest liever niet: uitleg mondeling of met plaatjes"), self.header
        )
        self.reading_badge.setStyleSheet(_BADGE_STYLE % "#ffe8a3")
        self.caseload_badge = QLabel(self.header)
        self.caseload_badge.setStyleSheet(_BADGE_STYLE % "#dde7f5")
        badges.addWidget(self.reading_badge)
        badges.addWidget(self.caseload_badge)
        badges.addStretch(1)
        text.addLayout(badges)
        for spec in registry.HEADER_WIDGETS:
            widget = self._make(spec, self.header)
            if widget is not None:
                self.header_widgets.append(widget)
                top.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.header)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Onderdelen van het dossier"))
        for spec in registry.DOSSIER_TABS:
            holder = QWidget(self.tabs)
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[spec.key] = holder
            self.tabs.addTab(holder, self.tr(spec.label))
        layout.addWidget(self.tabs, 1)

    def _make(self, spec: registry.TabSpec, parent: QWidget) -> QWidget | None:
        try:
            return registry.load(spec.factory)(self._workspace, self._detail.id, parent)
        except KnownError as exc:
            self.failed_tabs[spec.key] = str(exc)
        except Exception as exc:
            log.exception("dossier part %s could not be built", spec.key)
            self.failed_tabs[spec.key] = f"{type(exc).__name__}: {exc}"
        return None

    # ------------------------------------------------------------------ tabs

    def tab_keys(self) -> list[str]:
        return list(self._holders)

    def tab(self, key: str) -> QWidget | None:
        """The widget of tab ``key`` (built now if it was not yet); None when it failed."""
        if key in self._tabs_built:
            return self._tabs_built[key]
        if key in self.failed_tabs:
            return None
        spec = next(s for s in registry.DOSSIER_TABS if s.key == key)
        holder = self._holders[key]
        widget = self._make(spec, self)
        if widget is None:
            message = QLabel(
                self.tr("Dit onderdeel kon niet worden geladen: {0}").format(self.failed_tabs[key]), holder
            )
            message.setWordWrap(True)
            message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            _layout(holder).addWidget(message)
            return None
        widget.setParent(holder)
        _layout(holder).addWidget(widget)
        self._tabs_built[key] = widget
        return widget

    def show_tab(self, key: str) -> QWidget | None:
        """Make tab ``key`` current and return its widget."""
        self.tabs.setCurrentWidget(self._holders[key])
        return self.tab(key)

    def unsaved_tabs(self) -> list[QWidget]:
        """Built tabs that hold changes not yet saved (tabs with a true ``dirty`` attribute)."""
        return [w for w in self._tabs_built.values() if getattr(w, "dirty", False)]

    def confirm_close(self) -> bool:
        """Ask what to do with unsaved changes; False when the user wants to stay."""
        dirty = self.unsaved_tabs()
        if not dirty:
            return True
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            self,
            self.tr("Niet opgeslagen"),
            self.tr(
                "In het dossier van {0} staan wijzigingen die nog niet zijn opgeslagen. Wilt u ze opslaan?"
            ).format(self._detail.client.display_name),
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return all(bool(tab.save()) for tab in dirty)  # type: ignore[attr-defined]
        return True

    def _on_tab_changed(self, index: int) -> None:
        holder = self.tabs.widget(index)
        for key, candidate in self._holders.items():
            if candidate is holder:
                self.tab(key)

    # ------------------------------------------------------------------ data

    @property
    def dossier_id(self) -> uuid.UUID:
        return self._detail.id

    @property
    def detail(self) -> DossierDetail:
        return self._detail

    @property
    def reason(self) -> str | None:
        """The reason given to open a dossier outside the own caseload (reused on reload)."""
        return self._reason

    @property
    def can_edit(self) -> bool:
        return self._detail.own_caseload or self._workspace.ctx.user.is_team_lead

    def title(self) -> str:
        """Short text for the tab that holds this view."""
        return f"{self._detail.client.display_name} ({self._detail.number})"

    def set_detail(self, detail: DossierDetail) -> None:
        """Show ``detail`` in the header and tell the tabs."""
        self._detail = detail
        client = detail.client
        self.name_label.setText(client.display_name)
        self.name_label.setAccessibleName(self.tr("Naam: {0}").format(client.display_name))
        self.number_label.setText(self.tr("Dossier {0}").format(detail.number))
        self.phase_label.setText(
            self.tr("Fase: {0} (sinds {1})").format(detail.phase_label, format_date(detail.phase_since))
        )
        self.counsellor_label.setText(self.tr("Consulent: {0}").format(detail.owner_name))
        if client.birth_date is not None:
            self.birth_label.setText(
                self.tr("Geboren {0} ({1} jaar)").format(format_date(client.birth_date), client.age)
            )
        else:
            self.birth_label.setText("")
        self.reading_badge.setVisible(client.reading_difficulty)
        if detail.own_caseload:
            self.caseload_badge.hide()
        else:
            self.caseload_badge.setText(
                self.tr("Niet uw caseload") if self.can_edit else self.tr("Niet uw caseload: alleen lezen")
            )
            self.caseload_badge.show()
        for widget in self.header_widgets:
            show = getattr(widget, "show_detail", None)
            if callable(show):
                show(detail)  # header widgets take what get_dossier read for them (``detail.header``)
        self.detail_changed.emit(detail)

    def reload(self) -> None:
        """Read the dossier again (after someone changed it)."""
        try:
            detail = get_dossier(self._workspace.ctx, self._detail.id, self._reason)
        except KnownError as exc:
            self.phase_label.setText(str(exc))
            self.tabs.setEnabled(False)
            return
        self.set_detail(detail)

    def announce_change(self, detail: DossierDetail | None = None) -> None:
        """A tab changed this dossier: show ``detail`` and tell the rest of the window."""
        if detail is not None:
            self.set_detail(detail)
        self._announcing = True
        try:
            self._workspace.signals.dossier_changed.emit(self._detail.id)
        finally:
            self._announcing = False

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._detail.id and not self._announcing:
            self.reload()

    @staticmethod
    def of(widget: QWidget | None) -> DossierView | None:
        """The DossierView that holds ``widget`` (for tabs that need the header's data)."""
        while widget is not None:
            if isinstance(widget, DossierView):
                return widget
            widget = widget.parentWidget()
        return None


def _layout(holder: QWidget) -> QVBoxLayout:
    layout = holder.layout()
    assert isinstance(layout, QVBoxLayout)
    return layout
