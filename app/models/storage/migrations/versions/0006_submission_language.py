"""secretariat: the language each received workbook was written in

Revision ID: 0006_submission_language
Revises: 0005_due_dates
Create Date: 2026-12-07

The acknowledgement e-mail and the receipt go back to the coordinator in the language of the
workbook they sent. Submissions received before this revision keep "" (the interface language
is used for them).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_submission_language"
down_revision = "0005_due_dates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=16), nullable=False,
                                      server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("language")
