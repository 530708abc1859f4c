"""An amount field that reads Dutch money (``1.234,56``, ``1234,5``, ``€ 12``) into integer cents.

Text is parsed by :func:`app.rules.money.parse_amount`; no float is ever made. Nonsense is not
blocked while typing but refused with a Dutch message when the field is left: a dark-red frame,
the message as tooltip and accessible description, and — when the form placed it — the
:attr:`MoneyEdit.error_label` under the field. A valid amount is rewritten as ``1.234,56``.
Entering the field selects its text, so a new amount simply replaces the old one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from app.rules.money import AmountError, format_plain, parse_amount
from ui.widgets.field_error import ERROR_COLOUR, FieldError

_ERROR_STYLE = f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}"


class MoneyEdit(QLineEdit):
    """A line edit for one amount in euros; :attr:`value_cents` is ``int`` cents or ``None``.

    ``None`` means empty or not an amount (see :meth:`error`). ``required`` makes an empty field
    an error; ``allow_negative`` accepts a minus sign.
    """

    value_changed = Signal(object)  # int | None, whenever the typed amount changes

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        value: int | None = None,
        required: bool = False,
        allow_negative: bool = False,
    ) -> None:
        super().__init__(parent)
        self._required = required
        self._allow_negative = allow_negative
        self._last: int | None = None
        self._shown_error: str | None = None
        self._description = ""
        self.error_label = FieldError(self)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0,00")
        self.setMaxLength(24)
        self.setToolTip(self.tr("Bedrag in euro's, bijvoorbeeld 1.234,56"))
        width = self.fontMetrics().horizontalAdvance("€ 000.000,00") + 24
        self.setMinimumWidth(width)
        self.setMaximumWidth(width * 2)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self.check)
        self.value_cents = value

    # ------------------------------------------------------------------ value

    @property
    def value_cents(self) -> int | None:
        """The amount in cents, or None when the field is empty or holds no valid amount."""
        try:
            return self._parse()
        except AmountError:
            return None

    @value_cents.setter
    def value_cents(self, cents: int | None) -> None:
        if cents is not None and (not isinstance(cents, int) or isinstance(cents, bool)):
            raise TypeError("MoneyEdit takes integer cents")
        self.setText("" if cents is None else format_plain(cents))
        self._clear_error()

    def is_empty(self) -> bool:
        return not self.text().strip()

    def error(self) -> str | None:
        """A Dutch message when the text is not an acceptable amount (None when fine)."""
        try:
            self._parse()
        except AmountError as exc:
            return self.tr(str(exc))
        if self.is_empty() and self._required:
            return self.tr("Vul een bedrag in.")
        return None

    def check(self) -> bool:
        """Show or clear the inline error; tidy a valid amount to ``1.234,56``. Returns validity."""
        message = self.error()
        if message is not None:
            self.show_error(message)
            return False
        cents = self.value_cents
        if cents is not None and self.text() != format_plain(cents):
            self.setText(format_plain(cents))
        self._clear_error()
        return True

    def _parse(self) -> int | None:
        if self.is_empty():
            return None
        cents = parse_amount(self.text())
        if cents < 0 and not self._allow_negative:
            raise AmountError("Vul een bedrag zonder minteken in.")
        return cents

    # ------------------------------------------------------------------ error display

    @property
    def shown_error(self) -> str | None:
        """The message now shown at the field (None when none)."""
        return self._shown_error

    def show_error(self, message: str) -> None:
        """Show ``message`` at the field (frame, tooltip, accessible description, label)."""
        if self._shown_error is None:
            self._description = self.accessibleDescription()
        self._shown_error = message
        self.setStyleSheet(_ERROR_STYLE)
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        if self.error_label.parentWidget() is not None:
            self.error_label.show_message(message)

    def _clear_error(self) -> None:
        if self._shown_error is None:
            return
        self._shown_error = None
        self.setStyleSheet("")
        self.setToolTip(self.tr("Bedrag in euro's, bijvoorbeeld 1.234,56"))
        self.setAccessibleDescription(self._description)
        self.error_label.clear_message()

    def _on_text_changed(self, _text: str) -> None:
        if self._shown_error is not None and self.error() is None:
            self._clear_error()
        current = self.value_cents
        if current != self._last:
            self._last = current
            self.value_changed.emit(current)

    # ------------------------------------------------------------------ focus

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # After the mouse press has placed the cursor, so a click also selects everything.
        QTimer.singleShot(0, self.selectAll)
