"""debts and budget: creditor directory, debts per dossier, dated budget plans with lines

Revision ID: 0004_debts_budget
Revises: 0001
Create Date: 2026-11-30 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.base


revision: str = '0004_debts_budget'
down_revision: str | None = '0001'
branch_labels: Sequence[str] | None = ('debts',)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('creditors',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('street', sa.String(length=200), nullable=False),
    sa.Column('postcode', sa.String(length=7), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('kvk_number', sa.String(length=8), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_creditors'))
    )
    with op.batch_alter_table('creditors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_creditors_name'), ['name'], unique=False)

    op.create_table('budget_plans',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('living_allowance_week_cents', sa.Integer(), nullable=False),
    sa.Column('official_garnishment_free_cents', sa.Integer(), nullable=True),
    sa.Column('official_garnishment_free_on', sa.Date(), nullable=True),
    sa.Column('official_garnishment_free_source', sa.String(length=200), nullable=False),
    sa.Column('vtlb_cents', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_budget_plans_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_plans'))
    )
    with op.batch_alter_table('budget_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_plans_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('debts',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('creditor_id', sa.Uuid(), nullable=False),
    sa.Column('creditor_reference', sa.String(length=60), nullable=False),
    sa.Column('collection_agency_id', sa.Uuid(), nullable=True),
    sa.Column('collection_agency_reference', sa.String(length=60), nullable=False),
    sa.Column('bailiff_id', sa.Uuid(), nullable=True),
    sa.Column('bailiff_reference', sa.String(length=60), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('debt_type', sa.String(length=20), nullable=False),
    sa.Column('original_cents', sa.Integer(), nullable=True),
    sa.Column('reported_cents', sa.Integer(), nullable=True),
    sa.Column('confirmed_cents', sa.Integer(), nullable=True),
    sa.Column('balance_cents', sa.Integer(), nullable=True),
    sa.Column('balance_on', sa.Date(), nullable=True),
    sa.Column('origin_on', sa.Date(), nullable=True),
    sa.Column('is_fine', sa.Boolean(), nullable=False),
    sa.Column('excluded_from_settlement', sa.Boolean(), nullable=False),
    sa.Column('verification', sa.String(length=20), nullable=False),
    sa.Column('collection_stage', sa.String(length=20), nullable=True),
    sa.Column('garnishment_kind', sa.String(length=20), nullable=True),
    sa.Column('garnishment_since', sa.Date(), nullable=True),
    sa.Column('garnishment_month_cents', sa.Integer(), nullable=True),
    sa.Column('proposal_cents', sa.Integer(), nullable=True),
    sa.Column('proposal_on', sa.Date(), nullable=True),
    sa.Column('proposal_answer', sa.String(length=20), nullable=True),
    sa.Column('proposal_answer_on', sa.Date(), nullable=True),
    sa.Column('business', sa.Boolean(), nullable=False),
    sa.Column('priority', sa.Boolean(), nullable=False),
    sa.Column('threat', sa.String(length=20), nullable=True),
    sa.Column('correspondence', sa.String(length=20), nullable=False),
    sa.Column('correspondence_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['bailiff_id'], ['creditors.id'], name=op.f('fk_debts_bailiff_id_creditors')),
    sa.ForeignKeyConstraint(['collection_agency_id'], ['creditors.id'], name=op.f('fk_debts_collection_agency_id_creditors')),
    sa.ForeignKeyConstraint(['creditor_id'], ['creditors.id'], name=op.f('fk_debts_creditor_id_creditors')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_debts_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_debts'))
    )
    with op.batch_alter_table('debts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_debts_creditor_id'), ['creditor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_debts_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('budget_lines',
    sa.Column('plan_id', sa.Uuid(), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['budget_plans.id'], name=op.f('fk_budget_lines_plan_id_budget_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_lines'))
    )
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_lines_plan_id'), ['plan_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('budget_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_lines_plan_id'))

    op.drop_table('budget_lines')
    with op.batch_alter_table('debts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_debts_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_debts_creditor_id'))

    op.drop_table('debts')
    with op.batch_alter_table('budget_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_plans_dossier_id'))

    op.drop_table('budget_plans')
    with op.batch_alter_table('creditors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_creditors_name'))

    op.drop_table('creditors')
