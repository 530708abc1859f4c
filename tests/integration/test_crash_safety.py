"""Crash safety: a killed write and a full disk leave the database whole and nothing half-saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.db.backup import integrity_problem
from app.errors import StorageFullError
from app.services import audit
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import count_dossiers, create_dossier
from tests.factories import PASSWORD, Team, client_form, dossier_form, make_dossier
from tests.integration.raw_database import ROOT, all_rows, raw_connect

ROWS = 20_000
ALL = SearchCriteria(include_ended=True)


def _writer(team: Team, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ, HELDER_FAST_KDF="1", HELDER_PASSWORD=PASSWORD, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.crash_writer", str(team.paths.data_dir), str(ROWS), mode],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count_after(team: Team) -> int:
    team.db.dispose()  # fresh connections, as after a restart
    return count_dossiers(team.lead, ALL)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_a_process_killed_in_the_middle_of_a_large_write_leaves_the_database_intact(team: Team) -> None:
    # GIVEN a database with three dossiers
    for i in range(3):
        make_dossier(team.counsellor, surname=f"Bestaand{i}")
    team.db.dispose()
    key = team.db.data_key or b""
    wal = Path(str(team.paths.database) + "-wal")
    # WHEN another process is halfway through writing 20 000 dossiers in one transaction …
    with _writer(team, "pause") as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "halfway", proc.stderr.read() if proc.stderr else ""
        assert wal.exists() and wal.stat().st_size > 1_000_000  # uncommitted pages did reach the disk
        # … and is killed without any chance to clean up
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # THEN the database passes the full integrity check and holds exactly the old dossiers
    assert integrity_problem(team.paths.database, key) is None
    assert _count_after(team) == 3
    conn = raw_connect(team.paths.database, key)
    assert conn.execute("SELECT count(*) FROM clients WHERE surname LIKE 'Crash%'").fetchone() == (0,)
    conn.close()
    assert audit.verify_chain(team.db).ok


@pytest.mark.slow
def test_the_same_write_left_to_finish_is_saved_completely(team: Team) -> None:
    make_dossier(team.counsellor, surname="Bestaand")
    team.db.dispose()
    with _writer(team, "finish") as proc:
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert out.strip().endswith("committed")
    assert integrity_problem(team.paths.database, team.db.data_key or b"") is None
    assert _count_after(team) == 1 + ROWS


def test_a_full_disk_gives_a_clear_message_and_saves_no_half_dossier(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a database that can grow by only two pages (SQLite's own "disk full" error)
    make_dossier(team.counsellor, surname="Bestaand")
    key = team.db.data_key or b""
    before = all_rows(team.paths.database, key)
    conn = raw_connect(team.paths.database, key)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    monkeypatch.setenv("HELDER_TEST_MAX_PAGES", str(pages + 2))
    team.db.dispose()  # new connections get the limit
    # WHEN a counsellor saves a dossier with a long help question
    big = dossier_form(help_question="Ik wil overzicht. " * 20_000)
    with pytest.raises(StorageFullError) as raised:
        create_dossier(team.counsellor, client_form(surname="Halfvol"), big)
    # THEN the message is calm Dutch and says nothing was saved
    assert (
        str(raised.value) == "De schijf is vol. Er is niets opgeslagen. Maak ruimte vrij en probeer opnieuw."
    )
    # AND no client, dossier, phase or audit line of it exists; the file is sound
    monkeypatch.delenv("HELDER_TEST_MAX_PAGES")
    team.db.dispose()
    assert all_rows(team.paths.database, key) == before
    assert integrity_problem(team.paths.database, key) is None
    # AND after space is freed the same save works
    assert create_dossier(team.counsellor, client_form(surname="Halfvol"), big).number


def test_a_service_write_is_one_transaction(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    key = team.db.data_key or b""
    before = all_rows(team.paths.database, key)

    def broken_log(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the audit line could not be written")

    monkeypatch.setattr(audit, "log", broken_log)
    with pytest.raises(RuntimeError):
        make_dossier(team.counsellor, surname="Half")
    assert all_rows(team.paths.database, key) == before
