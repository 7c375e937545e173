"""What an installation must hold for Tutor to run, checked by ``tutor-app --self-test``.

A frozen build (packaging/tutor_app.spec) finds the modules the code imports, but not what is
loaded by name or by path: the Alembic histories, the fonts, the translations (ours and Qt's),
the keyring backends (found through package metadata), psycopg's compiled libpq, QtPdf. These
are the checks that fail when one of them was left out of a bundle, each naming what is missing.
"""

from __future__ import annotations

import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

from tutor_app.assets import FALLBACK_FONTS, migrations_path, resource_path, server_definition_files
from tutor_app.services.workspace import Workspace

# The keyring backends each platform needs (keyring finds them by their entry points).
KEYRING_BACKENDS = {"linux": {"SecretService", "libsecret", "KWallet", "chainer"}, "win32": {"Windows", "chainer"},
                    "darwin": {"macOS", "chainer"}}
BASE_FONTS = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf")


def check_migrations() -> list[str]:
    from alembic.script import ScriptDirectory

    from tutor_app.store.schema_version import LOCAL_SCHEMA_HEAD

    problems = []
    for which in ("local", "server"):
        folder = migrations_path(which)
        try:
            heads = ScriptDirectory(str(folder)).get_heads()
        except Exception as exc:  # reported as the missing part it is
            problems.append(f"the {which} migrations in {folder} cannot be read: {exc}")
            continue
        if not heads:
            problems.append(f"no {which} migrations in {folder}")
        elif which == "local" and heads != [LOCAL_SCHEMA_HEAD]:
            problems.append(f"the local migrations end at {heads}, the code expects {LOCAL_SCHEMA_HEAD}")
    if not server_definition_files(migrations_path("server")):
        problems.append("the server definitions (db/server/definitions/*.sql) are missing")
    return problems


def check_fonts() -> list[str]:
    missing = [name for name in (*BASE_FONTS, *FALLBACK_FONTS) if not resource_path("fonts", name).is_file()]
    if not resource_path("color", "sRGB.icc").is_file():
        missing.append("color/sRGB.icc")
    return [f"missing font or colour profile: {name}" for name in missing]


def check_translations() -> list[str]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    problems = []
    ours = QTranslator()
    if not ours.load(str(resource_path("i18n", "tutor_it.qm"))):
        problems.append("the Italian catalogue tutor_it.qm is missing")
    elif ours.translate("AboutDialog", "About Tutor") != "Informazioni su Tutor":
        problems.append("the Italian catalogue tutor_it.qm does not translate")
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt.load("qtbase_it", qt_dir):
        problems.append(f"Qt's own Italian catalogue qtbase_it.qm is missing from {qt_dir}")
    return problems


def check_keyring() -> list[str]:
    wanted = KEYRING_BACKENDS.get(sys.platform, {"chainer"})
    found = {ep.name: ep for ep in entry_points(group="keyring.backends")}
    problems = [f"keyring backend {name} is not registered (package metadata missing)"
                for name in sorted(wanted - set(found))]
    for name in sorted(wanted & set(found)):
        try:
            found[name].load()
        except Exception as exc:  # reported as the missing part it is
            problems.append(f"keyring backend {name} does not import: {exc}")
    return problems


def check_database_driver() -> list[str]:
    import psycopg

    implementation = psycopg.pq.__impl__
    return [] if implementation in ("binary", "c") else [f"psycopg runs on its {implementation} libpq binding"]


def check_pdf(ws: Workspace, project_id: str) -> list[str]:
    """A dossier exported with the bundled fonts, read back by QtPdf (the export dialog's preview)."""
    from PySide6.QtPdf import QPdfDocument

    from tutor_app.reports.api import export_dossier

    with tempfile.TemporaryDirectory(prefix="tutor-selftest-pdf-") as folder:
        out = Path(folder) / "dossier.pdf"
        result = export_dossier(ws, project_id, out)
        document = QPdfDocument()
        status = document.load(str(out))
        pages = document.pageCount()
        document.close()
    if status != QPdfDocument.Error.None_ or pages != result.pages or pages == 0:
        return [f"QtPdf cannot read the exported dossier ({status.name}, {pages} of {result.pages} pages)"]
    return []


def check_installation(ws: Workspace, project_id: str) -> list[str]:
    """Every problem found, in words that name the missing part (empty: the installation is whole)."""
    return [*check_migrations(), *check_fonts(), *check_translations(), *check_keyring(),
            *check_database_driver(), *check_pdf(ws, project_id)]
