"""What Helder already knows for a new letter: field values and recipients taken from the dossier.

Reads other capabilities through their services (traject, referrals, budget, agenda,
voorlegger, debts). Each source is optional: when a capability is not installed (its module
or function is missing) the field is simply left for the counsellor to fill in.

Source: Wgs art. 4a (the plan van aanpak: help question, support offered, referrals,
conditions, and it respects the beslagvrije voet).
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from app.documents import FieldValue
from app.services.context import ServiceContext, today_local
from app.services.dossier_views import ClientView, DossierDetail

#: Conditions most plans van aanpak hold; the counsellor edits them per client.
DEFAULT_CONDITIONS: tuple[str, ...] = (
    "U maakt geen nieuwe schulden.",
    "U geeft veranderingen in uw inkomen of uitgaven meteen aan ons door.",
    "U komt naar de afspraken. Kunt u niet? Dan belt u ons vooraf.",
)

#: What to bring when the voorlegger cannot say it more precisely.
DEFAULT_BRING_ITEMS: tuple[str, ...] = (
    "Uw identiteitsbewijs (paspoort, ID-kaart of rijbewijs).",
    "De afschriften van uw bankrekeningen van de laatste 3 maanden.",
    "Alle brieven over schulden, ook de brieven die nog dicht zijn.",
)

#: Days a creditor gets to answer a stabilisatieovereenkomst.
CREDITOR_REPLY_DAYS = 14


@dataclass(frozen=True)
class RecipientForm:
    """Who the letter is addressed to (name and address as printed in the envelope window)."""

    name: str
    address_lines: tuple[str, ...]
    salutation: str = ""


@dataclass(frozen=True)
class RecipientOption:
    """A recipient to choose from, with field values that belong to that recipient."""

    label: str
    recipient: RecipientForm
    fields: dict[str, FieldValue] = field(default_factory=dict)


def optional(module: str, name: str) -> Callable[..., Any] | None:
    """Return ``module.name`` when that capability is installed, else None."""
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return found if callable(found) else None


def client_recipient(client: ClientView) -> RecipientForm:
    """The client as addressee: formal name, street and place; "Geachte S. Willems,"."""
    lines = client.address_lines or ("(adres onbekend)",)
    return RecipientForm(client.formal_name, tuple(lines), client.formal_name)


def first_conversation(ctx: ServiceContext, dossier_id: uuid.UUID) -> date | None:
    """The day the application arose (recorded, else the held intake or the move to intake)."""
    get = optional("app.services.traject", "get_urgency")
    if get is None:
        return None
    urgency = get(ctx, dossier_id)
    found = getattr(urgency, "first_conversation_effective", None) or getattr(
        urgency, "first_conversation_on", None
    )
    return found if isinstance(found, date) else None


def _support_lines(ctx: ServiceContext, dossier_id: uuid.UUID, on: date) -> tuple[str, ...]:
    get = optional("app.services.referrals", "dossier_support_products")
    if get is None:
        return ()
    lines = []
    for product in get(ctx, dossier_id):
        if product.ends_on is not None and product.ends_on < on:
            continue
        note = f": {product.note.strip()}" if product.note.strip() else ""
        lines.append(f"{product.product_label}{note}")
    return tuple(dict.fromkeys(lines))


def _referral_lines(ctx: ServiceContext, dossier_id: uuid.UUID) -> tuple[str, ...]:
    get = optional("app.services.referrals", "dossier_referrals")
    if get is None:
        return ()
    lines = []
    for referral in sorted(get(ctx, dossier_id), key=lambda r: r.referred_on):
        reason = f": {referral.reason.strip()}" if referral.reason.strip() else ""
        lines.append(f"{referral.partner_name} ({referral.partner_kind_label}){reason}")
    return tuple(lines)


def garnishment_free_cents(ctx: ServiceContext, dossier_id: uuid.UUID) -> int | None:
    """The beslagvrije voet of the budget plan in force (official amount, else the indication)."""
    get = optional("app.services.budgets", "current_plan")
    if get is None:
        return None
    plan = get(ctx, dossier_id)
    if plan is None:
        return None
    cents = getattr(getattr(plan.assessment, "garnishment", None), "effective_cents", None)
    return cents if isinstance(cents, int) and cents > 0 else None


def next_appointment(ctx: ServiceContext, dossier_id: uuid.UUID, kinds: frozenset[str] | None = None) -> Any:
    """The first planned appointment from today on (an ``AppointmentView``), or None."""
    get = optional("app.services.agenda", "dossier_appointments")
    if get is None:
        return None
    today = today_local()
    planned = [
        a
        for a in get(ctx, dossier_id)
        if a.status == "planned" and a.day >= today and (kinds is None or a.kind in kinds)
    ]
    return min(planned, key=lambda a: (a.day, a.starts_at), default=None)


def bring_sentences(ctx: ServiceContext, dossier_id: uuid.UUID, limit: int | None = None) -> list[str] | None:
    """The voorlegger's B1 sentences for what the client still brings (None: no voorlegger)."""
    get = optional("app.services.voorlegger", "client_sentences_for_open_items")
    if get is None:
        return None
    return list(get(ctx, dossier_id, limit))


def prefill(
    ctx: ServiceContext, detail: DossierDetail, kind: str, letter_date: date
) -> dict[str, FieldValue]:
    """Field values for a new letter of ``kind`` from what the dossier already holds."""
    values: dict[str, FieldValue] = {}
    first = first_conversation(ctx, detail.id)
    if kind in {"toelating", "afwijzing"} and first is not None and first <= letter_date:
        values["first_conversation_date"] = first
    if kind == "uitnodiging":
        meeting = next_appointment(ctx, detail.id)
        if meeting is not None:
            values["meeting_date"] = meeting.day
            values["meeting_time"] = meeting.starts_at
            if meeting.place:
                values["meeting_place"] = meeting.place
        bring = bring_sentences(ctx, detail.id, 8)
        values["bring_items"] = tuple(bring) if bring else DEFAULT_BRING_ITEMS
    elif kind == "toelating":
        if detail.help_question.strip():
            values["help_question"] = detail.help_question.strip()
        if support := _support_lines(ctx, detail.id, letter_date):
            values["support"] = support
        if referrals := _referral_lines(ctx, detail.id):
            values["referrals"] = referrals
        values["conditions"] = DEFAULT_CONDITIONS
        if (cents := garnishment_free_cents(ctx, detail.id)) is not None:
            values["garnishment_free_amount"] = cents
    elif kind == "beeindiging":
        values["help_started"] = first or detail.reported_on
        values["end_date"] = letter_date
    elif kind == "stabilisatieovereenkomst":
        values["client_name"] = " ".join(
            p for p in (detail.client.first_names, detail.client.prefix, detail.client.surname) if p
        )
        if detail.client.birth_date is not None:
            values["client_birth_date"] = detail.client.birth_date
        values["reply_before"] = letter_date + timedelta(days=CREDITOR_REPLY_DAYS)
        values.update(_stabilisation_dates(ctx, detail.id))
    return values


def _stabilisation_dates(ctx: ServiceContext, dossier_id: uuid.UUID) -> dict[str, FieldValue]:
    get = optional("app.services.traject", "stabilisation_agreements")
    if get is None:
        return {}
    agreements = [a for a in get(ctx, dossier_id) if getattr(a, "closed_on", None) is None]
    if not agreements:
        return {}
    latest = max(agreements, key=lambda a: a.starts_on)
    end = getattr(latest, "extended_until", None) or latest.ends_on
    return {"stabilisation_start": latest.starts_on, "stabilisation_end": end}


def recipient_options(ctx: ServiceContext, detail: DossierDetail, kind: str) -> list[RecipientOption]:
    """Who a letter of ``kind`` can go to: the client, or for a stabilisatieovereenkomst the creditors.

    A creditor whose debt is with a deurwaarder or incassobureau gets the letter there, with
    that party's reference.
    """
    if kind != "stabilisatieovereenkomst":
        return [RecipientOption(detail.client.display_name, client_recipient(detail.client))]
    overview = optional("app.services.debts", "debt_overview")
    creditor = optional("app.services.creditors", "get_creditor")
    if overview is None or creditor is None:
        return []
    options: dict[uuid.UUID, RecipientOption] = {}
    for debt in overview(ctx, detail.id).debts:
        form = debt.form
        party, reference = form.creditor_id, form.creditor_reference
        if form.bailiff_id is not None:
            party, reference = form.bailiff_id, form.bailiff_reference or reference
        elif form.collection_agency_id is not None:
            party, reference = form.collection_agency_id, form.collection_agency_reference or reference
        if party in options:
            continue
        view = creditor(ctx, party)
        lines = tuple(view.address_lines) or ("(adres onbekend)",)
        fields: dict[str, FieldValue] = {"creditor_reference": reference} if reference.strip() else {}
        options[party] = RecipientOption(view.name, RecipientForm(view.name, lines[:4]), fields)
    return sorted(options.values(), key=lambda o: o.label.casefold())
