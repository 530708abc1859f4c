"""GUI test safety: no modal message box may ever block an offscreen test run.

Every static ``QMessageBox`` call answers at once with its default button (or OK / No) and is
recorded in ``message_boxes``; tests that want a particular answer patch it themselves, which
takes precedence over this autouse fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Answer every static QMessageBox immediately; yield the (kind, title) of each shown."""
    shown: list[tuple[str, str]] = []
    std = QMessageBox.StandardButton

    def answer(kind: str, fallback: QMessageBox.StandardButton) -> Any:
        def box(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
            title = str(args[1]) if len(args) > 1 else str(kwargs.get("title", ""))
            shown.append((kind, title))
            default = kwargs.get("defaultButton")
            if default is None and len(args) > 4:
                default = args[4]
            if isinstance(default, std) and default != std.NoButton:
                return default
            return fallback

        return box

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer("question", std.No)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(answer("warning", std.Ok)))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(answer("information", std.Ok)))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(answer("critical", std.Ok)))
    yield shown
