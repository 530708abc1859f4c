"""Extension points: the navigation pages of the main window and the tabs of a dossier.

Each capability adds one line to :data:`PAGES` or :data:`DOSSIER_TABS`; the main window and the
dossier view build themselves from these lists, so no capability edits another's widget.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.services.context import CurrentUser
from ui.workspace import Workspace


@dataclass(frozen=True)
class PageSpec:
    """A page in the main navigation: ``factory`` is ``"module:Class"`` taking (workspace, parent)."""

    key: str
    label: str
    factory: str
    visible: Callable[[CurrentUser], bool]


@dataclass(frozen=True)
class TabSpec:
    """A dossier tab: ``factory`` is ``"module:Class"`` taking (workspace, dossier_id, parent)."""

    key: str
    label: str
    factory: str


def _sees_dossiers(user: CurrentUser) -> bool:
    return user.sees_dossiers


def _signalen(user: CurrentUser) -> bool:
    return user.sees_dossiers or user.is_admin  # the beheerder sees the municipality's signals


def _reports(user: CurrentUser) -> bool:
    return user.is_team_lead or user.is_admin


def _admin(user: CurrentUser) -> bool:
    return user.is_admin or user.is_team_lead


PAGES: list[PageSpec] = [
    PageSpec("dossiers", "Dossiers", "ui.views.dossier_list:DossierListPage", _sees_dossiers),
    PageSpec("signalen", "Signalen", "ui.views.signalen_page:SignalenPage", _signalen),
    PageSpec("agenda", "Agenda", "ui.views.agenda_page:AgendaPage", _sees_dossiers),
    PageSpec("creditors", "Schuldeisers", "ui.views.creditors_page:CreditorsPage", _sees_dossiers),
    PageSpec("reports", "Rapportages", "ui.views.reports_page:ReportsPage", _reports),
    PageSpec("users", "Gebruikers", "ui.views.admin_users:UsersPage", lambda user: user.is_admin),
    PageSpec("audit", "Auditlog", "ui.views.audit_viewer:AuditViewerPage", _admin),
    PageSpec("backups", "Reservekopieën", "ui.views.backups_page:BackupsPage", lambda user: user.is_admin),
    PageSpec("norms", "Normen", "ui.views.norms_page:NormsPage", _admin),
    PageSpec(
        "letterhead", "Briefpapier", "ui.views.letterhead_page:LetterheadPage", lambda user: user.is_admin
    ),
]

DOSSIER_TABS: list[TabSpec] = [
    TabSpec("person", "Persoon && huishouden", "ui.views.dossier.person_tab:PersonTab"),
    TabSpec("traject", "Traject", "ui.views.dossier.traject_tab:TrajectTab"),
    TabSpec("timeline", "Tijdlijn", "ui.views.dossier.timeline_tab:TimelineTab"),
    TabSpec("debts", "Schulden", "ui.views.dossier.debts_tab:DebtsTab"),
    TabSpec("budget", "Budget", "ui.views.dossier.budget_tab:BudgetTab"),
    TabSpec("letters", "Brieven", "ui.views.dossier.letters_tab:LettersTab"),
    TabSpec("profile", "Klantprofiel", "ui.views.dossier.profile_tab:ProfileTab"),
    TabSpec("voorlegger", "Voorlegger", "ui.views.dossier.voorlegger_tab:VoorleggerTab"),
]


def load(factory: str) -> Callable[..., QWidget]:
    """Import ``"module:Class"`` and return the class."""
    module, name = factory.split(":")
    cls: Callable[..., QWidget] = getattr(importlib.import_module(module), name)
    return cls


def make_tab(spec: TabSpec, workspace: Workspace, dossier_id: uuid.UUID, parent: QWidget | None) -> QWidget:
    """Build one dossier tab."""
    return load(spec.factory)(workspace, dossier_id, parent)


#: Small widgets in the dossier header (e.g. the step map, the Signalen badge), built with
#: (workspace, dossier_id, parent). A widget with ``show_detail(detail)`` gets each
#: ``DossierDetail`` the view shows, with what ``app.services.dossiers.HEADER_FACTS`` read for it
#: in ``detail.header``, and should not load on its own when built; one without loads itself.
HEADER_WIDGETS: list[TabSpec] = [
    TabSpec("step_map", "Stappen", "ui.widgets.step_map:StepMapHeader"),
    TabSpec("signal_badge", "Signalen", "ui.widgets.signal_badge:SignalBadge"),
]
