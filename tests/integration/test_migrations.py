"""Migrations: upgrade keeps data, models and migrations agree, a newer database is refused."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import cast

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Table, insert, select, text

import app.domain  # noqa: F401 - all tables
from app.db.base import Base, utcnow
from app.db.engine import open_sqlite
from app.db.keys import new_data_key
from app.db.migrate import current_revisions, head_revisions, known_heads, stored_revisions, upgrade
from app.domain.clients import Client
from app.errors import DatabaseError


def test_upgrade_from_first_revision_keeps_rows(tmp_path: Path) -> None:
    # GIVEN a database made by the first revision, with a client in it
    db = open_sqlite(tmp_path / "old.db", new_data_key())
    upgrade(db, "0001")
    client_id = uuid.uuid4()
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(
            insert(cast(Table, Client.__table__)),
            [
                {
                    "id": client_id,
                    "created_at": now,
                    "updated_at": now,
                    "updated_by": "t",
                    "version": 1,
                    "deleted_at": None,
                    "bsn": "111222333",
                    "initials": "S.",
                    "first_names": "Sanne",
                    "prefix": "",
                    "surname": "Willems",
                    "birth_date": date(2003, 5, 14),
                    "street": "",
                    "house_number": "",
                    "house_number_suffix": "",
                    "postcode": "",
                    "city": "",
                    "phone": "",
                    "email": "",
                    "iban": "",
                    "contact_channel": "phone",
                    "reading_difficulty": False,
                    "marital_status": "single",
                    "marital_regime": None,
                    "marital_since": None,
                    "search_key": "sanne willems",
                }
            ],
        )
    backups: list[str] = []
    # WHEN it is upgraded to this program's heads
    changed = upgrade(db, backup=lambda: backups.append("made"))
    # THEN the backup ran first, the row is still there and the database is at every head
    assert changed == (head_revisions() != frozenset({"0001"}))
    if changed:
        assert backups == ["made"]
    with db.read() as session:
        assert session.execute(select(Client.surname).where(Client.id == client_id)).scalar_one() == "Willems"
    assert current_revisions(db) == head_revisions()
    db.dispose()


def test_models_match_migrations(tmp_path: Path) -> None:
    db = open_sqlite(tmp_path / "drift.db", new_data_key())
    upgrade(db)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    db.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    db = open_sqlite(tmp_path / "new.db", new_data_key())
    upgrade(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('9999_from_the_future')"))
    with pytest.raises(DatabaseError, match="nieuwere versie"):
        upgrade(db)
    with db.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
            == "9999_from_the_future"
        )
    db.dispose()


def test_known_heads_match_alembic() -> None:
    # GIVEN the revision files WHEN their heads are read without Alembic THEN Alembic agrees
    assert known_heads() == head_revisions()


def test_database_at_heads_is_left_alone(tmp_path: Path) -> None:
    # GIVEN a database at every head
    db = open_sqlite(tmp_path / "current.db", new_data_key())
    upgrade(db)
    backups: list[str] = []
    # WHEN the program starts on it again
    changed = upgrade(db, backup=lambda: backups.append("made"))
    # THEN nothing is migrated and no backup is made
    assert (changed, backups) == (False, [])
    assert stored_revisions(db) == current_revisions(db) == head_revisions()
    db.dispose()
