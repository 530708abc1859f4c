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

from app.errors import KnownError

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


class ConfigDamagedError(KnownError):
    """``config.json`` cannot be read; ``str(error)`` names the file and what to do."""


_FIELD_TYPES: dict[str, type] = {
    "device_code": str,
    "database_url": str,
    "backup_dir": str,
    "backup_keep": int,
    "idle_lock_minutes": int,
    "extra": dict,
}


def load_config(paths: Paths, *, tolerant: bool = False) -> LocalConfig:
    """Read ``config.json``; a missing file gives defaults with a fresh device code.

    A damaged file raises :class:`ConfigDamagedError` with a calm message naming it; with
    ``tolerant`` (a restore, which must never be stopped by it) the defaults are used instead.
    """
    try:
        raw = json.loads(paths.config_file.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("geen JSON-object")
        for name, kind in _FIELD_TYPES.items():
            if name in raw and (not isinstance(raw[name], kind) or isinstance(raw[name], bool)):
                raise ValueError(f"{name} heeft een verkeerde waarde")
    except FileNotFoundError:
        return LocalConfig(device_code=new_device_code())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        if tolerant:
            return LocalConfig(device_code=new_device_code())
        raise ConfigDamagedError(
            f"Het instellingenbestand {paths.config_file} is beschadigd ({exc}). Herstel het, of verwijder "
            "het: Helder maakt dan een nieuw bestand met de standaardinstellingen."
        ) from exc
    known = {k: v for k, v in raw.items() if k in LocalConfig.__dataclass_fields__}
    config = LocalConfig(**known)
    if not config.device_code:
        config = replace(config, device_code=new_device_code())
    return config


def restrict_new_files() -> None:
    """Create every file and folder of this process for its owner only (umask 077, POSIX).

    The database, key file, backups, exports, letters and logs are then 0600 and folders 0700,
    whatever the user's own umask. On Windows the data folder is ``%LOCALAPPDATA%\\Helder``, which
    only the user (and administrators) can read through the profile's ACL. Source: BIO2 8.01.01;
    issue #24 finding 6.
    """
    if os.name != "nt":
        os.umask(0o077)


def make_private(path: Path) -> None:
    """Make an existing file (0600) or folder (0700) readable for its owner only (POSIX)."""
    if os.name != "nt" and path.exists():
        os.chmod(path, 0o700 if path.is_dir() else 0o600)


def ensure_data_dir(paths: Paths) -> None:
    """Create the data folder for the owner only."""
    paths.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(paths.data_dir)


def save_config(paths: Paths, config: LocalConfig) -> None:
    """Write ``config.json`` atomically."""
    ensure_data_dir(paths)
    tmp = paths.config_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(config), indent=2), encoding="utf-8")
    make_private(tmp)
    os.replace(tmp, paths.config_file)
