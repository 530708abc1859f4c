"""Locate bundled, read-only resources (templates, norms, fonts, questionnaires).

One helper for the whole program, so a PyInstaller bundle (``sys._MEIPASS``) and a source
checkout find the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """Return the folder that holds ``resources/`` (the bundle folder when frozen)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``resource_path("norms", "bijstand.json")``."""
    return resource_root().joinpath("resources", *parts)
