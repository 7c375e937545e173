"""The self-test's installation checks pass on a whole installation and name each missing part."""

from __future__ import annotations

import shutil
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest

from tutor_app.assets import migrations_path, resource_path
from tutor_app.services.workspace import Workspace
from tutor_app.ui import install_checks


def test_a_whole_installation_passes(qtbot: Any, demo_workspace: Workspace) -> None:
    with demo_workspace.store.read() as conn:
        first = str(conn.exec_driver_sql("SELECT id FROM projects ORDER BY code LIMIT 1").scalar())
    assert install_checks.check_installation(demo_workspace, first) == []


def _copy_without(tmp_path: Path, source: Path, missing: str) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    victim = target / missing
    shutil.rmtree(victim) if victim.is_dir() else victim.unlink()
    return target


def test_a_missing_font_or_colour_profile_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = _copy_without(tmp_path, resource_path(), "fonts/DroidSansFallback.ttf")
    (resources / "color" / "sRGB.icc").unlink()
    monkeypatch.setattr(install_checks, "resource_path", resources.joinpath)
    assert install_checks.check_fonts() == ["missing font or colour profile: DroidSansFallback.ttf",
                                            "missing font or colour profile: color/sRGB.icc"]


def test_missing_or_behind_migrations_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db"
    shutil.copytree(migrations_path("local"), db / "local")
    shutil.copytree(migrations_path("server"), db / "server")
    [newest] = sorted((db / "local" / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))[-1:]
    newest.unlink()
    shutil.rmtree(db / "server" / "definitions")
    monkeypatch.setattr(install_checks, "migrations_path", lambda which: db / which)
    problems = install_checks.check_migrations()
    assert len(problems) == 2
    assert problems[0].startswith("the local migrations end at") and "the code expects" in problems[0]
    assert "server definitions" in problems[1]


def test_an_unregistered_keyring_backend_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    everything = install_checks.entry_points(group="keyring.backends")
    kept = [ep for ep in everything if ep.name != "SecretService"]
    broken = EntryPoint("KWallet", "keyring.backends.no_such_module", "keyring.backends")
    kept = [ep for ep in kept if ep.name != "KWallet"] + [broken]
    monkeypatch.setattr(install_checks, "entry_points", lambda group: kept)
    monkeypatch.setattr(install_checks.sys, "platform", "linux")
    problems = install_checks.check_keyring()
    assert problems[0].startswith("keyring backend SecretService is not registered")
    assert problems[1].startswith("keyring backend KWallet does not import")


def test_a_missing_italian_catalogue_is_named(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = _copy_without(tmp_path, resource_path(), "i18n/tutor_it.qm")
    monkeypatch.setattr(install_checks, "resource_path", resources.joinpath)
    assert install_checks.check_translations() == ["the Italian catalogue tutor_it.qm is missing"]
