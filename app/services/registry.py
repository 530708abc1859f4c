"""Import the capability services that register themselves on import (gates, timeline sources).

``workflow.GATES`` and ``workflow.TIMELINE_SOURCES`` are filled when a capability's service
module is imported; :func:`load_all` makes sure that has happened once a database is open, even
when no screen has imported the module yet. Add one module name per capability to
:data:`CAPABILITY_MODULES`.
"""

from __future__ import annotations

import importlib

#: Service modules that register gates or timeline sources at import time.
CAPABILITY_MODULES: list[str] = [
    "app.services.voorlegger",
    "app.services.debts",
    "app.services.traject",
    "app.services.agenda",
    "app.services.referrals",
    "app.services.letters",
    "app.services.assessments",
]


def load_all() -> None:
    """Import every module in :data:`CAPABILITY_MODULES` (idempotent)."""
    for name in CAPABILITY_MODULES:
        importlib.import_module(name)
