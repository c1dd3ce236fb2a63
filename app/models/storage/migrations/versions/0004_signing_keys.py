"""signing keys: the workspace's key pair, pinned senders' keys; submissions' report digest and signer

Revision ID: 0004_signing_keys
Revises: 0003_workspace_id
Create Date: 2026-12-07

An existing workspace gets its key pair here, so every workspace signs what it exports.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

revision = "0004_signing_keys"
down_revision = "0003_workspace_id"
branch_labels = None
depends_on = None


def upgrade() -> None:
    signing_key = op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_signing_key_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
    )
    op.create_table(
        "pinned_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pinned_key")),
        sa.UniqueConstraint("party", "public_key", name=op.f("uq_pinned_key_party_public_key")),
    )
    with op.batch_alter_table("pinned_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pinned_key_party"), ["party"], unique=False)
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.add_column(sa.Column("report_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("from_history", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("signer", sa.String(length=64), nullable=False,
                                      server_default=""))
    key = Ed25519PrivateKey.generate()
    op.bulk_insert(signing_key, [{
        "id": 1, "private_key": key.private_bytes_raw(),
        "public_key": key.public_key().public_bytes_raw(),
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
    }])


def downgrade() -> None:
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_column("signer")
        batch_op.drop_column("from_history")
        batch_op.drop_column("report_digest")
    with op.batch_alter_table("pinned_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pinned_key_party"))
    op.drop_table("pinned_key")
    op.drop_table("signing_key")
