"""helder --version: version, build date and the locked dependency versions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import app
from app.release import build_info
from app.release.build_info import BuildInfo, describe, load_build_info
from app.release.lock import read_lock
from ui import main as helder

BUILT = BuildInfo(
    version="1.2.3",
    build_date="2026-12-05",
    commit="abc1234",
    python="3.12.7",
    dependencies=(("sqlalchemy", "2.1.9"), ("tzdata", "2026.6")),
)


def test_version_in_a_source_checkout_shows_the_locked_versions(capsys: pytest.CaptureFixture[str]) -> None:
    # WHEN helder --version runs in this checkout (no build information file)
    assert not build_info.build_info_path().exists()
    assert helder.main(["--version"]) == 0
    out = capsys.readouterr().out
    # THEN it names the version, "ontwikkelversie" and the lock's runtime versions, not the test tools
    sqlalchemy = read_lock().get("sqlalchemy")
    assert sqlalchemy is not None
    assert out.startswith(f"Helder {app.__version__}\nGebouwd: ontwikkelversie")
    assert f"  sqlalchemy {sqlalchemy.version}\n" in out
    assert "  pytest " not in out and "  pyinstaller " not in out


def test_version_of_a_build_reads_the_bundled_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a bundle's build information
    target = tmp_path / "app" / "_build_info.json"
    target.parent.mkdir()
    target.write_text(json.dumps(BUILT.as_dict()), encoding="utf-8")
    monkeypatch.setattr(build_info, "build_info_path", lambda: target)
    # WHEN / THEN
    assert helder.main(["--version"]) == 0
    assert capsys.readouterr().out == (
        "Helder 1.2.3\nGebouwd: 05-12-2026 (commit abc1234)\nPython 3.12.7\nAfhankelijkheden:\n"
        "  sqlalchemy 2.1.9\n  tzdata 2026.6\n"
    )


def test_build_information_round_trips_through_json(tmp_path: Path) -> None:
    path = tmp_path / "_build_info.json"
    path.write_text(json.dumps(BUILT.as_dict()), encoding="utf-8")
    assert load_build_info(path) == BUILT


def test_the_installed_command_prints_it_without_starting_qt() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ui.main import main; r = main(['--version']); "
            "assert 'PySide6.QtWidgets' not in sys.modules; sys.exit(r)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Helder {app.__version__}\n")


def test_describe_says_unknown_when_there_is_no_lock() -> None:
    info = BuildInfo("1.0.0", None, None, "3.11.7", ())
    assert describe(info).endswith("Afhankelijkheden:\n  (onbekend)")
