"""Factories for tests: a team of users on a real database, and valid forms."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from app.config import LocalConfig, Paths
from app.db.engine import Database
from app.services import auth
from app.services.auth import Opened
from app.services.context import ServiceContext
from app.services.dossier_views import ClientForm, DossierDetail, DossierForm, MemberForm
from app.services.dossiers import create_dossier

PASSWORD = "Welkom-2026!"
VALID_BSNS = ("111222333", "123456782", "999999990", "100000009", "111111110", "222222220")


@dataclass
class Team:
    """A database with a beheerder, two consulenten and a teamleider."""

    paths: Paths
    config: LocalConfig
    db: Database
    admin: ServiceContext
    counsellor: ServiceContext
    colleague: ServiceContext
    lead: ServiceContext

    def opened(self, ctx: ServiceContext) -> Opened:
        return Opened(self.db, ctx.user, self.config, self.paths)


def make_team(data_dir: Path, database_url: str = "") -> Team:
    """Create a fresh database in ``data_dir`` (SQLite) or at ``database_url`` with four users."""
    paths = Paths(data_dir)
    config = LocalConfig(device_code="TS", database_url=database_url)
    opened = auth.init_database(
        paths,
        config,
        municipality="Gemeente Dijkwaard",
        admin_username="henk",
        admin_password=PASSWORD,
        admin_full_name="Henk Visser",
    )
    admin = opened.context()
    made: dict[str, ServiceContext] = {}
    for name, full, role in (
        ("fatima", "Fatima El Amrani", "consulent"),
        ("joost", "Joost de Boer", "consulent"),
        ("marieke", "Marieke Hoekstra", "teamleider"),
    ):
        view = auth.create_user(
            admin, username=name, full_name=full, roles=[role], password=PASSWORD, phone="0229 123 451"
        )
        from app.domain.users import Role
        from app.services.context import CurrentUser

        made[name] = ServiceContext(
            opened.db,
            CurrentUser(view.id, view.username, view.full_name, frozenset(Role(r) for r in view.roles)),
            device="test",
            device_code="TS",
        )
    return Team(paths, config, opened.db, admin, made["fatima"], made["joost"], made["marieke"])


def client_form(**overrides: Any) -> ClientForm:
    """Return a valid client form (Sanne Willems), with overrides."""
    base = ClientForm(
        bsn="111222333",
        surname="Willems",
        initials="S.",
        first_names="Sanne",
        birth_date=date(2003, 5, 14),
        street="Rietgors",
        house_number="14",
        postcode="1697 AB",
        city="Dijkwaard",
        phone="0612345678",
        email="sanne@example.nl",
        iban="NL91ABNA0417164300",
    )
    return replace(base, **overrides)


def dossier_form(**overrides: Any) -> DossierForm:
    """Return a valid dossier form, with overrides."""
    base = DossierForm(reported_on=date(2026, 11, 2), help_question="Ik wil overzicht in mijn schulden.")
    return replace(base, **overrides)


def make_dossier(ctx: ServiceContext, household: tuple[MemberForm, ...] = (), **client: Any) -> DossierDetail:
    """Create a dossier for ``ctx`` with a valid client."""
    return create_dossier(ctx, client_form(**client), dossier_form(), household)


def new_id() -> uuid.UUID:
    return uuid.uuid4()
