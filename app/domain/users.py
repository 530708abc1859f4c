"""User accounts and roles (BIO2 5.16.02: personal accounts only)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked


class Role(StrEnum):
    """Roles; a user may hold several (e.g. beheerder and consulent)."""

    COUNSELLOR = "consulent"
    TEAM_LEAD = "teamleider"
    ADMIN = "beheerder"


ROLE_LABELS: dict[Role, str] = {
    Role.COUNSELLOR: "Consulent",
    Role.TEAM_LEAD: "Teamleider",
    Role.ADMIN: "Beheerder",
}


class User(Tracked, Base):
    """A person who logs in to Helder."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(100))  # comma-separated Role codes
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    job_title: Mapped[str] = mapped_column(String(100), default="Schuldhulpverlener")
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.roles.split(",") if r)
