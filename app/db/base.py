"""Declarative base and the columns every synchronised row carries.

ARCHITECTURE.md "Data": UUID keys, ``created_at``/``updated_at`` (UTC), ``updated_by``, a version
column for optimistic locking and a tombstone instead of a hard delete.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect, Executable, MetaData, String, TypeDecorator, type_coerce
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current moment, timezone-aware UTC."""
    return datetime.now(UTC)


def raw_column(column: Any) -> Any:
    """Select ``column`` without SQLAlchemy's result conversion (bulk report paths only).

    On SQLite a uuid comes back as its 32 hex digits, a date as ``"2026-03-31"`` and a moment as
    ISO text; PostgreSQL's driver gives ``uuid.UUID``, ``date`` and ``datetime`` objects. Either
    form compares, hashes and sorts consistently within one database, which is all a bulk
    report needs; it saves building a ``uuid.UUID`` and parsing a date for each of several
    100 000 values.
    """
    return type_coerce(column, String())


def raw_rows(conn: Connection, statement: Executable) -> Sequence[tuple[Any, ...]]:
    """Return the driver's own row tuples of ``statement`` (bulk report paths only).

    SQLAlchemy compiles the statement and binds its parameters; the rows come straight from the
    DBAPI cursor's ``fetchall``, without a ``Row`` and a ``fetchone`` call each (a fifth of the
    time for the 400 000 rows of a large report). Use it with :func:`raw_column` columns, which
    need no result conversion.
    """
    result = conn.execute(statement)
    try:
        rows: Sequence[tuple[Any, ...]] = result.cursor.fetchall()
        return rows
    finally:
        result.close()


class UtcDateTime(TypeDecorator[datetime]):
    """A moment stored as UTC and always returned timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Base of every ORM entity."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime()}  # noqa: RUF012 - SQLAlchemy declarative API


class Tracked:
    """Mixin: UUID key, timestamps, author, optimistic-lock version and tombstone."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declarative directive
        return {"version_id_col": cls.version}  # type: ignore[attr-defined]
