"""SCRAM-SHA-256 password verifiers, made on the administrator's machine.

``CREATE ROLE ... PASSWORD`` with a verifier instead of the password: the password never travels
to the server in clear, never appears in a statement, a server log or ``pg_stat_activity``.
The format is PostgreSQL's own (``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata

ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)


def scram_verifier(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    if not password:
        raise ValueError("an empty password cannot be used")
    salt = salt if salt is not None else os.urandom(16)
    # PostgreSQL applies SASLprep; NFKC is its normalisation step (enough for real passwords).
    normalised = unicodedata.normalize("NFKC", password).encode("utf-8")
    salted = hashlib.pbkdf2_hmac("sha256", normalised, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
