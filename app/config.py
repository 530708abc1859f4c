"""Paths and machine-local configuration.

The data folder comes from platformdirs; ``--data-dir`` (or ``HELDER_DATA_DIR``) overrides it for
development, demos and tests. Settings that belong to the municipality live in the database
(``app.services.settings``); this file only holds what belongs to one laptop.
"""

from __future__ import annotations

import json
import os
import secrets
import string
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import platformdirs

DATABASE_FILE = "helder.db"
KEY_FILE = "helder.keys"
CONFIG_FILE = "config.json"


def default_data_dir() -> Path:
    """Return the user's Helder data folder (e.g. ``%LOCALAPPDATA%\\Helder`` on Windows)."""
    env = os.environ.get("HELDER_DATA_DIR")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("Helder", appauthor=False))


@dataclass(frozen=True)
class Paths:
    """Every file Helder writes for one data folder."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def key_file(self) -> Path:
        return self.data_dir / KEY_FILE

    @property
    def config_file(self) -> Path:
        return self.data_dir / CONFIG_FILE

    def local_database_exists(self) -> bool:
        """Whether this folder holds a local database and its key file."""
        return self.database.exists() and self.key_file.exists()

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    def backups(self, config: LocalConfig) -> Path:
        return Path(config.backup_dir) if config.backup_dir else self.data_dir / "backups"


@dataclass(frozen=True)
class LocalConfig:
    """What one laptop remembers outside the database.

    Attributes:
        device_code: two letters that make dossier numbers made on this laptop unique.
        database_url: a PostgreSQL URL for a team database; empty means the local SQLite file.
        backup_dir: folder for rolling backups; empty means ``<data dir>/backups``.
        backup_keep: how many rolling backups to keep.
        idle_lock_minutes: lock the screen after this many minutes without input.
    """

    device_code: str = ""
    database_url: str = ""
    backup_dir: str = ""
    backup_keep: int = 14
    idle_lock_minutes: int = 10
    extra: dict[str, str] = field(default_factory=dict)


def new_device_code() -> str:
    """Return a random two-letter device code."""
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(2))


def load_config(paths: Paths) -> LocalConfig:
    """Read ``config.json``; a missing file gives defaults with a fresh device code."""
    try:
        raw = json.loads(paths.config_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return LocalConfig(device_code=new_device_code())
    known = {k: v for k, v in raw.items() if k in LocalConfig.__dataclass_fields__}
    config = LocalConfig(**known)
    if not config.device_code:
        config = replace(config, device_code=new_device_code())
    return config


def save_config(paths: Paths, config: LocalConfig) -> None:
    """Write ``config.json`` atomically."""
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    tmp = paths.config_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(config), indent=2), encoding="utf-8")
    os.replace(tmp, paths.config_file)
