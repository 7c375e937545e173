"""Offline bundles (DESIGN §5.7): a tutor's pending changes in a signed file, imported by a
coordinator when the tutor has no network at all.

Export writes every outbox entry as it would be pushed (the very same payload, so the change
ids and payload hashes match), inside a canonical JSON body signed with the device's Ed25519
key (``bundle_keys``), and freezes those entries (``in_flight``): they stay in the outbox, and
the tutor's next sync sends them again; the server answers "duplicate" for those a coordinator
imported meanwhile. A replay is a no-op by change id, so nothing is applied twice.

Import checks the signature against the key the device registered with the server, then hands
the body to ``tutor.import_bundle``: the push rules, judged as the author, in one server
transaction. A bundle that is unsigned, changed after signing, or from a device with no
registered key is *unverified* and goes in only on the coordinator's explicit decision; a
damaged file is refused before anything is sent.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from tutor_app.domain.enums import Role
from tutor_app.domain.errors import (
    BadFileError,
    ClientTooOldError,
    NotYetSyncedError,
    PermissionDeniedError,
    TutorError,
)
from tutor_app.domain.schema import now_instant
from tutor_app.files import check_target, write_atomically
from tutor_app.store.local import LocalStore, get_state, set_state
from tutor_app.store.writer import OUTBOX
from tutor_app.sync import bundle_keys
from tutor_app.sync.context import SERVER, USER
from tutor_app.sync.push import change_payload
from tutor_app.sync.wire import PROTOCOL, ServerSession

log = logging.getLogger("tutor.sync.bundle")

FORMAT = "tutor-bundle"
VERSION = 1
ALGORITHM = "ed25519"
MAX_BYTES = 256 * 1024 * 1024
EXPORTS = "bundle_exports"  # local_state: the bundles made here (id, when, how many changes)
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_DEVICE_RE = re.compile(r"^[0-9a-f]{16,32}$")
_HEX_RE = re.compile(r"^[0-9a-f]+$")
_CHANGE_KEYS = frozenset({"id", "table", "row", "fields", "stamps", "base"})


class UnverifiedBundleError(TutorError):
    """A bundle whose signature cannot be verified: imported only on an explicit decision."""

    def __init__(self, message: str, verdict: str = "") -> None:
        super().__init__(message)
        self.verdict = verdict


def canonical_bytes(body: Mapping[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8 (the same for every reader)."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


@dataclass(frozen=True)
class Bundle:
    """A bundle file's content: the signed body and its signature (absent when unsigned)."""

    body: dict[str, Any]
    signature: str | None = None
    public_key: str | None = None

    @property
    def bundle_id(self) -> str:
        return str(self.body["bundle_id"])

    @property
    def author(self) -> str:
        return str(self.body["author"])

    @property
    def device(self) -> str:
        return str(self.body["device"])

    @property
    def created_at(self) -> str:
        return str(self.body["created_at"])

    @property
    def changes(self) -> list[dict[str, Any]]:
        changes: list[dict[str, Any]] = self.body["changes"]
        return changes

    def canonical(self) -> bytes:
        return canonical_bytes(self.body)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"format": FORMAT, "version": VERSION, "body": self.body}
        if self.signature is not None:
            doc["signature"] = {"algorithm": ALGORITHM, "public_key": self.public_key, "value": self.signature}
        return doc

    def __repr__(self) -> str:
        return f"Bundle({self.bundle_id}, {self.author}, {len(self.changes)} changes)"


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    bundle_id: str
    changes: int


# -- export -------------------------------------------------------------------------------------

def export_bundle(store: LocalStore, out: Path) -> ExportResult:
    """Write every pending change of the profile to ``out``, signed; the changes stay pending."""
    author, server_id = store.state(USER), store.state(SERVER)
    if not author or not server_id:
        raise NotYetSyncedError("This profile has never synced: a bundle needs one sync first (it tells the server "
                         "who you are and registers this computer's key).")
    target = check_target(out)
    key = bundle_keys.device_key(store)
    created_at = now_instant()
    bundle_id = str(uuid.uuid4())
    # Frozen in the transaction that reads them: a later edit opens a new entry, so the payload
    # of every change id in the file is the one the next sync sends.
    with store.write() as w:
        entries = [dict(r) for r in w.conn.execute(select(OUTBOX).order_by(OUTBOX.c.seq)).mappings()]
        if not entries:
            raise TutorError("Nothing is waiting to be sent: there is no change to put in a bundle.")
        fresh = [e["seq"] for e in entries if not e["in_flight"]]
        for start in range(0, len(fresh), 500):
            w.conn.execute(update(OUTBOX).where(OUTBOX.c.seq.in_(fresh[start:start + 500])).values(in_flight=True))
        made = list(get_state(w.conn, EXPORTS) or [])
        made.append({"bundle_id": bundle_id, "created_at": created_at, "changes": len(entries),
                     "change_ids": [e["change_id"] for e in entries]})
        set_state(w.conn, EXPORTS, made[-50:])
    body = {"format": FORMAT, "version": VERSION, "protocol": PROTOCOL, "bundle_id": bundle_id,
            "created_at": created_at, "server_id": str(server_id), "author": str(author),
            "tutor_id": store.state("tutor_id"), "device": store.device_id,
            "changes": [change_payload(e) for e in entries]}
    bundle = Bundle(body, bundle_keys.sign(key, canonical_bytes(body)), bundle_keys.public_key_hex(key))
    write_atomically(target, json.dumps(bundle.document(), ensure_ascii=False, indent=1).encode("utf-8"))
    log.info("bundle %s: %d changes written to %s", bundle_id, len(entries), target)
    return ExportResult(target, bundle_id, len(entries))


# -- reading ------------------------------------------------------------------------------------

def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _v in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key appears twice in one object")
    return dict(pairs)


def read_bundle(path: Path) -> Bundle:
    """A bundle file, checked for shape; BadFileError (a sentence for people) when it is damaged."""
    where = Path(path)
    try:
        if where.stat().st_size > MAX_BYTES:
            raise BadFileError(f"{where} is too large to be a Tutor bundle.")
        raw = where.read_bytes()
    except OSError as exc:
        raise BadFileError(f"Cannot read the bundle {where}: {exc.strerror or exc}.") from None
    try:
        doc = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicate_keys,
                         parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError):
        raise BadFileError(f"{where} is damaged or not a Tutor bundle (it is not complete, valid JSON); "
                           "nothing was imported. Ask for the file again.") from None
    return parse_document(doc, str(where))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_document(doc: Any, where: str = "the bundle") -> Bundle:
    def bad(why: str) -> BadFileError:
        return BadFileError(f"{where} is not a usable Tutor bundle ({why}); nothing was imported.")

    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("body"), dict):
        raise bad("not a Tutor bundle")
    if not isinstance(doc.get("version"), int) or doc["version"] > VERSION:
        raise ClientTooOldError(f"{where} was made by a newer Tutor: update Tutor to import it.")
    body = doc["body"]
    if body.get("format") != FORMAT or body.get("version") != doc["version"]:
        raise bad("its header and body disagree")
    if not isinstance(body.get("protocol"), int) or body["protocol"] > PROTOCOL:
        raise ClientTooOldError(f"{where} was made by a newer Tutor: update Tutor to import it.")
    for name, pattern in (("bundle_id", _UUID_RE), ("device", _DEVICE_RE)):
        if not isinstance(body.get(name), str) or not pattern.match(body[name]):
            raise bad(f"no valid {name.replace('_', ' ')}")
    for name in ("author", "created_at", "server_id"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise bad(f"no {name.replace('_', ' ')}")
    changes = body.get("changes")
    if not isinstance(changes, list) or not changes:
        raise bad("no changes")
    for n, change in enumerate(changes, 1):
        if not isinstance(change, dict) or set(change) != _CHANGE_KEYS or not isinstance(change["id"], str) \
                or not isinstance(change["fields"], dict) or not isinstance(change["stamps"], dict) \
                or not isinstance(change["base"], int) or isinstance(change["base"], bool):
            raise bad(f"change {n} is malformed")
    signature = doc.get("signature")
    if signature is None:
        return Bundle(body)
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM \
            or not all(isinstance(signature.get(k), str) and _HEX_RE.match(signature[k])
                       for k in ("public_key", "value")):
        raise bad("its signature block is malformed")
    return Bundle(body, signature["value"], signature["public_key"])


# -- import -------------------------------------------------------------------------------------

@dataclass
class ImportReport:
    """What a coordinator's import did: the verdict on the signature and a result per change."""

    bundle: Bundle
    verified: bool
    verdict: str
    rev: int = 0
    lines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(str(line["status"]) for line in self.lines)

    def summary(self) -> str:
        counts = self.counts
        parts = [f"{counts[s]} {s}" for s in ("applied", "merged", "conflict", "duplicate", "rejected") if counts[s]]
        return f"{len(self.lines)} changes: {', '.join(parts) or 'none'}."


def verify(bundle: Bundle, registered: Mapping[str, Any] | None) -> tuple[bool, str]:
    """The verdict on a bundle's signature against the device's registration on the server."""
    if registered is not None and registered.get("role_name") != bundle.author:
        raise PermissionDeniedError(
            f"The bundle says it is from {bundle.author}, but its device is registered to another user: "
            "refused (nothing was imported).")
    if bundle.signature is None:
        return False, "unsigned"
    if registered is None or not registered.get("public_key"):
        return False, "the device has no key registered with the server"
    if bundle.public_key != registered["public_key"]:
        return False, "signed with another key than the device's registered one"
    if not bundle_keys.signature_matches(str(registered["public_key"]), bundle.canonical(), bundle.signature):
        return False, "the signature does not match: the bundle was changed after it was signed"
    return True, "signature verified"


def import_bundle(session: ServerSession, bundle: Bundle, *, accept_unverified: bool = False) -> ImportReport:
    """Apply a bundle through a coordinator's session: one server transaction, a result per change.

    An unverified bundle raises UnverifiedBundleError, and nothing is written, unless
    ``accept_unverified`` records the coordinator's explicit decision to take it.
    """
    from tutor_app.sync.engine import check_versions

    hello = session.hello()
    check_versions(hello, session)
    if hello.role != Role.COORDINATOR.value:
        raise PermissionDeniedError("Only a coordinator imports bundles.")
    if bundle.body["server_id"] != hello.server_id:
        raise BadFileError(f"This bundle was made for another server than {session.address}; nothing was imported.")
    verified, verdict = verify(bundle, session.bundle_device(bundle.device))
    if not verified and not accept_unverified:
        raise UnverifiedBundleError(
            f"The bundle {bundle.bundle_id} from {bundle.author} is unverified ({verdict}); nothing was imported. "
            "Import it only if you trust where it comes from (--accept-unverified).", verdict)
    if not verified:
        log.warning("bundle %s imported unverified (%s) by decision of the coordinator", bundle.bundle_id, verdict)
    data = session.import_bundle(bundle.canonical().decode("utf-8"), bundle.signature, verified)
    report = ImportReport(bundle, verified, verdict, int(data["rev"]))
    report.lines = _lines(bundle.changes, data["results"])
    return report


def _lines(changes: Sequence[Mapping[str, Any]], results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    lines = []
    for change, result in zip(changes, results, strict=True):
        status = str(result.get("status"))
        line = {"id": change["id"], "table": change["table"], "row": change["row"], "status": status,
                "reason": result.get("reason")}
        if status == "duplicate":
            line["original"] = result.get("original")
        lines.append(line)
    return lines
