"""Inline error messages under form fields, keyed like ``ValidationError.errors``.

A :class:`FieldError` is a small dark-red label that sits under its field; the same message
becomes the field's accessible description, so a screen reader reads it with the field.
:class:`FieldErrors` maps the service's field keys (``bsn``, ``household.0.birth_date`` …) onto
those labels, shows a set of errors at once and says which field to focus first.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

ERROR_COLOUR = "#a4262c"  # dark red: 7:1 contrast on white
NOTE_COLOUR = "#7a4b00"  # dark amber for "no norm known" and other notes, 7:1 on white


class FieldError(QLabel):
    """The error label of one field; hidden while there is no message."""

    def __init__(self, field: QWidget | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._field = field
        self._description = field.accessibleDescription() if field is not None else ""
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setAccessibleName(self.tr("Foutmelding"))
        self.hide()
        if field is not None:
            _connect_edits(field, self.clear_message)

    @property
    def field(self) -> QWidget | None:
        return self._field

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(True)
        if self._field is not None:
            self._field.setAccessibleDescription(message)
            self._field.setToolTip(message)

    def clear_message(self) -> None:
        if self.isHidden() and not self.text():
            return
        self.setText("")
        self.hide()
        if self._field is not None:
            self._field.setAccessibleDescription(self._description)
            self._field.setToolTip("")


def _connect_edits(field: QWidget, slot: object) -> None:
    """Clear the error as soon as the user changes the field."""
    if isinstance(field, QLineEdit):
        field.textEdited.connect(slot)
    elif isinstance(field, QComboBox):
        field.currentIndexChanged.connect(slot)
    elif isinstance(field, QPlainTextEdit | QTextEdit):
        field.textChanged.connect(slot)
    elif isinstance(field, QAbstractButton):
        field.toggled.connect(slot)


class FieldErrors:
    """The error labels of one form, in form order, plus a general label for other keys."""

    def __init__(self, general: FieldError | None = None) -> None:
        self._labels: dict[str, FieldError] = {}
        self._general = general

    def add(self, key: str, label: FieldError) -> FieldError:
        self._labels[key] = label
        return label

    def remove_prefix(self, prefix: str) -> None:
        """Forget labels whose key starts with ``prefix`` (rows that were removed)."""
        for key in [k for k in self._labels if k.startswith(prefix)]:
            del self._labels[key]

    def label(self, key: str) -> FieldError | None:
        return self._labels.get(key)

    def messages(self) -> dict[str, str]:
        """The messages now shown, by key (for tests and the self-test)."""
        shown = {k: label.text() for k, label in self._labels.items() if label.text()}
        if self._general is not None and self._general.text():
            shown["*"] = self._general.text()
        return shown

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear_message()
        if self._general is not None:
            self._general.clear_message()

    def show(self, errors: Mapping[str, str]) -> QWidget | None:
        """Show ``errors``; return the first field (in form order) that has one."""
        self.clear()
        first: QWidget | None = None
        for key, label in self._labels.items():
            if key in errors:
                label.show_message(errors[key])
                if first is None:
                    first = label.field
        rest = [message for key, message in errors.items() if key not in self._labels]
        if rest and self._general is not None:
            self._general.show_message("\n".join(rest))
        return first
