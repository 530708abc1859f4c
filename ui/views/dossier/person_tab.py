"""The *Persoon & huishouden* tab: the client's data, household and hulpvraag; edit and save.

Saving sends the version the form was filled from; when a colleague saved in between, the
service refuses (``ConflictError``) and the tab calmly reloads the newest data.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.errors import ConflictError, KnownError, ValidationError
from app.services.dossier_views import DossierDetail
from app.services.dossiers import get_dossier, update_dossier
from ui.dialogs.new_dossier import active_counsellors
from ui.views.dossier.person_form import PersonForm
from ui.views.dossier.view import DossierView
from ui.widgets.field_error import ERROR_COLOUR
from ui.workspace import Workspace


class PersonTab(QWidget):
    """Shows and edits client, household and aanmelding of one dossier."""

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._view = DossierView.of(parent)
        self._detail = self._view.detail if self._view is not None else get_dossier(workspace.ctx, dossier_id)
        self._dirty = False
        self._loading = False
        self._build()
        self._connect()
        self.load(self._detail)

    # ------------------------------------------------------------------ widgets

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Opslaan"), self)
        self.save_button.setToolTip(self.tr("Wijzigingen opslaan (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("&Ongedaan maken"), self)
        self.revert_button.setToolTip(self.tr("Terug naar wat is opgeslagen"))
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Status van het opslaan"))
        self.status.setWordWrap(True)
        bar.addWidget(self.save_button)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.status, 1)
        layout.addLayout(bar)
        user = self._workspace.ctx.user
        counsellors = active_counsellors(self._workspace) if user.is_team_lead else []
        self.form = PersonForm(self, counsellors=counsellors)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.form)
        layout.addWidget(self.scroll_area, 1)

    def _connect(self) -> None:
        self.form.changed.connect(self._on_changed)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        QShortcut(
            QKeySequence.StandardKey.Save, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        if self._view is not None:
            self._view.detail_changed.connect(self._on_detail_changed)

    # ------------------------------------------------------------------ behaviour

    @property
    def dirty(self) -> bool:
        """Whether the form holds changes that are not saved."""
        return self._dirty

    @property
    def can_edit(self) -> bool:
        return self._detail.own_caseload or self._workspace.ctx.user.is_team_lead

    def load(self, detail: DossierDetail) -> None:
        """Fill the form with ``detail`` (drops unsaved changes)."""
        self._detail = detail
        self._loading = True
        try:
            self.form.set_detail(detail)
        finally:
            self._loading = False
        self.form.set_read_only(not self.can_edit)
        self.save_button.setVisible(self.can_edit)
        self.revert_button.setVisible(self.can_edit)
        if not self.can_edit:
            self.status.setText(self.tr("Dit dossier hoort niet bij uw caseload: u kunt het alleen lezen."))
        self._set_dirty(False)

    def _on_changed(self) -> None:
        if not self._loading:
            self._set_dirty(True)
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Niet opgeslagen wijzigingen"))

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _on_detail_changed(self, detail: DossierDetail) -> None:
        if detail.version != self._detail.version and not self._dirty:
            self.load(detail)

    def revert(self) -> None:
        self.load(self._detail)
        self.status.setText("")

    def save(self) -> bool:
        """Save the form; show problems next to the fields. Returns whether it was saved."""
        if not self.can_edit or not self._dirty:
            return False
        errors = self.form.check()
        if errors:
            return self._show_errors(errors)
        try:
            detail = update_dossier(
                self._workspace.ctx,
                self._detail.id,
                self._detail.version,
                self.form.client_form(),
                self.form.dossier_form(),
                self.form.members(),
            )
        except ValidationError as exc:
            return self._show_errors(exc.errors)
        except ConflictError as exc:
            QMessageBox.information(
                self,
                self.tr("Dossier is gewijzigd"),
                self.tr("{0}\n\nU ziet nu de nieuwste gegevens. Voer uw wijziging daarna opnieuw in.").format(
                    exc
                ),
            )
            self._reload()
            return False
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"), str(exc))
            return False
        self.load(detail)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Opgeslagen."))
        if self._view is not None:
            self._view.announce_change(detail)
        else:
            self._workspace.signals.dossier_changed.emit(detail.id)
        return True

    def _reload(self) -> None:
        if self._view is not None:
            self._view.reload()
            self.load(self._view.detail)
        else:
            self.load(get_dossier(self._workspace.ctx, self._detail.id))

    def _show_errors(self, errors: dict[str, str]) -> bool:
        first = self.form.show_errors(errors)
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first, 50, 80)
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.status.setText(self.tr("Niet opgeslagen: pas de velden met een rode melding aan."))
        return False
