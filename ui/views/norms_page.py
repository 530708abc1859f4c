"""*Normen* (Beheer → Normen): every dated table with its periods, amounts, source and who entered them.

The beheerder adds a period (for instance "bijstandsnormen per 1 januari 2026") with its source,
changes or removes an entered one, and exchanges entered periods with a neighbouring
municipality as a JSON file. A table whose next period is missing says so at the top. The
teamleider sees the same page read-only. Loading runs off the UI thread (``ui.workers.Runner``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError, ValidationError
from app.services import norms
from app.services.norms import PeriodView, TableView
from ui.dialogs.norm_period import NormPeriodDialog
from ui.format import format_date
from ui.models.record_table import RECORD_ROLE, Column, RecordTableModel
from ui.widgets.field_error import NOTE_COLOUR
from ui.workers import Runner
from ui.workspace import Workspace


def _amount_text(key: str) -> Callable[[PeriodView], str]:
    def text(period: PeriodView) -> str:
        return period.amount_labels.get(key, "")

    return text


def _fixed(text: str) -> Callable[[PeriodView], str]:
    def tooltip(_period: PeriodView) -> str:
        return text

    return tooltip


def _header(label: str) -> str:
    """A short column header from a key's label: the part before the first comma, on two lines."""
    text = label.split(",")[0].strip()
    text = text[:1].upper() + text[1:]
    if len(text) > 18 and " " in text:
        middle = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - len(text) // 2))
        text = text[:middle] + "\n" + text[middle + 1 :]
    return text


def _columns(table: TableView) -> list[Column[PeriodView]]:
    columns: list[Column[PeriodView]] = [
        Column("Geldt vanaf", lambda p: format_date(p.valid_from), sort=lambda p: p.valid_from),
        Column("Tot en met", lambda p: format_date(p.valid_until) if p.valid_until else p.end_label),
    ]
    for key, label in table.keys.items():
        columns.append(Column(_header(table.short_keys[key]), _amount_text(key), tooltip=_fixed(label)))
    columns += [
        Column("Herkomst", lambda p: p.origin_label + (" (vervangen)" if p.shadowed else "")),
        Column("Ingevoerd door", lambda p: f"{p.entered_by} op {p.entered_at}" if p.entered_by else ""),
        Column("Bron", lambda p: p.source),
    ]
    return columns


class NormsPage(QWidget):
    """The tables on the left, the chosen table's periods on the right."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._can_edit = workspace.ctx.user.is_admin
        self.tables: list[TableView] = []
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Normen"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "De bedragen waarmee Helder rekent, per periode. Nieuwe normen (elk jaar op 1 januari en "
                "1 juli) voert de beheerder hier in, met de bron."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table_list = QListWidget(splitter)
        self.table_list.setAccessibleName(self.tr("Normtabellen"))
        self.table_list.setWordWrap(True)
        self.table_list.setFixedWidth(self.fontMetrics().horizontalAdvance("Maximum beslagvrije voet") + 40)
        right = QWidget(splitter)
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel(right)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName(self.tr("Gekozen tabel"))
        self.missing = QLabel(right)
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(f"color: {NOTE_COLOUR}; font-weight: bold;")
        self.missing.setAccessibleName(self.tr("Ontbrekende periode"))
        rbox.addWidget(self.heading)
        rbox.addWidget(self.missing)
        bar = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Periode &toevoegen…"), right)
        self.edit_button = QPushButton(self.tr("&Wijzigen…"), right)
        self.delete_button = QPushButton(self.tr("&Verwijderen"), right)
        self.export_button = QPushButton(self.tr("E&xporteren…"), right)
        self.import_button = QPushButton(self.tr("&Importeren…"), right)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.import_button)
        rbox.addLayout(bar)
        self.model: RecordTableModel[PeriodView] = RecordTableModel([], self)
        self.view = QTableView(right)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Perioden"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        rbox.addWidget(self.view, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        layout.addWidget(splitter, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.export_button,
            self.import_button,
        ):
            button.setVisible(self._can_edit)
        self.table_list.currentRowChanged.connect(lambda _row: self._show_table())
        self.view.activated.connect(lambda _index: self.edit_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.add_button.clicked.connect(self.add_period)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_file)
        self.import_button.clicked.connect(self.import_file)
        self._runner = Runner(self)
        self._runner.finished.connect(self._on_loaded)
        self._runner.failed.connect(lambda exc: self.status.setText(str(exc)))
        self.reload()

    # ------------------------------------------------------------------ data

    def reload(self) -> None:
        """Read the tables again (off the UI thread)."""
        ctx = self._workspace.ctx
        self._runner.submit(lambda: norms.list_tables(ctx))

    def _on_loaded(self, tables: object) -> None:
        if not isinstance(tables, list):
            return
        current = self.current_table()
        key = current.key if current else None
        self.tables = tables
        self.table_list.blockSignals(True)
        self.table_list.clear()
        for table in tables:
            text = table.name[:1].upper() + table.name[1:]
            if table.missing_from is not None:
                text += "\n" + self.tr("ontbreekt vanaf {0}").format(format_date(table.missing_from))
            item = QListWidgetItem(text, self.table_list)
            item.setData(Qt.ItemDataRole.UserRole, table.key)
            item.setToolTip(table.title)
        self.table_list.blockSignals(False)
        keys = [t.key for t in tables]
        self.table_list.setCurrentRow(keys.index(key) if key in keys else 0)
        self._show_table()
        missing = [t for t in tables if t.missing_from is not None]
        self.status.setText(
            self.tr("Er ontbreken normen: {0}.").format(", ".join(t.name for t in missing)) if missing else ""
        )

    def current_table(self) -> TableView | None:
        row = self.table_list.currentRow()
        return self.tables[row] if 0 <= row < len(self.tables) else None

    def _show_table(self) -> None:
        table = self.current_table()
        if table is None:
            return
        self.heading.setText(f"<b>{table.title}</b><br>{self.tr('Wetsartikel')}: {table.article}")
        if table.missing_from is not None:
            self.missing.setText(
                self.tr(
                    "De periode vanaf {0} ontbreekt. Voeg haar toe met de bron uit de publicatie."
                ).format(format_date(table.missing_from))
            )
        elif not table.periods:
            self.missing.setText(
                self.tr(
                    "Helder levert hiervoor geen bedragen mee; zonder periode rekent Helder dit niet mee."
                )
            )
        else:
            self.missing.setText("")
        self.missing.setVisible(bool(self.missing.text()))
        self.model = RecordTableModel(_columns(table), self)
        self.model.set_rows(list(table.periods))
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self._enable()

    def selected(self) -> PeriodView | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        record = self.model.data(rows[0], RECORD_ROLE)
        return record if isinstance(record, PeriodView) else None

    def _enable(self) -> None:
        period = self.selected()
        entered = period is not None and period.record_id is not None
        self.edit_button.setEnabled(entered)
        self.delete_button.setEnabled(entered)

    # ------------------------------------------------------------------ actions

    def add_period(self) -> None:
        table = self.current_table()
        if table is None:
            return
        dialog = NormPeriodDialog(self._workspace, table, None, self)
        latest = next((p for p in table.periods if not p.shadowed), None)
        if latest is not None:
            dialog.set_amounts(dict(latest.amounts))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def edit_selected(self) -> None:
        table, period = self.current_table(), self.selected()
        if table is None or period is None or period.record_id is None or not self._can_edit:
            return
        if NormPeriodDialog(self._workspace, table, period, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def delete_selected(self) -> None:
        period = self.selected()
        if period is None or period.record_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Periode verwijderen"),
            self.tr(
                "De ingevoerde periode vanaf {0} verwijderen? Dan gelden weer de normen van Helder."
            ).format(format_date(period.valid_from)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            norms.delete_period(self._workspace.ctx, period.record_id, period.record_version)
        except KnownError as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        self.reload()

    def export_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Normen exporteren"), "normen.json", self.tr("JSON-bestanden (*.json)")
        )
        if not path:
            return
        self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        try:
            data = norms.export_data(self._workspace.ctx)
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except (KnownError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Niet gelukt"), str(exc))
            return
        count = sum(len(t["periods"]) for t in data["tables"])
        self.status.setText(self.tr("{0} ingevoerde perioden opgeslagen in {1}.").format(count, path.name))

    def import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Normen importeren"), "", self.tr("JSON-bestanden (*.json)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        """Import a file; every problem is shown and nothing is changed then."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.status.setText(self.tr("{0} is geen geldig normenbestand: {1}").format(path.name, exc))
            return False
        accept = False
        while True:
            try:
                result = norms.import_data(self._workspace.ctx, data, accept_warnings=accept)
            except norms.WarningsToConfirm as exc:
                answer = QMessageBox.question(
                    self, self.tr("Klopt dit?"), "\n\n".join(exc.warnings) + "\n\n" + self.tr("Toch inlezen?")
                )
                if answer != QMessageBox.StandardButton.Yes:
                    self.status.setText(self.tr("Niets ingelezen."))
                    return False
                accept = True
                continue
            except ValidationError as exc:
                self.status.setText(self.tr("Niets ingelezen. ") + " ".join(exc.errors.values()))
                return False
            except KnownError as exc:
                self.status.setText(str(exc))
                return False
            break
        self.status.setText(
            self.tr("{0} perioden ingelezen, {1} waren er al.").format(result.added, result.skipped)
        )
        self.reload()
        return True
