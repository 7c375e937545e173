"""Tutor: offline-first dossiers for the project tutors of a regional investment-attraction service."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tutor-app")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
