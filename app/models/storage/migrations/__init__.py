"""Alembic migration scripts, shipped inside the package so they can be frozen.

`HEAD` names the newest revision, so a database already at head opens without importing Alembic
(a start-up cost of ~0.2 s). A test checks it matches the scripts: update it with each migration.
"""

HEAD = "0007_period_rows_index"
