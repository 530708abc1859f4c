"""requirements.lock: it agrees with pyproject.toml, and the check fails when they disagree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.release import __main__ as release_cli
from app.release.lock import (
    LOCK_FILE,
    PYPROJECT,
    ROOT,
    disagreements,
    parse_lock,
    read_lock,
    read_requirements,
    runtime_packages,
)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of pyproject.toml and requirements.lock to change."""
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    shutil.copy(LOCK_FILE, tmp_path / "requirements.lock")
    return tmp_path


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = release_cli.main(
        [
            "--lock",
            str(folder / "requirements.lock"),
            "--pyproject",
            str(folder / "pyproject.toml"),
            "lock-check",
        ]
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_checked_in_lock_agrees_with_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    assert disagreements(read_requirements(), read_lock()) == []
    assert release_cli.main(["lock-check"]) == 0
    assert "past bij pyproject.toml" in capsys.readouterr().out


def test_every_locked_package_is_pinned_with_hashes_and_windows_packages_are_in_it() -> None:
    lock = read_lock()
    assert all(p.hashes and p.version for p in lock.packages)
    # The installer is built on Windows: its platform-only packages must be locked too.
    tzdata = lock.get("tzdata")
    assert tzdata is not None and tzdata.marker is not None and "win32" in tzdata.marker


def test_a_range_the_lock_does_not_satisfy_fails(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN pyproject asks for a SQLAlchemy newer than the locked one
    locked = read_lock(checkout / "requirements.lock").get("sqlalchemy")
    assert locked is not None
    pyproject = checkout / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"sqlalchemy>=2.0.30"' in text
    pyproject.write_text(text.replace('"sqlalchemy>=2.0.30"', '"sqlalchemy>=99"'), encoding="utf-8")
    # WHEN the lock is checked THEN it fails naming the package, the versions and the fix
    code, output = check(checkout, capsys)
    assert code == 1
    assert f"sqlalchemy: het lock heeft {locked.version}, pyproject.toml vraagt >=99" in output
    assert "bash scripts/lock.sh" in output


def test_a_new_dependency_missing_from_the_lock_fails(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = checkout / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace('    "textstat>=0.7.3",\n', '    "textstat>=0.7.3",\n    "xlsxwriter>=3",\n')
    )
    code, output = check(checkout, capsys)
    assert code == 1
    assert "xlsxwriter staat in pyproject.toml maar niet in het lock" in output
    assert "veranderd sinds het lock is gemaakt" in output


def test_a_dependency_dropped_from_pyproject_but_still_locked_fails(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = checkout / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('    "openpyxl>=3.1",\n', ""), encoding="utf-8")
    code, output = check(checkout, capsys)
    assert code == 1
    assert "openpyxl staat in het lock als eis van Helder, maar niet meer in pyproject.toml" in output


def test_a_changed_extra_is_caught_by_the_fingerprint(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Same names and ranges, but reportlab without its C helpers: the resolution would differ.
    pyproject = checkout / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"reportlab[accel]>=4.2"', '"reportlab>=4.2"'), encoding="utf-8")
    code, output = check(checkout, capsys)
    assert code == 1 and "veranderd sinds het lock is gemaakt" in output


def test_a_lock_without_hashes_fails(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lock = checkout / "requirements.lock"
    lines = lock.read_text(encoding="utf-8").splitlines()
    lock.write_text("\n".join(line for line in lines if "--hash=" not in line or "alembic" in line) + "\n")
    stripped = parse_lock(lock.read_text(encoding="utf-8")).get("alembic")
    assert stripped is not None and stripped.hashes == ()
    code, output = check(checkout, capsys)
    assert code == 1 and "alembic staat zonder hash in het lock" in output


def test_runtime_packages_leave_out_the_test_tools() -> None:
    names = {p.name for p in runtime_packages(read_lock(), read_requirements())}
    assert {"sqlalchemy", "pyside6-essentials", "shiboken6", "rl-accel", "psycopg-binary"} <= names
    assert not names & {"pytest", "mypy", "ruff", "pyinstaller", "pip-audit", "uv", "hypothesis"}


def test_the_refresh_command_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/lock.sh" in readme
    assert (ROOT / "scripts" / "lock.sh").exists()
