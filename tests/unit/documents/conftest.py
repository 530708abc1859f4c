"""Fixtures for the document-layer tests."""

from __future__ import annotations

import pytest

from app.documents import Letterhead

from .samples import make_letterhead


@pytest.fixture
def letterhead() -> Letterhead:
    return make_letterhead()
