"""A keyring backend for the soak run's ``tutor-app`` subprocesses: the password of the one user a
process syncs as comes from its environment (``TUTOR_SOAK_PASSWORD``), so the real CLI syncs with
no terminal to ask on. Selected with ``PYTHON_KEYRING_BACKEND=tests.soak.env_keyring.EnvKeyring``;
test-only, never shipped."""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend


class EnvKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return os.environ.get("TUTOR_SOAK_PASSWORD")

    def set_password(self, service: str, username: str, password: str) -> None:
        """The password is the environment's already: nothing to keep."""

    def delete_password(self, service: str, username: str) -> None:
        """Nothing kept, nothing to forget."""
