"""Use cases: export the changes waiting on this computer to a signed bundle (a tutor with no
network), and import a bundle into the shared server (a coordinator). Qt-free (DESIGN §5.7).
"""

from __future__ import annotations

import logging
from pathlib import Path

from tutor_app.domain.errors import TutorError
from tutor_app.services.sync import AskPassword, CredentialStore, SyncTarget, server_session, target_of
from tutor_app.services.workspace import Workspace
from tutor_app.sync import bundle
from tutor_app.sync.bundle import ExportResult, ImportReport
from tutor_app.sync.connection import ServerAddress

log = logging.getLogger("tutor.services.bundles")


def export_pending(ws: Workspace, out: Path) -> ExportResult:
    """Every change waiting to be sent, in a signed file; they stay waiting for the next sync."""
    return bundle.export_bundle(ws.store, out)


def import_file(path: Path, *, server: str, user: str | None = None, accept_unverified: bool = False,
                credentials: CredentialStore | None = None,
                ask_password: AskPassword | None = None) -> ImportReport:
    """Import a bundle as a coordinator. The file is read and checked before anything is asked or
    sent: a damaged file is refused with a clear message, and nothing is written."""
    content = bundle.read_bundle(path)
    address = ServerAddress.parse(server)
    name = user or address.user
    if not name:
        raise TutorError("Give the coordinator's user name on the server (--user NAME).")
    return _import(content, SyncTarget(address, server, name), accept_unverified, credentials, ask_password)


def import_with_profile(ws: Workspace, path: Path, *, accept_unverified: bool = False,
                        credentials: CredentialStore | None = None,
                        ask_password: AskPassword | None = None) -> ImportReport:
    """Import a bundle through the server and user this profile syncs with (the desktop's way:
    a coordinator's own profile). The file is checked before anything is asked or sent."""
    content = bundle.read_bundle(path)
    return _import(content, target_of(ws), accept_unverified, credentials, ask_password)


def _import(content: bundle.Bundle, target: SyncTarget, accept_unverified: bool,
            credentials: CredentialStore | None, ask_password: AskPassword | None) -> ImportReport:
    with server_session(target, credentials, ask_password, "import a bundle") as session:
        report = bundle.import_bundle(session, content, accept_unverified=accept_unverified)
    log.info("bundle %s from %s imported by %s: %s", content.bundle_id, content.author, target.user,
             report.summary())
    return report
