"""The benchmark suite runs end to end on a tiny database (keeps it from rotting; no timing asserts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_benchmarks_print_json_for_every_path(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HELDER_FAST_KDF": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--json",
            "--dossiers",
            "20",
            "--runs",
            "1",
            "--data-root",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = json.loads(result.stdout)
    names = [r["name"] for r in rows]
    assert names[:5] == ["startup", "search", "open_dossier", "letter", "summary"]
    for row in rows[:5]:
        assert set(row) == {"name", "ratio", "value_ms", "baseline_ms"}
        assert row["value_ms"] > 0 and row["baseline_ms"] > 0
        exact = row["value_ms"] / row["baseline_ms"]
        assert abs(row["ratio"] - exact) <= 0.05 * exact + 0.01  # both sides were rounded
    # AND the time to the login window, for information, and the GUI's peak memory
    assert rows[5]["name"] == "login_window" and rows[5]["value_ms"] > 0 and rows[5]["baseline_ms"] > 0
    assert rows[6]["name"] == "peak_memory_gui" and rows[6]["peak_mb"] > 10
