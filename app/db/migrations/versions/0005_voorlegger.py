"""voorlegger: item rows per dossier, attached files, four-eyes reviews

Revision ID: 0005_voorlegger
Revises: 0001
Create Date: 2026-11-30 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.base


revision: str = '0005_voorlegger'
down_revision: str | None = '0001'
branch_labels: Sequence[str] | None = ('voorlegger',)
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


def upgrade() -> None:
    op.create_table('voorlegger_items',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('checklist_version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('received_by', sa.String(length=64), nullable=True),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('checked_by', sa.String(length=64), nullable=True),
    sa.Column('not_applicable_reason', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('sent_back_reason', sa.Text(), nullable=False),
    sa.Column('sent_back_on', sa.Date(), nullable=True),
    sa.Column('sent_back_by', sa.String(length=64), nullable=True),
    *_tracked(),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_voorlegger_items_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorlegger_items')),
    sa.UniqueConstraint('dossier_id', 'item_key', name=op.f('uq_voorlegger_items_dossier_id'))
    )
    with op.batch_alter_table('voorlegger_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorlegger_items_status'), ['status', 'requested_on'], unique=False)

    op.create_table('voorlegger_attachments',
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime', sa.String(length=50), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    *_tracked(),
    sa.ForeignKeyConstraint(['item_id'], ['voorlegger_items.id'], name=op.f('fk_voorlegger_attachments_item_id_voorlegger_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorlegger_attachments'))
    )
    with op.batch_alter_table('voorlegger_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorlegger_attachments_item_id'), ['item_id'], unique=False)

    op.create_table('voorlegger_reviews',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('offered_by', sa.String(length=64), nullable=False),
    sa.Column('checker_id', sa.Uuid(), nullable=False),
    sa.Column('offered_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    *_tracked(),
    sa.ForeignKeyConstraint(['checker_id'], ['users.id'], name=op.f('fk_voorlegger_reviews_checker_id_users')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_voorlegger_reviews_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voorlegger_reviews'))
    )
    with op.batch_alter_table('voorlegger_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voorlegger_reviews_checker_id'), ['checker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voorlegger_reviews_dossier_id'), ['dossier_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('voorlegger_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorlegger_reviews_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_voorlegger_reviews_checker_id'))
    op.drop_table('voorlegger_reviews')
    with op.batch_alter_table('voorlegger_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorlegger_attachments_item_id'))
    op.drop_table('voorlegger_attachments')
    with op.batch_alter_table('voorlegger_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voorlegger_items_status'))
    op.drop_table('voorlegger_items')
