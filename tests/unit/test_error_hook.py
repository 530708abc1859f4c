"""The central exception hook: a calm Dutch message, and a log without personal data."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.errors import StorageFullError
from ui import errors

BSN = "123456782"
NAME = "Quaxelbroek"


@pytest.fixture
def shown(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the message boxes the hook opened (exec patched so nothing blocks)."""
    texts: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        texts.append(box.text())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return texts


@pytest.fixture
def log_dir(tmp_path: Path, shown: list[str]) -> Iterator[Path]:
    folder = tmp_path / "logs"
    errors.install_exception_hook(folder)
    yield folder
    errors.uninstall_exception_hook()


def _log(folder: Path) -> str:
    return (folder / errors.LOG_FILE).read_text(encoding="utf-8")


def _lookup_client(bsn: str) -> None:
    raise LookupError(f"geen cliënt {NAME} met BSN {bsn}")


def test_a_bug_is_logged_by_type_and_frames_without_its_message(log_dir: Path, shown: list[str]) -> None:
    # GIVEN a bug whose message holds a name and a BSN
    try:
        _lookup_client(BSN)
    except LookupError as exc:
        # WHEN it reaches the hook
        errors.handle_exception(type(exc), exc, exc.__traceback__)
    log = _log(log_dir)
    # THEN the log names the type and where it happened …
    assert "builtins.LookupError" in log
    assert "tests/unit/test_error_hook.py:" in log and ":_lookup_client" in log
    # … but not the personal data in the message
    assert BSN not in log and NAME not in log
    # AND the user reads a calm Dutch message that says where the log is
    assert len(shown) == 1
    assert shown[0].startswith("Er ging iets mis.")
    assert str(log_dir / errors.LOG_FILE) in shown[0]
    assert BSN not in shown[0]


def test_the_cause_of_a_bug_is_logged_without_its_message_too(log_dir: Path, shown: list[str]) -> None:
    try:
        try:
            _lookup_client(BSN)
        except LookupError as inner:
            raise RuntimeError(f"kon {NAME} niet laden") from inner
    except RuntimeError as exc:
        errors.handle_exception(type(exc), exc, exc.__traceback__)
    log = _log(log_dir)
    assert "builtins.RuntimeError" in log and "veroorzaakt door: builtins.LookupError" in log
    assert BSN not in log and NAME not in log


def test_a_known_problem_shows_its_own_dutch_message(log_dir: Path, shown: list[str]) -> None:
    message = "De schijf is vol. Er is niets opgeslagen. Maak ruimte vrij en probeer opnieuw."
    try:
        raise StorageFullError(message)
    except StorageFullError as exc:
        errors.handle_exception(type(exc), exc, exc.__traceback__)
    assert shown == [message]
    assert message in _log(log_dir)


def test_the_hook_is_installed_for_python_and_worker_threads(
    log_dir: Path, shown: list[str], qtbot: QtBot
) -> None:
    assert sys.excepthook is errors.handle_exception

    def work() -> None:
        _lookup_client(BSN)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    # the dialog is shown in the GUI thread, through a queued signal
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    assert "builtins.LookupError" in _log(log_dir) and BSN not in _log(log_dir)


@pytest.mark.qt_log_ignore("Qt-melding over")
def test_qt_warnings_are_logged_with_quoted_text_and_numbers_masked(log_dir: Path) -> None:
    qWarning(f"Qt-melding over '{NAME}' en {BSN}")
    log = _log(log_dir)
    assert "Qt-melding over" in log
    assert NAME not in log and BSN not in log


def test_uninstall_puts_the_previous_hooks_back(tmp_path: Path, shown: list[str]) -> None:
    before, before_thread = sys.excepthook, threading.excepthook
    errors.install_exception_hook(tmp_path / "logs")
    errors.install_exception_hook(tmp_path / "logs")  # installing twice does not stack
    errors.uninstall_exception_hook()
    assert sys.excepthook is before and threading.excepthook is before_thread
    assert errors.log_file() is None


def test_without_dialogs_the_message_goes_to_stderr(
    tmp_path: Path, shown: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    errors.install_exception_hook(tmp_path / "logs", interactive=False)
    try:
        try:
            _lookup_client(BSN)
        except LookupError as exc:
            errors.handle_exception(type(exc), exc, exc.__traceback__)
    finally:
        errors.uninstall_exception_hook()
    assert shown == []
    assert "Er ging iets mis." in capsys.readouterr().err
