"""Alembic environment: always run on the connection the app hands over (no URL, no ini file)."""

from __future__ import annotations

from alembic import context

from app.models.orm import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
