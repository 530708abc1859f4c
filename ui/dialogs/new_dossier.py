"""The new-dossier dialog (the aanmelding): client, household, hulpvraag; checked before saving.

``accept()`` checks the whole form (typed dates and the service's own rules); any problem is
shown next to its field and nothing is saved. Only a complete form reaches ``create_dossier``,
which saves client, household and dossier in one transaction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.users import Role
from app.errors import KnownError, ValidationError
from app.services.auth import UserView, list_users
from app.services.dossier_views import DossierDetail
from app.services.dossiers import create_dossier
from ui.views.dossier.person_form import PersonForm
from ui.widgets.field_error import ERROR_COLOUR
from ui.workspace import Workspace


def active_counsellors(workspace: Workspace) -> list[UserView]:
    """The active users with the role consulent (for pickers)."""
    return [u for u in list_users(workspace.ctx, include_inactive=False) if Role.COUNSELLOR.value in u.roles]


class NewDossierDialog(QDialog):
    """Register a new client and dossier; on success emits ``created`` and asks to open it."""

    created = Signal(object)  # DossierDetail

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._detail: DossierDetail | None = None
        user = workspace.ctx.user
        counsellors = active_counsellors(workspace) if user.is_team_lead else []
        self._build(counsellors)
        if user.is_counsellor and counsellors:
            index = self.form.owner.findData(str(user.id))
            self.form.owner.setCurrentIndex(max(0, index))

    # ------------------------------------------------------------------ widgets

    def _build(self, counsellors: list[UserView]) -> None:
        self.setWindowTitle(self.tr("Nieuw dossier"))
        self.setAccessibleName(self.tr("Nieuw dossier"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Vul in wat de cliënt vertelt. Velden met een rode melding moeten nog worden "
                "aangepast; er wordt pas iets opgeslagen als alles klopt."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = PersonForm(self, counsellors=counsellors)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.form)
        layout.addWidget(self.scroll_area, 1)
        bottom = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.summary.setWordWrap(True)
        bottom.addWidget(self.summary, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button.setToolTip(self.tr("Opslaan (Ctrl+S)"))
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.accept)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width = min(1180, screen.width() - 40) if screen else 1100
        height = min(860, screen.height() - 60) if screen else 700
        self.resize(width, height)
        self.form.bsn.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ behaviour

    @property
    def detail(self) -> DossierDetail | None:
        """The saved dossier (after a successful ``accept``)."""
        return self._detail

    def accept(self) -> None:
        errors = self.form.check()
        if errors:
            self._show_errors(errors)
            return
        try:
            detail = create_dossier(
                self._workspace.ctx, self.form.client_form(), self.form.dossier_form(), self.form.members()
            )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return
        self._detail = detail
        self.summary.clear()
        super().accept()
        self.created.emit(detail)
        self._workspace.signals.dossiers_changed.emit()
        self._workspace.signals.open_dossier.emit(detail.id)

    def _show_errors(self, errors: dict[str, str]) -> None:
        first = self.form.show_errors(errors)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first, 50, 80)
        count = len(errors)
        self.summary.setText(
            self.tr("Er is niets opgeslagen. Pas het veld met de rode melding aan.")
            if count == 1
            else self.tr("Er is niets opgeslagen. Pas de {0} velden met een rode melding aan.").format(count)
        )
