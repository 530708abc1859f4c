"""Typed errors of Helder's core.

Two kinds, as in qutebrowser's ``misc/sql.py``: a :class:`KnownError` is an environment or user
problem with a calm Dutch message that the interface can show as it is (disk full, wrong
password, a database newer than this program); anything else is a bug and is logged in full.
"""

from __future__ import annotations

from collections.abc import Mapping


class HelderError(Exception):
    """Base of all Helder errors."""


class KnownError(HelderError):
    """An environment or user problem; ``str(error)`` is a Dutch message for the user."""


class ValidationError(KnownError):
    """Input that cannot be saved; ``errors`` maps a field name to a Dutch message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class NotFoundError(KnownError):
    """The requested object does not exist (or was deleted)."""


class PermissionDenied(KnownError):
    """The user's role does not allow this action."""


class ReasonRequired(KnownError):
    """The action is allowed only with a reason, which will be logged."""


class ConflictError(KnownError):
    """Someone else changed the same record; reload and try again."""


class AuthenticationError(KnownError):
    """Wrong user name or password, or a disabled account."""


class DatabaseError(KnownError):
    """The database cannot be opened or used (damaged, wrong key, newer than the program)."""


class DatabaseDamagedError(DatabaseError):
    """The key fits but the database file is damaged; a good backup can replace it."""


class StorageFullError(KnownError):
    """The disk is full; nothing was saved."""


class BugError(HelderError):
    """An internal error that should never happen; logged with its traceback."""
