"""Fast Core bulk inserts for demo data on SQLite.

SQLAlchemy's ``conn.execute(insert(table), rows)`` spends most of its time building and
processing parameters row by row; for millions of demo rows that dominates. :class:`BulkConnection`
wraps the demo's connection: an ``Insert`` with a list of row dicts goes to the driver's
``executemany`` in one go, with each column's Python default applied and its value converted once
per column type (UUID as hex, moments as naive UTC text, dates and times as ISO text — the same
storage SQLAlchemy's SQLite types use). Anything else passes through unchanged. On other engines
everything passes through.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, Date, Table, Time, Uuid
from sqlalchemy.sql.dml import Insert

from app.db.base import UtcDateTime

Converter = Callable[[Any], Any]


def _uuid(value: Any) -> Any:
    return value.hex if isinstance(value, uuid.UUID) else value


def _moment(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _day(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _clock(value: Any) -> Any:
    return value.strftime("%H:%M:%S.%f") if isinstance(value, time) else value


def _converter(column: Any, dialect: Any) -> Converter | None:
    kind = column.type
    if isinstance(kind, Uuid):
        return _uuid
    if isinstance(kind, UtcDateTime):
        return _moment
    if isinstance(kind, Date):
        return _day
    if isinstance(kind, Time):
        return _clock
    processor = kind.bind_processor(dialect)
    return processor  # type: ignore[no-any-return]


def _default(column: Any) -> Callable[[], Any] | None:
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        fn = default.arg
        return lambda: fn(None)
    if default.is_scalar:
        value = default.arg
        return lambda: value
    return None


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` through one executemany."""
    if not rows:
        return
    given = list(rows[0])
    missing = [c for c in table.columns if c.key not in rows[0] and _default(c) is not None]
    columns = [table.columns[k] for k in given] + missing
    converters = [_converter(c, conn.dialect) for c in columns]
    defaults = [_default(c) for c in missing]
    names = ", ".join(f'"{c.name}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    data = []
    for row in rows:
        values = [row[k] for k in given] + [make() for make in defaults]  # type: ignore[misc]
        data.append(
            tuple(v if f is None or v is None else f(v) for v, f in zip(values, converters, strict=True))
        )
    conn.exec_driver_sql(sql, data)


class BulkConnection:
    """A connection whose multi-row ``insert()`` calls take the fast path (SQLite only)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._fast = conn.dialect.name == "sqlite"

    def execute(self, statement: Any, parameters: Any = None, *args: Any, **kwargs: Any) -> Any:
        if (
            self._fast
            and isinstance(statement, Insert)
            and isinstance(parameters, list)
            and parameters
            and isinstance(parameters[0], dict)
            and not args
            and not kwargs
            and statement._values is None
            and isinstance(statement.table, Table)
        ):
            bulk_insert(self._conn, statement.table, parameters)
            return None
        return self._conn.execute(statement, parameters, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)
