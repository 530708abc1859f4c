"""letters: concepts and finalised letters (exact PDF bytes), with a trigger that freezes final rows

Revision ID: 0006_letters
Revises: 0001
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db.base


revision: str = '0006_letters'
down_revision: str | None = '0001'
branch_labels: Sequence[str] | None = ('letters',)
depends_on: Sequence[str] | None = None

_MESSAGE = 'letters: a final letter cannot be changed'

_SQLITE_TRIGGER = f"""
CREATE TRIGGER trg_letters_final_immutable BEFORE UPDATE ON letters
FOR EACH ROW WHEN OLD.status = 'final'
BEGIN
    SELECT RAISE(ABORT, '{_MESSAGE}');
END
"""

_PG_FUNCTION = f"""
CREATE FUNCTION letters_final_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION '{_MESSAGE}';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql
"""

_PG_TRIGGER = """
CREATE TRIGGER trg_letters_final_immutable BEFORE UPDATE ON letters
FOR EACH ROW EXECUTE FUNCTION letters_final_immutable()
"""


def upgrade() -> None:
    op.create_table('letters',
    sa.Column('dossier_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('letter_date', sa.Date(), nullable=False),
    sa.Column('template_version', sa.Integer(), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('recipient_address', sa.Text(), nullable=False),
    sa.Column('recipient_salutation', sa.String(length=200), nullable=False),
    sa.Column('counsellor_name', sa.String(length=200), nullable=False),
    sa.Column('counsellor_role', sa.String(length=100), nullable=False),
    sa.Column('counsellor_phone', sa.String(length=40), nullable=False),
    sa.Column('objection_until', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('finalised_by', sa.String(length=64), nullable=True),
    sa.Column('finalised_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('corrects_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', app.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('concept', 'final')", name=op.f('ck_letters_status')),
    sa.CheckConstraint(
        "status = 'concept' OR (pdf IS NOT NULL AND sha256 IS NOT NULL AND finalised_at IS NOT NULL)",
        name=op.f('ck_letters_final_has_pdf'),
    ),
    sa.ForeignKeyConstraint(['corrects_id'], ['letters.id'], name=op.f('fk_letters_corrects_id_letters')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_letters_dossier_id_dossiers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letters'))
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letters_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_status'), ['status'], unique=False)
        batch_op.create_index('ix_letters_kind_letter_date', ['kind', 'letter_date'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS trg_letters_final_immutable ON letters')
        op.execute('DROP FUNCTION IF EXISTS letters_final_immutable()')
    else:
        op.execute('DROP TRIGGER IF EXISTS trg_letters_final_immutable')
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index('ix_letters_kind_letter_date')
        batch_op.drop_index(batch_op.f('ix_letters_status'))
        batch_op.drop_index(batch_op.f('ix_letters_dossier_id'))
    op.drop_table('letters')
