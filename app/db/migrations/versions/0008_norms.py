"""norms: periods entered by the beheerder, and components of the beslagvrije voet on a budget version

Revision ID: 0008_norms
Revises: 0004_debts_budget
Create Date: 2026-12-05 00:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.base


revision: str = '0008_norms'
down_revision: str | None = '0004_debts_budget'
branch_labels: Sequence[str] | None = ('norms',)
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('norm_periods',
    sa.Column('table_key', sa.String(length=40), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('amounts', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('replaces_shipped', sa.Boolean(), nullable=False),
    sa.Column('entered_by', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_norm_periods'))
    )
    with op.batch_alter_table('norm_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_norm_periods_table_key'), ['table_key'], unique=False)
    with op.batch_alter_table('budget_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('garnishment_components', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('budget_plans', schema=None) as batch_op:
        batch_op.drop_column('garnishment_components')
    with op.batch_alter_table('norm_periods', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_norm_periods_table_key'))
    op.drop_table('norm_periods')
