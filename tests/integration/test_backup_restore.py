"""Backups and restores keep every row, refuse a bad file, and rescue a damaged database (BIO2 8.13.04)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from app.db.backup import integrity_problem, key_file_for, list_backups
from app.db.base import utcnow
from app.errors import AuthenticationError, DatabaseDamagedError, DatabaseError
from app.services import audit, auth, backups, settings
from app.services.context import today_local
from app.services.dossier_views import ContactForm, SearchCriteria
from app.services.dossiers import add_contact, count_dossiers, share_dossier
from tests.factories import PASSWORD, Team, make_dossier
from tests.integration.raw_database import SQLITE_HEADER, all_rows, run_cli


def _fill(team: Team) -> None:
    for i in range(12):
        made = make_dossier(team.counsellor if i % 2 else team.colleague, surname=f"Achternaam{i}")
        add_contact(
            team.counsellor if i % 2 else team.colleague,
            made.id,
            ContactForm(occurred_on=today_local(), channel="phone", summary=f"Gebeld {i}"),
        )
        if i == 3:
            share_dossier(team.counsellor, made.id, team.colleague.user.id)
    settings.update(team.admin, {"retention.years": 9})


def _corrupt_middle(path: Path) -> None:
    """Flip bytes in a page in the middle of the file (SQLCipher's HMAC notices it)."""
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096 + 100
    for i in range(middle, middle + 64):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def test_backup_restore_round_trip_keeps_every_row_of_every_table(team: Team) -> None:
    # GIVEN a filled database and a backup of it
    _fill(team)
    key = team.db.data_key or b""
    before = all_rows(team.paths.database, key)
    backup = backups.make_backup(team.opened(team.admin), "handmatig")
    assert backup.read_bytes()[:16] != SQLITE_HEADER
    assert key_file_for(backup).exists()
    # AND later work that the restore will undo
    make_dossier(team.counsellor, surname="Later")
    # WHEN the backup is restored
    safety = backups.restore_from(team.opened(team.admin), backup)
    # THEN every table holds exactly the rows it had; the log has one more line: the restore
    after = all_rows(team.paths.database, key)
    assert set(after) == set(before)
    for table, rows in before.items():
        if table == "audit_log":
            assert after[table][: len(rows)] == rows
            assert len(after[table]) == len(rows) + 1
        else:
            assert after[table] == rows, table
    assert audit.verify_chain(team.db).ok
    # AND the database from before the restore was kept as a backup, with the later dossier in it
    assert safety is not None and "voor-terugzetten" in safety.name
    kept = all_rows(safety, key)
    assert len(kept["dossiers"]) == len(before["dossiers"]) + 1


@pytest.mark.parametrize("damage", ["garbage", "flipped", "truncated", "other_key"])
def test_a_bad_backup_is_refused_and_the_current_database_stays(
    team: Team, tmp_path: Path, damage: str
) -> None:
    _fill(team)
    key = team.db.data_key or b""
    bad = tmp_path / "bad.db"
    if damage == "garbage":
        bad.write_bytes(os.urandom(200_000))
    elif damage == "other_key":
        from tests.factories import make_team

        other = make_team(tmp_path / "other")
        other.db.dispose()
        bad = backups.make_backup(other.opened(other.admin), "handmatig")
    else:
        backup_database = backups.make_backup(team.opened(team.admin), "handmatig")
        bad.write_bytes(backup_database.read_bytes())
        if damage == "flipped":
            _corrupt_middle(bad)
        else:
            bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 2])
    before = all_rows(team.paths.database, key)
    backups_before = list_backups(team.paths.backups(team.config))
    with pytest.raises(DatabaseError, match="niet gewijzigd"):
        backups.restore_from(team.opened(team.admin), bad)
    after = all_rows(team.paths.database, key)
    assert {t: r for t, r in after.items() if t != "audit_log"} == {
        t: r for t, r in before.items() if t != "audit_log"
    }
    # the refusal itself is logged, nothing else changed; no safety copy was needed
    assert after["audit_log"][: len(before["audit_log"])] == before["audit_log"]
    assert [r.result for r in audit.list_entries(team.lead, action="restore")] == ["failed"]
    assert list_backups(team.paths.backups(team.config)) == backups_before
    assert integrity_problem(team.paths.database, key) is None


def test_cli_backup_to_a_file_and_restore_it(team: Team, tmp_path: Path) -> None:
    _fill(team)
    target = tmp_path / "usb" / "helder-kopie.db"
    made = run_cli(
        ["--data-dir", str(team.paths.data_dir), "backup", "--to", str(target)],
        user="henk",
        password=PASSWORD,
    )
    assert made.returncode == 0, made.stderr
    assert target.exists() and target.read_bytes()[:16] != SQLITE_HEADER
    make_dossier(team.counsellor, surname="Later")
    assert count_dossiers(team.lead, SearchCriteria(include_ended=True)) == 13
    restored = run_cli(
        ["--data-dir", str(team.paths.data_dir), "restore", str(target)], user="henk", password=PASSWORD
    )
    assert restored.returncode == 0, restored.stderr
    team.db.dispose()  # pooled connections of this process still see the replaced file
    assert count_dossiers(team.lead, SearchCriteria(include_ended=True)) == 12
    refused = run_cli(
        ["--data-dir", str(team.paths.data_dir), "restore", str(tmp_path / "bestaat-niet.db")],
        user="henk",
        password=PASSWORD,
    )
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr


def test_rolling_backups_keep_the_newest_n(team: Team) -> None:
    from dataclasses import replace

    opened = replace(team.opened(team.admin), config=replace(team.config, backup_keep=3))
    made = [backups.make_backup(opened, "handmatig") for _ in range(5)]
    assert [b.path for b in backups.backups(opened)] == list(reversed(made[-3:]))
    assert all(not key_file_for(p).exists() for p in made[:2])


def test_backup_if_due_makes_one_a_day(team: Team) -> None:
    opened = team.opened(team.admin)
    now = utcnow()
    first = backups.backup_if_due(opened, now)
    assert first is not None
    assert backups.backup_if_due(opened, now + timedelta(hours=23)) is None
    second = backups.backup_if_due(opened, now + timedelta(hours=25))
    assert second is not None and second != first
    assert len(backups.backups(opened)) == 2


def test_a_damaged_database_is_replaced_by_the_newest_good_backup(team: Team) -> None:
    # GIVEN two backups, the newest of them damaged, and then a damaged database
    _fill(team)
    good = backups.make_backup(team.opened(team.admin), "handmatig")
    newest = backups.make_backup(team.opened(team.admin), "handmatig")
    _corrupt_middle(newest)
    team.db.dispose()
    _corrupt_middle(team.paths.database)
    # WHEN someone logs in
    with pytest.raises(DatabaseDamagedError):
        auth.login(team.paths, team.config, "fatima", PASSWORD)
    # THEN the newest *good* backup is offered, and after recovery the login works
    offered = backups.newest_good_backup(team.paths, team.config, "fatima", PASSWORD)
    assert offered is not None and offered.path == good
    kept = backups.recover_damaged(team.paths, team.config, "fatima", PASSWORD, offered.path)
    assert kept is not None and kept.name.startswith("beschadigd-")
    opened = auth.login(team.paths, team.config, "fatima", PASSWORD)
    assert count_dossiers(opened.context(), SearchCriteria(include_ended=True)) == 6
    assert [r.actor for r in audit.list_entries(team.lead, action="restore")] == ["fatima"]
    opened.db.dispose()
    # AND the damaged file is never offered as a backup
    assert all(not b.path.name.startswith("beschadigd-") for b in backups.backups(team.opened(team.admin)))


def test_a_wrong_password_cannot_recover_a_damaged_database(team: Team) -> None:
    backups.make_backup(team.opened(team.admin), "handmatig")
    team.db.dispose()
    _corrupt_middle(team.paths.database)
    with pytest.raises(AuthenticationError):
        backups.newest_good_backup(team.paths, team.config, "fatima", "Verkeerd-2026!")
