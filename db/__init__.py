"""Alembic histories: local/ for the SQLite profile, server/ for the shared PostgreSQL."""
