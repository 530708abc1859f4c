"""klantprofiel: completed assessments and interrupted drafts

Revision ID: 0003_klantprofiel
Revises: 0001
Create Date: 2026-11-30 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.base


revision: str = '0003_klantprofiel'
down_revision: str | None = '0001'
branch_labels: Sequence[str] | None = ('klantprofiel',)
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
    op.create_table('profile_assessments',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=40), nullable=False),
    sa.Column('questionnaire_version', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('skills', sa.Integer(), nullable=True),
    sa.Column('motivation', sa.Integer(), nullable=True),
    sa.Column('mental_room', sa.Integer(), nullable=True),
    sa.Column('anger', sa.Integer(), nullable=True),
    sa.Column('learnability', sa.Integer(), nullable=True),
    sa.Column('suggested_profile', sa.String(length=20), nullable=True),
    sa.Column('candidates', sa.String(length=60), nullable=False),
    sa.Column('ambiguous', sa.Boolean(), nullable=False),
    sa.Column('chosen_profile', sa.String(length=20), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=64), nullable=False),
    *_tracked(),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'],
                            name=op.f('fk_profile_assessments_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_assessments'))
    )
    with op.batch_alter_table('profile_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_assessments_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_assessments_assessed_on'), ['assessed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_profile_assessments_chosen_profile'), ['chosen_profile'],
                              unique=False)

    op.create_table('assessment_drafts',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=40), nullable=False),
    sa.Column('questionnaire_version', sa.Integer(), nullable=False),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.Column('theme_index', sa.Integer(), nullable=False),
    *_tracked(),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'],
                            name=op.f('fk_assessment_drafts_dossier_id_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_assessment_drafts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_drafts')),
    sa.UniqueConstraint('dossier_id', 'user_id', name=op.f('uq_assessment_drafts_dossier_id'))
    )
    with op.batch_alter_table('assessment_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_drafts_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_drafts_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assessment_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_drafts_user_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_drafts_dossier_id'))
    op.drop_table('assessment_drafts')
    with op.batch_alter_table('profile_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_assessments_chosen_profile'))
        batch_op.drop_index(batch_op.f('ix_profile_assessments_assessed_on'))
        batch_op.drop_index(batch_op.f('ix_profile_assessments_dossier_id'))
    op.drop_table('profile_assessments')
