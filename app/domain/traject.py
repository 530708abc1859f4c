"""The traject around a dossier: urgency and terms, agreements, appointments, referrals, support.

Source: Wgs art. 4 and 4a (melding, bedreigende situatie, first conversation = application,
decision term); NVVK practice (stabilisatieovereenkomst 4 + 4 months); DOMAIN.md (sociale
partners, warme overdracht, huisbezoek); seed 001 (stress-sensitive appointments); DDAS
``begeleiding`` (support products).
"""

from __future__ import annotations

import uuid
from datetime import date, time
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Tracked
from app.domain.dossiers import PhaseTransition


class DossierUrgency(Tracked, Base):
    """The dates that drive a dossier's legal terms (one row per dossier, made when first needed).

    The melding date itself is ``Dossier.reported_on``. ``threat_kinds`` holds comma-separated
    codes: a ``ThreatKind`` or a municipal extra from the setting ``threats.extra``.
    ``first_conversation_on`` is the day the application arose (Wgs art. 4a);
    ``decision_sent_on`` the day the toelatings- or afwijzingsbeschikking was sent.
    """

    __tablename__ = "dossier_urgency"

    dossier_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), unique=True, index=True
    )
    threat_kinds: Mapped[str] = mapped_column(String(300), default="")
    threat_reported_on: Mapped[date | None] = mapped_column(default=None)
    first_conversation_on: Mapped[date | None] = mapped_column(default=None, index=True)
    decision_sent_on: Mapped[date | None] = mapped_column(default=None, index=True)


class StabilisationAgreement(Tracked, Base):
    """A stabilisatieovereenkomst: creditors pause collection for 4 months, extendable once by 4."""

    __tablename__ = "stabilisation_agreements"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column()
    ends_on: Mapped[date] = mapped_column(index=True)
    extended_until: Mapped[date | None] = mapped_column(default=None)
    closed_on: Mapped[date | None] = mapped_column(default=None)
    creditors_note: Mapped[str] = mapped_column(Text, default="")


class AppointmentKind(StrEnum):
    """Kinds of appointment; Dutch labels in ``APPOINTMENT_KIND_LABELS``."""

    INTAKE = "intake"
    HOME_VISIT = "home_visit"
    CONSULTATION_HOUR = "consultation_hour"
    PHONE = "phone"


APPOINTMENT_KIND_LABELS: dict[str, str] = {
    AppointmentKind.INTAKE: "Intake",
    AppointmentKind.HOME_VISIT: "Huisbezoek",
    AppointmentKind.CONSULTATION_HOUR: "Spreekuur",
    AppointmentKind.PHONE: "Telefonisch",
}


class AppointmentStatus(StrEnum):
    """What became of an appointment; Dutch labels in ``APPOINTMENT_STATUS_LABELS``."""

    PLANNED = "planned"
    HELD = "held"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


APPOINTMENT_STATUS_LABELS: dict[str, str] = {
    AppointmentStatus.PLANNED: "Gepland",
    AppointmentStatus.HELD: "Gehouden",
    AppointmentStatus.NO_SHOW: "Niet verschenen",
    AppointmentStatus.CANCELLED: "Afgezegd",
}


class Appointment(Tracked, Base):
    """An appointment with the client: when, where, with whom, and what became of it."""

    __tablename__ = "appointments"
    # Signalen and the reports look up a dossier's held or missed appointments: without this
    # index SQLite would search by status alone (every held appointment) for each dossier.
    __table_args__ = (Index("ix_appointments_dossier_id_status_day", "dossier_id", "status", "day"),)

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    day: Mapped[date] = mapped_column(index=True)
    starts_at: Mapped[time] = mapped_column()
    duration_minutes: Mapped[int] = mapped_column(default=60)
    place: Mapped[str] = mapped_column(String(200), default="")
    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=AppointmentStatus.PLANNED)
    status_note: Mapped[str] = mapped_column(Text, default="")
    complex_talk: Mapped[bool] = mapped_column(default=False)
    reminder_wanted: Mapped[bool] = mapped_column(default=True)
    reminder_sent: Mapped[bool] = mapped_column(default=False)
    practical_note: Mapped[str] = mapped_column(Text, default="")


class PartnerKind(StrEnum):
    """Kinds of sociale partner; Dutch labels in ``PARTNER_KIND_LABELS``."""

    SOCIAL_WORK = "social_work"
    MENTAL_HEALTH = "mental_health"
    ADDICTION_CARE = "addiction_care"
    HOUSING = "housing"
    FINANCIAL_ADMINISTRATION = "financial_administration"
    VOLUNTEERS = "volunteers"
    FOOD_BANK = "food_bank"
    WORK_AND_INCOME = "work_and_income"
    OTHER = "other"


PARTNER_KIND_LABELS: dict[str, str] = {
    PartnerKind.SOCIAL_WORK: "Maatschappelijk werk",
    PartnerKind.MENTAL_HEALTH: "GGZ",
    PartnerKind.ADDICTION_CARE: "Verslavingszorg",
    PartnerKind.HOUSING: "Woningcorporatie",
    PartnerKind.FINANCIAL_ADMINISTRATION: "Budgetbeheer en bewind",
    PartnerKind.VOLUNTEERS: "Vrijwilligers (thuisadministratie)",
    PartnerKind.FOOD_BANK: "Voedselbank",
    PartnerKind.WORK_AND_INCOME: "Werk en inkomen",
    PartnerKind.OTHER: "Overig",
}


class Partner(Tracked, Base):
    """A sociale partner in the municipality's directory."""

    __tablename__ = "partners"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class Referral(Tracked, Base):
    """A referral to a partner: why, warm or not, when to follow up and what came back."""

    __tablename__ = "referrals"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partners.id"), index=True)
    referred_on: Mapped[date] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    warm_handover: Mapped[bool] = mapped_column(default=False)
    partner_appointment_on: Mapped[date | None] = mapped_column(default=None)
    follow_up_on: Mapped[date] = mapped_column(index=True)
    feedback: Mapped[str] = mapped_column(Text, default="")
    feedback_on: Mapped[date | None] = mapped_column(default=None)
    referred_by: Mapped[str] = mapped_column(String(64), default="")


class SupportProductRecord(Tracked, Base):
    """A support product (DDAS begeleidingssoort, ``SupportProduct`` code) with its period."""

    __tablename__ = "support_products"

    dossier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dossiers.id", ondelete="CASCADE"), index=True)
    product: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date] = mapped_column()
    ends_on: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")


#: A dossier's first move into a phase (the intake date when no first conversation is recorded)
#: is looked up per dossier by Signalen; the foundation's single-column indexes make SQLite
#: search by phase alone. Created by this capability's migration (0002_traject).
Index(
    "ix_phase_transitions_dossier_id_to_phase",
    PhaseTransition.dossier_id,
    PhaseTransition.to_phase,
    PhaseTransition.moved_on,
)

#: Covering indexes for the stuurinformatie (``app.services.report_facts``): the report reads
#: every dossier's moves in order, and the missed appointments and held intakes, from these
#: indexes alone, without touching the wider table rows or sorting. Created by 0007_reports.
Index(
    "ix_phase_transitions_report",
    PhaseTransition.dossier_id,
    PhaseTransition.moved_on,
    PhaseTransition.created_at,
    PhaseTransition.to_phase,
    PhaseTransition.from_phase,
    PhaseTransition.closing_reason,
    PhaseTransition.deleted_at,
)
Index(
    "ix_appointments_report",
    Appointment.status,
    Appointment.kind,
    Appointment.dossier_id,
    Appointment.day,
    Appointment.deleted_at,
)
