"""``helder --self-test``: start the real window, load the list, open a dossier, close, exit 0.

Used after building the installer (the frozen app must really start) and in the tests. Any
problem — a failed query, an exception in a slot, an unexpected dialog, a timeout — ends the
test with exit code 1 and the reason on stderr. Waiting uses a QEventLoop with a timer, never a
busy ``processEvents`` loop.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import DOSSIERS, MainWindow
from ui.views.dossier_list import DossierListPage

TIMEOUT_MS = 20_000


class SelfTestError(Exception):
    """The self-test failed; the message says why (Dutch)."""


class _Watch:
    """Collects exceptions from slots and closes unexpected dialogs while the test waits."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._previous = sys.excepthook
        self._timer = QTimer()
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._close_dialogs)

    def __enter__(self) -> _Watch:
        sys.excepthook = self._hook
        self._timer.start()
        return self

    def __exit__(self, *_args: object) -> None:
        self._timer.stop()
        sys.excepthook = self._previous

    def _hook(self, kind: type[BaseException], exc: BaseException, _tb: TracebackType | None) -> None:
        self.problems.append(f"{kind.__name__}: {exc}")

    def _close_dialogs(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            text = getattr(modal, "text", None)
            shown = text() if callable(text) else modal.windowTitle()
            self.problems.append(f"onverwachte melding: {shown}")
            modal.close()

    def check(self) -> None:
        if self.problems:
            raise SelfTestError("; ".join(self.problems))


def wait_until(
    done: Callable[[], bool],
    signals: list[SignalInstance],
    what: str,
    timeout_ms: int = TIMEOUT_MS,
    watch: _Watch | None = None,
) -> None:
    """Run the event loop until ``done()`` holds (checked when a signal fires); raise after the timeout."""
    if done():
        return
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    poll = QTimer()
    poll.setInterval(100)

    def check() -> None:
        if done() or (watch is not None and watch.problems):
            loop.quit()

    poll.timeout.connect(check)
    for signal in signals:
        signal.connect(check)
    timer.start(timeout_ms)
    poll.start()
    loop.exec()
    poll.stop()
    timer.stop()
    for signal in signals:
        signal.disconnect(check)
    if watch is not None:
        watch.check()
    if not done():
        raise SelfTestError(f"{what} duurde langer dan {timeout_ms // 1000} seconden")


def _settle() -> None:
    """Let queued events (deleteLater, late worker results) run once."""
    loop = QEventLoop()
    QTimer.singleShot(50, loop.quit)
    loop.exec()


def run_self_test(app: QApplication, window: MainWindow, *, timeout_ms: int = TIMEOUT_MS) -> int:
    """Show ``window``, load the dossier list, open the first dossier, close; return the exit code."""
    try:
        with _Watch() as watch:
            window.show()
            if DOSSIERS not in window.page_keys():
                raise SelfTestError("deze gebruiker ziet geen dossiers; log in als consulent of teamleider")
            page = window.show_page(DOSSIERS)
            if not isinstance(page, DossierListPage):
                raise SelfTestError(f"de dossierlijst kon niet worden geladen ({_describe(page)})")
            model = page.model
            failures: list[str] = []
            model.failed.connect(failures.append)
            wait_until(
                lambda: model.has_loaded or bool(failures),
                [model.loaded],
                "het laden van de lijst",
                timeout_ms,
                watch,
            )
            if failures:
                raise SelfTestError(f"de dossierlijst gaf een fout: {failures[0]}")
            if model.rowCount() == 0:
                raise SelfTestError("de dossierlijst is leeg; er is geen dossier om te openen")
            dossier_id = model.dossier_id(0)
            number = model.row_data(0).number
            view = window.open_dossier(dossier_id)
            watch.check()
            if view is None:
                raise SelfTestError(f"dossier {number} kon niet worden geopend")
            if number not in view.number_label.text():
                raise SelfTestError(f"het geopende dossier toont niet nummer {number}")
            for key in view.tab_keys():
                view.show_tab(key)
            if view.failed_tabs:
                parts = ", ".join(f"{k}: {v}" for k, v in view.failed_tabs.items())
                raise SelfTestError(f"onderdelen van het dossier konden niet worden geladen ({parts})")
            _settle()
            watch.check()
            window.close_dossier(dossier_id)
            window.close()
            _settle()
            watch.check()
        print(f"self-test geslaagd: {model.total} dossiers, dossier {number} geopend en gesloten")
        return 0
    except Exception as exc:
        reason = str(exc) if isinstance(exc, SelfTestError) else f"{type(exc).__name__}: {exc}"
        print(f"self-test mislukt: {reason}", file=sys.stderr)
        window.hide()
        return 1


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else type(widget).__name__
