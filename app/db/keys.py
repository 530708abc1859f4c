"""The data key of an encrypted database, wrapped once per user.

BIO2 8.01.01 (data on a laptop is encrypted) and STACK.md: the SQLCipher file is opened with a
random 256-bit *data key* (raw key, so no slow key derivation on every connection). That key is
never stored in the clear: for each user it is wrapped with AES-256-GCM under a key derived from
the user's password with argon2id, in a small JSON key file beside the database. Changing or
resetting a password re-wraps the same data key; the database itself is not re-encrypted.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import AuthenticationError, DatabaseError

KEY_BYTES = 32
FORMAT_VERSION = 1


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost parameters (OWASP 2023 minimum by default)."""

    time_cost: int = 2
    memory_kib: int = 19456
    parallelism: int = 1

    @classmethod
    def default(cls) -> KdfParams:
        # Tests create hundreds of users; they may ask for a cheap (still argon2id) setting.
        if os.environ.get("HELDER_FAST_KDF") == "1":
            return cls(time_cost=1, memory_kib=1024, parallelism=1)
        return cls()


def new_data_key() -> bytes:
    """Return a fresh random 256-bit data key."""
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class KeyFile:
    """The wrapped copies of one database's data key, one per user name."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def exists(self) -> bool:
        return self.path.exists()

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise DatabaseError(f"Het sleutelbestand {self.path.name} ontbreekt.") from exc
        except (OSError, ValueError) as exc:
            raise DatabaseError(f"Het sleutelbestand {self.path.name} is beschadigd.") from exc
        users = raw.get("users")
        if raw.get("version") != FORMAT_VERSION or not isinstance(users, dict):
            raise DatabaseError(f"Het sleutelbestand {self.path.name} heeft een onbekende vorm.")
        return users

    def _extra(self) -> dict[str, object]:
        """The file's fields besides the users (installation secret, failed-login counters)."""
        if not self.exists():
            return {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return (
            {k: v for k, v in raw.items() if k not in ("version", "users")} if isinstance(raw, dict) else {}
        )

    def _write(self, users: dict[str, dict[str, object]], extra: dict[str, object] | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fields = self._extra() if extra is None else extra
        content = {"version": FORMAT_VERSION, "users": users, **fields}
        tmp.write_text(json.dumps(content, indent=1), encoding="utf-8")
        if os.name != "nt":
            os.chmod(tmp, 0o600)  # the wrapped keys: for the owner only, whatever the umask
        os.replace(tmp, self.path)

    def usernames(self) -> list[str]:
        return sorted(self._read()) if self.exists() else []

    def wrap(self, username: str, password: str, data_key: bytes, params: KdfParams | None = None) -> None:
        """Store ``data_key`` wrapped under ``password`` for ``username`` (replacing an old entry)."""
        params = params or KdfParams.default()
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        kek = _derive(password, salt, params)
        wrapped = AESGCM(kek).encrypt(nonce, data_key, username.lower().encode("utf-8"))
        users = self._read() if self.exists() else {}
        users[username.lower()] = {
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
            "t": params.time_cost,
            "m": params.memory_kib,
            "p": params.parallelism,
        }
        self._write(users)

    def unwrap(self, username: str, password: str) -> bytes:
        """Return the data key, or raise :class:`AuthenticationError` for a wrong name/password."""
        entry = self._read().get(username.lower())
        if entry is None:
            # The same argon2id work as for a real account, so a name cannot be found by timing.
            _derive(password, b"\x00" * 16, KdfParams.default())
            raise AuthenticationError("Gebruikersnaam of wachtwoord klopt niet.")
        if not isinstance(entry, dict):
            raise DatabaseError(
                f"Het sleutelbestand {self.path} is beschadigd (gebruiker {username.lower()})."
            )
        try:
            params = KdfParams(int(str(entry["t"])), int(str(entry["m"])), int(str(entry["p"])))
            kek = _derive(password, _unb64(str(entry["salt"])), params)
            return AESGCM(kek).decrypt(
                _unb64(str(entry["nonce"])), _unb64(str(entry["wrapped"])), username.lower().encode("utf-8")
            )
        except InvalidTag as exc:
            raise AuthenticationError("Gebruikersnaam of wachtwoord klopt niet.") from exc
        except (KeyError, ValueError, TypeError) as exc:
            raise DatabaseError(
                f"Het sleutelbestand {self.path} is beschadigd (gebruiker {username.lower()})."
            ) from exc

    def installation_secret(self) -> bytes:
        """A random secret of this installation (for keyed digests), made on first use."""
        extra = self._extra()
        secret = extra.get("installation_secret")
        if isinstance(secret, str):
            return _unb64(secret)
        fresh = secrets.token_bytes(32)
        self._write(self._read(), {**extra, "installation_secret": _b64(fresh)})
        return fresh

    def failures(self) -> dict[str, dict[str, object]]:
        """Failed logins per keyed name digest: ``{digest: {"count": n, "last": iso}}``."""
        found = self._extra().get("failures")
        return dict(found) if isinstance(found, dict) else {}

    def set_failures(self, failures: dict[str, dict[str, object]]) -> None:
        """Store the failed-login counters (kept here: deleting a log file does not reset them)."""
        self._write(self._read(), {**self._extra(), "failures": failures})

    def remove(self, username: str) -> None:
        users = self._read()
        users.pop(username.lower(), None)
        self._write(users)
