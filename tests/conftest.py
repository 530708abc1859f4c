"""Shared test setup: Qt offscreen before anything imports Qt; real databases per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HELDER_FAST_KDF", "1")

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import Team, make_team

PG_ADMIN_URL = os.environ.get("HELDER_TEST_PG", "postgresql+psycopg://helder:helder@127.0.0.1:5432/postgres")


def _postgres_available() -> str | None:
    """Return None when the test PostgreSQL server answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=2):
            return None
    except Exception as exc:
        return f"geen PostgreSQL op {PG_ADMIN_URL.split('@')[-1]} ({type(exc).__name__})"


_PG_REASON = _postgres_available() if os.environ.get("HELDER_SKIP_PG") != "1" else "HELDER_SKIP_PG=1"


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    """A team on a fresh encrypted SQLite database."""
    made = make_team(tmp_path / "data")
    yield made
    made.db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_team(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Team]:
    """A team on SQLite and on PostgreSQL (skipped with the reason when no server runs)."""
    if request.param == "sqlite":
        made = make_team(tmp_path / "data")
        yield made
        made.db.dispose()
        return
    if _PG_REASON is not None:
        if os.environ.get("HELDER_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is verplicht in deze run: {_PG_REASON}")
        pytest.skip(_PG_REASON)
    import psycopg

    name = f"helder_test_{uuid.uuid4().hex[:12]}"
    admin = PG_ADMIN_URL.replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    made = make_team(tmp_path / "data", database_url=url)
    yield made
    made.db.dispose()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
