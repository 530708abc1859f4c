"""build_installer.py: the steps that need no PyInstaller run (CI runs --check for the rest)."""

from __future__ import annotations

import importlib.metadata
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import app  # noqa: E402
import build_installer  # noqa: E402


def test_version_comes_from_the_app() -> None:
    assert build_installer.read_version() == app.__version__


def test_missing_inno_setup_is_said_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_installer, "find_iscc", lambda: None)
    ctx = build_installer.Context(version="0.1.0", check_only=False)
    with pytest.raises(build_installer.BuildError, match=r"Inno Setup \(iscc\) is niet gevonden"):
        build_installer.run_inno_setup(ctx)


def test_version_resource_has_the_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_installer, "BUILD", tmp_path)
    build_installer.write_version_resource(build_installer.Context(version="1.2.3", check_only=True))
    text = (tmp_path / "version_info.txt").read_text(encoding="utf-8")
    assert "filevers=(1, 2, 3, 0)" in text and "'ProductVersion', '1.2.3'" in text


def test_spec_and_installer_script_name_every_resource_folder() -> None:
    spec = (ROOT / "packaging" / "helder.spec").read_text(encoding="utf-8")
    iss = (ROOT / "packaging" / "helder.iss").read_text(encoding="utf-8")
    assert '"resources"' in spec and "app/db/migrations" in spec
    assert (
        "PrivilegesRequired=lowest" in iss and "Dutch.isl" in iss and "OutputBaseFilename=HelderSetup-" in iss
    )


def test_the_build_checks_the_environment_and_writes_the_build_information(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN this environment, set up from requirements.lock by scripts/setup.sh
    monkeypatch.setattr(build_installer, "BUILD", tmp_path)
    monkeypatch.setattr(build_installer, "BUILD_INFO", tmp_path / "_build_info.json")
    # WHEN the first step runs
    build_installer.check_environment(build_installer.Context(version="0.1.0", check_only=True))
    # THEN the bundle's build information has today's date and the locked runtime versions
    info = json.loads((tmp_path / "_build_info.json").read_text(encoding="utf-8"))
    assert info["version"] == "0.1.0" and len(info["build_date"]) == 10
    names = {d["name"]: d["version"] for d in info["dependencies"]}
    assert names["sqlalchemy"] == importlib.metadata.version("sqlalchemy")
    assert "pytest" not in names


def test_the_build_refuses_an_environment_that_differs_from_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_installer, "BUILD", tmp_path)
    monkeypatch.setattr(build_installer, "BUILD_INFO", tmp_path / "_build_info.json")
    real = build_installer.installed_version
    monkeypatch.setattr(
        build_installer, "installed_version", lambda name: "1.0.0" if name == "sqlalchemy" else real(name)
    )
    with pytest.raises(build_installer.BuildError, match=r"sqlalchemy 1\.0\.0 \(lock: .*--require-hashes"):
        build_installer.check_environment(build_installer.Context(version="0.1.0", check_only=True))
    assert not (tmp_path / "_build_info.json").exists()


def test_the_bundle_must_carry_its_build_information() -> None:
    spec = (ROOT / "packaging" / "helder.spec").read_text(encoding="utf-8")
    assert "app/_build_info.json" in build_installer.REQUIRED_ASSETS
    assert '"_build_info.json"), "app")' in spec
