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


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("contact_email")
        batch_op.drop_column("edited_cells")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index("ix_commitment_source")
        batch_op.drop_column("source_id")
