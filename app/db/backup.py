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
from app.errors import DatabaseError, KnownError, StorageFullError

Progress = Callable[[int, int], None]
"""Called with (pages done, pages total); raise to cancel."""

BACKUP_PREFIX = "helder-"
BACKUP_SUFFIX = ".db"
DAMAGED_PREFIX = "beschadigd-"
PART_SUFFIXES = (".part", ".part-journal", ".part-wal", ".part-shm")
#: A half-written backup older than this was left by a killed process (a backup takes seconds).
STALE_PART_SECONDS = 15 * 60
#: Folders of the operating system where a backup never goes (device nodes, kernel files).
_SYSTEM_ROOTS = (Path("/dev"), Path("/proc"), Path("/sys"), Path("/run"))
LIVE_NAMES = (
    "helder.db",
    "helder.db-wal",
    "helder.db-shm",
    "helder.db-journal",
    "helder.keys",
    "config.json",
)


class BackupTargetError(KnownError):
    """The target of ``backup --to`` is not a safe place for a backup; nothing was written."""


def check_backup_target(target: Path, data_folder: Path, data_key: bytes, *, overwrite: bool = False) -> Path:
    """Return the resolved target after refusing every target that could destroy data.

    A backup goes to a new regular file outside the data folder's live files and outside the
    operating system's device and kernel folders. An existing file is replaced only with
    ``overwrite`` and only when it is an earlier Helder backup (it opens with this data key, passes
    the integrity check and has its key file beside it) that is not a live database. Source:
    BIO2 8.13 (backups must not endanger the data they protect); issue #24 finding 1.

    Raises:
        BackupTargetError: with a Dutch message naming the problem.
    """
    resolved = target.expanduser().resolve()
    live = {(data_folder / name).resolve() for name in LIVE_NAMES}
    if resolved in live or resolved.name in LIVE_NAMES:
        raise BackupTargetError(
            f"{target} is een bestand waarmee Helder werkt (de database, de sleutels of de instellingen). "
            "Kies een nieuw bestand, bijvoorbeeld helder-kopie.db op een USB-stick."
        )
    if any(resolved == root or root in resolved.parents for root in _SYSTEM_ROOTS):
        raise BackupTargetError(f"{target} ligt in een map van het systeem. Kies een gewone map.")
    existing = next((p for p in resolved.parents if p.exists()), Path(resolved.anchor))
    if not existing.is_dir():
        raise BackupTargetError(f"{existing} is geen map. Kies een gewone map.")
    if resolved.exists() or resolved.is_symlink():
        if not resolved.is_file():
            raise BackupTargetError(f"{target} is geen gewoon bestand. Kies een nieuw bestand.")
        if not overwrite:
            raise BackupTargetError(
                f"{target} bestaat al. Kies een nieuw bestand, of geef --overwrite om een eerdere "
                "reservekopie van Helder te vervangen."
            )
        if not key_file_for(resolved).exists() or integrity_problem(resolved, data_key) is not None:
            raise BackupTargetError(
                f"{target} is geen eerdere reservekopie van deze Helder-installatie; "
                "Helder overschrijft het niet."
            )
    if not os.access(existing, os.W_OK):
        raise BackupTargetError(f"Helder mag niet schrijven in de map {existing}.")
    return resolved


def clean_stale_parts(*folders: Path, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Remove half-written backups (``*.part``, ``*.part-journal`` …) left by a killed backup.

    Only files older than ``older_than`` seconds go, so a backup running right now in another
    process keeps its file. Returns what was removed.
    """
    removed: list[Path] = []
    now = datetime.now().timestamp()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if not path.name.endswith(PART_SUFFIXES) or not path.is_file():
                continue
            try:
                if now - path.stat().st_mtime >= older_than:
                    path.unlink()
                    removed.append(path)
            except OSError:
                continue
    return removed


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private(path: Path) -> None:
    """Make a file readable for its owner only (0600); Windows relies on the per-user folder."""
    if os.name != "nt":
        os.chmod(path, 0o600)


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
    Path(str(partial) + "-journal").unlink(missing_ok=True)
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
        _private(partial)
        _fsync_file(partial)
        keys = key_file or key_file_for(source)
        if keys.exists():
            staged_keys = key_file_for(target).with_name(key_file_for(target).name + ".part")
            shutil.copyfile(keys, staged_keys)
            _private(staged_keys)
            _fsync_file(staged_keys)
            os.replace(staged_keys, key_file_for(target))
        os.replace(partial, target)
        _fsync_folder(target.parent)
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
