"""Schema migrations with Alembic: upgrade on start after a backup, refuse a newer database.

Alembic itself (and the scan of its script directory) costs a noticeable part of a second, so
the usual start — a database already at this program's heads — is answered without it: the
heads are read from the revision files' ``revision``/``down_revision`` lines and compared with
the ``alembic_version`` table. Anything else goes through Alembic as before.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text

from app.db.engine import Database
from app.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Return an Alembic configuration pointing at Helder's migration scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revisions() -> frozenset[str]:
    """Return the newest revisions this program knows (one per capability branch)."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if not heads:
        raise DatabaseError("Er zijn geen migraties gevonden.")
    return frozenset(heads)


def _header_value(line: str) -> Any:
    """The literal on the right of ``name: type = literal`` (or ``name = literal``)."""
    return ast.literal_eval(line.split("=", 1)[1].strip())


@cache
def known_heads() -> frozenset[str]:
    """Return the same heads as :func:`head_revisions`, read from the revision files without Alembic.

    Every revision that no other revision names as its ``down_revision`` is a head. A file whose
    header cannot be read this way makes the result empty, so the caller falls back to Alembic.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        revision: Any = None
        down: Any = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("revision") and "=" in line:
                revision = _header_value(line)
            elif line.startswith("down_revision") and "=" in line:
                down = _header_value(line)
        if not isinstance(revision, str):
            return frozenset()
        revisions.add(revision)
        parents.update([down] if isinstance(down, str) else list(down or ()))
    return frozenset(revisions - parents)


def stored_revisions(db: Database) -> frozenset[str]:
    """Return the revisions in the database's ``alembic_version`` table (empty for a new database)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(
            str(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
        )


def current_revisions(db: Database) -> frozenset[str]:
    """Return the revisions the database is at (empty for a new database)."""
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(db: Database, target: str = "heads", *, backup: Callable[[], object] | None = None) -> bool:
    """Bring the database to ``target`` (all branch heads); return True when anything was migrated.

    A database at a revision this program does not know was made by a newer Helder: it is
    refused, untouched, with a clear Dutch message. Before changing an existing database the
    ``backup`` callable runs, so a failed migration never costs data.
    """
    if target == "heads":
        heads = known_heads()
        if heads and stored_revisions(db) == heads:
            return False  # the usual start: nothing to do, and no need to load Alembic
    from alembic import command
    from alembic.script import ScriptDirectory

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
