"""Rapportages: the stuurinformatie dashboard for teamleider and beheerder.

Period picker (dates and quick choices) and counsellor filter; the figures are computed in a
worker with progress and a stop button. The funnel is a chart (``FunnelChart``); lead times,
uitval, caseload, profiles and products are small tables. Every figure can be clicked to list
the dossiers behind it (``DossiersBehindDialog``, within the user's own rights). Exports:
anonymous XLSX/CSV/PDF, and the DDAS delivery with a clear warning that it contains BSNs.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.rules.kpi import Breakdown, LeadTime, Measure, Period, Rate, Summary
from app.services.context import today_local
from app.services.reports import (
    ADMIN_SEES_NO_DOSSIERS,
    FORMAT_LABELS,
    QUICK_PERIODS,
    CounsellorOption,
    DdasExport,
    ReportCancelled,
    counsellors,
    dashboard,
    export_ddas,
    export_summary,
    may_deliver_ddas,
    quick_period,
)
from ui.dialogs.dossiers_behind import DossiersBehindDialog
from ui.format import format_date
from ui.widgets.date_edit import DateEdit
from ui.widgets.funnel_chart import FunnelBar, FunnelChart
from ui.workers import Runner
from ui.workspace import Workspace

#: The dossier ids behind a table row (``tuple[str, ...]``) and its title.
IDS_ROLE = Qt.ItemDataRole.UserRole
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1

_FILE_FILTERS = {"xlsx": "Excel-bestand (*.xlsx)", "csv": "CSV-bestand (*.csv)", "pdf": "PDF-bestand (*.pdf)"}

#: The funnel's steps: the measure, and the rate (code in ``Summary.funnel``) that leads to it.
_FUNNEL: tuple[tuple[str, str | None, str], ...] = (
    ("applications", None, ""),
    ("intakes", "rate_application_intake", "van de aanmeldingen"),
    ("stabilisation_inflow", None, "van de intakes"),
    ("ready_for_settlement", "rate_stabilisation_ready", "van de instroom stabilisatie"),
    ("settlement_agreed", "rate_ready_agreement", "van wie gereed was"),
)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def _share(numerator: int, denominator: int) -> Decimal | None:
    if denominator <= 0:
        return None
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class FigureTable(QTableWidget):
    """A small read-only table whose rows are figures; click or Enter emits ``figure_chosen``."""

    figure_chosen = Signal(str, object)  # title, tuple of dossier ids

    def __init__(self, headers: Sequence[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setToolTip(self.tr("Klik op een regel (of druk op Enter) voor de dossiers achter het cijfer."))
        self.clicked.connect(lambda index: self._choose(index.row()))

    def set_rows(self, rows: Sequence[tuple[Sequence[str], str, Sequence[str] | None]]) -> None:
        """Fill the table: ``(cells, title, dossier ids or None when not clickable)`` per row."""
        self.setRowCount(len(rows))
        for r, (cells, title, ids) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:
                    item.setData(IDS_ROLE, tuple(ids) if ids is not None else None)
                    item.setData(TITLE_ROLE, title)
                self.setItem(r, c, item)
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height)

    def _choose(self, row: int) -> None:
        item = self.item(row, 0)
        if item is None:
            return
        ids = item.data(IDS_ROLE)
        if ids is not None:
            self.figure_chosen.emit(str(item.data(TITLE_ROLE)), ids)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._choose(self.currentRow())
            return
        super().keyPressEvent(event)


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to the page (queued signal)."""

    progressed = Signal(int, str)


class ReportsPage(QWidget):
    """The Rapportages page; ``computed`` is emitted after new figures are shown."""

    computed = Signal(object)  # Summary
    exported = Signal(object)  # Path of the file written

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._summary: Summary | None = None
        self._names: dict[str, str] = {}
        self._cancel = threading.Event()
        self._started = False
        self._focus_before: QWidget | None = None
        self._build()
        self._runner = Runner(self)
        self._runner.finished.connect(self._on_finished)
        self._runner.failed.connect(self._on_failed)
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self._load_counsellors()
        self.quick.setCurrentIndex(self.quick.findData("this_quarter"))
        self.counsellor.currentIndexChanged.connect(self._on_counsellor)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        title = QLabel(self.tr("Rapportages: stuurinformatie schuldhulpverlening"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)

        self.quick = QComboBox(self)
        self.quick.setAccessibleName(self.tr("Snelkeuze periode"))
        self.quick.addItem(self.tr("Eigen periode"), "")
        for code, label in QUICK_PERIODS.items():
            self.quick.addItem(self.tr(label), code)
        self.quick.currentIndexChanged.connect(self._on_quick)
        self.date_from = DateEdit(self)
        self.date_from.setAccessibleName(self.tr("Periode van"))
        self.date_to = DateEdit(self)
        self.date_to.setAccessibleName(self.tr("Periode tot en met"))
        self.date_from.textEdited.connect(lambda _t: self._mark_custom())
        self.date_to.textEdited.connect(lambda _t: self._mark_custom())
        self.counsellor = QComboBox(self)
        self.counsellor.setAccessibleName(self.tr("Consulent"))
        self.counsellor.setMinimumContentsLength(18)
        self.compute_button = QPushButton(self.tr("&Berekenen"), self)
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)

        pick = QHBoxLayout()
        for text, widget in (
            (self.tr("&Periode:"), self.quick),
            (self.tr("&van"), self.date_from),
            (self.tr("&t/m"), self.date_to),
            (self.tr("C&onsulent:"), self.counsellor),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            pick.addWidget(caption)
            pick.addWidget(widget)
        pick.addWidget(self.compute_button)
        pick.addStretch(1)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Voortgang van de berekening"))
        self.progress.setMaximumWidth(260)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Melding"))
        self.stop_button = QPushButton(self.tr("&Stoppen"), self)
        self.stop_button.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress)
        busy.addWidget(self.stop_button)
        busy.addWidget(self.status, 1)
        self._set_busy(False)

        self.funnel = FunnelChart(self)
        self.funnel.bar_clicked.connect(self._on_bar)
        funnel_box = QGroupBox(
            self.tr("Trechter: aanmelding → intake → stabilisatie → gereed → akkoord"), self
        )
        funnel_layout = QVBoxLayout(funnel_box)
        funnel_layout.addWidget(self.funnel)

        self.rates = FigureTable(
            [
                self.tr("Stap"),
                self.tr("Teller"),
                self.tr("Noemer"),
                self.tr("Percentage"),
                self.tr("Referentie"),
            ],
            self.tr("Percentages tegen de referentiecijfers"),
            self,
        )
        self.counts = FigureTable([self.tr("Kerncijfer"), self.tr("Aantal")], self.tr("Kerncijfers"), self)
        self.lead_times = FigureTable(
            [
                self.tr("Doorlooptijd"),
                self.tr("Dossiers"),
                self.tr("Mediaan (dagen)"),
                self.tr("80e percentiel"),
                self.tr("Norm (dagen)"),
            ],
            self.tr("Doorlooptijden"),
            self,
        )
        self.term = FigureTable(
            [self.tr("Eerste gesprek (Wgs art. 4)"), self.tr("Aantal"), self.tr("Percentage")],
            self.tr("Eerste gesprek binnen de wettelijke termijn"),
            self,
        )
        self.dropouts = FigureTable([self.tr("Reden"), self.tr("Aantal")], self.tr("Uitval per reden"), self)
        self.caseload = FigureTable(
            [self.tr("Consulent"), self.tr("Open dossiers")], self.tr("Caseload per consulent"), self
        )
        self.profiles = FigureTable(
            [self.tr("Klantprofiel"), self.tr("Aantal")], self.tr("Klantprofielen"), self
        )
        self.products = FigureTable(
            [self.tr("Product"), self.tr("Aantal klanten")], self.tr("Ondersteuningsproducten"), self
        )
        self.caseload_note = QLabel(self)
        self.caseload_note.setWordWrap(True)
        for table in (
            self.rates,
            self.counts,
            self.lead_times,
            self.term,
            self.dropouts,
            self.caseload,
            self.profiles,
            self.products,
        ):
            table.figure_chosen.connect(self.show_dossiers)

        grid = QGridLayout()
        grid.addWidget(self._box(self.tr("Percentages tegen de referentie"), self.rates), 0, 0)
        grid.addWidget(self._box(self.tr("Doorlooptijden"), self.lead_times, self.term), 0, 1)
        grid.addWidget(self._box(self.tr("Kerncijfers"), self.counts), 1, 0)
        grid.addWidget(self._box(self.tr("Uitval per reden"), self.dropouts), 1, 1)
        grid.addWidget(
            self._box(self.tr("Caseload op de einddatum"), self.caseload, self.caseload_note), 2, 0
        )
        grid.addWidget(
            self._box(self.tr("Klantprofielen in de caseload"), self.profiles, self.products), 2, 1
        )
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        self.export_buttons: dict[str, QPushButton] = {}
        exports = QHBoxLayout()
        exports.addWidget(QLabel(self.tr("Exporteren zonder persoonsgegevens:"), self))
        for fmt, label in (("xlsx", "E&xcel (XLSX)"), ("csv", "&CSV"), ("pdf", "P&DF-rapport")):
            button = QPushButton(self.tr(label), self)
            button.setAccessibleName(self.tr(FORMAT_LABELS[fmt]))
            button.clicked.connect(lambda _c=False, f=fmt: self.export(f))
            self.export_buttons[fmt] = button
            exports.addWidget(button)
        exports.addStretch(1)
        self.ddas_button = QPushButton(self.tr("DDAS-levering &maken…"), self)
        self.ddas_button.setToolTip(self.tr("Levering voor het CBS. Let op: dit bestand bevat BSN's."))
        self.ddas_button.clicked.connect(self.export_ddas)
        self.ddas_button.setVisible(may_deliver_ddas(self._workspace.ctx))  # holds BSNs: teamleider only
        exports.addWidget(self.ddas_button)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.addWidget(funnel_box)
        body.addLayout(grid)
        body.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(pick)
        layout.addLayout(busy)
        layout.addWidget(scroll, 1)
        layout.addLayout(exports)

    def _box(self, title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return box

    def _load_counsellors(self) -> None:
        self.counsellor.addItem(self.tr("Alle consulenten"), None)
        try:
            found: list[CounsellorOption] = counsellors(self._workspace.ctx)
        except KnownError as exc:
            self.status.setText(str(exc))
            found = []
        for option in found:
            self.counsellor.addItem(option.name, option.id)
            self._names[str(option.id)] = option.name

    # -- period --------------------------------------------------------------------------------

    def _on_quick(self, _index: int) -> None:
        code = self.quick.currentData()
        if not code:
            return
        period = quick_period(str(code), today_local())
        self.date_from.set_value(period.start)
        self.date_to.set_value(period.end)
        if self._started:
            self.compute()

    def _on_counsellor(self, _index: int) -> None:
        if self._started:
            self.compute()

    def _mark_custom(self) -> None:
        if self.quick.currentIndex() != 0:
            self.quick.blockSignals(True)
            self.quick.setCurrentIndex(0)
            self.quick.blockSignals(False)

    def set_period(self, period: Period) -> None:
        """Show ``period`` in the date fields (as an own period)."""
        self._mark_custom()
        self.date_from.set_value(period.start)
        self.date_to.set_value(period.end)

    def period(self) -> Period | None:
        """Return the chosen period, or None (with a message) when the dates are not right."""
        start, end = self.date_from.value, self.date_to.value
        if start is None or end is None:
            self._say(self.tr("Vul beide datums van de periode in, zoals 01-01-2026."), error=True)
            return None
        if end < start:
            self._say(self.tr("De einddatum ligt vóór de begindatum."), error=True)
            return None
        return Period(start, end)

    def _counsellor_id(self) -> uuid.UUID | None:
        value = self.counsellor.currentData()
        return value if isinstance(value, uuid.UUID) else None

    # -- work ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.quick.setFocus()
            self.compute()

    def _progress_callback(self) -> Callable[[int, str], None]:
        # A new computation replaces the running one (its result would be dropped anyway): stop
        # it at its next step instead of letting both compete for the processor.
        self._cancel.set()
        cancel = threading.Event()
        self._cancel = cancel
        relay = self._relay

        def report(percent: int, text: str) -> None:
            if cancel.is_set():
                raise ReportCancelled("Gestopt.")
            relay.progressed.emit(percent, text)

        return report

    def _start(self, work: Callable[[Callable[[int, str], None]], object], text: str) -> None:
        progress = self._progress_callback()
        self._set_busy(True)
        self.progress.setValue(0)
        self._say(text)
        self._runner.submit(lambda: work(progress))

    def compute(self) -> None:
        """Compute the figures for the chosen period and counsellor (in a worker)."""
        self._started = True
        period = self.period()
        if period is None:
            return
        ctx, counsellor = self._workspace.ctx, self._counsellor_id()
        self._start(lambda p: dashboard(ctx, period, counsellor, p), self.tr("Cijfers berekenen…"))

    def cancel(self) -> None:
        """Stop the running computation or export; its result is dropped."""
        self._cancel.set()
        self._runner.cancel()
        self._set_busy(False)
        self._say(self.tr("Gestopt. Er is niets opgeslagen."))

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def _set_busy(self, busy: bool) -> None:
        # Disabling the focused control would push the focus onto the chart; give it back after.
        focused = self.focusWidget()
        if busy and focused is not None and self.isAncestorOf(focused):
            self._focus_before = focused
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        for widget in (self.compute_button, self.quick, self.counsellor, self.date_from, self.date_to):
            widget.setEnabled(not busy)
        for button in getattr(self, "export_buttons", {}).values():
            button.setEnabled(not busy)
        if hasattr(self, "ddas_button"):
            self.ddas_button.setEnabled(not busy)
        before = getattr(self, "_focus_before", None)
        if not busy and before is not None:
            self._focus_before = None
            before.setFocus()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #B00020;" if error else "")
        self.status.setText(text)

    def _on_progress(self, percent: int, text: str) -> None:
        self.progress.setValue(percent)
        self.progress.setFormat(f"{percent} %")
        self._say(self.tr(text) + "…")

    def _on_failed(self, error: object) -> None:
        self._set_busy(False)
        if isinstance(error, ReportCancelled):
            return
        message = (
            str(error) if isinstance(error, KnownError) else self.tr("Er ging iets mis. Probeer het opnieuw.")
        )
        self._say(message, error=True)

    def _on_finished(self, result: object) -> None:
        self._set_busy(False)
        if isinstance(result, Summary):
            self._show(result)
            shown = result.period
            self._say(
                self.tr("Cijfers over {start} t/m {end}.").format(
                    start=format_date(shown.start), end=format_date(shown.end)
                )
            )
            self.computed.emit(result)
        elif isinstance(result, DdasExport):
            self._say(
                self.tr("DDAS-levering opgeslagen: {path} ({n} trajecten).").format(
                    path=result.path, n=_number(result.trajects)
                )
            )
            QMessageBox.information(
                self,
                self.tr("DDAS-levering gemaakt"),
                self.tr(
                    "De levering staat in {path} en bevat {n} trajecten.\n\n"
                    "Let op: dit bestand bevat BSN's. Verstuur het alleen via het beveiligde kanaal "
                    "naar het CBS en verwijder het daarna van deze computer."
                ).format(path=result.path, n=_number(result.trajects)),
            )
            self.exported.emit(result.path)
        elif isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], Path):
            self._say(self.tr("Opgeslagen: {path}").format(path=result[1]))
            self.exported.emit(result[1])

    # -- showing -------------------------------------------------------------------------------

    def summary(self) -> Summary | None:
        """Return the figures shown (None before the first computation)."""
        return self._summary

    def _show(self, summary: Summary) -> None:
        self._summary = summary
        by_code = {m.code: m for m in summary.counts}
        rates = {r.code: r for r in summary.funnel}
        bars = []
        previous: Measure | None = None
        for code, rate_code, of in _FUNNEL:
            measure = by_code[code]
            rate = rates.get(rate_code) if rate_code else None
            percent = (
                rate.percent
                if rate is not None
                else (_share(measure.value, previous.value) if previous is not None else None)
            )
            reference = rate.reference_percent if rate is not None else None
            text = ""
            if previous is not None:
                if percent is None:
                    text = self.tr("geen {of}").format(of=of.removeprefix("van ").removeprefix("de "))
                else:
                    text = f"{_percent(percent)} {self.tr(of)}"
                    text += (
                        self.tr(" · referentie {ref} %").format(ref=reference)
                        if reference is not None
                        else self.tr(" · geen referentie")
                    )
            bars.append(FunnelBar(code, measure.label_nl, measure.value, percent, reference, text))
            previous = measure
        self.funnel.set_bars(bars)

        self.rates.set_rows([self._rate_row(r) for r in summary.funnel])
        self.counts.set_rows(
            [((m.label_nl, _number(m.value)), m.label_nl, m.dossier_ids) for m in summary.counts]
        )
        self.lead_times.set_rows([self._lead_row(lt) for lt in summary.lead_times])
        term = summary.first_conversation_in_term
        late = tuple(sorted(set(term.denominator.dossier_ids) - set(term.numerator.dossier_ids)))
        self.term.set_rows(
            [
                (
                    (self.tr("Op tijd gehouden"), _number(term.numerator.value), _percent(term.percent)),
                    self.tr("Eerste gesprek op tijd"),
                    term.numerator.dossier_ids,
                ),
                (
                    (self.tr("Te laat of nog niet gehouden"), _number(len(late)), ""),
                    self.tr("Eerste gesprek te laat"),
                    late,
                ),
                (
                    (self.tr("Termijn liep af in de periode"), _number(term.denominator.value), "100 %"),
                    self.tr("Termijn eerste gesprek liep af"),
                    term.denominator.dossier_ids,
                ),
            ]
        )
        self.dropouts.set_rows(self._breakdown_rows(summary.dropouts))
        self.caseload.set_rows(self._breakdown_rows(summary.caseload, names=self._names))
        self.caseload_note.setText(
            self.tr(
                "Indicatie uit het onderzoek: ongeveer {n} dossiers in stabilisatie per consulent."
            ).format(n=summary.caseload_reference)
        )
        self.profiles.set_rows(self._breakdown_rows(summary.profiles))
        self.products.set_rows(self._breakdown_rows(summary.products))

    def _rate_row(self, rate: Rate) -> tuple[Sequence[str], str, Sequence[str]]:
        reference = f"{rate.reference_percent} %" if rate.reference_percent is not None else "–"
        cells = (
            rate.label_nl,
            _number(rate.numerator.value),
            _number(rate.denominator.value),
            _percent(rate.percent),
            reference,
        )
        return cells, f"{rate.label_nl}: {rate.numerator.label_nl}", rate.numerator.dossier_ids

    def _lead_row(self, lead: LeadTime) -> tuple[Sequence[str], str, Sequence[str]]:
        cells = (
            lead.label_nl,
            _number(lead.count),
            "–" if lead.median_days is None else str(lead.median_days),
            "–" if lead.p80_days is None else str(lead.p80_days),
            "–" if lead.norm_days is None else str(lead.norm_days),
        )
        return cells, lead.label_nl, lead.dossier_ids

    def _breakdown_rows(
        self, breakdown: Breakdown, names: dict[str, str] | None = None
    ) -> list[tuple[Sequence[str], str, Sequence[str] | None]]:
        rows: list[tuple[Sequence[str], str, Sequence[str] | None]] = []
        for row in breakdown.rows:
            label = row.label_nl
            if names is not None:
                key = row.code.split(":", 1)[1]
                label = names.get(key, self.tr("Onbekende consulent"))
            rows.append(((label, _number(row.value)), f"{breakdown.label_nl}: {label}", row.dossier_ids))
        if breakdown.total is not None:
            total = breakdown.total
            rows.append(
                (
                    (self.tr("Totaal"), _number(total.value)),
                    f"{breakdown.label_nl}: totaal",
                    total.dossier_ids,
                )
            )
        return rows

    # -- click-through -------------------------------------------------------------------------

    def _on_bar(self, code: str) -> None:
        if self._summary is None:
            return
        measure = self._summary.measure(code)
        self.show_dossiers(measure.label_nl, measure.dossier_ids)

    def show_dossiers(self, title: str, dossier_ids: object) -> DossiersBehindDialog | None:
        """Open the list of dossiers behind a figure (a beheerder gets an explanation instead)."""
        if not self._workspace.ctx.user.sees_dossiers:
            QMessageBox.information(
                self, self.tr("Dossiers achter het cijfer"), self.tr(ADMIN_SEES_NO_DOSSIERS)
            )
            return None
        ids = [str(i) for i in dossier_ids] if isinstance(dossier_ids, tuple | list) else []
        heading = self.tr("{title}: {n}").format(title=title, n=_number(len(set(ids))))
        dialog = DossiersBehindDialog(self._workspace, heading, ids, self)
        dialog.open()
        return dialog

    # -- exports -------------------------------------------------------------------------------

    def _default_name(self, period: Period, suffix: str) -> str:
        return f"stuurinformatie_{period.start:%Y-%m-%d}_{period.end:%Y-%m-%d}.{suffix}"

    def export(self, fmt: str) -> None:
        """Ask for a file and write the anonymous summary in ``fmt`` (xlsx, csv, pdf)."""
        period = self.period()
        if period is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Stuurinformatie opslaan"),
            self._default_name(period, fmt),
            self.tr(_FILE_FILTERS[fmt]),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        ctx, counsellor = self._workspace.ctx, self._counsellor_id()
        self._start(
            lambda p: (export_summary(ctx, period, fmt, path, counsellor, p), path),
            self.tr("Bestand maken…"),
        )

    def export_ddas(self) -> None:
        """Warn that the file contains BSNs, ask for a file and write the DDAS delivery."""
        period = self.period()
        if period is None:
            return
        answer = QMessageBox.warning(
            self,
            self.tr("DDAS-levering: bevat BSN's"),
            self.tr(
                "De DDAS-levering is voor het CBS en bevat de BSN's van alle cliënten met een traject "
                "in de periode {start} t/m {end}.\n\n"
                "Verstuur het bestand alleen via het beveiligde kanaal naar het CBS. Zet het niet op een "
                "gedeelde schijf, in de mail of op een USB-stick, en verwijder het na het versturen.\n\n"
                "Het maken van de levering wordt vastgelegd in het logboek. Doorgaan?"
            ).format(start=format_date(period.start), end=format_date(period.end)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("DDAS-levering opslaan"),
            f"ddas_{period.start:%Y-%m-%d}_{period.end:%Y-%m-%d}.json",
            self.tr("DDAS-levering (*.json)"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        ctx = self._workspace.ctx
        self._start(lambda p: export_ddas(ctx, period, path, p), self.tr("DDAS-levering maken…"))
