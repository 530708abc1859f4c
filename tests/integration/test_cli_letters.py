"""The commands ``letter`` and ``card``: a PDF of a dossier's letter or klantkaart, audited."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from app.documents.formats import format_date_nl
from app.domain.audit import AuditEntry
from app.rules.deadlines import objection_period_end
from app.services import letterhead, letters
from app.services.context import today_local
from tests.factories import PASSWORD, Team, make_dossier
from tests.integration.test_letters import LETTERHEAD, MOTIVATION, pdf_text


def _cli(team: Team, *args: str, user: str = "fatima") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HELDER_USER": user, "HELDER_PASSWORD": PASSWORD, "HELDER_FAST_KDF": "1"}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(team.paths.data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def _exports(team: Team) -> list[tuple[str, str]]:
    with team.db.read() as session:
        rows = session.execute(
            select(AuditEntry.object_type, AuditEntry.actor).where(AuditEntry.action == "export")
        ).all()
    return [(r[0], r[1]) for r in rows]


def test_letter_final_writes_the_stored_bytes(team: Team, tmp_path: Path) -> None:
    # GIVEN a dossier and a complete letterhead
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    dossier = make_dossier(team.counsellor)
    out = tmp_path / "afwijzing.pdf"
    # WHEN an afwijzing is made final from the command line
    done = _cli(
        team,
        "letter",
        "--dossier",
        dossier.number,
        "--kind",
        "afwijzing",
        "--out",
        str(out),
        "--field",
        "ground=recidive",
        "--field",
        f"motivation={MOTIVATION}",
        "--field",
        f"first_conversation_date={today_local().strftime('%d-%m-%Y')}",
        "--final",
    )
    # THEN the file is exactly the stored final letter, with the required elements, and the export is logged
    assert done.returncode == 0, done.stderr
    assert "definitief" in done.stdout and str(out) in done.stdout
    [letter] = letters.list_letters(team.counsellor, dossier.id)
    assert letter.is_final and hashlib.sha256(out.read_bytes()).hexdigest() == letter.sha256
    text = pdf_text(out.read_bytes())
    assert dossier.number in text and format_date_nl(objection_period_end(today_local())) in text
    assert ("letter", "fatima") in _exports(team)


def test_letter_concept_with_prefilled_fields(team: Team, tmp_path: Path) -> None:
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    dossier = make_dossier(team.counsellor)
    out = tmp_path / "uitnodiging.pdf"
    day = (today_local() + timedelta(days=7)).isoformat()
    done = _cli(
        team,
        "letter",
        "--dossier",
        dossier.number.lower(),
        "--kind",
        "uitnodiging",
        "--out",
        str(out),
        "--field",
        f"meeting_date={day}",
        "--field",
        "meeting_time=9:30",
        "--field",
        "meeting_place=Gemeentehuis",
    )
    assert done.returncode == 0, done.stderr
    text = pdf_text(out.read_bytes())
    # the list of things to bring comes from the voorlegger; the letter is still a concept
    assert "CONCEPT" in text and "Gemeentehuis" in text and "paspoort" in text
    assert [x.status for x in letters.list_letters(team.counsellor, dossier.id)] == ["concept"]


def test_letter_with_missing_fields_fails_calmly(team: Team, tmp_path: Path) -> None:
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    dossier = make_dossier(team.counsellor)
    done = _cli(
        team, "letter", "--dossier", dossier.number, "--kind", "beeindiging", "--out", str(tmp_path / "x.pdf")
    )
    assert done.returncode == 2
    assert "Fout in reason:" in done.stderr and "Fout in motivation:" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x.pdf").exists()
    unknown = _cli(team, "letter", "--dossier", "2099-XX-00001", "--kind", "afwijzing", "--out", "y.pdf")
    assert unknown.returncode == 1 and "Er is geen dossier met nummer" in unknown.stderr


def test_card_and_gelukt(team: Team, tmp_path: Path) -> None:
    letterhead.update_letterhead(team.admin, LETTERHEAD)
    dossier = make_dossier(team.counsellor)
    card, gelukt = tmp_path / "kaart.pdf", tmp_path / "gelukt.pdf"
    assert _cli(team, "card", "--dossier", dossier.number, "--out", str(card)).returncode == 0
    done = _cli(
        team, "card", "--dossier", dossier.number, "--out", str(gelukt), "--gelukt", "U bracht uw post mee."
    )
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(card).pages) == 1 and "Uw stappenkaart" in pdf_text(card.read_bytes())
    assert "U bracht uw post mee." in pdf_text(gelukt.read_bytes())
    assert _exports(team).count(("card", "fatima")) == 2
