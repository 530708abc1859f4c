"""Quick foundation smoke: a team, a dossier, search, permissions."""

from __future__ import annotations

import pytest

from app.errors import PermissionDenied, ReasonRequired
from app.services.dossier_views import SearchCriteria
from app.services.dossiers import count_dossiers, get_dossier, search_dossiers
from tests.factories import Team, make_dossier


def test_create_and_find(any_team: Team) -> None:
    made = make_dossier(any_team.counsellor, surname="Öztürk")
    rows = search_dossiers(any_team.counsellor, SearchCriteria(text="ozturk"))
    assert [r.number for r in rows] == [made.number]
    assert count_dossiers(any_team.lead, SearchCriteria()) == 1
    assert count_dossiers(any_team.colleague, SearchCriteria()) == 0
    with pytest.raises(ReasonRequired):
        get_dossier(any_team.colleague, made.id)
    assert get_dossier(any_team.colleague, made.id, reason="Vervanging bij ziekte").number == made.number
    with pytest.raises(PermissionDenied):
        search_dossiers(any_team.admin, SearchCriteria())
