"""workspace id: which workspace a database and its backups belong to

Revision ID: 0003_workspace_id
Revises: 0002_source_ids
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models.storage.workspace_identity import derived_id

revision = "0003_workspace_id"
down_revision = "0002_source_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workspace_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("workspace_id", sa.String(length=36), nullable=False,
                                      server_default=""))
    # The id of an existing workspace is derived from its profile, as for its older backups.
    connection = op.get_bind()
    for role, country, created_at in connection.exec_driver_sql(
            "SELECT role, country_code, created_at FROM workspace_profile").fetchall():
        connection.exec_driver_sql("UPDATE workspace_profile SET workspace_id = ?",
                                   (derived_id(role, country, created_at),))


def downgrade() -> None:
    with op.batch_alter_table("workspace_profile", schema=None) as batch_op:
        batch_op.drop_column("workspace_id")
