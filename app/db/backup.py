"""Encrypted backups through SQLite's online backup API, and verified restores (BIO2 8.13).

A backup is a SQLCipher file with the same data key, plus a copy of the key file beside it
(``<name>.keys``), so it opens with the users' own passwords. Nothing is ever written in the
clear. A restore first checks the backup (it opens, passes ``integrity_check`` and holds
Helder's tables), then keeps the current database as a backup, then swaps the files in.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from app.db.base import utcnow
from app.errors import DatabaseError, StorageFullError

Progress = Callable[[int, int], None]
"""Called with (pages done, pages total); raise to cancel."""

BACKUP_PREFIX = "helder-"
BACKUP_SUFFIX = ".db"
DAMAGED_PREFIX = "beschadigd-"


def _connect(path: Path, data_key: bytes) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def key_file_for(database: Path) -> Path:
    """Return the key file that belongs to a database or backup file."""
    return database.with_suffix(".keys")


def integrity_problem(path: Path, data_key: bytes, *, quick: bool = False) -> str | None:
    """Return a Dutch description of what is wrong with ``path``, or ``None`` when it is sound.

    ``quick`` runs SQLite's ``quick_check`` (pages and records, not index contents): about three
    times faster, used at every login; a restore and ``python -m app check`` use the full check.
    """
    if not path.exists():
        return "Het bestand bestaat niet."
    try:
        conn = _connect(path, data_key)
        try:
            pragma = "quick_check" if quick else "integrity_check"
            result = conn.execute(f"PRAGMA {pragma}").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlcipher.DatabaseError:
        return "Het bestand is geen Helder-database of de sleutel past niet."
    if result != [("ok",)]:
        return "De database is beschadigd (integriteitscontrole mislukt)."
    if "dossiers" not in tables or "alembic_version" not in tables:
        return "Het bestand is geen Helder-database."
    return None


def backup_database(
    source: Path,
    data_key: bytes,
    target: Path,
    *,
    key_file: Path | None = None,
    progress: Progress | None = None,
) -> Path:
    """Copy the encrypted database at ``source`` to ``target`` while it stays in use.

    Raises:
        StorageFullError: the disk filled up; the half-written target is removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = _connect(source, data_key)
    try:
        dst = _connect(partial, data_key)
        try:

            def _progress(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=256, progress=_progress)
        finally:
            dst.close()
    except sqlcipher.OperationalError as exc:
        partial.unlink(missing_ok=True)
        if "full" in str(exc).lower():
            raise StorageFullError("De schijf is vol: de reservekopie is niet gemaakt.") from exc
        raise
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    try:
        os.replace(partial, target)
        keys = key_file or key_file_for(source)
        if keys.exists():
            shutil.copy2(keys, key_file_for(target))
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            target.unlink(missing_ok=True)
            raise StorageFullError("De schijf is vol: de reservekopie is niet gemaakt.") from exc
        raise
    return target


@dataclass(frozen=True)
class BackupInfo:
    """A backup file on disk."""

    path: Path
    made_at: datetime
    size: int


def list_backups(folder: Path) -> list[BackupInfo]:
    """Return the backups in ``folder``, newest first."""
    if not folder.exists():
        return []
    found = []
    for path in folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"):
        stat = path.stat()
        found.append(BackupInfo(path, datetime.fromtimestamp(stat.st_mtime).astimezone(), stat.st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def rolling_backup(
    source: Path,
    data_key: bytes,
    folder: Path,
    keep: int,
    reason: str = "auto",
    progress: Progress | None = None,
) -> Path:
    """Make a timestamped backup in ``folder`` and keep only the newest ``keep`` ones."""
    stamp = utcnow().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    backup_database(source, data_key, target, progress=progress)
    for old in list_backups(folder)[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)
        key_file_for(old.path).unlink(missing_ok=True)
    return target


def restore_database(
    backup: Path, data_key: bytes, database: Path, safety_folder: Path, keep: int = 14
) -> Path | None:
    """Replace ``database`` by ``backup`` after checking it; return the safety copy of the old file.

    Raises:
        DatabaseError: the backup is not sound; nothing was replaced.
    """
    problem = integrity_problem(backup, data_key)
    if problem:
        raise DatabaseError(f"Terugzetten niet gedaan: {problem} De huidige database is niet gewijzigd.")
    safety: Path | None = None
    if database.exists():
        if integrity_problem(database, data_key) is None:
            safety = rolling_backup(database, data_key, safety_folder, keep + 1, reason="voor-terugzetten")
        else:
            safety = set_aside_damaged(database, safety_folder)
    staged = database.with_name(database.name + ".restore")
    backup_database(backup, data_key, staged, key_file=key_file_for(backup))
    for suffix in ("-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    os.replace(staged, database)
    key_file_for(staged).unlink(missing_ok=True)
    return safety


def set_aside_damaged(database: Path, folder: Path) -> Path:
    """Move a damaged (still encrypted) database and its WAL out of the way; return its new path.

    The file is kept rather than deleted, so a specialist can still try to save what is in it;
    its name does not match the backup pattern, so it is never offered as a backup.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{DAMAGED_PREFIX}{utcnow().strftime('%Y%m%d-%H%M%S-%f')}{BACKUP_SUFFIX}"
    os.replace(database, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(database) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target
