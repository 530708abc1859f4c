"""Test tools that look at the files on disk the way an attacker or a crash would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

ROOT = Path(__file__).resolve().parents[2]
SQLITE_HEADER = b"SQLite format 3\x00"


def raw_connect(path: Path, data_key: bytes) -> sqlcipher.Connection:
    """Open an encrypted Helder file directly with SQLCipher and the raw data key."""
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def all_rows(path: Path, data_key: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table, in a stable order."""
    conn = raw_connect(path, data_key)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def files_containing(root: Path, needles: Iterable[bytes]) -> list[tuple[Path, bytes]]:
    """Return (file, needle) for every file under ``root`` that holds one of ``needles``."""
    wanted = [n for n in needles if n]
    found: list[tuple[Path, bytes]] = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found.extend((path, n) for n in wanted if n in data)
    return found


def encodings(text: str) -> list[bytes]:
    """The ways ``text`` could sit in a file: UTF-8, UTF-16 and (for JSON) escaped."""
    forms = [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("unicode_escape")]
    return list(dict.fromkeys(forms))


def run_cli(
    args: Sequence[str], *, user: str | None = None, password: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m app ARGS`` in a fresh process, with stdin closed (no prompts)."""
    env = {k: v for k, v in os.environ.items() if k not in {"HELDER_USER", "HELDER_PASSWORD"}}
    env["HELDER_FAST_KDF"] = "1"
    env["PYTHONPATH"] = str(ROOT)
    if user is not None:
        env["HELDER_USER"] = user
    if password is not None:
        env["HELDER_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
