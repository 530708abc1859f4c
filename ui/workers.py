"""Database work off the UI thread, with results delivered by signal on the UI thread.

A :class:`Runner` numbers every job it starts (its *generation*). When a newer job was started
before an older one finished, the older result is dropped: a slow search for "ja" can never
overwrite the results for "jan". Known errors (``app.errors.KnownError``) arrive through
``failed`` for a calm message; anything else is also handed to ``sys.excepthook`` (the central
exception hook logs it), so nothing fails silently.

Usage::

    runner = Runner(self)
    runner.finished.connect(self.on_rows)
    runner.failed.connect(self.on_error)
    runner.submit(lambda: search_dossiers(ctx, criteria))
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from app.errors import KnownError


class _JobSignals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], generation: int, signals: _JobSignals) -> None:
        super().__init__()
        self._work = work
        self._generation = generation
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:
            self._emit(self._signals.failed, exc)
            return
        self._emit(self._signals.done, result)

    def _emit(self, signal: SignalInstance, value: object) -> None:
        # RuntimeError: the runner was deleted (its window closed) while we worked.
        with contextlib.suppress(RuntimeError):
            signal.emit(self._generation, value)


class Runner(QObject):
    """Runs callables in the thread pool; only the newest job's outcome is delivered."""

    finished = Signal(object)  # the result of the newest job
    failed = Signal(object)  # the exception of the newest job
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._generation = 0
        self._running = 0
        self._signals = _JobSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)

    @property
    def generation(self) -> int:
        """The number of the newest job."""
        return self._generation

    @property
    def busy(self) -> bool:
        """Whether a job of this runner is still running (also an outdated one)."""
        return self._running > 0

    def submit(self, work: Callable[[], object]) -> int:
        """Start ``work`` in the pool and return its generation; older results are dropped from now."""
        self._generation += 1
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(work, self._generation, self._signals))
        return self._generation

    def cancel(self) -> None:
        """Drop the outcome of every job started so far (they still run to their end)."""
        self._generation += 1

    def _finish(self) -> None:
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    def _on_done(self, generation: int, result: object) -> None:
        self._finish()
        if generation == self._generation:
            self.finished.emit(result)

    def _on_failed(self, generation: int, error: object) -> None:
        self._finish()
        if generation != self._generation:
            return
        self.failed.emit(error)
        if isinstance(error, BaseException) and not isinstance(error, KnownError):
            sys.excepthook(type(error), error, error.__traceback__)


def wait_for_workers(msecs: int = 10_000) -> bool:
    """Wait until no job runs in the shared pool (on closing); False after ``msecs``."""
    return QThreadPool.globalInstance().waitForDone(msecs)
