"""Legal and professional deadlines of a debt-help dossier.

Every function is pure and takes the dates it is about; none looks at today's date. The
optional keyword ``calendar`` selects an :class:`~app.rules.workdays.AtwCalendar` (for example
one with days an administrator added); without it the bundled Atw calendar is used.

Sources: Wgs art. 4 and 4a; Awb art. 6:7 and 6:8; Algemene termijnenwet art. 1(1);
NVVK practice for stabilisation (RULES.md §1-§4).
"""

from __future__ import annotations

import calendar as _gregorian
from datetime import date, timedelta

from app.rules.workdays import AtwCalendar, default_calendar

#: Wgs art. 4: first conversation within four weeks after the melding.
FIRST_CONVERSATION_WEEKS = 4
#: Wgs art. 4: within three werkdagen in a bedreigende situatie.
FIRST_CONVERSATION_THREAT_WORKDAYS = 3
#: Default term for the decision after the first conversation (verordening, Wgs art. 4a(3)).
DEFAULT_DECISION_WEEKS = 8
#: Awb art. 6:7: the term for bezwaar is six weeks.
OBJECTION_WEEKS = 6
#: NVVK practice: a stabilisatieovereenkomst runs four months, extendable once by four.
STABILISATION_MONTHS = 4
STABILISATION_EXTENSION_MONTHS = 4
#: Default warning window before a stabilisatieovereenkomst ends.
DEFAULT_STABILISATION_WARNING_DAYS = 14


def _cal(calendar: AtwCalendar | None) -> AtwCalendar:
    return calendar if calendar is not None else default_calendar()


def first_conversation_due(
    reported_on: date, threatening: bool, *, calendar: AtwCalendar | None = None
) -> date:
    """Return the last day for the first conversation after a melding.

    Four weeks after the melding, extended to the next werkdag when that day is a Saturday,
    Sunday or Atw day; in a bedreigende situatie (eviction, cut-off of energy or water,
    termination of the health insurance) the third werkdag after the melding.

    Source: Wgs art. 4 (as amended 1 January 2021); Algemene termijnenwet art. 1(1).
    """
    cal = _cal(calendar)
    if threatening:
        return cal.add_workdays(reported_on, FIRST_CONVERSATION_THREAT_WORKDAYS)
    return cal.extend_to_workday(reported_on + timedelta(weeks=FIRST_CONVERSATION_WEEKS))


def decision_due(
    first_conversation_on: date, weeks: int = DEFAULT_DECISION_WEEKS, *, calendar: AtwCalendar | None = None
) -> date:
    """Return the last day for the toelatings- or afwijzingsbeschikking.

    The application arises at the first conversation; the decision follows within the term of
    the municipal verordening (a setting, default 8 weeks), extended to the next werkdag when it
    ends on a Saturday, Sunday or Atw day.

    Source: Wgs art. 4a(3); Algemene termijnenwet art. 1(1); RULES.md §2.

    Raises:
        ValueError: when ``weeks`` is less than 1.
    """
    if weeks < 1:
        raise ValueError(f"De beslistermijn moet minstens 1 week zijn, niet {weeks}.")
    return _cal(calendar).extend_to_workday(first_conversation_on + timedelta(weeks=weeks))


def objection_period_end(sent_on: date, *, calendar: AtwCalendar | None = None) -> date:
    """Return the last day on which bezwaar can be made against a decision sent on ``sent_on``.

    The term is six weeks and starts the day after the decision was sent, so it ends 42 days
    after ``sent_on``; a last day on a Saturday, Sunday or Atw day moves to the next werkdag.

    Source: Awb art. 6:7 and 6:8; Algemene termijnenwet art. 1(1).
    """
    return _cal(calendar).extend_to_workday(sent_on + timedelta(weeks=OBJECTION_WEEKS))


def add_months_last_day(start: date, months: int) -> date:
    """Return the last day (inclusive) of a period of ``months`` calendar months from ``start``.

    The period ends the day before the same day-of-month ``months`` later (1 March + 4 months
    runs to and including 30 June); when that month has no such day, it ends on the month's
    last day (31 October + 4 months runs to and including 28 or 29 February).

    Source: civil-law month counting as used for agreements (NVVK practice).

    Raises:
        ValueError: when ``months`` is less than 1.
    """
    if months < 1:
        raise ValueError(f"Een periode moet minstens 1 maand zijn, niet {months}.")
    year, month_index = divmod(start.month - 1 + months, 12)
    year += start.year
    month = month_index + 1
    days_in_month = _gregorian.monthrange(year, month)[1]
    if start.day > days_in_month:
        return date(year, month, days_in_month)
    return date(year, month, start.day) - timedelta(days=1)


def stabilisation_agreement_end(start: date, extended: bool = False) -> date:
    """Return the last day (inclusive) of a stabilisatieovereenkomst starting on ``start``.

    Creditors pause collection for four months; the agreement can be extended once by four
    months (eight in total, e.g. health insurers under the NVVK-ZN covenant). It is an
    agreement, not a legal term, so the Atw does not move its end.

    Source: NVVK practice, RULES.md §4; DOMAIN.md (stabilisatieovereenkomst, 4 + 4 months).
    """
    months = STABILISATION_MONTHS + (STABILISATION_EXTENSION_MONTHS if extended else 0)
    return add_months_last_day(start, months)


def stabilisation_warning_due(
    end: date, days_before: int = DEFAULT_STABILISATION_WARNING_DAYS, *, calendar: AtwCalendar | None = None
) -> date:
    """Return the werkdag on which to warn that a stabilisatieovereenkomst is about to end.

    ``days_before`` calendar days before ``end``; when that day is not a werkdag, the warning
    moves to the previous werkdag (earlier, never later).

    Source: RULES.md §4 ("track the end date and warn before it").

    Raises:
        ValueError: when ``days_before`` is negative.
    """
    if days_before < 0:
        raise ValueError(f"Het aantal dagen vooraf kan niet negatief zijn: {days_before}.")
    return _cal(calendar).previous_workday(end - timedelta(days=days_before))


#: Municipal setting: werkdagen to contact a resident after an early-warning signal.
DEFAULT_EARLY_SIGNAL_WORKDAYS = 5


def early_signal_contact_due(
    received_on: date, workdays: int = DEFAULT_EARLY_SIGNAL_WORKDAYS, *, calendar: AtwCalendar | None = None
) -> date:
    """Return the werkdag by which to offer help after an early-warning signal.

    The law sets no contact deadline; the term is a municipal setting (default 5 werkdagen).

    Source: Wgs as amended 1 January 2021 (vroegsignalering, a legal task); RULES.md §2.

    Raises:
        ValueError: when ``workdays`` is less than 1.
    """
    if workdays < 1:
        raise ValueError(f"De termijn moet minstens 1 werkdag zijn, niet {workdays}.")
    return _cal(calendar).add_workdays(received_on, workdays)
