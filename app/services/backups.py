"""Backups and restores as a user does them, audited (BIO2 8.13.04).

Rolling backups run at start and then daily while Helder runs (:func:`backup_if_due`); a
restore is checked first and keeps the current database; a damaged database is replaced by the
newest good backup (:func:`recover_damaged`) before anyone logs in.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.config import LocalConfig, Paths
from app.db.backup import (
    BackupInfo,
    Progress,
    integrity_problem,
    key_file_for,
    list_backups,
    restore_database,
    rolling_backup,
)
from app.db.base import utcnow
from app.db.engine import open_sqlite
from app.db.keys import KeyFile
from app.domain.users import Role
from app.errors import DatabaseError, KnownError
from app.services import audit
from app.services.auth import Opened
from app.services.context import ServiceContext

#: Automatic backups are made when the newest one is older than this.
BACKUP_INTERVAL = timedelta(hours=24)


def audit_backup(ctx: ServiceContext, action: str, target: str, result: str = "ok") -> None:
    """Log a backup or restore."""
    with ctx.db.begin() as session:
        audit.log(session, ctx, action, "database", "", result, details={"file": Path(target).name})


def is_local(opened: Opened) -> bool:
    """Return True when the database is the local encrypted file (the only kind Helder backs up)."""
    db = opened.db
    return db.is_sqlite and db.path is not None and db.data_key is not None


def make_backup(opened: Opened, reason: str = "auto", progress: Progress | None = None) -> Path:
    """Make a rolling backup of the local database and log it (any user: it only protects data).

    Raises:
        KnownError: the database is a team server (backed up on the server).
        StorageFullError: the disk is full; no backup was made.
    """
    db = opened.db
    if not db.is_sqlite or db.path is None or db.data_key is None:
        raise KnownError("Reservekopieën maakt Helder alleen van de lokale database.")
    target = rolling_backup(
        db.path, db.data_key, opened.paths.backups(opened.config), opened.config.backup_keep, reason, progress
    )
    audit_backup(opened.context(), "backup", str(target))
    return target


def backup_if_due(opened: Opened, now: datetime | None = None, *, reason: str = "dagelijks") -> Path | None:
    """Make a rolling backup when the newest one is older than 24 hours; return it, or None.

    A team database on a server is backed up there, so this does nothing for it.
    """
    if not is_local(opened):
        return None
    now = now or utcnow()
    found = backups(opened)
    if found and now - found[0].made_at < BACKUP_INTERVAL:
        return None
    return make_backup(opened, reason)


def backups(opened: Opened) -> list[BackupInfo]:
    """Return the rolling backups, newest first."""
    return list_backups(opened.paths.backups(opened.config))


def restore_from(opened: Opened, backup: Path) -> Path | None:
    """Replace the database by ``backup`` (beheerder; verified first; current database kept).

    The open database is closed; the caller logs in again afterwards. The restore is logged in
    the restored database, so the log shows it even though older lines came from the backup.
    A refused restore is logged in the current database, which stays as it was.

    Raises:
        PermissionDenied: the user is not a beheerder.
        DatabaseError: the backup is not sound; nothing was replaced.
    """
    opened.user.require(Role.ADMIN)
    db = opened.db
    if not is_local(opened) or db.path is None or db.data_key is None:
        raise KnownError("Terugzetten kan alleen bij de lokale database.")
    path, key = db.path, db.data_key
    db.dispose()
    try:
        safety = restore_database(
            backup, key, path, opened.paths.backups(opened.config), opened.config.backup_keep
        )
    except DatabaseError:
        # Refused before anything was touched: the current database is still the one to log in.
        audit_backup(opened.context(), "restore", str(backup), result="failed")
        raise
    _log_restore(path, key, opened.user.username, opened.config.device_code or "", backup)
    return safety


def _log_restore(database: Path, key: bytes, actor: str, device: str, backup: Path, reason: str = "") -> None:
    restored = open_sqlite(database, key)
    try:
        with restored.begin() as session:
            audit.record(
                session,
                actor=actor,
                device=device,
                action="restore",
                object_type="database",
                details={"file": backup.name, **({"reason": reason} if reason else {})},
            )
    finally:
        restored.dispose()


def _unlock(paths: Paths, backup: Path | None, username: str, password: str) -> bytes:
    """Return the data key from the key file, or from the backup's copy when that one is damaged."""
    try:
        return KeyFile(paths.key_file).unwrap(username, password)
    except DatabaseError:
        if backup is None or not key_file_for(backup).exists():
            raise
        return KeyFile(key_file_for(backup)).unwrap(username, password)


def newest_good_backup(paths: Paths, config: LocalConfig, username: str, password: str) -> BackupInfo | None:
    """Return the newest backup that opens and passes the full integrity check, or None.

    Raises:
        AuthenticationError: the name or password does not unlock the data key.
    """
    found = list_backups(paths.backups(config))
    key: bytes | None = None
    for info in found:
        if key is None:
            try:
                key = _unlock(paths, info.path, username, password)
            except DatabaseError:
                continue
        if integrity_problem(info.path, key) is None:
            return info
    if key is None and not found:
        KeyFile(paths.key_file).unwrap(username, password)  # a wrong password still says so
    return None


#: The reason logged when Helder itself offers the newest good backup at a damaged start.
DAMAGED_START_REASON = "beschadigde database bij het inloggen; Helder bood de nieuwste goede reservekopie aan"


def recover_damaged(
    paths: Paths, config: LocalConfig, username: str, password: str, backup: Path, *, reason: str = ""
) -> Path | None:
    """Replace a damaged local database by ``backup`` before logging in; return where the old file went.

    Anyone with an account may do this: the password proves it, the backup is checked first, and
    the damaged file is kept (still encrypted) beside the backups rather than deleted.

    Raises:
        AuthenticationError: the name or password does not unlock the data key.
        DatabaseError: the backup is not sound; nothing was replaced.
    """
    name = username.strip().lower()
    key = _unlock(paths, backup, name, password)
    if not paths.key_file.exists() or _key_file_broken(paths):
        # The key file itself was damaged: the backup's copy holds the same data key.
        paths.key_file.write_bytes(key_file_for(backup).read_bytes())
    safety = restore_database(backup, key, paths.database, paths.backups(config), config.backup_keep)
    _log_restore(paths.database, key, name, config.device_code or "", backup, reason)
    return safety


def _key_file_broken(paths: Paths) -> bool:
    try:
        KeyFile(paths.key_file).usernames()
    except DatabaseError:
        return True
    return False
