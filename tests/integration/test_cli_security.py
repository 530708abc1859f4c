"""The command line logs in like the interface: one clear line and a non-zero exit on any refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.config import LocalConfig, Paths
from app.services import auth
from tests.factories import PASSWORD, Team
from tests.integration.raw_database import SQLITE_HEADER, run_cli


class InProcess:
    """``python -m app`` called in this process (fast); stdin is not a terminal, so nothing prompts."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        self._monkeypatch, self._capsys = monkeypatch, capsys

    def __call__(
        self, args: list[str], user: str | None = None, password: str | None = None
    ) -> tuple[int, str, str]:
        for name, value in (("HELDER_USER", user), ("HELDER_PASSWORD", password)):
            if value is None:
                self._monkeypatch.delenv(name, raising=False)
            else:
                self._monkeypatch.setenv(name, value)
        code = cli_main(args)
        out = self._capsys.readouterr()
        return code, out.out, out.err


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def _one_clear_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(("user", "password"), [("fatima", "Verkeerd-2026!"), ("niemand", PASSWORD)])
def test_a_wrong_password_exits_1_with_one_line_and_no_traceback(
    team: Team, user: str, password: str
) -> None:
    result = run_cli(["--data-dir", str(team.paths.data_dir), "dossiers"], user=user, password=password)
    assert result.returncode == 1
    assert "klopt niet" in _one_clear_line(result.stderr)
    assert result.stdout == ""


def test_dossier_commands_need_a_login(team: Team, cli: InProcess) -> None:
    code, _out, err = cli(["--data-dir", str(team.paths.data_dir), "dossiers"])
    assert code == 1
    assert "HELDER_USER" in _one_clear_line(err)
    code, _out, err = cli(["--data-dir", str(team.paths.data_dir), "dossiers"], user="fatima")
    assert code == 1
    assert "HELDER_PASSWORD" in _one_clear_line(err)
    code, _out, err = cli(
        ["--data-dir", str(team.paths.data_dir), "dossiers"], user="fatima", password=PASSWORD
    )
    assert code == 0, err


def test_beheer_commands_refuse_a_counsellor(team: Team, cli: InProcess) -> None:
    for command in (["check"], ["backup"], ["restore", "x.db"]):
        code, _out, err = cli(
            ["--data-dir", str(team.paths.data_dir), *command], user="fatima", password=PASSWORD
        )
        assert code == 1
        assert "rechten" in _one_clear_line(err)


def test_init_creates_an_encrypted_database_with_the_first_beheerder(tmp_path: Path, cli: InProcess) -> None:
    data = tmp_path / "nieuw"
    code, out, err = cli(
        [
            "--data-dir",
            str(data),
            "init",
            "--municipality",
            "Dijkwaard",
            "--admin",
            "Henk",
            "--name",
            "Henk Visser",
        ],
        password=PASSWORD,
    )
    assert code == 0, err
    assert "henk" in out
    paths = Paths(data)
    assert paths.database.read_bytes()[:16] != SQLITE_HEADER
    opened = auth.login(paths, LocalConfig(), "henk", PASSWORD)
    assert opened.user.is_admin and opened.user.full_name == "Henk Visser"
    opened.db.dispose()
    code, _out, err = cli(
        ["--data-dir", str(data), "init", "--municipality", "X", "--admin", "piet"], password=PASSWORD
    )
    assert code == 1
    assert "al een Helder-database" in _one_clear_line(err)


def test_init_via_a_real_process(tmp_path: Path) -> None:
    result = run_cli(
        ["--data-dir", str(tmp_path / "d"), "init", "--municipality", "Dijkwaard", "--admin", "henk"],
        password=PASSWORD,
    )
    assert result.returncode == 0, result.stderr
    assert Paths(tmp_path / "d").database.read_bytes()[:16] != SQLITE_HEADER


def test_init_refuses_a_weak_password(tmp_path: Path, cli: InProcess) -> None:
    code, _out, err = cli(
        ["--data-dir", str(tmp_path / "d"), "init", "--municipality", "Dijkwaard", "--admin", "henk"],
        password="kort",
    )
    assert code == 2
    assert "wachtwoord" in err
    assert not (tmp_path / "d" / "helder.db").exists()


def test_init_without_a_password_source_asks_for_it(tmp_path: Path, cli: InProcess) -> None:
    code, _out, err = cli(
        ["--data-dir", str(tmp_path / "d"), "init", "--municipality", "Dijkwaard", "--admin", "henk"]
    )
    assert code == 1
    assert "HELDER_PASSWORD" in _one_clear_line(err)


@pytest.mark.slow
def test_check_is_ok_on_the_demo_database(tmp_path: Path) -> None:
    data = str(tmp_path / "demo")
    made = run_cli(["--data-dir", data, "demo", "--dossiers", "40"])
    assert made.returncode == 0, made.stderr
    result = run_cli(["--data-dir", data, "check"], user="beheerder", password="demo")
    assert result.returncode == 0, result.stderr
    assert "in orde" in result.stdout
    listing = run_cli(["--data-dir", data, "dossiers"], user="consulent", password="demo")
    assert listing.returncode == 0 and listing.stdout.count("\n") >= 5
