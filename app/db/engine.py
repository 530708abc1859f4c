"""Open a database: an encrypted SQLite file (default) or a team PostgreSQL server.

SQLite is opened through SQLCipher with the raw data key (STACK.md), in WAL mode with foreign
keys on, temporary tables kept in memory so no plain copy reaches the disk, and full fsync so a
committed transaction survives a power cut. PostgreSQL uses the same models.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.errors import DatabaseError, StorageFullError


def sqlcipher_url(path: Path, data_key: bytes) -> URL:
    """Return the SQLAlchemy URL that opens ``path`` with the raw 256-bit ``data_key``."""
    return URL.create("sqlite+pysqlcipher", password=f"x'{data_key.hex()}'", database=str(path))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute("PRAGMA busy_timeout = 10000")
        # Test hook: a tiny page limit makes SQLite report a full disk (tests/integration/test_crash_safety).
        max_pages = os.environ.get("HELDER_TEST_MAX_PAGES", "")
        if max_pages.isdigit():
            cursor.execute(f"PRAGMA max_page_count = {int(max_pages)}")
    finally:
        cursor.close()


@dataclass
class Database:
    """One engine and one session factory for one database."""

    engine: Engine
    sessions: sessionmaker[Session]
    path: Path | None = None
    data_key: bytes | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def begin(self, *, durable: bool = True) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error.

        ``durable=False`` is for the *view* line written on every dossier open and nothing else:
        its commit does not wait for the disk (SQLite ``synchronous = NORMAL`` in WAL mode,
        PostgreSQL ``synchronous_commit = off``). It survives a crash or kill of Helder, as every
        commit does; only a power cut or OS crash within moments could lose it, never corrupt
        anything, and the next ordinary commit flushes it with its own. The fsync it skips is
        the largest part of opening a dossier (on Windows laptops often many milliseconds).
        """
        with self.sessions() as session:
            try:
                with session.begin():
                    if not durable:
                        _relax_commit(session)
                    yield session
            except OperationalError as exc:
                translated = translate_operational(exc)
                if translated is exc:
                    raise
                raise translated from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only."""
        with self.sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


_RELAXED = "helder_relaxed_commit"


def _relax_commit(session: Session) -> None:
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA synchronous = NORMAL")
        conn.connection.info[_RELAXED] = True  # restored when the connection goes back to the pool
    else:
        conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")  # ends with the transaction


def _restore_full_sync(dbapi_connection: Any, record: Any) -> None:
    """Pool check-in: a connection that committed a relaxed transaction syncs fully again."""
    if record.info.pop(_RELAXED, False):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()


def translate_operational(exc: OperationalError) -> Exception:
    """Turn a driver error about the environment into a calm, typed error."""
    message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "disk is full" in message or "database or disk is full" in message or "no space" in message:
        return StorageFullError(
            "De schijf is vol. Er is niets opgeslagen. Maak ruimte vrij en probeer opnieuw."
        )
    if "locked" in message:
        return DatabaseError("De database is even bezet. Probeer het opnieuw.")
    return exc


def open_sqlite(path: Path, data_key: bytes, *, check: bool = True) -> Database:
    """Open (or create) the encrypted SQLite file at ``path``.

    Raises:
        DatabaseError: the key does not open the file, or the file is not a database.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # A pool of reused connections: opening one (key, pragmas) costs more than most queries.
    # Connections are used by one thread at a time (a worker or the UI thread), never shared.
    # LIFO: the UI thread keeps getting the same connection, whose page cache (decrypted pages)
    # stays warm; round-robin would hand out a connection whose cache another one's write emptied.
    engine = create_engine(
        sqlcipher_url(path, data_key),
        hide_parameters=True,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        pool_use_lifo=True,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "checkin", _restore_full_sync)
    db = Database(engine, sessionmaker(engine, expire_on_commit=False), path, data_key)
    if check:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        except (SADatabaseError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            raise DatabaseError(
                "De database kan niet worden geopend: de sleutel past niet of het bestand is beschadigd."
            ) from exc
    if os.name != "nt" and path.exists():  # SQLite gives its -wal and -shm files this file's mode
        os.chmod(path, 0o600)
    return db


def open_url(url: str) -> Database:
    """Open a team database by URL (``postgresql+psycopg://…``)."""
    engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
    return Database(engine, sessionmaker(engine, expire_on_commit=False))
