"""Timing helpers: the median of several runs after a warm-up, and child-process peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One measured path: Helder's median against the raw baseline's median."""

    name: str
    value_ms: float
    baseline_ms: float
    target: float | None = None

    @property
    def ratio(self) -> float:
        return self.value_ms / self.baseline_ms if self.baseline_ms > 0 else float("inf")

    def as_json(self) -> dict[str, float | str]:
        return {
            "name": self.name,
            "ratio": round(self.ratio, 3),
            "value_ms": round(self.value_ms, 2),
            "baseline_ms": round(self.baseline_ms, 2),
        }


def median_ms(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Return the median wall time of ``fn`` in milliseconds over ``runs`` after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def compare(
    name: str,
    helder: Callable[[], object],
    baseline: Callable[[], object],
    runs: int,
    target: float | None = None,
) -> Result:
    """Measure Helder and its baseline interleaved, so machine noise hits both alike."""
    helder()
    baseline()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        for fn, bucket in ((helder, ours), (baseline, theirs)):
            started = time.perf_counter()
            fn()
            bucket.append((time.perf_counter() - started) * 1000)
    return Result(name, statistics.median(ours), statistics.median(theirs), target)


def run_process(command: Sequence[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run a command; return (wall ms, peak RSS in KiB of that child, stderr tail). Non-zero exit raises."""
    started = time.perf_counter()
    proc = subprocess.Popen(list(command), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - started) * 1000
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {proc.returncode}: {stderr[-800:]}")
    return elapsed, int(usage.ru_maxrss), stderr[-800:]
