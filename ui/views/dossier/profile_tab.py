"""The *Klantprofiel* tab: the client's assessments in the plot, their history and the fitting approach.

For the counsellor only: the profile is an aid to professional judgement, not a label for the
client. 'Nieuwe afname' opens the questionnaire; an interrupted one can be resumed or thrown away.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services.assessment_views import ApproachView, AssessmentView, ProfileOverview
from app.services.assessments import discard_draft, overview
from ui.dialogs.assessment import AssessmentDialog
from ui.format import format_date, format_datetime
from ui.views.dossier.view import DossierView
from ui.widgets.profile_plot import ProfilePlot
from ui.widgets.statement import scaled_font
from ui.workers import Runner
from ui.workspace import Workspace

COL_DATE, COL_VERSION, COL_SUGGESTED, COL_CHOSEN, COL_REASON, COL_BY = range(6)
_HEADERS = ("Datum", "Versie", "Voorstel", "Gekozen", "Reden", "Door")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_AnyIndex = QModelIndex | QPersistentModelIndex


def _suggestion(view: AssessmentView) -> str:
    if view.suggested is None:
        return QCoreApplication.translate("HistoryModel", "Geen (te weinig antwoorden)")
    if view.ambiguous and len(view.candidates) > 1:
        return QCoreApplication.translate("HistoryModel", "{0} (twijfel: {1})").format(
            view.suggested_label, view.candidates[1]
        )
    return view.suggested_label


def _text(view: AssessmentView, column: int) -> str:
    if column == COL_DATE:
        return format_date(view.assessed_on)
    if column == COL_VERSION:
        return str(view.questionnaire_version)
    if column == COL_SUGGESTED:
        return _suggestion(view)
    if column == COL_CHOSEN:
        return view.chosen_label
    if column == COL_REASON:
        return view.override_reason
    return view.decided_by_name


class HistoryModel(QAbstractTableModel):
    """Assessments as rows, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AssessmentView] = []

    def set_rows(self, history: tuple[AssessmentView, ...]) -> None:
        self.beginResetModel()
        self._rows = list(reversed(history))
        self.endResetModel()

    def row_view(self, row: int) -> AssessmentView:
        return self._rows[row]

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(_HEADERS):
            return None
        view = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _text(view, index.column())
        if role == SORT_ROLE:
            return view.assessed_on if index.column() == COL_DATE else _text(view, index.column())
        if role == ID_ROLE:
            return view.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(_HEADERS)
        ):
            return QCoreApplication.translate("HistoryModel", _HEADERS[section])
        return None

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ApproachPanel(QScrollArea):
    """Kenmerken, aanpak and usual products of the chosen profile (seed 004)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Aanpak bij het gekozen profiel"))
        self._headings: list[QLabel] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.title = QLabel(body)
        self.title.setFont(scaled_font(self.font(), 1.35, 13.0, bold=True))
        self.title.setWordWrap(True)
        self.since = QLabel(body)
        self.since.setWordWrap(True)
        self.kenmerken = self._section(layout, self.tr("Kenmerken"))
        self.aanpak = self._section(layout, self.tr("Aanpak"))
        self.products = self._section(layout, self.tr("Passende producten"))
        note = QLabel(
            self.tr(
                "Een hulpmiddel bij uw eigen oordeel, geen etiket voor de klant. "
                "Het profiel komt nooit op iets dat de klant krijgt."
            ),
            body,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.insertWidget(0, self.title)
        layout.insertWidget(1, self.since)
        layout.addWidget(note)
        layout.addStretch(1)
        self.setWidget(body)

    def _section(self, layout: QVBoxLayout, heading: str) -> QLabel:
        title = QLabel(heading, self)
        title.setFont(scaled_font(self.font(), 1.1, 10.5, bold=True))
        self._headings.append(title)
        text = QLabel(self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAccessibleName(heading)
        layout.addWidget(title)
        layout.addWidget(text)
        return text

    def show_approach(self, approach: ApproachView | None, latest: AssessmentView | None) -> None:
        if approach is None or latest is None:
            self.title.setText(self.tr("Nog geen profiel gekozen"))
            self.since.setText(self.tr("Neem de vragenlijst samen met de klant af."))
            for label in (self.kenmerken, self.aanpak, self.products):
                label.setText("")
            for label in (self.kenmerken, self.aanpak, self.products, *self._headings):
                label.hide()
            return
        for label in (self.kenmerken, self.aanpak, self.products, *self._headings):
            label.show()
        self.title.setText(self.tr("Aanpak bij {0}").format(approach.label.lower()))
        self.since.setText(self.tr("Gekozen op {0}").format(format_date(latest.assessed_on)))
        self.kenmerken.setText("\n".join(f"•  {line}" for line in approach.kenmerken))
        self.aanpak.setText("\n".join(f"•  {line}" for line in approach.aanpak))
        self.products.setText(
            "\n".join(f"•  {p.label}" for p in approach.products)
            if approach.products
            else self.tr("Meestal geen apart product nodig.")
        )


class ProfileTab(QWidget):
    """The Klantprofiel tab of one dossier."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._dossier_id = dossier_id
        self._view = DossierView.of(parent)
        self._overview: ProfileOverview | None = None
        self.model = HistoryModel(self)
        self._runner = Runner(self)
        self._build()
        self._runner.finished.connect(self._on_loaded)
        self._runner.failed.connect(self._on_failed)
        workspace.signals.dossier_changed.connect(self._on_dossier_changed)
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.new_button = QPushButton(self.tr("&Nieuwe afname…"), self)
        self.resume_button = QPushButton(self.tr("&Verder met afname…"), self)
        self.discard_button = QPushButton(self.tr("Afname &weggooien"), self)
        bar.addWidget(self.status, 1)
        for button in (self.new_button, self.resume_button, self.discard_button):
            bar.addWidget(button)
            button.hide()
        layout.addLayout(bar)

        self.plot = ProfilePlot(self)
        self.approach = ApproachPanel(self)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.plot)
        top.addWidget(self.approach)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Eerdere afnames"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.table)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

        self.new_button.clicked.connect(self.new_assessment)
        self.resume_button.clicked.connect(self.resume_assessment)
        self.discard_button.clicked.connect(self.discard)

    @property
    def can_edit(self) -> bool:
        return self._view.can_edit if self._view is not None else True

    @property
    def overview(self) -> ProfileOverview | None:
        return self._overview

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the assessments again (in a worker); ``loaded`` follows."""
        ctx, dossier_id = self._workspace.ctx, self._dossier_id
        self._runner.submit(lambda: overview(ctx, dossier_id))

    def _on_loaded(self, result: object) -> None:
        assert isinstance(result, ProfileOverview)
        self._overview = result
        t = result.thresholds
        self.plot.set_boundaries(t.skills_boundary, t.motivation_boundary, t.ambiguity_margin)
        self.plot.set_points([v.point for v in result.history if v.point is not None])
        self.model.set_rows(result.history)
        latest = result.history[-1] if result.history else None
        self.approach.show_approach(result.approach, latest)
        draft = result.draft
        if draft is not None:
            self.status.setText(
                self.tr("Er is een onderbroken afname van {0}, bij onderdeel {1} van {2}.").format(
                    format_datetime(draft.saved_at), draft.theme_index + 1, draft.theme_count
                )
            )
        elif latest is not None:
            count = len(result.history)
            self.status.setText(
                self.tr("{0} keer afgenomen; laatst op {1}.").format(count, format_date(latest.assessed_on))
            )
        else:
            self.status.setText(self.tr("Nog geen vragenlijst afgenomen."))
        editable = self.can_edit
        self.new_button.setVisible(editable and draft is None)
        self.resume_button.setVisible(editable and draft is not None)
        self.discard_button.setVisible(editable and draft is not None)
        self.loaded.emit()

    def _on_failed(self, error: object) -> None:
        self.status.setText(
            str(error)
            if isinstance(error, KnownError)
            else self.tr("Het klantprofiel kon niet worden geladen.")
        )
        self.loaded.emit()

    def _on_dossier_changed(self, dossier_id: object) -> None:
        if dossier_id == self._dossier_id:
            self.reload()

    # -- actions -------------------------------------------------------------------------------

    def _client_name(self) -> str:
        return self._view.detail.client.display_name if self._view is not None else ""

    def _open(self, dialog: AssessmentDialog) -> AssessmentDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.draft_saved.connect(lambda _draft: self.reload())
        dialog.open()
        return dialog

    def new_assessment(self) -> AssessmentDialog:
        """Open the questionnaire (window-modal, not blocking) and return it."""
        return self._open(
            AssessmentDialog(
                self._workspace, self._dossier_id, self.window(), client_name=self._client_name()
            )
        )

    def resume_assessment(self) -> AssessmentDialog | None:
        """Open the interrupted questionnaire where it stopped."""
        draft = self._overview.draft if self._overview is not None else None
        if draft is None:
            return None
        return self._open(
            AssessmentDialog(
                self._workspace, self._dossier_id, self.window(), draft=draft, client_name=self._client_name()
            )
        )

    def discard(self) -> bool:
        """Throw away the interrupted questionnaire after a confirmation."""
        answer = QMessageBox.question(
            self,
            self.tr("Afname weggooien"),
            self.tr("De antwoorden van de onderbroken afname worden weggegooid. Weet u het zeker?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            discard_draft(self._workspace.ctx, self._dossier_id)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return False
        self.reload()
        return True

    def _on_saved(self, _view: object) -> None:
        if self._view is not None:
            self._view.announce_change()
        else:
            self._workspace.signals.dossier_changed.emit(self._dossier_id)
