"""Data safety round 2 (issue #24): the probes of the independent review, kept as tests.

Each test reproduces a finding: ``backup --to`` onto a live file, stale half-written backups,
files readable by everyone, damaged small files, ``letter --out`` to an unwritable place.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest

from app.db.backup import STALE_PART_SECONDS, clean_stale_parts, integrity_problem
from app.db.keys import KeyFile
from app.services import auth
from tests.factories import PASSWORD, Team, make_dossier
from tests.integration.test_cli_security import InProcess, _one_clear_line

ADMIN = ("henk", PASSWORD)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def _key(team: Team) -> bytes:
    return KeyFile(team.paths.key_file).unwrap("henk", PASSWORD)


def _chain_ok(cli: InProcess, team: Team) -> None:
    code, out, err = cli(["--data-dir", str(team.paths.data_dir), "check"], *ADMIN)
    assert code == 0, err
    assert "compleet" in out


@pytest.mark.parametrize("live", ["helder.db", "helder.keys", "config.json", "helder.db-wal"])
def test_backup_to_a_live_file_is_refused_and_the_database_survives(
    team: Team, cli: InProcess, live: str
) -> None:
    # Before: `backup --to DATA/helder.db` ended in SameFileError and left helder.db failing its check.
    data = team.paths.data_dir
    before = (data / "helder.db").read_bytes()
    code, _out, err = cli(["--data-dir", str(data), "backup", "--to", str(data / live)], *ADMIN)
    assert code == 1
    assert "bestand waarmee Helder werkt" in _one_clear_line(err)
    assert integrity_problem(team.paths.database, _key(team)) is None
    assert (data / "helder.db").read_bytes()[:100] == before[:100]
    _chain_ok(cli, team)


def test_backup_never_overwrites_another_installations_database(
    team: Team, cli: InProcess, tmp_path: Path
) -> None:
    from tests.factories import make_team

    other = make_team(tmp_path / "other")
    target = other.paths.database
    original = target.read_bytes()
    code, _out, err = cli(["--data-dir", str(team.paths.data_dir), "backup", "--to", str(target)], *ADMIN)
    assert code == 1 and target.read_bytes() == original
    # not even with --overwrite: it is no backup of this installation
    plain = tmp_path / "gewoon.db"
    plain.write_bytes(b"not a backup")
    code, _out, err = cli(
        ["--data-dir", str(team.paths.data_dir), "backup", "--to", str(plain), "--overwrite"], *ADMIN
    )
    assert code == 1 and "geen eerdere reservekopie" in _one_clear_line(err)
    assert plain.read_bytes() == b"not a backup"


@pytest.mark.parametrize("target", ["/dev/full", "/proc/helder-x.db", "/dev/null"])
def test_backup_to_system_files_is_refused_without_a_traceback(
    team: Team, cli: InProcess, target: str
) -> None:
    code, _out, err = cli(["--data-dir", str(team.paths.data_dir), "backup", "--to", target], *ADMIN)
    assert code == 1
    assert "systeem" in _one_clear_line(err)
    if target == "/dev/full":
        assert stat.S_ISCHR(os.stat(target).st_mode)  # the device node is still a device node


def test_backup_to_a_new_file_then_overwrite_an_earlier_backup(
    team: Team, cli: InProcess, tmp_path: Path
) -> None:
    target = tmp_path / "usb" / "kopie.db"
    target.parent.mkdir()
    data = str(team.paths.data_dir)
    assert cli(["--data-dir", data, "backup", "--to", str(target)], *ADMIN)[0] == 0
    assert integrity_problem(target, _key(team)) is None
    assert target.with_suffix(".keys").exists()
    assert not list(target.parent.glob("*.part*"))  # written beside, then renamed
    code, _out, err = cli(["--data-dir", data, "backup", "--to", str(target)], *ADMIN)
    assert code == 1 and "--overwrite" in err
    assert cli(["--data-dir", data, "backup", "--to", str(target), "--overwrite"], *ADMIN)[0] == 0


def test_stale_half_written_backups_are_cleaned_at_the_next_start(team: Team) -> None:
    backups = team.paths.backups(team.config)
    backups.mkdir(parents=True, exist_ok=True)
    old = [backups / "helder-20261201-auto.db.part", backups / "helder-20261201-auto.db.part-journal"]
    fresh = backups / "helder-20261204-auto.db.part"
    for path in [*old, fresh]:
        path.write_bytes(b"x" * 1024)
    past = time.time() - STALE_PART_SECONDS - 60
    for path in old:
        os.utime(path, (past, past))
    # WHEN someone logs in
    auth.login(team.paths, team.config, "fatima", PASSWORD).db.dispose()
    # THEN the killed backups' files are gone; a backup still running in another process keeps its file
    assert [p.exists() for p in old] == [False, False]
    assert fresh.exists()
    assert clean_stale_parts(backups, older_than=0) == [fresh]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_files_are_for_the_owner_only(team: Team, cli: InProcess, tmp_path: Path) -> None:
    # Before: helder.db, helder.keys, backups and exports were created 0644.
    old = os.umask(0o022)
    try:
        data = str(team.paths.data_dir)
        dossier = make_dossier(team.counsellor)
        target = tmp_path / "kopie.db"
        assert cli(["--data-dir", data, "backup", "--to", str(target)], *ADMIN)[0] == 0
        card = tmp_path / "kaart.pdf"
        assert (
            cli(
                ["--data-dir", data, "card", "--dossier", dossier.number, "--out", str(card)],
                "fatima",
                PASSWORD,
            )[0]
            == 0
        )
        for path in (team.paths.database, team.paths.key_file, target, target.with_suffix(".keys"), card):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)


def test_a_damaged_config_file_gives_a_calm_message_and_never_stops_a_restore(
    team: Team, cli: InProcess, tmp_path: Path
) -> None:
    data = str(team.paths.data_dir)
    backup = tmp_path / "kopie.db"
    assert cli(["--data-dir", data, "backup", "--to", str(backup)], *ADMIN)[0] == 0
    team.paths.config_file.write_text("{kapot", encoding="utf-8")
    code, _out, err = cli(["--data-dir", data, "check"], *ADMIN)
    assert code == 1
    assert "config.json is beschadigd" in _one_clear_line(err)
    code, out, err = cli(["--data-dir", data, "restore", str(backup)], *ADMIN)
    assert code == 0, err
    assert "teruggezet" in out


@pytest.mark.parametrize("damage", ["salt", "type"])
def test_a_damaged_key_entry_gives_a_calm_message(team: Team, cli: InProcess, damage: str) -> None:
    raw = json.loads(team.paths.key_file.read_text(encoding="utf-8"))
    if damage == "salt":
        raw["users"]["henk"]["salt"] = "!!geen base64"
    else:
        raw["users"]["henk"] = 5
    team.paths.key_file.write_text(json.dumps(raw), encoding="utf-8")
    code, _out, err = cli(["--data-dir", str(team.paths.data_dir), "check"], *ADMIN)
    assert code == 1
    line = _one_clear_line(err)
    assert "helder.keys is beschadigd" in line and "henk" in line


def test_letter_to_an_unwritable_place_stores_nothing(team: Team, cli: InProcess, tmp_path: Path) -> None:
    # Before: `letter --out` to an unwritable path stored and audited the concept anyway.
    from app.services import letters

    dossier = make_dossier(team.counsellor)
    data = str(team.paths.data_dir)
    for target in (tmp_path / "bestaat-niet" / "brief.pdf", tmp_path):
        code, _out, err = cli(
            [
                "--data-dir",
                data,
                "letter",
                "--dossier",
                dossier.number,
                "--kind",
                "uitnodiging",
                "--out",
                str(target),
            ],
            "fatima",
            PASSWORD,
        )
        assert code == 1, err
        assert "Traceback" not in err
    assert letters.list_letters(team.counsellor, dossier.id) == []


def test_a_killed_demo_leaves_no_half_database(tmp_path: Path, cli: InProcess) -> None:
    # Before: `demo --dossiers 20000` killed after 4 s left accounts without dossiers, and the
    # folder was refused afterwards.
    import subprocess
    import sys

    target = tmp_path / "demo"
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(target), "demo", "--dossiers", "20000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".helder-demo-bouw-*/helder.db")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the staged database exists, then kill in the middle
    time.sleep(0.3)
    process.kill()
    process.wait(timeout=10)
    assert not (target / "helder.db").exists()
    # the next demo in the same folder works, and cleans the killed one's staging folder
    code, _out, err = cli(["--data-dir", str(target), "demo", "--dossiers", "10"])
    assert code == 0, err
    assert (target / "helder.db").exists()
    assert not list(tmp_path.glob(".helder-demo-bouw-*"))


# --------------------------------------------------------------------------- roles on the command line

ROLE_USERS = {"consulent": "fatima", "collega": "joost", "teamleider": "marieke", "beheerder": "henk"}


@pytest.fixture
def world(team: Team, tmp_path: Path) -> dict[str, str]:
    """Fatima's dossier (her own), a backup to restore, and the period for the DDAS delivery."""
    from app.db.backup import backup_database
    from app.services import budgets, letterhead
    from app.services.budget_views import BudgetLineForm
    from tests.integration.test_letters import LETTERHEAD

    letterhead.update_letterhead(team.admin, LETTERHEAD)

    dossier = make_dossier(team.counsellor)
    plan = budgets.create_plan(team.counsellor, dossier.id)
    budgets.add_line(team.counsellor, plan.id, BudgetLineForm("income", "wages", 150000))
    backup = tmp_path / "kopie.db"

    backup_database(team.paths.database, _key(team), backup)
    return {"dossier": dossier.number, "backup": str(backup), "out": str(tmp_path / "uit")}


def _command(name: str, w: dict[str, str]) -> list[str]:
    return {
        "card": ["card", "--dossier", w["dossier"], "--out", w["out"] + ".pdf"],
        "bvv": ["bvv", "--dossier", w["dossier"]],
        "letter": [
            "letter",
            "--dossier",
            w["dossier"],
            "--kind",
            "uitnodiging",
            "--out",
            w["out"] + ".pdf",
            *("--field", "meeting_date=10-12-2026", "--field", "meeting_time=10:00"),
            *("--field", "meeting_place=Gemeentehuis"),
        ],
        "export ddas": [
            "export",
            "ddas",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
            w["out"] + ".json",
        ],
        "restore": ["restore", w["backup"]],
        "migrate": ["migrate"],
        "backup": ["backup"],
        "norms export": ["norms", "export", "--out", w["out"] + "-normen.json"],
    }[name]


#: (command, role) -> allowed. "collega" is a consulent for whom Fatima's dossier is not in the caseload.
MATRIX = {
    "card": {"consulent": True, "collega": False, "teamleider": True, "beheerder": False},
    "bvv": {"consulent": True, "collega": False, "teamleider": True, "beheerder": False},
    "letter": {"consulent": True, "collega": False, "teamleider": True, "beheerder": False},
    "export ddas": {"consulent": False, "collega": False, "teamleider": True, "beheerder": False},
    "restore": {"consulent": False, "collega": False, "teamleider": False, "beheerder": True},
    "migrate": {"consulent": False, "collega": False, "teamleider": False, "beheerder": True},
    "backup": {"consulent": False, "collega": False, "teamleider": False, "beheerder": True},
    "norms export": {"consulent": False, "collega": False, "teamleider": False, "beheerder": True},
}


@pytest.mark.parametrize(("command", "role"), [(c, r) for c, roles in MATRIX.items() for r in roles])
def test_one_access_check_per_command_and_role(
    team: Team, cli: InProcess, world: dict[str, str], command: str, role: str
) -> None:
    code, _out, err = cli(
        ["--data-dir", str(team.paths.data_dir), *_command(command, world)], ROLE_USERS[role], PASSWORD
    )
    if MATRIX[command][role]:
        assert code == 0, err
    else:
        assert code != 0
        assert "Traceback" not in err


def test_a_colleagues_card_needs_a_reason_that_is_logged(
    team: Team, cli: InProcess, world: dict[str, str]
) -> None:
    # Before: a consulent printed a colleague's klantkaart with no reason asked.
    from app.services import audit

    args = ["--data-dir", str(team.paths.data_dir), *_command("card", world)]
    code, _out, err = cli(args, "joost", PASSWORD)
    assert code == 1 and "--reason" in _one_clear_line(err)
    code, _out, err = cli([*args, "--reason", "Fatima is ziek; cliënt belde"], "joost", PASSWORD)
    assert code == 0, err
    views = [e for e in audit.list_entries(team.lead, actor="joost") if e.action == "view"]
    assert views and "Fatima is ziek" in views[0].details


def test_restore_at_a_damaged_start_needs_a_reason_and_logs_it(
    team: Team, cli: InProcess, world: dict[str, str]
) -> None:
    from app.services import audit
    from tests.integration.test_backup_restore import _corrupt_middle

    team.db.dispose()
    _corrupt_middle(team.paths.database)
    args = ["--data-dir", str(team.paths.data_dir), "restore", world["backup"]]
    code, _out, err = cli(args, "fatima", PASSWORD)
    assert code == 1 and "--reason" in _one_clear_line(err)
    code, _out, err = cli([*args, "--reason", "database kapot na stroomstoring"], "fatima", PASSWORD)
    assert code == 0, err
    restores = [e for e in audit.list_entries(team.lead) if e.action == "restore"]
    assert restores and "stroomstoring" in restores[0].details


# --------------------------------------------------------------------------- passwords on the command line


def test_cli_backs_off_after_wrong_passwords_and_deleting_the_log_does_not_reset_it(
    team: Team, cli: InProcess
) -> None:
    # Before: 8 wrong tries in a row, 0.55 s each, no back-off.
    data = str(team.paths.data_dir)
    for _ in range(3):
        assert cli(["--data-dir", data, "dossiers"], "fatima", "Verkeerd-2026!")[0] == 1
    (team.paths.data_dir / auth.FAILED_LOGINS_FILE).unlink(missing_ok=True)
    code, _out, err = cli(["--data-dir", data, "dossiers"], "fatima", PASSWORD)
    assert code == 1 and "Probeer het over" in _one_clear_line(err)  # even the right password waits
    assert auth.recent_failures(team.paths, "fatima") == 3


def test_unknown_and_known_users_cost_the_same_key_derivation(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: an unknown user answered in 0.1 ms and a known one in 20 ms (names found by timing).
    import app.db.keys as keys
    from app.errors import AuthenticationError

    calls: list[int] = []
    real = keys._derive
    monkeypatch.setattr(
        keys, "_derive", lambda pw, salt, params: calls.append(params.memory_kib) or real(pw, salt, params)
    )
    for name in ("fatima", "niemand-bekend"):
        with pytest.raises(AuthenticationError):
            KeyFile(team.paths.key_file).unwrap(name, "Verkeerd-2026!")
    assert len(calls) == 2 and calls[0] == calls[1]


def test_failed_login_file_holds_a_keyed_digest_not_a_plain_hash(team: Team) -> None:
    import hashlib

    from app.errors import AuthenticationError

    typed = "Mijn-Wachtwoord-In-Het-Naamveld"
    with pytest.raises(AuthenticationError):
        auth.login(team.paths, team.config, typed, "x")
    text = (team.paths.data_dir / auth.FAILED_LOGINS_FILE).read_text(encoding="utf-8")
    assert typed.lower() not in text
    assert hashlib.sha256(typed.lower().encode()).hexdigest() not in text  # an unsalted hash is guessable
