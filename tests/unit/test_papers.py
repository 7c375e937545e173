"""The project's papers: publiccode.yml (v0.4 keys), the licence, the notices, the changelog, one version."""

from __future__ import annotations

import re
import subprocess
import tomllib
from datetime import date
from importlib.metadata import distribution, version
from pathlib import Path

import yaml
from packaging.requirements import Requirement

from tests.python import PYTHON
from tutor_app import __version__
from tutor_app.assets import resource_path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]

# publiccode.yml standard v0.4 (https://yml.publiccode.tools/schema.core.html): the keys it requires
# and the values its enumerations allow.
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPE = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                 "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
PLATFORMS = {"web", "windows", "mac", "linux", "ios", "android"}
MAINTENANCE = {"internal", "contract", "community", "none"}


def _publiccode() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_has_every_key_the_standard_requires() -> None:
    pc = _publiccode()
    assert pc["publiccodeYmlVersion"] in {"0.4", "0.4.0"}
    for key in ("name", "url", "platforms", "developmentStatus", "softwareType", "description", "legal",
                "maintenance", "localisation"):
        assert pc.get(key), key
    assert re.fullmatch(r"https://\S+", pc["url"])
    assert set(pc["platforms"]) <= PLATFORMS and {"windows", "mac", "linux"} <= set(pc["platforms"])
    assert pc["developmentStatus"] in DEVELOPMENT_STATUS
    assert pc["softwareType"] in SOFTWARE_TYPE
    assert set(pc["description"]) == {"it", "en"}
    for lang, desc in pc["description"].items():
        assert 0 < len(desc["shortDescription"]) <= 150, lang
        assert 150 <= len(desc["longDescription"]) <= 10_000, lang
        assert desc["features"] and all(0 < len(f) <= 100 for f in desc["features"]), lang
    assert pc["legal"]["license"] == PYPROJECT["project"]["license"]["text"] == "EUPL-1.2"
    maintenance = pc["maintenance"]
    assert maintenance["type"] in MAINTENANCE
    if maintenance["type"] in {"internal", "contract"}:
        assert maintenance["contacts"] and all(c["name"] for c in maintenance["contacts"])
    assert pc["localisation"]["localisationReady"] is True
    assert set(pc["localisation"]["availableLanguages"]) == {"it", "en"}
    assert [d["name"] for d in pc["dependsOn"]["open"]] == ["PostgreSQL"]
    assert pc["softwareVersion"] == VERSION
    date.fromisoformat(pc["releaseDate"])
    assert (ROOT / pc["logo"]).is_file()


def test_one_version_everywhere() -> None:
    assert version("tutor-app") == __version__ == VERSION
    shown = subprocess.run([*PYTHON, "-m", "tutor_app", "--version"], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == f"tutor-app {VERSION}"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(VERSION)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)


def test_the_licence_is_the_eupl_and_ships_inside_the_package() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert resource_path("licenses", "EUPL-1.2.txt").read_text(encoding="utf-8") == licence
    assert resource_path("licenses", "LGPL-3.0.txt").read_text(encoding="utf-8").startswith(
        "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3")


def _runtime_closure() -> set[str]:
    """Every distribution an installed Tutor runs with: its requirements and theirs, extras included."""
    seen: set[str] = set()
    todo = [("tutor-app", frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        for text in distribution(name).requires or []:
            req = Requirement(text)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (extras or {""})):
                continue
            key = re.sub(r"[-_.]+", "-", req.name).lower()
            if key not in seen:
                seen.add(key)
                todo.append((key, frozenset(req.extras)))
    return seen


def test_the_notices_name_every_package_an_installation_ships() -> None:
    notices = resource_path("THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    named = {re.sub(r"[-_.]+", "-", m).lower() for m in re.findall(r"[A-Za-z0-9][A-Za-z0-9._-]+", notices)}
    missing = sorted(_runtime_closure() - named)
    assert not missing, f"add these to resources/THIRD_PARTY_NOTICES.txt: {missing}"
    for font in resource_path("fonts").glob("*.ttf"):
        assert font.name in notices, font.name
