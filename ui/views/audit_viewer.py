"""The "Auditlog" page (teamleider and beheerder): who did what, when, and is the chain intact.

Filters (actor, action, object id, from a date) are applied in SQL; the newest 500 matching
lines are shown. "Controleer keten" recomputes every hash (BIO2 8.15.05) in a worker and names
the first entry that was changed or removed. A beheerder who does not work with dossiers sees
which fields of a dossier changed, not their values (the service masks them).
"""

from __future__ import annotations

import json
from datetime import datetime, time

from PySide6.QtCore import QCoreApplication, QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services import audit
from app.services.audit import ACTION_LABELS, AuditRow, ChainReport
from app.services.context import AMSTERDAM, today_local
from ui.format import format_datetime
from ui.models.record_table import SORT_ROLE, Column, RecordTableModel
from ui.workers import Runner
from ui.workspace import Workspace

COL_MOMENT, COL_ACTOR, COL_ACTION, COL_OBJECT, COL_RESULT, COL_DEVICE, COL_DETAILS = range(7)
LIMIT = 500

RESULT_LABELS = {"ok": "gelukt", "failed": "mislukt"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditViewerPage", text)


def readable_details(details: str) -> str:
    """Return ``{"surname": ["A", "B"]}`` as ``surname: A → B`` (other text unchanged)."""
    if not details.startswith("{"):
        return details
    try:
        parsed = json.loads(details)
    except ValueError:
        return details
    if not isinstance(parsed, dict):
        return details
    parts = []
    for key, value in parsed.items():
        if isinstance(value, list) and len(value) == 2:
            parts.append(f"{key}: {value[0]} → {value[1]}")
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


def audit_columns() -> list[Column[AuditRow]]:
    return [
        Column(_tr("Moment"), lambda r: format_datetime(r.at), sort=lambda r: r.seq),
        Column(_tr("Wie"), lambda r: r.actor),
        Column(_tr("Handeling"), lambda r: ACTION_LABELS.get(r.action, r.action)),
        Column(_tr("Object"), lambda r: f"{r.object_type} {r.object_id}".strip()),
        Column(_tr("Resultaat"), lambda r: _tr(RESULT_LABELS.get(r.result, r.result))),
        Column(_tr("Apparaat"), lambda r: r.device),
        Column(
            _tr("Details"),
            lambda r: readable_details(r.details),
            tooltip=lambda r: readable_details(r.details),
        ),
    ]


class AuditViewerPage(QWidget):
    """Page "Auditlog": filtered log lines and a check of the whole hash chain."""

    loaded = Signal()
    chain_checked = Signal(object)  # ChainReport

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._build()
        self.loader = Runner(self)
        self.loader.finished.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.checker = Runner(self)
        self.checker.finished.connect(self._on_checked)
        self.checker.failed.connect(self._on_failed)
        self.reload()

    def _build(self) -> None:
        self.actor_edit = QLineEdit()
        self.actor_edit.setPlaceholderText(self.tr("gebruikersnaam"))
        self.actor_edit.setAccessibleName(self.tr("Wie"))
        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName(self.tr("Handeling"))
        self.action_combo.addItem(self.tr("Alle handelingen"), "")
        for code, label in sorted(ACTION_LABELS.items(), key=lambda item: item[1]):
            self.action_combo.addItem(label, code)
        self.object_edit = QLineEdit()
        self.object_edit.setPlaceholderText(self.tr("id van dossier, gebruiker, …"))
        self.object_edit.setAccessibleName(self.tr("Object-id"))
        self.since_check = QCheckBox(self.tr("Vanaf"))
        self.since_edit = QDateEdit()
        self.since_edit.setDisplayFormat("dd-MM-yyyy")
        self.since_edit.setCalendarPopup(True)
        today = today_local()
        self.since_edit.setDate(QDate(today.year, today.month, today.day).addDays(-30))
        self.since_edit.setEnabled(False)
        self.since_edit.setAccessibleName(self.tr("Vanaf datum"))
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.search_button = QPushButton(self.tr("Zoeken"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.reload)
        for edit in (self.actor_edit, self.object_edit):
            edit.returnPressed.connect(self.reload)
        self.check_button = QPushButton(self.tr("Controleer keten"))
        self.check_button.setToolTip(self.tr("Controleer of er regels zijn gewijzigd of verwijderd"))
        self.check_button.clicked.connect(self.on_check_clicked)
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.chain_label.setAccessibleName(self.tr("Uitkomst van de controle"))
        self.count_label = QLabel()

        self.model: RecordTableModel[AuditRow] = RecordTableModel(audit_columns(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Auditlog"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_MOMENT, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Wie"), self.actor_edit),
            (self.tr("Handeling"), self.action_combo),
            (self.tr("Object"), self.object_edit),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.since_check)
        filters.addWidget(self.since_edit)
        filters.addWidget(self.search_button)
        chain = QHBoxLayout()
        chain.addWidget(self.check_button)
        chain.addWidget(self.chain_label, 1)
        title = QLabel(self.tr("Auditlog"))
        title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count_label)
        layout.addLayout(chain)

    def since(self) -> datetime | None:
        """The start of the chosen day in Dutch time, or None without a date filter."""
        if not self.since_check.isChecked():
            return None
        day = self.since_edit.date().toPython()
        return datetime.combine(day, time(0, 0), tzinfo=AMSTERDAM)  # type: ignore[arg-type]

    def reload(self) -> None:
        """Query the log with the current filters (in a worker)."""
        ctx = self._workspace.ctx
        actor = self.actor_edit.text().strip().lower()
        action = str(self.action_combo.currentData() or "")
        object_id = self.object_edit.text().strip()
        since = self.since()
        self.loader.submit(
            lambda: audit.list_entries(
                ctx, actor=actor, action=action, object_id=object_id, since=since, limit=LIMIT
            )
        )

    def _on_loaded(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.model.set_rows(rows)
        if len(rows) >= LIMIT:
            self.count_label.setText(
                self.tr("De nieuwste {n} regels. Verfijn de filters om oudere te zien.").format(n=LIMIT)
            )
        else:
            self.count_label.setText(
                self.tr("1 regel.") if len(rows) == 1 else self.tr("{n} regels.").format(n=len(rows))
            )
        self.loaded.emit()

    def _on_failed(self, error: object) -> None:
        if isinstance(error, KnownError):
            self.count_label.setText(str(error))
        self.check_button.setEnabled(True)

    def on_check_clicked(self) -> None:
        ctx = self._workspace.ctx
        self.check_button.setEnabled(False)
        self.chain_label.setText(self.tr("Bezig met controleren…"))
        self.checker.submit(lambda: audit.check_chain(ctx))

    def _on_checked(self, report: object) -> None:
        assert isinstance(report, ChainReport)
        self.check_button.setEnabled(True)
        if report.ok:
            self.chain_label.setText(
                self.tr("De keten is in orde: alle {n} regels zijn ongewijzigd.").format(n=report.entries)
            )
            self.chain_label.setStyleSheet("color: #107c10;")
        else:
            self.chain_label.setText(
                self.tr("De keten is niet in orde bij regel {seq}: {problem}.").format(
                    seq=report.first_bad_seq, problem=report.problem
                )
            )
            self.chain_label.setStyleSheet("color: #a4262c; font-weight: 600;")
        self.chain_checked.emit(report)
        self.reload()
