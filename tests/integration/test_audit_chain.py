"""The audit log: append-only, hash-chained, complete, never a secret (BIO2 8.15.01/02/05)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.cli import main as cli_main
from app.errors import AuthenticationError
from app.services import audit, auth, backups
from app.services.dossiers import get_dossier, update_dossier
from tests.factories import PASSWORD, Team, client_form, dossier_form, make_dossier
from tests.integration.raw_database import raw_connect, run_cli


def _check(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    monkeypatch.setenv("HELDER_USER", "henk")
    monkeypatch.setenv("HELDER_PASSWORD", PASSWORD)
    code = cli_main(["--data-dir", str(team.paths.data_dir), "check"])
    out = capsys.readouterr()
    return code, out.out + out.err


def _raw_sql(team: Team, *statements: str) -> None:
    """Change the log the way an intruder with the key would: straight in SQLCipher."""
    conn = raw_connect(team.paths.database, team.db.data_key or b"")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _activity(team: Team) -> str:
    made = make_dossier(team.counsellor, surname="Willems")
    update_dossier(
        team.counsellor, made.id, made.version, client_form(surname="Willems-Jansen"), dossier_form()
    )
    get_dossier(team.lead, made.id)
    return str(made.id)


def test_check_passes_on_an_intact_database(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _activity(team)
    code, output = _check(team, capsys, monkeypatch)
    assert code == 0, output
    assert "in orde" in output


def test_edited_entry_is_named_by_check(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN an intruder drops the append-only trigger and rewrites who looked at a dossier
    dossier_id = _activity(team)
    seq = audit.list_entries(team.lead, action="view", object_id=dossier_id)[0].seq
    _raw_sql(
        team, "DROP TRIGGER audit_log_no_update", f"UPDATE audit_log SET actor = 'joost' WHERE seq = {seq}"
    )
    # WHEN the beheerder runs the check
    code, output = _check(team, capsys, monkeypatch)
    # THEN it fails and names that entry
    assert code == 1
    assert f"regel {seq}:" in output
    assert "gewijzigd" in output


def test_deleted_entry_is_detected_by_check(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier_id = _activity(team)
    seq = audit.list_entries(team.lead, action="update", object_id=dossier_id)[0].seq
    _raw_sql(team, "DROP TRIGGER audit_log_no_delete", f"DELETE FROM audit_log WHERE seq = {seq}")
    code, output = _check(team, capsys, monkeypatch)
    assert code == 1
    assert f"regel {seq} ontbreekt" in output


def test_tampering_is_detected_as_a_subprocess_too(team: Team) -> None:
    _activity(team)
    _raw_sql(team, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET result = 'failed' WHERE seq = 2")
    result = run_cli(["--data-dir", str(team.paths.data_dir), "check"], user="henk", password=PASSWORD)
    assert result.returncode == 1
    assert "regel 2" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_log_is_append_only_in_the_database(any_team: Team) -> None:
    _activity(any_team)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), any_team.db.engine.begin() as conn:
            conn.execute(text(statement))
    assert audit.verify_chain(any_team.db).ok


def test_verify_chain_finds_edits_on_every_engine(any_team: Team) -> None:
    _activity(any_team)
    with any_team.db.engine.begin() as conn:
        if any_team.db.is_sqlite:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        conn.execute(text("UPDATE audit_log SET details = '' WHERE seq = 3"))
    report = audit.verify_chain(any_team.db)
    assert not report.ok
    assert report.first_bad_seq == 3


def test_every_kind_of_event_is_logged_with_who_what_where_and_result(team: Team) -> None:
    # GIVEN a day of work: logins (good and bad), a lock, views, changes, user admin, backup, restore
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "fatima", "Verkeerd-2026!")
    opened = auth.login(team.paths, team.config, "fatima", PASSWORD)
    opened.db.dispose()
    dossier_id = _activity(team)
    auth.record_lock(team.counsellor)
    auth.verify_password(team.counsellor, PASSWORD)
    view = auth.create_user(
        team.admin, username="lotte", full_name="Lotte Smit", roles=["consulent"], password=PASSWORD
    )
    auth.reset_password(team.admin, view.id, "Nieuw-wachtwoord-2")
    auth.set_active(team.admin, view.id, False)
    backup = backups.make_backup(team.opened(team.admin), "handmatig")
    # THEN each is in the log with actor, device, object and result
    rows = audit.list_entries(team.lead, limit=1000)
    seen = {(r.action, r.result) for r in rows}
    for expected in [
        ("login", "failed"),
        ("login", "ok"),
        ("lock", "ok"),
        ("unlock", "ok"),
        ("view", "ok"),
        ("create", "ok"),
        ("update", "ok"),
        ("reset_password", "ok"),
        ("backup", "ok"),
    ]:
        assert expected in seen
    assert all(r.actor and r.device and r.at and r.object_type for r in rows)
    update = next(r for r in rows if r.action == "update" and r.object_id == dossier_id)
    assert json.loads(update.details)["client.surname"] == ["Willems", "Willems-Jansen"]
    # AND a restore is logged in the restored database
    backups.restore_from(team.opened(team.admin), backup)
    restored = audit.list_entries(team.lead, action="restore")
    assert [(r.actor, r.result, json.loads(r.details)["file"]) for r in restored] == [
        ("henk", "ok", backup.name)
    ]
    assert audit.verify_chain(team.db).ok


def test_no_secret_ever_reaches_the_log(team: Team) -> None:
    auth.create_user(
        team.admin,
        username="lotte",
        full_name="Lotte Smit",
        roles=["consulent"],
        password="Geheim-wachtwoord-1",
    )
    auth.change_own_password(team.counsellor, PASSWORD, "Geheim-wachtwoord-2")
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "Geheim-wachtwoord-3", "Geheim-wachtwoord-3")
    opened = auth.login(team.paths, team.config, "fatima", "Geheim-wachtwoord-2")  # moves the failure in
    opened.db.dispose()
    key_hex = (team.db.data_key or b"").hex()
    dump = json.dumps([r.__dict__ for r in audit.list_entries(team.lead, limit=10_000)], default=str)
    for secret in ("Geheim-wachtwoord", PASSWORD, key_hex, "argon2"):
        assert secret not in dump
    assert audit.record.__doc__  # the one writer of log lines
    masked = audit.changes({"password": "a", "name": "x"}, {"password": "b", "name": "y"})
    assert masked == {"name": ["x", "y"], "password": "***"}
