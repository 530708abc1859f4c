"""The logged-in workspace the widgets receive: the service context and who is logged in.

Widgets call ``app.services`` functions with ``workspace.ctx``; they never see a Session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from app.services.auth import Opened
from app.services.context import ServiceContext


class WorkspaceSignals(QObject):
    """Signals that tell every open view what changed."""

    dossier_changed = Signal(object)  # uuid.UUID of the dossier
    dossiers_changed = Signal()  # the list should reload
    signals_changed = Signal()  # deadlines / Signalen counts should reload
    open_dossier = Signal(object)  # ask the main window to open a dossier (uuid.UUID)
    open_page = Signal(str)  # ask the main window to show a page (a ui.registry.PAGES key)


@dataclass
class Workspace:
    """What a window needs: the opened database, the service context and change signals."""

    opened: Opened
    signals: WorkspaceSignals = field(default_factory=WorkspaceSignals)

    @property
    def ctx(self) -> ServiceContext:
        return self._ctx

    def __post_init__(self) -> None:
        self._ctx = self.opened.context()
