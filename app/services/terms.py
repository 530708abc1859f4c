"""The terms of a dossier computed from its dates: one place for the traject tab and Signalen.

Each ``*_deadline`` function takes the raw dates of one dossier and returns a :class:`Deadline`
with its legal or professional due date (computed by :mod:`app.rules.deadlines` on the Atw
calendar extended with the setting ``atw.extra_days``), whether and when it was met, and
``show_from``: the day from which it belongs in the Signalen list (``None``: it does not).
The Signalen list (bulk SQL) and the dossier's own view call the same functions, so they agree.

Sources: Wgs art. 4 and 4a; Awb art. 6:7-6:8; Algemene termijnenwet; NVVK practice; RULES.md §1-4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.rules import deadlines as rules
from app.rules.phases import THREAT_KIND_LABELS, Phase, ThreatKind
from app.rules.workdays import AtwCalendar, default_calendar
from app.services import settings

FIRST_CONVERSATION = "first_conversation"
DECISION = "decision"
OBJECTION = "objection"
STABILISATION = "stabilisation"
REFERRAL = "referral"
NO_CONTACT = "no_contact"

#: Dutch labels of the deadline (and signal) kinds, in the order the traject tab shows them.
DEADLINE_KIND_LABELS: dict[str, str] = {
    FIRST_CONVERSATION: "Eerste gesprek",
    DECISION: "Beschikking",
    OBJECTION: "Bezwaartermijn",
    STABILISATION: "Stabilisatieovereenkomst",
    REFERRAL: "Terugkoppeling doorverwijzing",
    NO_CONTACT: "Geen contact",
}

MET, MET_LATE, OPEN, OVERDUE, RUNNING, ENDED = "met", "met_late", "open", "overdue", "running", "ended"

DEADLINE_STATUS_LABELS: dict[str, str] = {
    MET: "Op tijd",
    MET_LATE: "Te laat gehaald",
    OPEN: "Loopt",
    OVERDUE: "Verlopen",
    RUNNING: "Loopt",
    ENDED: "Afgelopen",
}

#: Phases in which a missing first conversation is signalled (later phases had one).
FIRST_CONVERSATION_PHASES = frozenset({Phase.APPLICATION.value})
#: Phases in which a missing decision is signalled (from stabilisation on it was taken).
DECISION_PHASES = frozenset({Phase.APPLICATION.value, Phase.INTAKE.value})
#: Phases without the no-contact signal: before the first conversation its own term applies,
#: and a referred client is in the partner's care.
NO_CONTACT_EXCLUDED_PHASES = frozenset({Phase.APPLICATION.value, Phase.REFERRED.value})


def fmt(day: date) -> str:
    """Return ``30-11-2026`` for messages."""
    return day.strftime("%d-%m-%Y")


@dataclass(frozen=True)
class TermSettings:
    """The municipal settings that shape the terms (RULES.md: defaults in ``settings.DEFAULTS``)."""

    decision_weeks: int = rules.DEFAULT_DECISION_WEEKS
    no_contact_weeks: int = 6
    referral_followup_days: int = 21
    stabilisation_warning_days: int = rules.DEFAULT_STABILISATION_WARNING_DAYS
    horizon_days: int = 7
    calendar: AtwCalendar | None = None

    @property
    def cal(self) -> AtwCalendar:
        return self.calendar if self.calendar is not None else default_calendar()


def _int(value: Any, default: int, low: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number >= low else default


def extra_atw_days(raw: Any) -> dict[date, str]:
    """Read the setting ``atw.extra_days``: ISO dates or ``{"date": ..., "description": ...}``.

    Entries that are not a date are skipped (the settings page validates what it stores).
    """
    days: dict[date, str] = {}
    for entry in raw if isinstance(raw, list) else []:
        text, description = (
            (entry, "Gelijkgestelde dag")
            if isinstance(entry, str)
            else (
                (entry.get("date"), entry.get("description") or "Gelijkgestelde dag")
                if isinstance(entry, dict)
                else (None, "")
            )
        )
        try:
            days[date.fromisoformat(str(text))] = str(description)
        except ValueError:
            continue
    return days


def term_settings(session: Session) -> TermSettings:
    """Return the term settings, with the Atw calendar extended by ``atw.extra_days``."""
    values = settings.get_values(session, _TERM_KEYS)  # one query: this runs on every dossier open
    extra = extra_atw_days(values["atw.extra_days"])
    calendar = default_calendar().with_extra_days(extra) if extra else default_calendar()
    return TermSettings(
        decision_weeks=_int(values["terms.decision_weeks"], rules.DEFAULT_DECISION_WEEKS, 1),
        no_contact_weeks=_int(values["terms.no_contact_weeks"], 6, 1),
        referral_followup_days=_int(values["terms.referral_followup_days"], 21, 1),
        stabilisation_warning_days=_int(
            values["terms.stabilisation_warning_days"], rules.DEFAULT_STABILISATION_WARNING_DAYS, 0
        ),
        horizon_days=_int(values["signals.horizon_days"], 7, 0),
        calendar=calendar,
    )


_TERM_KEYS = (
    "atw.extra_days",
    "terms.decision_weeks",
    "terms.no_contact_weeks",
    "terms.referral_followup_days",
    "terms.stabilisation_warning_days",
    "signals.horizon_days",
)


# --------------------------------------------------------------------------- threats


@dataclass(frozen=True)
class ThreatOption:
    """A bedreigende situatie the counsellor can tick: statutory (Wgs art. 4) or municipal."""

    code: str
    label: str
    statutory: bool


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:36]


def threat_options_from(extra: Any) -> list[ThreatOption]:
    """Return the statutory situations plus the municipal ones of the setting ``threats.extra``.

    ``threats.extra`` is a list of labels (``"Aangekondigde verkoop van de inboedel"``) or of
    ``{"code": ..., "label": ...}``; a label alone gets the code ``x_<label in lower case>``.
    Source: Wgs art. 4 (a municipality may add situations; RULES.md §2).
    """
    options = [ThreatOption(kind.value, THREAT_KIND_LABELS[kind], True) for kind in ThreatKind]
    seen = {o.code for o in options}
    for entry in extra if isinstance(extra, list) else []:
        if isinstance(entry, dict):
            label = str(entry.get("label") or "").strip()
            code = str(entry.get("code") or "").strip() or f"x_{_slug(label)}"
        else:
            label = str(entry).strip()
            code = f"x_{_slug(label)}"
        code = code.replace(",", "_")[:40]
        if label and code not in seen:
            seen.add(code)
            options.append(ThreatOption(code, label, False))
    return options


def threat_label(code: str, options: list[ThreatOption]) -> str:
    """Return the Dutch label of a stored threat code (the code itself when no longer configured)."""
    return next((o.label for o in options if o.code == code), code)


def split_codes(text: str) -> tuple[str, ...]:
    """Return the codes of a comma-separated column."""
    return tuple(c for c in text.split(",") if c)


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    """One term of one dossier; ``show_from`` is when it enters Signalen (``None``: never)."""

    kind: str
    due_on: date
    met_on: date | None
    status: str
    show_from: date | None
    text: str
    ref: str = ""  # the id of the agreement or referral it is about

    @property
    def label(self) -> str:
        return DEADLINE_KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return DEADLINE_STATUS_LABELS[self.status]

    def days_left(self, today: date) -> int:
        """Days until the due date (negative when late)."""
        return (self.due_on - today).days


def _status(due: date, met: date | None, today: date) -> str:
    if met is not None:
        return MET if met <= due else MET_LATE
    return OPEN if today <= due else OVERDUE


def first_conversation_term(reported_on: date, threat_on: date | None, cal: AtwCalendar) -> tuple[date, bool]:
    """Return the last day for the first conversation and whether the threat term applies.

    Four weeks after the melding; when a bedreigende situatie is reported, three werkdagen
    after that report (never before the melding), whichever is earlier.
    Source: Wgs art. 4; SCENARIOS.md (Sanne: the 3-day term runs from the insurer's warning).
    """
    due = rules.first_conversation_due(reported_on, False, calendar=cal)
    if threat_on is None:
        return due, False
    urgent = rules.first_conversation_due(max(threat_on, reported_on), True, calendar=cal)
    return (urgent, True) if urgent < due else (due, False)


def first_conversation_deadline(
    phase: str,
    reported_on: date,
    threat_on: date | None,
    first_conversation_on: date | None,
    terms: TermSettings,
    today: date,
) -> Deadline:
    """The first-conversation term (Wgs art. 4); signalled while the dossier is an aanmelding."""
    due, urgent = first_conversation_term(reported_on, threat_on, terms.cal)
    status = _status(due, first_conversation_on, today)
    watch = first_conversation_on is None and phase in FIRST_CONVERSATION_PHASES
    why = "3 werkdagen, bedreigende situatie" if urgent else "4 weken na de melding"
    if first_conversation_on is not None:
        text = f"Eerste gesprek gehouden op {fmt(first_conversation_on)} (uiterlijk {fmt(due)}, {why})."
    else:
        text = f"Eerste gesprek uiterlijk {fmt(due)} ({why})."
    return Deadline(
        FIRST_CONVERSATION,
        due,
        first_conversation_on,
        status,
        due - timedelta(days=terms.horizon_days) if watch else None,
        text,
    )


def decision_deadline(
    phase: str, first_conversation_on: date, decision_sent_on: date | None, terms: TermSettings, today: date
) -> Deadline:
    """The decision term after the first conversation (Wgs art. 4a(3), setting terms.decision_weeks)."""
    due = rules.decision_due(first_conversation_on, terms.decision_weeks, calendar=terms.cal)
    status = _status(due, decision_sent_on, today)
    watch = decision_sent_on is None and phase in DECISION_PHASES
    if decision_sent_on is not None:
        text = f"Beschikking verstuurd op {fmt(decision_sent_on)} (uiterlijk {fmt(due)})."
    else:
        weeks = terms.decision_weeks
        text = f"Beslis uiterlijk {fmt(due)} over de aanvraag ({weeks} weken na het eerste gesprek)."
    return Deadline(
        DECISION,
        due,
        decision_sent_on,
        status,
        due - timedelta(days=terms.horizon_days) if watch else None,
        text,
    )


def objection_deadline(decision_sent_on: date, terms: TermSettings, today: date) -> Deadline:
    """The bezwaar term of the decision (Awb art. 6:7, 6:8); shown while it runs."""
    due = rules.objection_period_end(decision_sent_on, calendar=terms.cal)
    running = decision_sent_on <= today <= due
    text = f"Bezwaar maken kan tot en met {fmt(due)}."
    return Deadline(
        OBJECTION, due, None, RUNNING if today <= due else ENDED, decision_sent_on if running else None, text
    )


def stabilisation_deadline(
    agreement_id: str,
    starts_on: date,
    ends_on: date,
    extended_until: date | None,
    closed_on: date | None,
    terms: TermSettings,
    today: date,
) -> Deadline:
    """The end of a stabilisatieovereenkomst, warned ``stabilisation_warning_days`` before (RULES.md §4)."""
    end = extended_until or ends_on
    warn = rules.stabilisation_warning_due(end, terms.stabilisation_warning_days, calendar=terms.cal)
    status = MET if closed_on is not None else (OPEN if today <= end else OVERDUE)
    more = "" if extended_until is not None else " Verlengen kan één keer met 4 maanden."
    if closed_on is not None:
        text = f"Overeenkomst van {fmt(starts_on)} afgerond op {fmt(closed_on)}."
    else:
        text = f"Overeenkomst van {fmt(starts_on)} loopt af op {fmt(end)}.{more}"
    return Deadline(
        STABILISATION, end, closed_on, status, warn if closed_on is None else None, text, agreement_id
    )


def referral_deadline(
    referral_id: str,
    partner: str,
    referred_on: date,
    follow_up_on: date,
    feedback_on: date | None,
    terms: TermSettings,
    today: date,
) -> Deadline:
    """Follow up a referral: feedback from the partner by ``follow_up_on`` (DOMAIN.md warme overdracht)."""
    status = _status(follow_up_on, feedback_on, today)
    if feedback_on is not None:
        text = f"{partner} gaf terugkoppeling op {fmt(feedback_on)}."
    else:
        text = f"Nog geen terugkoppeling van {partner} (doorverwezen op {fmt(referred_on)})."
    return Deadline(
        REFERRAL,
        follow_up_on,
        feedback_on,
        status,
        follow_up_on - timedelta(days=terms.horizon_days) if feedback_on is None else None,
        text,
        referral_id,
    )


def no_contact_deadline(phase: str, last_contact_on: date, terms: TermSettings, today: date) -> Deadline:
    """Contact the client at least every ``terms.no_contact_weeks`` weeks (SCENARIOS.md: Ronald)."""
    due = last_contact_on + timedelta(weeks=terms.no_contact_weeks)
    watch = phase not in NO_CONTACT_EXCLUDED_PHASES
    text = f"Laatste contact op {fmt(last_contact_on)}; neem uiterlijk {fmt(due)} weer contact op."
    return Deadline(
        NO_CONTACT,
        due,
        None,
        OPEN if today <= due else OVERDUE,
        due - timedelta(days=terms.horizon_days) if watch else None,
        text,
    )


def latest(*days: date | None) -> date:
    """Return the latest of the given dates (at least one must be given)."""
    known = [d for d in days if d is not None]
    return max(known)
