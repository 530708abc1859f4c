"""Backups and restores as a user does them, audited (BIO2 8.13.04)."""

from __future__ import annotations

from pathlib import Path

from app.db.backup import BackupInfo, Progress, list_backups, restore_database, rolling_backup
from app.errors import KnownError
from app.services import audit
from app.services.auth import Opened
from app.services.context import ServiceContext


def audit_backup(ctx: ServiceContext, action: str, target: str, result: str = "ok") -> None:
    """Log a backup or restore."""
    with ctx.db.begin() as session:
        audit.log(session, ctx, action, "database", "", result, details={"file": Path(target).name})


def make_backup(opened: Opened, reason: str = "auto", progress: Progress | None = None) -> Path:
    """Make a rolling backup of the local database and log it."""
    db = opened.db
    if not db.is_sqlite or db.path is None or db.data_key is None:
        raise KnownError("Reservekopieën maakt Helder alleen van de lokale database.")
    target = rolling_backup(db.path, db.data_key, opened.paths.backups(opened.config), opened.config.backup_keep,
                            reason, progress)
    audit_backup(opened.context(), "backup", str(target))
    return target


def backups(opened: Opened) -> list[BackupInfo]:
    """Return the rolling backups, newest first."""
    return list_backups(opened.paths.backups(opened.config))


def restore_from(opened: Opened, backup: Path) -> Path | None:
    """Replace the database by ``backup`` (verified first; current database kept as a backup).

    The open database is closed; the caller logs in again afterwards. The restore is logged in
    the restored database, so the log shows it even though older lines came from the backup.
    """
    db = opened.db
    if db.path is None or db.data_key is None:
        raise KnownError("Terugzetten kan alleen bij de lokale database.")
    path, key = db.path, db.data_key
    db.dispose()
    safety = restore_database(backup, key, path, opened.paths.backups(opened.config), opened.config.backup_keep)
    from app.db.engine import open_sqlite

    restored = open_sqlite(path, key)
    try:
        ctx = ServiceContext(restored, opened.user, device_code=opened.config.device_code)
        with restored.begin() as session:
            audit.log(session, ctx, "restore", "database", "", details={"file": backup.name})
    finally:
        restored.dispose()
    return safety
