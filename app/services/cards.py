"""Klantkaart and "Gelukt!" card of a dossier: built from what the dossier holds, in B1 Dutch.

The klantkaart shows the step map, at most three small next steps for the client (what the
voorlegger still needs), the next appointment, what the municipality does next and the
contact person. The wording follows the confirmed klantprofiel through a ``Tone`` (more
check-ins with a concrete date, learning tips, extra support, short) and never names the
profile. Rendering is free; printing and saving are audited (``record_output``).

Source: DOMAIN.md "Klantkaarten and communication" (004:1685, 1776-1791; seed 001
stress-sensitive work: small steps, celebrate success, "goed gedaan, én"); DOMAIN.md
"Klantprofielen" (004:1517-1545: the approach per profile).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.formats import format_date_nl
from app.documents.models import (
    MAX_CARD_STEP_CHARS,
    MAX_CARD_STEPS,
    Appointment,
    CardRequest,
    NextStep,
    SuccessCardRequest,
    Tone,
)
from app.documents.step_map import CLIENT_STEP_LABELS, client_step
from app.domain.dossiers import Dossier, PhaseTransition
from app.domain.users import User
from app.errors import ValidationError
from app.rules.phases import ENDED, MAIN_LINE, Phase
from app.rules.workdays import add_workdays
from app.services import audit
from app.services.context import ServiceContext, today_local
from app.services.dossiers import display_name, load_dossier, require_dossier_access
from app.services.letter_prefill import bring_sentences, next_appointment, optional
from app.services.letterhead import letterhead

#: The confirmed klantprofiel decides the wording; the profile itself is never printed.
PROFILE_TONES: dict[str, Tone] = {
    "onwetende": Tone.LEARNING,
    "struisvogel": Tone.CHECK_IN,
    "kwetsbare": Tone.SUPPORT,
    "aanpakker": Tone.SHORT,
    "benadeelde": Tone.SUPPORT,
}

#: Werkdagen until the check-in call, for the tones that promise one.
CHECK_IN_WORKDAYS: dict[Tone, int] = {Tone.CHECK_IN: 3, Tone.SUPPORT: 5}

#: With the check-in tone each next step gets its own date, this many werkdagen apart (small steps).
STEP_WORKDAYS = 3

#: What the municipality does next, per phase (B1; checked in tests/integration/test_cards.py).
MUNICIPALITY_STEPS: dict[Phase, tuple[str, ...]] = {
    Phase.APPLICATION: ("Wij plannen een eerste gesprek met u.",),
    Phase.INTAKE: ("Wij kijken samen met u naar uw geld en uw schulden.",),
    Phase.STABILISATION: (
        "Wij vragen uw schuldeisers om even te wachten.",
        "Wij maken samen met u een plan voor uw geld per maand.",
    ),
    Phase.READY_FOR_SETTLEMENT: ("Wij maken een voorstel voor al uw schuldeisers samen.",),
    Phase.SETTLEMENT: ("Wij letten erop dat uw regeling goed loopt.",),
    Phase.AFTERCARE: ("Wij bellen u af en toe. Dan horen we hoe het gaat.",),
    Phase.CLOSED: (),
    Phase.LONG_TERM_SERVICE: ("Wij blijven u helpen. Zo blijft er rust in uw geldzaken.",),
    Phase.REFERRED: ("Wij houden contact met de organisatie die u nu helpt.",),
    Phase.DROPPED_OUT: (),
}

DECISION_STEP = "U krijgt uiterlijk {date} een brief. Daarin staat of wij u kunnen helpen."
STABILISATION_STEP = "Uw schuldeisers wachten tot {date}. Zo krijgt u rust."
REFERRAL_STEP = "Wij houden contact met {partner}."

#: Which card was printed or saved (audit detail).
CARD_KINDS: dict[str, str] = {"klantkaart": "Klantkaart", "gelukt": "Gelukt!-kaart"}


@dataclass(frozen=True)
class _People:
    client_name: str
    phase: Phase
    counsellor_name: str
    counsellor_phone: str


def _people(session: Session, dossier: Dossier) -> _People:
    c = dossier.client
    owner = session.execute(
        select(User.full_name, User.phone).where(User.id == dossier.owner_id)
    ).one_or_none()
    return _People(
        display_name(c.first_names, c.initials, c.prefix, c.surname),
        Phase(dossier.phase),
        owner[0] if owner else "",
        owner[1] if owner else "",
    )


def _confirmed_profile(ctx: ServiceContext, dossier_id: uuid.UUID) -> object | None:
    """The klantprofiel the counsellor confirmed last (``CurrentProfile``), or None."""
    current = optional("app.services.profiles", "current_profile") or optional(
        "app.services.assessments", "current_profile"
    )
    return current(ctx, dossier_id) if current is not None else None


def _tone_of(found: object | None) -> Tone:
    code = getattr(found, "profile", None)
    return PROFILE_TONES.get(str(code), Tone.STANDARD) if code else Tone.STANDARD


def profile_tone(ctx: ServiceContext, dossier_id: uuid.UUID) -> Tone:
    """The tone that fits the klantprofiel the counsellor confirmed last (standard when none)."""
    return _tone_of(_confirmed_profile(ctx, dossier_id))


def _profile_hint(found: object | None) -> str | None:
    """The profile's first client hint that says what we do ("Wij …"); it never names the profile."""
    hints = getattr(found, "card_hints", ()) or ()
    return next((h for h in hints if isinstance(h, str) and h.startswith("Wij ") and _fits(h)), None)


def _fits(text: str) -> bool:
    return bool(text.strip()) and len(text) <= MAX_CARD_STEP_CHARS


def municipality_steps(ctx: ServiceContext, dossier_id: uuid.UUID, phase: Phase, today: date) -> list[str]:
    """At most three things the municipality does next, from the phase and the traject."""
    steps: list[str] = []
    deadlines = optional("app.services.traject", "dossier_deadlines")
    if deadlines is not None and phase in (Phase.APPLICATION, Phase.INTAKE):
        for deadline in deadlines(ctx, dossier_id, today):
            if deadline.kind == "decision" and deadline.met_on is None and deadline.due_on >= today:
                steps.append(DECISION_STEP.format(date=format_date_nl(deadline.due_on)))
    steps.extend(MUNICIPALITY_STEPS.get(phase, ()))
    agreements = optional("app.services.traject", "stabilisation_agreements")
    if agreements is not None and phase in (Phase.STABILISATION, Phase.LONG_TERM_SERVICE):
        running = [a for a in agreements(ctx, dossier_id) if getattr(a, "closed_on", None) is None]
        ends = [getattr(a, "extended_until", None) or a.ends_on for a in running]
        if ends and max(ends) >= today:
            steps.insert(0, STABILISATION_STEP.format(date=format_date_nl(max(ends))))
    referrals = optional("app.services.referrals", "dossier_referrals")
    if referrals is not None:
        for referral in referrals(ctx, dossier_id):
            if referral.open:
                steps.append(REFERRAL_STEP.format(partner=referral.partner_name))
    unique = list(dict.fromkeys(s for s in steps if _fits(s)))
    return unique[:MAX_CARD_STEPS]


def _appointment(ctx: ServiceContext, dossier_id: uuid.UUID) -> Appointment | None:
    found = next_appointment(ctx, dossier_id)
    if found is None:
        return None
    return Appointment(
        found.day, found.starts_at, found.place or "Bij de gemeente", found.counsellor_name or None
    )


def _due(today: date, index: int, appointment: Appointment | None) -> date:
    """A concrete day for the ``index``-th step, never after the next appointment."""
    day = add_workdays(today, STEP_WORKDAYS * (index + 1))
    if appointment is not None and today < appointment.day < day:
        return appointment.day
    return day


def card_request(
    ctx: ServiceContext, dossier_id: uuid.UUID, *, tone: Tone | None = None, on: date | None = None
) -> CardRequest:
    """Build the klantkaart of a dossier; ``tone`` overrides the one from the klantprofiel."""
    today = on or today_local()
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        people = _people(session, dossier)
        municipality_phone = letterhead(session).phone
    profile = _confirmed_profile(ctx, dossier_id)
    chosen = tone if tone is not None else _tone_of(profile)
    appointment = _appointment(ctx, dossier_id)
    check_in = add_workdays(today, CHECK_IN_WORKDAYS[chosen]) if chosen in CHECK_IN_WORKDAYS else None
    sentences = [s for s in (bring_sentences(ctx, dossier_id) or []) if _fits(s)][:MAX_CARD_STEPS]
    dues: list[date | None] = [None] * len(sentences)
    if chosen is Tone.CHECK_IN:
        dues = [_due(today, i, appointment) for i in range(len(sentences))]
    steps = municipality_steps(ctx, dossier_id, people.phase, today)
    if appointment is not None and people.phase is Phase.APPLICATION:
        steps = [s for s in steps if s not in MUNICIPALITY_STEPS[Phase.APPLICATION]]
    hint = _profile_hint(profile)
    if hint is not None and len(steps) < MAX_CARD_STEPS and people.phase not in ENDED:
        steps.append(hint)
    return CardRequest(
        client_name=people.client_name,
        card_date=today,
        current_phase=people.phase,
        next_steps=tuple(NextStep(text, due) for text, due in zip(sentences, dues, strict=True)),
        municipality_steps=tuple(steps),
        contact_name=people.counsellor_name or "Team Schuldhulpverlening",
        contact_phone=people.counsellor_phone or municipality_phone,
        appointment=appointment,
        tone=chosen,
        check_in_date=check_in,
    )


def render_card_pdf(ctx: ServiceContext, dossier_id: uuid.UUID, *, tone: Tone | None = None) -> bytes:
    """The klantkaart as a one-page A5 PDF (not audited: see ``record_output``)."""
    request = card_request(ctx, dossier_id, tone=tone)
    with ctx.db.read() as session:
        head = letterhead(session)
    from app.documents.cards import render_card  # ReportLab: imported when a card is printed

    return render_card(head, request)


def _finished_step(session: Session, dossier: Dossier) -> str | None:
    """The main-line step the client finished last, as the card's step map names it."""
    moves = session.execute(
        select(PhaseTransition.from_phase, PhaseTransition.to_phase)
        .where(PhaseTransition.dossier_id == dossier.id, PhaseTransition.deleted_at.is_(None))
        .order_by(PhaseTransition.moved_on.desc(), PhaseTransition.created_at.desc())
    )
    for before, after in moves:
        if before is None:
            continue
        old, new = client_step(before), client_step(after)
        if old is not None and new is not None and MAIN_LINE.index(new) > MAIN_LINE.index(old):
            return CLIENT_STEP_LABELS[old]
    return None


def success_suggestions(ctx: ServiceContext, dossier_id: uuid.UUID) -> list[str]:
    """Texts the counsellor can pick for a "Gelukt!" card (the last finished step first)."""
    with ctx.db.read() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        step = _finished_step(session, dossier)
    suggestions = [f"U heeft de stap '{step}' afgerond."] if step else []
    suggestions += [
        "U heeft al uw papieren gebracht.",
        "U bent naar het gesprek gekomen.",
        "U heeft uw post geopend en meegenomen.",
    ]
    return suggestions


def success_request(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    achievement: str,
    *,
    next_step: str | None = None,
    tone: Tone | None = None,
    on: date | None = None,
) -> SuccessCardRequest:
    """Build a "Gelukt!" card; ``next_step`` defaults to the klantkaart's first next step."""
    text = achievement.strip()
    if not text:
        raise ValidationError({"achievement": "Schrijf op wat er gelukt is."})
    if len(text) > MAX_CARD_STEP_CHARS:
        raise ValidationError(
            {"achievement": f"Houd het kort: hoogstens {MAX_CARD_STEP_CHARS} tekens (nu {len(text)})."}
        )
    card = card_request(ctx, dossier_id, tone=tone, on=on)
    following = (next_step or "").strip() or (card.next_steps[0].text if card.next_steps else None)
    if following is not None and len(following) > MAX_CARD_STEP_CHARS:
        raise ValidationError(
            {"next_step": f"Houd de volgende stap kort: hoogstens {MAX_CARD_STEP_CHARS} tekens."}
        )
    return SuccessCardRequest(
        client_name=card.client_name,
        card_date=card.card_date,
        achievement=text,
        current_phase=card.current_phase,
        counsellor_name=card.contact_name,
        next_step=following,
        contact_phone=card.contact_phone,
        tone=card.tone,
    )


def render_success_pdf(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    achievement: str,
    *,
    next_step: str | None = None,
    tone: Tone | None = None,
) -> bytes:
    """The "Gelukt!" card as an A5 PDF (not audited: see ``record_output``)."""
    request = success_request(ctx, dossier_id, achievement, next_step=next_step, tone=tone)
    with ctx.db.read() as session:
        head = letterhead(session)
    from app.documents.cards import render_success_card

    return render_success_card(head, request)


def record_output(
    ctx: ServiceContext,
    dossier_id: uuid.UUID,
    card: str,
    action: str = "print",
    details: Mapping[str, str] | None = None,
) -> None:
    """Write the audit line for a card that was printed (``action="print"``) or saved (``"export"``)."""
    if card not in CARD_KINDS or action not in {"print", "export"}:
        raise ValueError(f"unknown card output {card!r}/{action!r}")
    with ctx.db.begin() as session:
        dossier = load_dossier(session, dossier_id)
        require_dossier_access(session, ctx, dossier, write=False)
        audit.log(session, ctx, action, "card", dossier.id, details={"card": card, **(details or {})})
