"""The admin command line: demo, dossiers --json, and a login that fails calmly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.config import Paths, load_config
from app.rules.identifiers import bsn_error
from app.services.auth import login
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import get_dossier, search_dossiers


def _cli(
    data_dir: Path, *args: str, user: str = "consulent", password: str = "demo"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HELDER_USER": user, "HELDER_PASSWORD": password, "HELDER_FAST_KDF": "1"}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_demo_and_dossiers_json(tmp_path: Path) -> None:
    # GIVEN a demo database made by the command line
    made = _cli(tmp_path, "demo", "--dossiers", "60", "--seed", "7")
    assert made.returncode == 0, made.stderr
    # WHEN the counsellor lists her dossiers as JSON
    listed = _cli(tmp_path, "dossiers", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    # THEN each row has number, phase, counsellor and melding date, and no BSN anywhere
    assert rows and set(rows[0]) == {"number", "phase", "counsellor", "reported_on"}
    assert {r["counsellor"] for r in rows} == {"Fatima El Amrani"}
    paths = Paths(tmp_path)
    opened = login(paths, load_config(paths), "consulent", "demo")
    bsns = set()
    for row in search_dossiers(opened.context(), SearchCriteria(), limit=1000):
        bsns.add(get_dossier(opened.context(), row.id).client.bsn)
    opened.db.dispose()
    assert not any(b in listed.stdout for b in bsns)
    # AND the phase filter works
    stab = json.loads(_cli(tmp_path, "dossiers", "--json", "--phase", "stabilisation").stdout)
    assert stab and all(r["phase"] == "stabilisation" for r in stab)


def test_wrong_password_is_one_calm_line(tmp_path: Path) -> None:
    assert _cli(tmp_path, "demo", "--dossiers", "5").returncode == 0
    failed = _cli(tmp_path, "dossiers", password="fout")
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == ["Fout: Gebruikersnaam of wachtwoord klopt niet."]
    assert "Traceback" not in failed.stderr


def test_demo_holds_the_five_scenario_clients_and_team(tmp_path: Path) -> None:
    from app.services.demo import generate_demo

    paths = Paths(tmp_path)
    opened = generate_demo(paths, load_config(paths), dossiers=40, seed=3)
    ctx = opened.context()
    rows = search_dossiers(ctx, SearchCriteria(), limit=500)
    names = {r.name for r in rows}
    assert {"Sanne Willems", "Ahmed Benali", "Gerda Mulder", "Ronald Kuipers", "Kevin de Groot"} <= names
    for row in rows[:20]:
        assert bsn_error(get_dossier(ctx, row.id).client.bsn) is None
    opened.db.dispose()
    lead = login(paths, load_config(paths), "teamleider", "demo")
    from app.services.dossiers import count_dossiers

    assert count_dossiers(lead.context(), SearchCriteria()) == 40
    assert lead.user.full_name == "Marieke Hoekstra"
    lead.db.dispose()
    assert b"SQLite format 3" not in paths.database.read_bytes()[:16]
