"""``helder --self-test``: the real program starts, loads, opens a dossier and exits 0 — or says why not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import PASSWORD, make_dossier, make_team

HELDER = Path(sys.executable).parent / "helder"

pytestmark = pytest.mark.slow


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HELDER_FAST_KDF": "1", **env}
    return subprocess.run(
        [str(HELDER), "--self-test", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
        check=False,
    )


def test_self_test_on_a_fresh_demo_database_passes() -> None:
    done = _run("--demo", "--demo-dossiers", "40")
    assert done.returncode == 0, done.stderr
    assert "self-test geslaagd" in done.stdout


def test_self_test_on_a_real_data_folder_logs_in_and_passes(tmp_path: Path) -> None:
    # GIVEN a data folder with a team and one dossier
    team = make_team(tmp_path / "data")
    detail = make_dossier(team.counsellor)
    team.db.dispose()
    # WHEN the self-test logs in as the counsellor
    done = _run("--data-dir", str(tmp_path / "data"), HELDER_USER="fatima", HELDER_PASSWORD=PASSWORD)
    # THEN it opened that dossier
    assert done.returncode == 0, done.stderr
    assert detail.number in done.stdout


def test_self_test_on_a_broken_data_folder_fails_with_the_reason(tmp_path: Path) -> None:
    # GIVEN a data folder whose database and key file are damaged
    data = tmp_path / "data"
    data.mkdir()
    (data / "helder.db").write_bytes(b"dit is geen database" * 100)
    (data / "helder.keys").write_text("{kapot", encoding="utf-8")
    # WHEN the self-test runs on it
    done = _run("--data-dir", str(data), HELDER_USER="fatima", HELDER_PASSWORD=PASSWORD)
    # THEN it exits non-zero and says why
    assert done.returncode != 0
    assert "self-test mislukt" in done.stderr
    assert len(done.stderr.strip().splitlines()[-1]) > len("self-test mislukt: ")


def test_self_test_as_beheerder_fails_because_there_is_no_dossier_list(tmp_path: Path) -> None:
    team = make_team(tmp_path / "data")
    team.db.dispose()
    done = _run("--data-dir", str(tmp_path / "data"), HELDER_USER="henk", HELDER_PASSWORD=PASSWORD)
    assert done.returncode == 1
    assert "ziet geen dossiers" in done.stderr
