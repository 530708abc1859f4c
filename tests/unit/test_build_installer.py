"""build_installer.py: the steps that need no PyInstaller run (CI runs --check for the rest)."""

from __future__ import annotations

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
