"""Use cases: export the changes waiting on this computer to a signed bundle (a tutor with no
network), import a bundle into the shared server, and revert one (a coordinator). Qt-free
(DESIGN §5.7).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tutor_app.domain.errors import NoUserError, TutorError
from tutor_app.domain.ids import ID_RE
from tutor_app.domain.schema import ENTITY_BY_TABLE
from tutor_app.services import record_words
from tutor_app.services.sync import AskPassword, CredentialStore, SyncTarget, server_session, target_of
from tutor_app.services.workspace import Workspace
from tutor_app.sync import bundle, bundle_text
from tutor_app.sync.bundle import Bundle as Bundle  # noqa: PLC0414 (re-exported: the desktop imports no sync)
from tutor_app.sync.bundle import ExportResult as ExportResult  # noqa: PLC0414
from tutor_app.sync.bundle import ImportReport as ImportReport  # noqa: PLC0414
from tutor_app.sync.bundle import RevertReport as RevertReport  # noqa: PLC0414
from tutor_app.sync.connection import ServerAddress
from tutor_app.sync.session import ServerSession

log = logging.getLogger("tutor.services.bundles")


def export_pending(ws: Workspace, out: Path) -> ExportResult:
    """Every change waiting to be sent, in a signed file; they stay waiting for the next sync."""
    return bundle.export_bundle(ws.store, out)


def read_file(path: Path) -> Bundle:
    """The bundle in ``path``, read and checked (a damaged file is refused); nothing is sent."""
    return bundle.read_bundle(path)


def import_file(path: Path, *, server: str, user: str | None = None, accept_unverified: bool = False,
                credentials: CredentialStore | None = None,
                ask_password: AskPassword | None = None) -> ImportReport:
    """Import a bundle as a coordinator. The file is read and checked before anything is asked or
    sent: a damaged file is refused with a clear message, and nothing is written."""
    content = read_file(path)
    address = ServerAddress.parse(server)
    name = user or address.user
    if not name:
        raise NoUserError(coordinator=True)
    return _import(content, SyncTarget(address, server, name), accept_unverified, credentials, ask_password)


def import_with_profile(ws: Workspace, path: Path, *, accept_unverified: bool = False,
                        credentials: CredentialStore | None = None,
                        ask_password: AskPassword | None = None) -> ImportReport:
    """Import a bundle through the server and user this profile syncs with (the desktop's way:
    a coordinator's own profile). The file is checked before anything is asked or sent."""
    content = read_file(path)
    return _import(content, target_of(ws), accept_unverified, credentials, ask_password)


def _import(content: bundle.Bundle, target: SyncTarget, accept_unverified: bool,
            credentials: CredentialStore | None, ask_password: AskPassword | None) -> ImportReport:
    with server_session(target, credentials, ask_password, "import") as session:
        report = bundle.import_bundle(session, content, accept_unverified=accept_unverified)
        name_records(session, report.lines, content.changes)
        report.author_name = _author_name(session, content.bundle_id)
    log.info("bundle %s from %s imported by %s: %s", content.bundle_id, content.author, target.user,
             report.summary())
    return report


def revert(bundle_id: str, *, server: str, user: str | None = None, credentials: CredentialStore | None = None,
           ask_password: AskPassword | None = None) -> RevertReport:
    """Take an imported bundle back as a coordinator: the values before it, as a new change set
    through the push rules; a field edited after the bundle becomes a conflict record."""
    address = ServerAddress.parse(server)
    name = user or address.user
    if not name:
        raise NoUserError(coordinator=True)
    target = SyncTarget(address, server, name)
    with server_session(target, credentials, ask_password, "revert") as session:
        report = bundle.revert_bundle(session, bundle_id)
        name_records(session, report.lines)
    log.info("bundle %s reverted by %s at revision %d: %s", bundle_id, name, report.rev, dict(report.counts))
    return report


def latest_imports(ws: Workspace, *, credentials: CredentialStore | None = None,
                   ask_password: AskPassword | None = None) -> list[dict[str, Any]]:
    """The bundles imported lately (newest first), through this profile's server and user."""
    with server_session(target_of(ws), credentials, ask_password, "list") as session:
        return bundle.latest_imports(session)


def revert_with_profile(ws: Workspace, bundle_id: str, *, credentials: CredentialStore | None = None,
                        ask_password: AskPassword | None = None) -> RevertReport:
    """``revert`` through the server and user this profile syncs with (the desktop's way)."""
    with server_session(target_of(ws), credentials, ask_password, "revert") as session:
        report = bundle.revert_bundle(session, bundle_id)
        name_records(session, report.lines)
    log.info("bundle %s reverted from the desktop at revision %d: %s", bundle_id, report.rev, dict(report.counts))
    return report


def login_prefix(ws: Workspace) -> str:
    """The prefix of the login roles on this profile's server, taken off the names shown to people."""
    return target_of(ws).address.role_prefix


def person(role_name: str, prefix: str) -> str:
    """A user as people know them when only the login is known: the login without the prefix."""
    return role_name.removeprefix(prefix)


def bundle_name(label: Mapping[str, Any], lang: str, prefix: str) -> str:
    """An imported bundle by its author, date and number of changes (never by its id)."""
    return bundle_text.bundle_name(label, lang, prefix)


def import_line(label: Mapping[str, Any], lang: str, prefix: str) -> str:
    """An imported bundle as a line of a list: its name, and on whose word its signature stands."""
    return f"{bundle_text.bundle_name(label, lang, prefix)} — {bundle_text.vouching(label, lang, prefix)}"


_FETCH_CHUNK = 1000


def name_records(session: ServerSession, lines: list[dict[str, Any]],
                 changes: Sequence[Mapping[str, Any]] = ()) -> None:
    """Give each line of an import or a revert its record as people name it, in every language
    (``line["name"]``: {"it": ..., "en": ...}), by its dossier and the record as the server holds
    them after the call (``record_words.subject``, the words ``sync`` names its refusals with):
    "Dossier 2026-MRO-0001 «Stabilimento di Brescia», Riunione del 20/11/2026 — Tavolo tecnico",
    never a table name and an id. A record the server does not hold (a refused creation) is
    named by the values the change sent. Naming is a courtesy: if the server cannot be asked any
    more, the lines keep the values sent and the call's result stands."""
    sent: dict[tuple[str, str], Mapping[str, Any]] = {
        (str(c["table"]), str(c["row"])): c.get("fields") or {} for c in changes}
    # Each line's record: the values sent, then the row as the server holds it over them.
    keys = [(str(line["table"]), str(line["row"])) for line in lines]
    records: dict[tuple[str, str], dict[str, Any]] = {key: dict(sent.get(key, {})) for key in keys}
    held: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        held = _server_rows(session, records)
        for key, row in held.items():  # the rows asked for: the lines' own
            records[key].update(row)
        dossiers = {pid for k, record in records.items() if (pid := _project_of(k, record))} - {
            row for table, row in held if table == "projects"}
        held.update(_server_rows(session, {("projects", pid) for pid in dossiers}))
    except TutorError as exc:
        log.warning("records of the lines not named by the server (%s): named by what was sent", exc)
    for line, key in zip(lines, keys, strict=True):
        record = records[key]
        pid = _project_of(key, record)
        dossier = held.get(("projects", pid)) if pid else None
        line["name"] = {lang: record_words.subject(key[0], record, dossier, lang) for lang in bundle_text.LANGS}


def _author_name(session: ServerSession, bundle_id: str) -> str | None:
    """The author of a bundle just imported by their name, as the server's register says it (a
    courtesy, as naming the records: if the server cannot be asked, the import stands and the
    author is named by their user name)."""
    try:
        registered = session.bundle_imports(bundle_id, 1)
    except TutorError as exc:
        log.warning("the author of bundle %s not named by the server (%s)", bundle_id, exc)
        return None
    name = registered[0].get("author_name") if registered else None
    return str(name) if name else None


def _project_of(key: tuple[str, str], record: Mapping[str, Any]) -> str | None:
    entity = ENTITY_BY_TABLE.get(key[0])
    if entity is None or entity.project_key is None:
        return None
    value = key[1] if entity.project_key == "id" else record.get(entity.project_key)
    return str(value) if value else None


def _server_rows(session: ServerSession, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """These rows as the server holds them (tables of the schema only, a chunk of ids per call)."""
    by_table: dict[str, list[str]] = {}
    for table, row_id in keys:
        # Table names from the schema and ids of the shape of one, never a file's word for either.
        if table in ENTITY_BY_TABLE and ID_RE.match(row_id):
            by_table.setdefault(table, []).append(row_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for table, ids in by_table.items():
        ordered = sorted(set(ids))
        for start in range(0, len(ordered), _FETCH_CHUNK):
            for name, row in session.fetch(table, ordered[start:start + _FETCH_CHUNK]):
                found[(name, str(row["id"]))] = row
    return found
