"""The Dutch local clock: the time zone in which Helder reads every date.

A module of its own, without the database layer, so the login window and the formatting helpers
can use it before SQLAlchemy is imported (``app.services.context`` re-exports both names).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_local() -> date:
    """Return today's date in the Netherlands."""
    return datetime.now(AMSTERDAM).date()
