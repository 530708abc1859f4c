"""Encryption at rest: the file, its WAL, backups and key file hold nothing readable (BIO2 8.01.01)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from app.config import LocalConfig, Paths
from app.db.engine import open_sqlite
from app.db.keys import KeyFile, new_data_key
from app.errors import AuthenticationError, DatabaseError, ValidationError
from app.services import auth, backups
from app.services.demo import DEMO_PASSWORD, generate_demo
from app.services.dossiers import get_dossier, update_dossier
from tests.factories import PASSWORD, Team, client_form, dossier_form, make_dossier
from tests.integration.raw_database import SQLITE_HEADER, encodings, files_containing, raw_connect

SURNAME = "Quaxelbroek"
BSN = "271828183"
TYPED_PASSWORD = "Zq9-mijn-geheime-zin"


def test_database_wal_and_backup_have_no_sqlite_header(team: Team) -> None:
    # GIVEN a database with a dossier, a backup of it, and a WAL file still in use
    make_dossier(team.counsellor, surname=SURNAME)
    backup = backups.make_backup(team.opened(team.admin), "handmatig")
    files = [team.paths.database, backup]
    wal = Path(str(team.paths.database) + "-wal")
    if wal.exists() and wal.stat().st_size:
        files.append(wal)
    # THEN none of them starts like a plain SQLite file
    for path in files:
        assert path.read_bytes()[:16] != SQLITE_HEADER, path.name
    # AND the real file is readable with the key
    conn = raw_connect(team.paths.database, team.db.data_key or b"")
    assert conn.execute("SELECT count(*) FROM clients WHERE surname = ?", (SURNAME,)).fetchone() == (1,)
    conn.close()


def test_a_wrong_key_does_not_open_the_file(team: Team) -> None:
    with pytest.raises(DatabaseError):
        open_sqlite(team.paths.database, new_data_key())
    conn = raw_connect(team.paths.database, new_data_key())
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    plain = sqlcipher.connect(str(team.paths.database))
    with pytest.raises(sqlcipher.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_a_wrong_password_neither_unwraps_the_key_nor_logs_in(team: Team) -> None:
    keys = KeyFile(team.paths.key_file)
    assert keys.unwrap("fatima", PASSWORD) == team.db.data_key
    with pytest.raises(AuthenticationError):
        keys.unwrap("fatima", "Verkeerd-2026!")
    with pytest.raises(AuthenticationError, match="klopt niet"):
        auth.login(team.paths, team.config, "fatima", "Verkeerd-2026!")
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "niemand", PASSWORD)


def test_key_file_holds_the_data_key_only_wrapped_once_per_user(team: Team) -> None:
    key = team.db.data_key
    assert key is not None
    text = team.paths.key_file.read_bytes()
    for form in (key, key.hex().encode(), base64.b64encode(key)):
        assert form not in text
    users = json.loads(text)["users"]
    assert sorted(users) == ["fatima", "henk", "joost", "marieke"]
    assert len({u["wrapped"] for u in users.values()}) == 4  # a separate salt and wrap per user


def test_no_personal_data_reaches_the_disk_in_the_clear(team: Team, tmp_path: Path) -> None:
    # GIVEN a dossier with a distinctive name and BSN, changed once (audit keeps old and new value)
    made = make_dossier(team.counsellor, surname=SURNAME, bsn=BSN)
    update_dossier(
        team.counsellor,
        made.id,
        made.version,
        client_form(surname=SURNAME + "-Smit", bsn=BSN),
        dossier_form(),
    )
    get_dossier(team.lead, made.id)
    # AND a backup, a failed login where the password was typed as the user name, and an error log
    backups.make_backup(team.opened(team.admin), "handmatig")
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, TYPED_PASSWORD, TYPED_PASSWORD)
    from ui.errors import handle_exception, install_exception_hook, uninstall_exception_hook

    install_exception_hook(team.paths.logs, interactive=False)
    try:
        try:
            raise KeyError(f"{SURNAME} {BSN}")
        except KeyError as exc:
            handle_exception(type(exc), exc, exc.__traceback__)
    finally:
        uninstall_exception_hook()
    # WHEN every file under the data folder is read as bytes
    needles = [*encodings(SURNAME), *encodings(BSN), *encodings(TYPED_PASSWORD), *encodings(PASSWORD)]
    # THEN none holds the name, the BSN or a password (the scan itself does find a plain copy)
    control = tmp_path / "control"
    control.mkdir()
    (control / "plain.txt").write_text(f"{SURNAME} {BSN}", encoding="utf-8")
    assert len(files_containing(control, needles)) == 2
    assert (team.paths.logs / "helder.log").exists()
    assert files_containing(team.paths.data_dir, needles) == []


def test_disabling_removes_the_key_copy_and_enabling_needs_a_new_password(team: Team) -> None:
    joost = team.colleague.user
    auth.set_active(team.admin, joost.id, False)
    assert "joost" not in KeyFile(team.paths.key_file).usernames()
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "joost", PASSWORD)
    with pytest.raises(ValidationError) as raised:
        auth.set_active(team.admin, joost.id, True)
    assert "password" in raised.value.errors
    auth.set_active(team.admin, joost.id, True, new_password="Nieuw-wachtwoord-7")
    opened = auth.login(team.paths, team.config, "joost", "Nieuw-wachtwoord-7")
    assert opened.user.username == "joost"
    opened.db.dispose()


def test_reset_password_rewraps_the_same_data_key(team: Team) -> None:
    auth.reset_password(team.admin, team.counsellor.user.id, "Ander-wachtwoord-9")
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, "fatima", PASSWORD)
    opened = auth.login(team.paths, team.config, "fatima", "Ander-wachtwoord-9")
    assert opened.db.data_key == team.db.data_key
    opened.db.dispose()


def test_a_failed_transaction_puts_the_key_file_back(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the database write fails right after the key file was re-wrapped
    before = team.paths.key_file.read_bytes()
    original = KeyFile.wrap

    def wrap_then_fail(self: KeyFile, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        raise OSError("simulated failure after the key file was written")

    monkeypatch.setattr(KeyFile, "wrap", wrap_then_fail)
    with pytest.raises(OSError, match="simulated"):
        auth.reset_password(team.admin, team.counsellor.user.id, "Ander-wachtwoord-9")
    monkeypatch.undo()
    # THEN the key file and the password hash both still belong to the old password
    assert team.paths.key_file.read_bytes() == before
    opened = auth.login(team.paths, team.config, "fatima", PASSWORD)
    opened.db.dispose()


def test_demo_database_follows_the_same_rules(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "demo")
    opened = generate_demo(paths, LocalConfig(), dossiers=5)
    opened.db.dispose()
    assert paths.database.read_bytes()[:16] != SQLITE_HEADER
    for name in ("consulent", "joost", "teamleider", "beheerder"):
        logged_in = auth.login(paths, LocalConfig(), name, DEMO_PASSWORD)
        assert logged_in.user.username == name
        logged_in.db.dispose()
    assert sorted(KeyFile(paths.key_file).usernames())[:2] == ["bas", "beheerder"]
