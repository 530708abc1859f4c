"""Read the dossiers of a period as DDAS input (``DdasDossier``), in a few bulk queries.

The builder and the validator live in :mod:`app.export.ddas`; this module only maps Helder's
tables onto :mod:`app.export.ddas_model`. Mapping choices (DDAS v1.0 Detail Model; VraagEnAntwoord):

- Organisation: ``municipality.name``, ``.kvk_number``, ``.postcode`` (else the postcode in the
  last line of ``municipality.address``) and ``.code`` from settings; the contact person is the
  user who makes the delivery (CBS mails its "op-orde-rapport" to that address).
- Client: the client's BSN; the partner is sent as second client only in gemeenschap van
  goederen (then jointly liable for the debts). Without BSN the BRP fallback (birth date,
  postcode, house number) is sent; gender is not recorded in Helder and is left out.
- ``crisisinterventie`` = a bedreigende situatie was recorded (Wgs art. 4).
- Intake: start = the first conversation (as the stuurinformatie takes it, see
  :mod:`app.services.report_facts`); beschikkingsdatum = ``decision_sent_on`` (else the date of
  the final toelating/afwijzing letter); beschikkingssoort = afwijzing when the latest final
  decision letter is an afwijzing (without letters: when the dossier closed with "aanvraag
  afgewezen"), else toelating.
- Plan van aanpak afgerond = the final toelatingsbeschikking "met plan van aanpak", else the
  first move into stabilisation (instroom stabilisatie is "met een plan van aanpak", 004
  bijlage D); ``stabilisatie``/``nazorg`` = spans of those phases.
- Begeleiding = support products; a DFD span without a DFD product is sent as
  "Lange Termijn Begeleiding (DFD)". Voorlopige voorzieningen = stabilisatieovereenkomsten.
- Schulden: amount = balance (with its peildatum), else confirmed, reported or original amount;
  a debt without any amount is left out. The kind follows the original creditor
  (``app.rules.debts.DDAS_DEBT_KIND``). A creditor of kind "other" without KvK number is sent
  as a private person (name left out): data minimisation when in doubt (AVG art. 5(1)(c)).
  Total at the start = the reported (else original, confirmed, current) amounts.
- Schuldregeling: datum = the first proposal sent to a creditor; toegekend = the first move
  into the phase schuldregeling (akkoord). ``oplossing`` is left out: Helder does not record
  the kind of solution yet.
- Uitstroom: the last move to afgesloten or uitgevallen, with its closing reason, and the date
  of the final beëindigingsbeschikking (letter) when one was sent.
"""

from __future__ import annotations

import importlib
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.clients import Client, HouseholdMember
from app.domain.debts import Creditor, Debt
from app.domain.dossiers import Dossier
from app.domain.traject import DossierUrgency, StabilisationAgreement, SupportProductRecord
from app.domain.users import User
from app.export.ddas import phase_span
from app.export.ddas_model import (
    DdasClient,
    DdasContact,
    DdasCreditor,
    DdasDebt,
    DdasDossier,
    DdasExit,
    DdasIntake,
    DdasOrganisation,
    DdasPeriod,
    DdasSettlement,
    DdasSupport,
    DecisionKind,
)
from app.rules.debts import CreditorKind
from app.rules.kpi import Period, Transition
from app.rules.phases import ENDED, ClosingReason, Phase, SupportProduct
from app.services import settings
from app.services.context import ServiceContext, today_local
from app.services.report_facts import FactsScope, Progress, load_facts

_POSTCODE = re.compile(r"\b(\d{4}\s?[A-Z]{2})\b")


def _setting_text(session: Session, key: str) -> str:
    value = settings.get_value(session, key)
    return str(value).strip() if isinstance(value, str | int) else ""


def organisation(session: Session, ctx: ServiceContext) -> DdasOrganisation:
    """Return the aanleverende organisatie from settings, with the current user as contact."""
    postcode = _setting_text(session, "municipality.postcode")
    if not postcode:
        address = settings.get_value(session, "municipality.address")
        lines = address if isinstance(address, list) else [address] if isinstance(address, str) else []
        for line in reversed([str(x) for x in lines]):
            if found := _POSTCODE.search(line.upper()):
                postcode = found.group(1)
                break
    user = session.execute(
        select(User.full_name, User.email, User.job_title, User.phone).where(User.id == ctx.user.id)
    ).one_or_none()
    contacts = (
        (
            DdasContact(
                name=user[0] or None, email=user[1] or None, job_title=user[2] or None, phone=user[3] or None
            ),
        )
        if user is not None
        else ()
    )
    return DdasOrganisation(
        name=_setting_text(session, "municipality.name") or "Gemeente",
        kvk_number=_setting_text(session, "municipality.kvk_number") or None,
        postcode=postcode or None,
        municipality_code=_setting_text(session, "municipality.code") or None,
        contacts=contacts,
    )


def _clients(person: tuple[Any, ...], partner: tuple[str, date | None] | None) -> tuple[DdasClient, ...]:
    bsn, birth, postcode, number, suffix, regime = person
    main = DdasClient(
        bsn=bsn or None,
        birth_date=None if bsn else birth,
        postcode=None if bsn else (postcode or None),
        house_number=None if bsn else (number or None),
        house_number_suffix=None if bsn else (suffix or None),
    )
    if partner is None or regime != "community":
        return (main,)
    partner_bsn, partner_birth = partner
    if partner_bsn:
        return (main, DdasClient(bsn=partner_bsn))
    if partner_birth is not None:
        return (
            main,
            DdasClient(
                birth_date=partner_birth,
                postcode=postcode or None,
                house_number=number or None,
                house_number_suffix=suffix or None,
            ),
        )
    return (main,)


def _first_known(*amounts: int | None) -> int | None:
    for amount in amounts:
        if amount is not None:
            return amount
    return None


def _debt(row: tuple[Any, ...]) -> tuple[DdasDebt, int] | None:
    (balance, balance_on, confirmed, reported, original, business, name, kind, kvk, postcode) = row
    amount = _first_known(balance, confirmed, reported, original)
    if amount is None:
        return None
    at_start = _first_known(reported, original, confirmed, balance) or 0  # one of them is known (amount)
    try:
        creditor_kind = CreditorKind(kind)
    except ValueError:
        creditor_kind = CreditorKind.OTHER
    private = creditor_kind == CreditorKind.OTHER and not kvk
    creditor = (
        DdasCreditor(private_person=True)
        if private
        else DdasCreditor(name=name or None, kvk_number=kvk or None, postcode=postcode or None)
    )
    debt = DdasDebt(
        amount_cents=amount,
        creditor_kind=creditor_kind.value,
        reference_date=balance_on if balance is not None else None,
        business=business,
        creditor=creditor,
    )
    return debt, at_start


def _last_exit(transitions: Iterable[Transition], termination_on: date | None) -> DdasExit | None:
    """The last move to afgesloten or uitgevallen, with the beëindigingsbeschikking sent for it."""
    last: DdasExit | None = None
    for t in transitions:
        if t.to_phase in ENDED:
            last = DdasExit(t.on, t.closing_reason or ClosingReason.OTHER.value)
    if last is not None and termination_on is not None:
        last = DdasExit(last.on, last.reason, termination_decision_on=termination_on)
    return last


#: Letter kinds (``app.documents.templates``) that are decisions DDAS reports.
_DECISION_LETTERS = ("toelating", "afwijzing", "beeindiging")


def _decision_letters(session: Session, wanted: set[uuid.UUID]) -> dict[uuid.UUID, dict[str, date]]:
    """Return per dossier the date of the latest *final* letter of each decision kind.

    The letters capability is optional: without it the result is empty and the dates from
    ``dossier_urgency`` and the closing reason are used alone.
    """
    try:
        module = importlib.import_module("app.domain.letters")
    except ModuleNotFoundError:
        return {}
    letter: Any = getattr(module, "Letter", None)
    if letter is None:
        return {}
    found: dict[uuid.UUID, dict[str, date]] = defaultdict(dict)
    for key, kind, on in session.execute(
        select(letter.dossier_id, letter.kind, letter.letter_date).where(
            letter.status == "final", letter.deleted_at.is_(None), letter.kind.in_(_DECISION_LETTERS)
        )
    ):
        if key in wanted and (kind not in found[key] or on > found[key][kind]):
            found[key][kind] = on
    return found


def _first(transitions: Iterable[Transition], phase: str) -> date | None:
    return next((t.on for t in transitions if t.to_phase == phase), None)


def _group(session: Session, query: Any, wanted: set[uuid.UUID]) -> dict[Any, list[tuple[Any, ...]]]:
    grouped: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
    for key, *rest in session.execute(query):
        if key in wanted:
            grouped[key].append(tuple(rest))
    return grouped


def load_ddas_dossiers(
    session: Session, period: Period, progress: Progress | None = None
) -> list[tuple[str, DdasDossier]]:
    """Return ``(dossier number, DdasDossier)`` for every dossier that can overlap ``period``.

    The caller keeps those that overlap (``app.export.ddas.in_delivery``). Source: DDAS v1.0;
    RULES.md §7; the mapping in the module docstring.
    """
    facts = {f.dossier_id: f for f in load_facts(session, period, FactsScope(), progress)}
    wanted = {uuid.UUID(key) for key in facts}
    today = today_local()
    # Tables are read whole and filtered here, as in ``load_facts`` (faster than IN on SQLite).
    people = [
        row
        for row in session.execute(
            select(
                Dossier.id,
                Dossier.number,
                Dossier.client_id,
                Client.bsn,
                Client.birth_date,
                Client.postcode,
                Client.house_number,
                Client.house_number_suffix,
                Client.marital_regime,
            )
            .join(Client, Client.id == Dossier.client_id)
            .where(Dossier.deleted_at.is_(None))
        )
        if row[0] in wanted
    ]
    clients = {row[2] for row in people}
    partners: dict[Any, tuple[str, date | None]] = {}
    for client_id, bsn, birth in session.execute(
        select(HouseholdMember.client_id, HouseholdMember.bsn, HouseholdMember.birth_date).where(
            HouseholdMember.kind == "partner", HouseholdMember.deleted_at.is_(None)
        )
    ):
        if client_id in clients:
            partners[client_id] = (bsn, birth)
    urgency = {
        key: (kinds, sent)
        for key, kinds, sent in session.execute(
            select(
                DossierUrgency.dossier_id, DossierUrgency.threat_kinds, DossierUrgency.decision_sent_on
            ).where(DossierUrgency.deleted_at.is_(None))
        )
        if key in wanted
    }
    products = _group(
        session,
        select(
            SupportProductRecord.dossier_id,
            SupportProductRecord.product,
            SupportProductRecord.starts_on,
            SupportProductRecord.ends_on,
        ).where(SupportProductRecord.deleted_at.is_(None)),
        wanted,
    )
    agreements = _group(
        session,
        select(
            StabilisationAgreement.dossier_id,
            StabilisationAgreement.starts_on,
            StabilisationAgreement.ends_on,
            StabilisationAgreement.extended_until,
            StabilisationAgreement.closed_on,
        )
        .where(StabilisationAgreement.deleted_at.is_(None))
        .order_by(StabilisationAgreement.starts_on),
        wanted,
    )
    debts = _group(
        session,
        select(
            Debt.dossier_id,
            Debt.balance_cents,
            Debt.balance_on,
            Debt.confirmed_cents,
            Debt.reported_cents,
            Debt.original_cents,
            Debt.business,
            Creditor.name,
            Creditor.kind,
            Creditor.kvk_number,
            Creditor.postcode,
        )
        .join(Creditor, Creditor.id == Debt.creditor_id)
        .where(Debt.deleted_at.is_(None))
        .order_by(Debt.created_at),
        wanted,
    )
    proposals: dict[Any, date | None] = {
        key: first
        for key, first in session.execute(
            select(Debt.dossier_id, func.min(Debt.proposal_on))
            .where(Debt.deleted_at.is_(None), Debt.proposal_on.is_not(None))
            .group_by(Debt.dossier_id)
        )
        if key in wanted
    }

    decisions = _decision_letters(session, wanted)

    result: list[tuple[str, DdasDossier]] = []
    for dossier_id, number, client_id, *person in people:
        fact = facts.get(str(dossier_id))
        if fact is None:
            continue
        transitions = tuple(sorted(fact.transitions, key=lambda t: t.on))
        kinds, decision_on = urgency.get(dossier_id, ("", None))
        letters = decisions.get(dossier_id, {})
        exit_ = _last_exit(transitions, letters.get("beeindiging"))
        parsed = [x for x in map(_debt, debts.get(dossier_id, [])) if x is not None]
        result.append(
            (
                number,
                DdasDossier(
                    application_on=fact.melding_on,
                    clients=_clients(tuple(person), partners.get(client_id)),
                    crisis=bool(kinds),
                    intake=_intake(fact.intake_held_on, decision_on, exit_, letters),
                    action_plan_completed_on=letters.get("toelating")
                    or _first(transitions, Phase.STABILISATION),
                    stabilisation=phase_span(transitions, Phase.STABILISATION),
                    supports=_supports(products.get(dossier_id, []), transitions),
                    provisional_measures=_agreements(agreements.get(dossier_id, []), today),
                    debts=tuple(d for d, _ in parsed),
                    total_debt_at_start_cents=sum(s for _, s in parsed) if parsed else None,
                    settlement=_settlement(proposals.get(dossier_id), _first(transitions, Phase.SETTLEMENT)),
                    aftercare=phase_span(transitions, Phase.AFTERCARE),
                    exit=exit_,
                ),
            )
        )
    return result


def _intake(
    first: date | None, decision_on: date | None, exit_: DdasExit | None, letters: dict[str, date]
) -> DdasIntake | None:
    """The intake block: the first conversation up to the decision on the application.

    The kind: afwijzing when the latest final decision letter is an afwijzing (or, without
    letters, when the dossier closed with "aanvraag afgewezen"), else toelating.
    """
    if first is None:
        return None
    admitted, refused_on = letters.get("toelating"), letters.get("afwijzing")
    if refused_on is not None and (admitted is None or refused_on >= admitted):
        refused = True
    elif admitted is not None:
        refused = False
    else:
        refused = exit_ is not None and exit_.reason == ClosingReason.APPLICATION_REFUSED
    decision_on = decision_on or (refused_on if refused else admitted)
    if decision_on is not None and decision_on < first:
        decision_on = None  # a decision before the conversation cannot be right: leave it out
    kind = DecisionKind.REFUSAL if refused else DecisionKind.ADMISSION
    return DdasIntake(start=first, decision_on=decision_on, decision_kind=kind.value if decision_on else None)


def _supports(rows: list[tuple[Any, ...]], transitions: tuple[Transition, ...]) -> tuple[DdasSupport, ...]:
    supports = [DdasSupport(code, start, end) for code, start, end in rows]
    if not any(s.product == SupportProduct.LONG_TERM_SERVICE for s in supports):
        span = phase_span(transitions, Phase.LONG_TERM_SERVICE)
        if span is not None and span.start is not None:
            supports.append(DdasSupport(SupportProduct.LONG_TERM_SERVICE.value, span.start, span.end))
    return tuple(sorted(supports, key=lambda s: (s.start, s.product)))


def _agreements(rows: list[tuple[Any, ...]], today: date) -> tuple[DdasPeriod, ...]:
    """Stabilisatieovereenkomsten as voorlopige voorzieningen: ended when closed or past their end."""
    spans = []
    for start, planned, extended, closed in rows:
        end = extended or planned
        spans.append(DdasPeriod(start, closed or (end if end <= today else None)))
    return tuple(spans)


def _settlement(submitted: date | None, granted: date | None) -> DdasSettlement | None:
    if submitted is None and granted is None:
        return None
    return DdasSettlement(submitted_on=submitted, granted_on=granted)
