"""Who is doing what, on which database and device: passed to every service function."""

from __future__ import annotations

import platform
import uuid
from dataclasses import dataclass, field

from app.clock import AMSTERDAM as AMSTERDAM  # re-exported: the services import it from here
from app.clock import today_local as today_local
from app.db.engine import Database
from app.domain.users import Role
from app.errors import PermissionDenied


@dataclass(frozen=True)
class CurrentUser:
    """The logged-in user as the services see it."""

    id: uuid.UUID
    username: str
    full_name: str
    roles: frozenset[Role]

    @property
    def is_counsellor(self) -> bool:
        return Role.COUNSELLOR in self.roles

    @property
    def is_team_lead(self) -> bool:
        return Role.TEAM_LEAD in self.roles

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles

    @property
    def sees_dossiers(self) -> bool:
        """Beheerders see no dossier content unless they are also counsellor or team lead."""
        return self.is_counsellor or self.is_team_lead

    def require(self, *roles: Role) -> None:
        """Raise :class:`PermissionDenied` unless the user holds one of ``roles``."""
        if not self.roles.intersection(roles):
            raise PermissionDenied("U heeft geen rechten voor deze handeling.")


@dataclass
class ServiceContext:
    """Everything a service needs besides its arguments."""

    db: Database
    user: CurrentUser
    device: str = field(default_factory=platform.node)
    device_code: str = "XX"
