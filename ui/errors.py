"""The one central exception hook: a calm Dutch message for the user, a log file without personal data.

A :class:`~app.errors.KnownError` (disk full, wrong password, damaged database) is shown with its
own Dutch message. Anything else is a bug: the user reads a calm "Er ging iets mis" with the
location of the log file, and the log gets the exception's *type* and its traceback frames
(file, line, function). It never gets the message of a non-Helder exception nor any local
variable: a driver error or a ``KeyError`` may quote a client's name or BSN (AVG, BIO2 8.15.02).
Qt's own warnings go to the same log with quoted text and long numbers masked.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QThread,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import HelderError, KnownError

LOG_FILE = "helder.log"
LOGGER_NAME = "helder.errors"
_MAX_BYTES = 1_000_000
_BACKUPS = 3

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_NUMBERS = re.compile(r"\d{4,}")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]
QtHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]


class _Reporter(QObject):
    """Lives in the GUI thread; errors from worker threads reach the user through its signal."""

    report = Signal(str, bool)  # message, known


class _State:
    def __init__(self) -> None:
        self.log_file: Path | None = None
        self.handler: logging.Handler | None = None
        self.previous_hook: ExceptHook | None = None
        self.previous_thread_hook: Callable[[threading.ExceptHookArgs], Any] | None = None
        self.previous_qt: QtHandler | None = None
        self.qt_installed = False
        self.reporter: _Reporter | None = None
        self.interactive = True
        self.showing = False


_state = _State()


def logger() -> logging.Logger:
    """Return the logger that writes the error log (only this module writes to it)."""
    return logging.getLogger(LOGGER_NAME)


def log_file() -> Path | None:
    """Return the current log file, or None before :func:`install_exception_hook`."""
    return _state.log_file


def _short(filename: str) -> str:
    """Return a frame's file without the user's home folder (which names a person)."""
    path = Path(filename)
    text = path.as_posix()
    if "site-packages/" in text:
        return text.rsplit("site-packages/", 1)[1]
    try:
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    except (ValueError, OSError):
        return path.name


def describe(exc: BaseException) -> str:
    """Return the loggable description of ``exc``: types and frames; messages only of Helder errors."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    first = True
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = f"{type(current).__module__}.{type(current).__qualname__}"
        line = kind if first else f"veroorzaakt door: {kind}"
        if isinstance(current, HelderError):
            line += f": {current}"
        parts.append(line)
        for frame in traceback.extract_tb(current.__traceback__):
            parts.append(f"  {_short(frame.filename)}:{frame.lineno}:{frame.name}")
        first = False
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\n".join(parts)


def user_message(exc: BaseException) -> str:
    """Return the Dutch text the user sees for ``exc``."""
    if isinstance(exc, KnownError):
        return str(exc)
    where = str(_state.log_file) if _state.log_file is not None else "het logbestand van Helder"
    return QCoreApplication.translate(
        "errors",
        "Er ging iets mis. Dat ligt niet aan u.\n\n"
        "Wat u al had opgeslagen, is veilig. Probeer het nog een keer. Gaat het weer mis? "
        "Geef dan dit logbestand aan uw beheerder:\n{where}",
    ).format(where=where)


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log ``exc`` safely and tell the user; usable as ``sys.excepthook``."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    known = isinstance(exc, KnownError)
    try:
        if known:
            logger().warning("Bekend probleem: %s", describe(exc))
        else:
            logger().error("Programmafout: %s", describe(exc))
    except Exception:  # the log must never cause a second error
        pass
    _report(user_message(exc), known)


def _report(message: str, known: bool) -> None:
    app = QCoreApplication.instance()
    if app is None or not _state.interactive:
        print(message, file=sys.stderr)
        return
    if QThread.currentThread() is not app.thread() and _state.reporter is not None:
        _state.reporter.report.emit(message, known)  # queued to the GUI thread
        return
    show_message(message, known)


def show_message(message: str, known: bool) -> None:
    """Show one calm message box (a burst of errors shows only the first)."""
    if _state.showing or not isinstance(QCoreApplication.instance(), QApplication):
        return
    _state.showing = True
    try:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning if known else QMessageBox.Icon.Critical)
        box.setWindowTitle("Helder")
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
    finally:
        _state.showing = False


def _redact(text: str) -> str:
    return _NUMBERS.sub("#", _QUOTED.sub("'…'", text))


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        where = f"{_short(context.file)}:{context.line}:{context.function}" if context.file else "Qt"
        with contextlib.suppress(Exception):  # the log must never cause a second error
            logger().warning("Qt %s (%s): %s", mode.name, where, _redact(message))
    if _state.previous_qt is not None:
        _state.previous_qt(mode, context, message)
    elif mode != QtMsgType.QtDebugMsg:
        print(message, file=sys.stderr)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def install_exception_hook(log_dir: Path, *, interactive: bool = True) -> None:
    """Install the hook for Python exceptions (all threads) and Qt's messages; log to ``log_dir``.

    ``interactive=False`` (the self-test) logs and prints instead of showing a dialog.
    """
    uninstall_exception_hook()
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        log_dir / LOG_FILE, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log = logger()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # no other handler may copy these lines elsewhere
    _state.handler = handler
    _state.log_file = log_dir / LOG_FILE
    _state.interactive = interactive
    _state.previous_hook = sys.excepthook
    _state.previous_thread_hook = threading.excepthook
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
    _state.previous_qt = qInstallMessageHandler(_qt_message)
    _state.qt_installed = True
    if QCoreApplication.instance() is not None:
        _state.reporter = _Reporter()
        _state.reporter.report.connect(show_message)


def uninstall_exception_hook() -> None:
    """Put back the previous hooks and close the log (tests; a second install)."""
    if _state.handler is not None:
        logger().removeHandler(_state.handler)
        _state.handler.close()
        _state.handler = None
    if _state.previous_hook is not None:
        sys.excepthook = _state.previous_hook
        _state.previous_hook = None
    if _state.previous_thread_hook is not None:
        threading.excepthook = _state.previous_thread_hook
        _state.previous_thread_hook = None
    if _state.qt_installed:
        qInstallMessageHandler(_state.previous_qt)
        _state.previous_qt = None
        _state.qt_installed = False
    if _state.reporter is not None:
        _state.reporter.deleteLater()
        _state.reporter = None
    _state.log_file = None
