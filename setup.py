"""Only the package list lives here: every tutor_app subpackage, plus resources/ and db/ mapped
inside it (see [tool.setuptools] in pyproject.toml)."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["tutor_app", "tutor_app.*"]), "tutor_app.resources", "tutor_app.db"])
