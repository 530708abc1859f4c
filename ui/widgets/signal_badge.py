"""The dossier header's Signalen badge: how many terms of this dossier are due or late.

Red when one is late, amber when one is due soon, grey when there are none; the tooltip lists
them and a click opens the Traject tab. Reloads when the dossier or the signals change.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app.errors import KnownError
from app.services import signalen
from app.services.dossier_views import DossierDetail
from app.services.signalen import LATE, Signal
from ui.format import format_date
from ui.workspace import Workspace

_STYLE = (
    "QPushButton {{ background: {bg}; color: {fg}; border-radius: 9px; padding: 2px 10px;"
    " font-weight: bold; border: 1px solid {border}; }}"
)
STYLES = {
    "late": _STYLE.format(bg="#a4262c", fg="white", border="#a4262c"),
    "due": _STYLE.format(bg="#ffe8a3", fg="#1b1b1b", border="#c99a00"),
    "none": _STYLE.format(bg="palette(window)", fg="palette(text)", border="palette(mid)"),
}


class SignalBadge(QPushButton):
    """A count of the dossier's signals, for ``HEADER_WIDGETS`` (workspace, dossier_id, parent)."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._signals: list[Signal] = []
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Signalen van dit dossier"))
        self.clicked.connect(self._open_traject)
        workspace.signals.dossier_changed.connect(self._on_dossier_changed)
        workspace.signals.signals_changed.connect(self.reload)

    @property
    def count(self) -> int:
        return len(self._signals)

    @property
    def level(self) -> str:
        """``late``, ``due`` or ``none``."""
        if any(s.severity == LATE for s in self._signals):
            return "late"
        return "due" if self._signals else "none"

    def show_detail(self, detail: DossierDetail) -> None:
        """Show the signals read with the dossier (``header["signals"]``), else load them."""
        found = detail.header.get("signals")
        if isinstance(found, list):
            self._show(found)
        else:
            self.reload()

    def reload(self) -> None:
        try:
            found = signalen.dossier_signals(self._workspace.ctx, self._dossier_id)
        except KnownError:
            found = []
        self._show(found)

    def _show(self, found: list[Signal]) -> None:
        self._signals = found
        count = len(self._signals)
        if count == 0:
            self.setText(self.tr("Geen signalen"))
        elif count == 1:
            self.setText(self.tr("1 signaal"))
        else:
            self.setText(self.tr("{0} signalen").format(count))
        self.setStyleSheet(STYLES[self.level])
        lines = [
            f"{s.severity_label}: {s.kind_label} ({format_date(s.due_on)}) — {s.text}" for s in self._signals
        ]
        self.setToolTip("\n".join(lines) if lines else self.tr("Geen termijnen die nu aandacht vragen."))
        self.setAccessibleDescription(self.toolTip())

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id:
            self.reload()

    def _open_traject(self) -> None:
        from ui.views.dossier.view import DossierView

        view = DossierView.of(self)
        if view is not None and "traject" in view.tab_keys():
            view.show_tab("traject")
