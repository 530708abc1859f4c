"""``python -m benchmarks [--quick] [--json]``: Helder's speed as ratios against raw baselines.

Generates (or reuses) a demo database — 50 000 dossiers, or 5 000 with ``--quick`` — and measures
each path as the median of several interleaved runs after a warm-up, against a bare baseline on
the same database file in the same run. Ratios, not absolute times, are what we compare: these
shared machines are noisy. Lower is better; the targets come from the benchmarks issue.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from app.config import Paths, load_config
from app.services.auth import login
from benchmarks import paths as bench
from benchmarks.measure import Result, compare, run_process

TARGETS = {"startup": 4.0, "search": 2.0, "open_dossier": 3.0, "letter": 2.5, "summary": 2.0}
DATA_ROOT = Path(__file__).resolve().parent / ".data"
PASSWORD = "demo"


def database(dossiers: int, data_root: Path) -> Paths:
    """Return a demo database with ``dossiers`` dossiers, generating it once."""
    paths = Paths(data_root / f"demo-{dossiers}")
    marker = paths.data_dir / "complete"
    if not marker.exists():
        import shutil

        from app.services.demo import generate_demo

        shutil.rmtree(paths.data_dir, ignore_errors=True)
        started = time.perf_counter()
        print(f"Demodatabase met {dossiers} dossiers maken…", file=sys.stderr)
        generate_demo(paths, load_config(paths), dossiers=dossiers, seed=2026).db.dispose()
        print(f"  klaar in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        marker.write_text("ok", encoding="utf-8")
    return paths


def measure_startup(paths: Paths, runs: int) -> tuple[Result, int]:
    """``helder --self-test`` on the database vs a bare QApplication + QMainWindow process."""
    # An installed Helder runs from compiled bytecode; with PYTHONDONTWRITEBYTECODE set (as on the
    # build machines) every run would compile all of app/ and ui/ again. The warm-up run compiles
    # into a cache beside the benchmark databases, so the source tree stays clean.
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(paths.data_dir.parent / "pycache"),
        "QT_QPA_PLATFORM": "offscreen",
        "HELDER_USER": "consulent",
        "HELDER_PASSWORD": PASSWORD,
    }
    helder = [sys.executable, "-m", "ui.main", "--self-test", "--data-dir", str(paths.data_dir)]
    bare = [sys.executable, str(Path(__file__).with_name("baseline_qt.py"))]
    ours, theirs, peak = [], [], 0
    run_process(helder, env)
    run_process(bare, env)
    for _ in range(runs):
        ms, rss, _err = run_process(helder, env)
        ours.append(ms)
        peak = max(peak, rss)
        theirs.append(run_process(bare, env)[0])
    import statistics

    return Result("startup", statistics.median(ours), statistics.median(theirs), TARGETS["startup"]), peak


def measure_login_window(paths: Paths, runs: int) -> Result:
    """Helder started up to its login window (``login_window.py``) vs the bare Qt process.

    Not one of the issue's paths and without a target: it shows what a counsellor waits for
    before they can type, while ``startup`` runs the whole self-test after a login.
    """
    import statistics

    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(paths.data_dir.parent / "pycache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    helder = [sys.executable, str(Path(__file__).with_name("login_window.py")), str(paths.data_dir)]
    bare = [sys.executable, str(Path(__file__).with_name("baseline_qt.py"))]
    run_process(helder, env)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run_process(helder, env)[0])
        theirs.append(run_process(bare, env)[0])
    return Result("login_window", statistics.median(ours), statistics.median(theirs), None)


def run(
    quick: bool, data_root: Path = DATA_ROOT, dossiers: int | None = None, runs: int | None = None
) -> tuple[list[Result], int]:
    """Measure every path; return the results and the GUI's peak memory in KiB."""
    count = dossiers or (5_000 if quick else 50_000)
    runs = runs or 9  # the same number for --quick: five single-shot samples of a 1 ms path are mostly noise
    paths = database(count, data_root)
    config = load_config(paths)
    counsellor = login(paths, config, "consulent", PASSWORD, device="benchmark")
    lead = login(paths, config, "teamleider", PASSWORD, device="benchmark")
    db = counsellor.db
    assert db.path is not None and db.data_key is not None
    raw = bench.Raw.open(db.path, db.data_key)
    tables = tuple(
        t for t in bench.DOSSIER_TABLES if raw.all("SELECT 1 FROM sqlite_master WHERE name = ?", (t,))
    )
    from app.services.dossier_views import SearchCriteria
    from app.services.dossiers import search_dossiers

    dossier_id = search_dossiers(counsellor.context(), SearchCriteria(), limit=1)[0].id
    letter_inputs = bench.letter_inputs()
    pages = bench.letter_lines(bench.helder_letter(letter_inputs))
    results = [
        compare(
            "search",
            lambda: bench.helder_search(counsellor),
            lambda: bench.raw_search(raw, counsellor.user.id),
            runs,
            TARGETS["search"],
        ),
        compare(
            "open_dossier",
            lambda: bench.helder_open(counsellor, dossier_id),
            lambda: bench.raw_open(raw, dossier_id, tables),
            runs,
            TARGETS["open_dossier"],
        ),
        compare(
            "letter",
            lambda: bench.helder_letter(letter_inputs),
            lambda: bench.raw_letter(pages),
            runs,
            TARGETS["letter"],
        ),
        compare(
            "summary",
            lambda: bench.helder_summary(lead),
            lambda: bench.raw_summary(raw),
            max(3, runs // 3),  # a median of at least three: one sample is mostly noise
            TARGETS["summary"],
        ),
    ]
    raw.conn.close()
    counsellor.db.dispose()
    lead.db.dispose()
    startup, peak = measure_startup(paths, max(1, runs // 2))
    login_window = measure_login_window(paths, max(1, runs // 2))
    return [startup, *results, login_window], peak


def table(results: list[Result], peak_kib: int) -> str:
    lines = [f"{'pad':<14}{'Helder ms':>11}{'basis ms':>11}{'ratio':>8}{'doel':>7}  ", "-" * 56]
    for r in results:
        if r.target is None:
            goal, verdict = f"{'—':>7}", "ter informatie"
        else:
            goal, verdict = f"{r.target:>7.1f}", "ok" if r.ratio <= r.target else "TE TRAAG"
        figures = f"{r.value_ms:>11.1f}{r.baseline_ms:>11.1f}{r.ratio:>8.2f}{goal}"
        lines.append(f"{r.name:<14}{figures}  {verdict}")
    lines.append(f"piekgeheugen GUI met lijst geladen: {peak_kib / 1024:.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 000 dossiers in plaats van 50 000")
    parser.add_argument("--json", action="store_true", help="print een JSON-lijst")
    parser.add_argument("--dossiers", type=int, help="eigen aantal dossiers (voor tests)")
    parser.add_argument("--data-root", type=Path, default=DATA_ROOT, help="map voor de benchmarkdatabases")
    parser.add_argument("--runs", type=int, help="aantal metingen per pad (standaard 9)")
    args = parser.parse_args(argv)
    results, peak = run(args.quick, args.data_root, args.dossiers, args.runs)
    if args.json:
        out = [r.as_json() for r in results]
        out.append(
            {
                "name": "peak_memory_gui",
                "ratio": 0.0,
                "value_ms": 0.0,
                "baseline_ms": 0.0,
                "peak_mb": round(peak / 1024, 1),
            }
        )  # type: ignore[dict-item]
        print(json.dumps(out, indent=1))
    else:
        print(table(results, peak))
    return 0


if __name__ == "__main__":
    sys.exit(main())
