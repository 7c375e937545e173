"""The newest revision of the local schema (``db/local``), in a module that imports nothing.

Opening a file already at this revision needs no Alembic, and the desktop's fast start reads the
dossier list of such a file with plain ``sqlite3`` before SQLAlchemy is even imported.
``tests/unit/test_migrations.py`` keeps it equal to the head of the migration scripts.
"""

from __future__ import annotations

LOCAL_SCHEMA_HEAD = "0011"
