"""traject: urgency and terms, stabilisation agreements, appointments, partners, referrals, support

Revision ID: 0002_traject
Revises: 0001
Create Date: 2026-11-30 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.base


revision: str = '0002_traject'
down_revision: str | None = '0001'
branch_labels: Sequence[str] | None = ('traject',)
depends_on: Sequence[str] | None = None


def _tracked() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=64), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    ]


def _dossier_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f(f'fk_{table}_dossier_id_dossiers'),
                                   ondelete='CASCADE')


def upgrade() -> None:
    op.create_table('dossier_urgency',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('threat_kinds', sa.String(length=300), nullable=False),
    sa.Column('threat_reported_on', sa.Date(), nullable=True),
    sa.Column('first_conversation_on', sa.Date(), nullable=True),
    sa.Column('decision_sent_on', sa.Date(), nullable=True),
    *_tracked(),
    _dossier_fk('dossier_urgency'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_urgency'))
    )
    with op.batch_alter_table('dossier_urgency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_urgency_dossier_id'), ['dossier_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_dossier_urgency_first_conversation_on'), ['first_conversation_on'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_dossier_urgency_decision_sent_on'), ['decision_sent_on'], unique=False)

    op.create_table('stabilisation_agreements',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('extended_until', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('creditors_note', sa.Text(), nullable=False),
    *_tracked(),
    _dossier_fk('stabilisation_agreements'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stabilisation_agreements'))
    )
    with op.batch_alter_table('stabilisation_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stabilisation_agreements_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stabilisation_agreements_ends_on'), ['ends_on'], unique=False)

    op.create_table('appointments',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('counsellor_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('status_note', sa.Text(), nullable=False),
    sa.Column('complex_talk', sa.Boolean(), nullable=False),
    sa.Column('reminder_wanted', sa.Boolean(), nullable=False),
    sa.Column('reminder_sent', sa.Boolean(), nullable=False),
    sa.Column('practical_note', sa.Text(), nullable=False),
    *_tracked(),
    _dossier_fk('appointments'),
    sa.ForeignKeyConstraint(['counsellor_id'], ['users.id'], name=op.f('fk_appointments_counsellor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments'))
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointments_counsellor_id'), ['counsellor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_day'), ['day'], unique=False)
        batch_op.create_index('ix_appointments_dossier_id_status_day', ['dossier_id', 'status', 'day'], unique=False)

    op.create_table('partners',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('contact_person', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    *_tracked(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners'))
    )
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partners_name'), ['name'], unique=False)

    op.create_table('referrals',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('partner_id', sa.Uuid(), nullable=False),
    sa.Column('referred_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('warm_handover', sa.Boolean(), nullable=False),
    sa.Column('partner_appointment_on', sa.Date(), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=False),
    sa.Column('feedback', sa.Text(), nullable=False),
    sa.Column('feedback_on', sa.Date(), nullable=True),
    sa.Column('referred_by', sa.String(length=64), nullable=False),
    *_tracked(),
    _dossier_fk('referrals'),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_referrals_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_follow_up_on'), ['follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_partner_id'), ['partner_id'], unique=False)

    op.create_table('support_products',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('product', sa.String(length=40), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    *_tracked(),
    _dossier_fk('support_products'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_products'))
    )
    with op.batch_alter_table('support_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_products_dossier_id'), ['dossier_id'], unique=False)

    # Per-dossier lookups of the first move into a phase (Signalen, reports).
    with op.batch_alter_table('phase_transitions', schema=None) as batch_op:
        batch_op.create_index('ix_phase_transitions_dossier_id_to_phase', ['dossier_id', 'to_phase', 'moved_on'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('phase_transitions', schema=None) as batch_op:
        batch_op.drop_index('ix_phase_transitions_dossier_id_to_phase')
    for table in ('support_products', 'referrals', 'partners', 'appointments', 'stabilisation_agreements',
                  'dossier_urgency'):
        op.drop_table(table)
