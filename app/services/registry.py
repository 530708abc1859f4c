"""Import the capability services that register themselves on import (gates, timeline sources).

``workflow.GATES``, ``workflow.TIMELINE_SOURCES`` and ``dossiers.HEADER_FACTS`` are filled when a
capability's service module is imported; :func:`load_all` makes sure that has happened once a
database is open, even when no screen has imported the module yet. Add one module name per capability to
:data:`CAPABILITY_MODULES`.
"""

from __future__ import annotations

import importlib

#: Service modules that register gates, timeline sources or header facts at import time.
CAPABILITY_MODULES: list[str] = [
    "app.services.voorlegger",
    "app.services.debts",
    "app.services.traject",
    "app.services.signalen",
    "app.services.agenda",
    "app.services.referrals",
    "app.services.letters",
    "app.services.assessments",
]


def load_all() -> None:
    """Import every module in :data:`CAPABILITY_MODULES` (idempotent)."""
    for name in CAPABILITY_MODULES:
        importlib.import_module(name)
