"""*Help → Over Helder*: the version, the build date and the dependency versions of this program.

The same facts as ``helder --version`` (``app.release.build_info``), for the user and for the
municipality's security officer (BIO2: known software).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from app.release.build_info import DEVELOPMENT, BuildInfo
from ui.models.record_table import Column, RecordTableModel

Dependency = tuple[str, str]


class AboutDialog(QDialog):
    """Shows one :class:`BuildInfo`; closes with *Sluiten*."""

    def __init__(self, info: BuildInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Over Helder"))
        self.resize(460, 520)
        self.title = QLabel(self.tr("Helder %1").replace("%1", info.version), self)
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        if info.build_date is None:
            built = self.tr("Gebouwd: %1 (versies uit requirements.lock)").replace("%1", DEVELOPMENT)
        else:
            year, month, day = info.build_date[:10].split("-")
            built = self.tr("Gebouwd op %1").replace("%1", f"{day}-{month}-{year}")
            if info.commit:
                built += self.tr(" (commit %1)").replace("%1", info.commit)
        self.build = QLabel(built, self)
        self.python = QLabel(self.tr("Python %1").replace("%1", info.python), self)
        self.dependencies_label = QLabel(self.tr("Onderdelen van anderen in deze versie:"), self)
        self.model: RecordTableModel[Dependency] = RecordTableModel(
            [
                Column[Dependency](self.tr("Pakket"), lambda d: d[0]),
                Column[Dependency](self.tr("Versie"), lambda d: d[1]),
            ],
            self,
        )
        self.model.set_rows(info.dependencies)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Afhankelijkheden en hun versies"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.resizeColumnToContents(0)
        self.dependencies_label.setBuddy(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.build, self.python, self.dependencies_label, self.table, buttons):
            layout.addWidget(widget)
