"""secretariat: source ids of received commitments, edited cells and contact of submissions

Revision ID: 0002_source_ids
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_source_ids"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_commitment_source", ["country_code", "source_id"], unique=True)
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edited_cells", sa.JSON(), nullable=False,
                                      server_default="[]"))
        batch_op.add_column(sa.Column("contact_email", sa.String(length=320), nullable=False,
                                      server_default=""))
    fill_received_source_ids()


def fill_received_source_ids() -> None:
    """A secretariat's received commitments get the ids their coordinators' workspaces give them.

    Until this revision the only received commitments were the demo's, numbered 1, 2, … per
    country in the coordinator's workspace, in the order of their ids here. Left empty, the next
    submission of that country would match none of them and add every commitment again.
    """
    op.execute("""
        UPDATE commitment SET source_id = (
            SELECT ranked.number FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY country_code ORDER BY id) AS number
                FROM commitment) AS ranked
            WHERE ranked.id = commitment.id)
        WHERE source_id IS NULL
          AND EXISTS (SELECT 1 FROM workspace_profile WHERE role = 'secretariat')
          AND country_code IN (SELECT country_code FROM submission WHERE received_at IS NOT NULL)
    """)


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("contact_email")
        batch_op.drop_column("edited_cells")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_source")
        batch_op.drop_column("source_id")
