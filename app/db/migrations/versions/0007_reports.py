"""reports: covering indexes for the stuurinformatie (moves in order, missed and held appointments)

Revision ID: 0007_reports
Revises: 0002_traject
Create Date: 2026-11-30 14:20:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = '0007_reports'
down_revision: str | None = '0002_traject'
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('phase_transitions', schema=None) as batch_op:
        batch_op.create_index(
            'ix_phase_transitions_report',
            ['dossier_id', 'moved_on', 'created_at', 'to_phase', 'from_phase', 'closing_reason', 'deleted_at'],
            unique=False,
        )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index(
            'ix_appointments_report', ['status', 'kind', 'dossier_id', 'day', 'deleted_at'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index('ix_appointments_report')
    with op.batch_alter_table('phase_transitions', schema=None) as batch_op:
        batch_op.drop_index('ix_phase_transitions_report')
