"""A date field in Dutch notation: the counsellor types ``30-11-2026`` (or ``30112026``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from app.services.context import today_local
from ui.format import DATE_PLACEHOLDER, DateTextError, format_date, parse_date


class DateEdit(QLineEdit):
    """A line edit for one date (``dd-mm-jjjj``); empty means no date.

    ``value`` is the date (or None when empty or not a date); ``error()`` gives the Dutch
    message for text that is not a date. On leaving the field a valid date is rewritten as
    ``30-11-2026``.
    """

    date_changed = Signal(object)  # date | None, when the typed text gives another date

    def __init__(self, parent: QWidget | None = None, *, value: date | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr(DATE_PLACEHOLDER))
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9\-./ ]{0,10}"), self))
        self.setMaxLength(10)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("00-00-00000") + 24)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("00-00-00000") + 48)
        self.setToolTip(self.tr("Datum als dd-mm-jjjj, bijvoorbeeld 30-11-2026"))
        self._last: date | None = None
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._tidy)
        self.set_value(value)

    @property
    def value(self) -> date | None:
        """The typed date, or None when the field is empty or holds no valid date."""
        try:
            return parse_date(self.text(), today=today_local())
        except DateTextError:
            return None

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def error(self) -> str | None:
        """A Dutch message when the text is not a date (None when empty or valid)."""
        try:
            parse_date(self.text(), today=today_local())
        except DateTextError as exc:
            return self.tr(str(exc))
        return None

    def _on_text_changed(self, _text: str) -> None:
        current = self.value
        if current != self._last:
            self._last = current
            self.date_changed.emit(current)

    def _tidy(self) -> None:
        current = self.value
        if current is not None and self.text() != format_date(current):
            self.setText(format_date(current))
