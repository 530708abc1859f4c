"""The vulnerability check: a known vulnerability needs a written, dated exception that has not expired."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.release import __main__ as release_cli
from app.release.audit import (
    EXCEPTIONS_FILE,
    AuditError,
    AuditResult,
    complete_from_project_pages,
    judge,
    parse_pip_audit,
    read_exceptions,
)

#: The shape pip-audit 2.x writes with ``-f json`` (one vulnerable, one clean, one it could not check).
REPORT = {
    "dependencies": [
        {
            "name": "Jinja2",
            "version": "3.1.2",
            "vulns": [
                {
                    "id": "GHSA-h5c8-rqwp-cp95",
                    "fix_versions": ["3.1.3"],
                    "aliases": ["CVE-2024-22195"],
                    "description": "xmlattr filter",
                }
            ],
        },
        {"name": "alembic", "version": "1.20.1", "vulns": []},
        {"name": "python-dateutil", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ],
    "fixes": [],
}

EXCEPTION = """
[[exception]]
id = "CVE-2024-22195"
package = "jinja2"
reason = "Helder gebruikt het filter xmlattr niet; bijwerken wacht op Alembic."
date = 2026-12-01
review_by = {review_by}
"""


def run(tmp_path: Path, exceptions: str, today: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(REPORT), encoding="utf-8")
    (tmp_path / "exceptions.toml").write_text(exceptions, encoding="utf-8")
    code = release_cli.main(
        [
            "audit",
            "--report",
            str(report),
            "--exceptions",
            str(tmp_path / "exceptions.toml"),
            "--today",
            today,
        ]
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_vulnerability_without_exception_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = run(tmp_path, "", "2026-12-05", capsys)
    assert code == 1
    assert (
        "kwetsbaarheid zonder uitzondering: jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 (opgelost in 3.1.3)" in output
    )
    assert "niet te controleren (geen antwoord van de dienst): python-dateutil" in output


def test_a_valid_exception_accepts_it_by_its_alias(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = run(tmp_path, EXCEPTION.format(review_by="2027-03-01"), "2026-12-05", capsys)
    assert code == 0
    assert "geaccepteerd: jinja2 3.1.2: GHSA-h5c8-rqwp-cp95" in output and "tot 2027-03-01" in output


def test_an_expired_exception_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN the same exception, reviewed-by date one day in the past
    code, output = run(tmp_path, EXCEPTION.format(review_by="2027-03-01"), "2027-03-02", capsys)
    # THEN the check fails and says it expired
    assert code == 1
    assert "uitzondering verlopen op 2027-03-01: jinja2 3.1.2: GHSA-h5c8-rqwp-cp95" in output
    # ... while on its last day it still holds
    assert run(tmp_path, EXCEPTION.format(review_by="2027-03-01"), "2027-03-01", capsys)[0] == 0


def test_an_exception_for_another_package_does_not_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = EXCEPTION.format(review_by="2027-03-01").replace('package = "jinja2"', 'package = "alembic"')
    code, output = run(tmp_path, other, "2026-12-05", capsys)
    assert code == 1 and "kwetsbaarheid zonder uitzondering" in output
    assert "hoort bij geen gevonden kwetsbaarheid meer" in output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('reason = "Helder gebruikt het filter xmlattr niet; bijwerken wacht op Alembic."', ""),
            "mist: reason",
        ),
        (("date = 2026-12-01", 'date = "1 december"'), "zijn datums"),
        (("date = 2026-12-01", "date = 2027-06-01"), "review_by ligt vóór date"),
    ],
)
def test_an_incomplete_exception_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str
) -> None:
    text = EXCEPTION.format(review_by="2027-03-01").replace(*change)
    code, output = run(tmp_path, text, "2026-12-05", capsys)
    assert code == 1 and message in output
    (tmp_path / "x.toml").write_text(text, encoding="utf-8")
    with pytest.raises(AuditError):
        read_exceptions(tmp_path / "x.toml")


def test_nothing_audited_at_all_fails() -> None:
    result = AuditResult(vulnerabilities=(), audited=(), unaudited=("alembic",))
    verdict = judge(result, (), dt.date(2026, 12, 5))
    assert not verdict.ok and "niet bereikbaar" in verdict.problems[0]


def test_the_project_page_answers_only_for_the_newest_release() -> None:
    # GIVEN pip-audit could not check two packages; PyPI's project page lists the newest release's
    pages: dict[str, dict[str, object]] = {
        "https://pypi.org/pypi/jinja2/json": {
            "info": {"version": "3.1.2"},
            "vulnerabilities": [
                {"id": "GHSA-h5c8-rqwp-cp95", "aliases": ["CVE-2024-22195"], "fixed_in": ["3.1.3"]}
            ],
        },
        "https://pypi.org/pypi/python-dateutil/json": {"info": {"version": "4.0.0"}, "vulnerabilities": []},
    }
    result = parse_pip_audit(
        {"dependencies": [{"name": n, "skip_reason": "x"} for n in ("jinja2", "python-dateutil")]}
    )
    # WHEN completed from the project pages
    completed = complete_from_project_pages(
        result, {"jinja2": "3.1.2", "python-dateutil": "2.9.0.post0"}, fetch=lambda url: pages[url]
    )
    # THEN jinja2 (locked = newest) is checked and found vulnerable; dateutil (older) stays unchecked
    assert completed.audited == ("jinja2",) and completed.unaudited == ("python-dateutil",)
    assert [v.id for v in completed.vulnerabilities] == ["GHSA-h5c8-rqwp-cp95"]
    assert completed.vulnerabilities[0].known_as() == {"GHSA-h5c8-rqwp-cp95", "CVE-2024-22195"}


def test_the_checked_in_exception_file_is_valid() -> None:
    assert EXCEPTIONS_FILE.exists()
    for exception in read_exceptions():
        assert exception.review_by >= exception.date
