"""Schema migrations with Alembic: upgrade on start after a backup, refuse a newer database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db.engine import Database
from app.errors import DatabaseError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Return an Alembic configuration pointing at Helder's migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revisions() -> frozenset[str]:
    """Return the newest revisions this program knows (one per capability branch)."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if not heads:
        raise DatabaseError("Er zijn geen migraties gevonden.")
    return frozenset(heads)


def current_revisions(db: Database) -> frozenset[str]:
    """Return the revisions the database is at (empty for a new database)."""
    with db.engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(db: Database, target: str = "heads", *, backup: Callable[[], object] | None = None) -> bool:
    """Bring the database to ``target`` (all branch heads); return True when anything was migrated.

    A database at a revision this program does not know was made by a newer Helder: it is
    refused, untouched, with a clear Dutch message. Before changing an existing database the
    ``backup`` callable runs, so a failed migration never costs data.
    """
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revisions(db)
    for revision in current:
        try:
            script.get_revision(revision)
        except Exception as exc:
            raise DatabaseError(
                "Deze database is gemaakt met een nieuwere versie van Helder. "
                "Installeer de nieuwste versie; de database is niet gewijzigd."
            ) from exc
    wanted = head_revisions() if target == "heads" else frozenset({target})
    if current == wanted:
        return False
    if current and backup is not None:
        backup()
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
    return True
