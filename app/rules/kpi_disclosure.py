"""Small-number suppression for published stuurinformatie.

Source: the issue's rule "counts below 5 in any breakdown are shown as '<5' so nobody can be
recognised" (AVG art. 5(1)(c) data minimisation; BIO2 v1.3 8.11); CBS practice of hiding
secondary cells so a suppressed cell cannot be recomputed from a total.

Choices:
- 0 stays "0": a zero points at nobody, and hiding it would make every breakdown unreadable.
- 1-4 become "<5".
- In a breakdown whose total is shown too, a single "<5" cell could be recomputed as
  total minus the others; then the smallest other non-zero cell is hidden as "x".
- A percentage or lead time based on 1-4 clients is "te klein": its value would reveal the
  suppressed count or one person's duration.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.rules.kpi_facts import LeadTime, Rate

THRESHOLD = 5
SMALL = "<5"
HIDDEN = "x"
TOO_SMALL = "te klein"
NO_DATA = "–"


def is_small(count: int) -> bool:
    """Return whether ``count`` must be suppressed (1 to 4)."""
    if count < 0:
        raise ValueError(f"a count cannot be negative: {count}")
    return 0 < count < THRESHOLD


def suppress(count: int) -> str:
    """Return ``count`` as text, with 1-4 shown as ``"<5"`` (0 stays ``"0"``)."""
    return SMALL if is_small(count) else str(count)


def suppress_cells(values: Sequence[int], *, total_shown: bool) -> tuple[str, ...]:
    """Suppress the cells of one breakdown, with secondary suppression when the total is shown.

    When exactly one cell is 1-4 and the total is published, that cell could be recomputed, so
    the smallest other cell with a value of 5 or more is shown as ``"x"`` too.
    """
    cells = [suppress(v) for v in values]
    small = [i for i, v in enumerate(values) if is_small(v)]
    if total_shown and len(small) == 1:
        candidates = [i for i, v in enumerate(values) if v >= THRESHOLD]
        if candidates:
            victim = min(candidates, key=lambda i: (values[i], i))
            cells[victim] = HIDDEN
    return tuple(cells)


def rate_is_publishable(rate: Rate) -> bool:
    """Return whether a percentage may be shown: neither count is 1-4 and there is a denominator."""
    return (
        rate.denominator.value > 0
        and not is_small(rate.numerator.value)
        and not is_small(rate.denominator.value)
    )


def rate_status(rate: Rate) -> str | None:
    """Return ``None`` when the percentage may be shown, else the text to show instead."""
    if rate.denominator.value == 0:
        return NO_DATA
    if not rate_is_publishable(rate):
        return TOO_SMALL
    return None


def lead_time_status(lead_time: LeadTime) -> str | None:
    """Return ``None`` when median and percentile may be shown, else the text to show instead."""
    if lead_time.count == 0:
        return NO_DATA
    if is_small(lead_time.count):
        return TOO_SMALL
    return None
