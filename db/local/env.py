"""Alembic environment of the local (SQLite) schema; run by tutor_app.store.database.upgrade."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tutor_app.store.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the alembic command line, for developers making a new revision
        url = config.get_main_option("sqlalchemy.url") or "sqlite:///dev.sqlite3"
        with create_engine(url).connect() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
        return
    # Upgrades run inside the caller's transaction: all of it, or nothing.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      transaction_per_migration=False)
    context.run_migrations()


run()
