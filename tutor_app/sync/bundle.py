"""Offline bundles (DESIGN §5.7): a tutor's pending changes in a signed file, imported by a
coordinator when the tutor has no network at all.

Export writes every outbox entry as it would be pushed (the very same payload, so the change
ids and payload hashes match), inside a canonical JSON body signed with the device's Ed25519
key (``bundle_keys``), and freezes those entries (``in_flight``): they stay in the outbox, and
the tutor's next sync sends them again; the server answers "duplicate" for those a coordinator
imported meanwhile. A replay is a no-op by change id, so nothing is applied twice.

Import checks the signature against the key the device registered with the server, then hands
the body to ``tutor.import_bundle``: the server checks the signature again itself (a client's
word is not enough), then applies the push rules, judged as the author, in one server
transaction. A bundle that is unsigned, changed after signing, or from a device with no
registered key is *unverified* and goes in only on the coordinator's explicit decision; a
damaged file is refused before anything is sent. A coordinator can revert an imported bundle
(``revert_bundle``): a new change set, through the push rules.
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

from tutor_app.domain.enums import Role
from tutor_app.domain.errors import (
    BundleFileError,
    BundleRevertedError,
    ClientTooOldError,
    NothingToBundleError,
    NotYetSyncedError,
    PermissionDeniedError,
    RevertNeedsSyncError,
    UnknownBundleError,
    UnverifiedBundleError,
)
from tutor_app.domain.formatting import format_instant
from tutor_app.domain.ids import ID_RE
from tutor_app.domain.schema import now_instant
from tutor_app.files import check_target, write_atomically
from tutor_app.store import outbox
from tutor_app.store.local import LocalStore
from tutor_app.store.state import BUNDLE_EXPORTS, SYNC_SERVER, SYNC_USER, TUTOR_ID
from tutor_app.sync import bundle_keys, bundle_text
from tutor_app.sync.push import change_payload, settled_status
from tutor_app.sync.session import PROTOCOL, ServerSession

log = logging.getLogger("tutor.sync.bundle")

FORMAT = "tutor-bundle"
VERSION = 1
ALGORITHM = "ed25519"
MAX_BYTES = 256 * 1024 * 1024
_DEVICE_RE = re.compile(r"^[0-9a-f]{16,32}$")
_HEX_RE = re.compile(r"^[0-9a-f]+$")
_CHANGE_KEYS = frozenset({"id", "table", "row", "fields", "stamps", "base"})


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
    created_at: str = ""
    author: str = ""  # the login role
    author_name: str | None = None  # the profile's tutor, as people know them

    @property
    def label(self) -> dict[str, Any]:
        """The bundle as ``bundle_text.bundle_name`` names it: by its author, date and changes."""
        return {"bundle_id": self.bundle_id, "author": self.author, "author_name": self.author_name,
                "created_at": self.created_at, "changes": self.changes}


# -- export -------------------------------------------------------------------------------------

def export_bundle(store: LocalStore, out: Path) -> ExportResult:
    """Write every pending change of the profile to ``out``, signed; the changes stay pending."""
    author, server_id = store.state(SYNC_USER), store.state(SYNC_SERVER)
    if not author or not server_id:
        raise NotYetSyncedError()
    target = check_target(out)
    key = bundle_keys.device_key(store)
    created_at = now_instant()
    bundle_id = str(uuid.uuid4())
    # Frozen in the transaction that reads them: a later edit opens a new entry, so the payload
    # of every change id in the file is the one the next sync sends.
    with store.write() as w:
        entries = outbox.freeze_all(w.conn)
        if not entries:
            raise NothingToBundleError()
        made = list(BUNDLE_EXPORTS.get(w.conn) or [])
        made.append({"bundle_id": bundle_id, "created_at": created_at, "changes": len(entries),
                     "change_ids": [e["change_id"] for e in entries]})
        BUNDLE_EXPORTS.set(w.conn, made[-50:])
    body = {"format": FORMAT, "version": VERSION, "protocol": PROTOCOL, "bundle_id": bundle_id,
            "created_at": created_at, "server_id": str(server_id), "author": str(author),
            "tutor_id": store.state(TUTOR_ID), "device": store.device_id,
            "changes": [change_payload(e) for e in entries]}
    bundle = Bundle(body, bundle_keys.sign(key, canonical_bytes(body)), bundle_keys.public_key_hex(key))
    write_atomically(target, json.dumps(bundle.document(), ensure_ascii=False, indent=1).encode("utf-8"))
    log.info("bundle %s: %d changes written to %s", bundle_id, len(entries), target)
    named = store.glance("SELECT name FROM tutors WHERE id = ?", (body["tutor_id"],))
    return ExportResult(target, bundle_id, len(entries), created_at, str(author), str(named[0]) if named else None)


# -- reading ------------------------------------------------------------------------------------

def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _v in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a key appears twice in one object")
    return dict(pairs)


def read_bundle(path: Path) -> Bundle:
    """A bundle file, checked for shape; BundleFileError (a sentence for people) when it is damaged."""
    where = Path(path)
    try:
        if where.stat().st_size > MAX_BYTES:
            raise BundleFileError("too_large", where)
        raw = where.read_bytes()
    except FileNotFoundError:
        raise BundleFileError("missing", where) from None
    except OSError as exc:
        raise BundleFileError("unreadable", where, str(exc.strerror or exc)) from None
    try:
        doc = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicate_keys,
                         parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError):
        raise BundleFileError("damaged", where) from None
    return parse_document(doc, str(where))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_document(doc: Any, where: str = "the bundle") -> Bundle:
    def bad(why: str, n: int = 0) -> BundleFileError:
        return BundleFileError("unusable", where, why, n=n)

    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("body"), dict):
        raise bad("not_bundle")
    if not isinstance(doc.get("version"), int) or doc["version"] > VERSION:
        raise ClientTooOldError("bundle", where)
    body = doc["body"]
    if body.get("format") != FORMAT or body.get("version") != doc["version"]:
        raise bad("header_body")
    if not isinstance(body.get("protocol"), int) or body["protocol"] > PROTOCOL:
        raise ClientTooOldError("bundle", where)
    for name, pattern in (("bundle_id", ID_RE), ("device", _DEVICE_RE)):
        if not isinstance(body.get(name), str) or not pattern.match(body[name]):
            raise bad(name)
    for name in ("author", "created_at", "server_id"):
        if not isinstance(body.get(name), str) or not body[name]:
            raise bad(name)
    changes = body.get("changes")
    if not isinstance(changes, list) or not changes:
        raise bad("changes")
    for n, change in enumerate(changes, 1):
        if not isinstance(change, dict) or set(change) != _CHANGE_KEYS or not isinstance(change["id"], str) \
                or not isinstance(change["fields"], dict) or not isinstance(change["stamps"], dict) \
                or not isinstance(change["base"], int) or isinstance(change["base"], bool):
            raise bad("change", n)
    signature = doc.get("signature")
    if signature is None:
        return Bundle(body)
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM \
            or not all(isinstance(signature.get(k), str) and _HEX_RE.match(signature[k])
                       for k in ("public_key", "value")):
        raise bad("signature")
    return Bundle(body, signature["value"], signature["public_key"])


# -- import -------------------------------------------------------------------------------------

@dataclass
class ImportReport:
    """What a coordinator's import did: this client's verdict on the signature, the server's
    (``verification``: 'server' when it checked the signature itself, else 'unverified'), and a
    result per change."""

    bundle: Bundle
    verified: bool
    verdict: str
    rev: int = 0
    lines: list[dict[str, Any]] = field(default_factory=list)
    verification: str = "unverified"
    vouched_by: str | None = None
    author_name: str | None = None  # the author as the server knows them (its register), when asked

    @property
    def label(self) -> dict[str, Any]:
        """The bundle as ``bundle_text.bundle_name`` names it: by its author, date and changes."""
        b = self.bundle
        return {"bundle_id": b.bundle_id, "author": b.author, "author_name": self.author_name,
                "created_at": b.created_at, "changes": len(b.changes)}

    @property
    def counts(self) -> Counter[str]:
        return Counter(str(line["status"]) for line in self.lines)

    def summary(self, lang: str = "en") -> str:
        return counts_summary(self.counts, len(self.lines), lang)


def counts_summary(counts: Mapping[str, int], total: int, lang: str = "en") -> str:
    """"5 changes: 3 applied, 1 in conflict, 1 already on the server." in either language."""
    parts = [bundle_text.word(s, lang, n=counts[s])
             for s in ("applied", "merged", "conflict", "duplicate", "rejected") if counts.get(s)]
    return bundle_text.word("summary", lang, n=total, parts=", ".join(parts) or bundle_text.word("none", lang))


def verify(bundle: Bundle, registered: Mapping[str, Any] | None) -> tuple[bool, str]:
    """The verdict on a bundle's signature against the device's registration on the server."""
    if registered is not None and registered.get("role_name") != bundle.author:
        raise PermissionDeniedError("device", user=bundle.author)
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
        raise PermissionDeniedError("import")
    if bundle.body["server_id"] != hello.server_id:
        raise BundleFileError("other_server", session.address)
    verified, verdict = verify(bundle, session.bundle_device(bundle.device))
    if not verified and not accept_unverified:
        raise UnverifiedBundleError(bundle_text.person(bundle.author, None, session.address.role_prefix), verdict)
    if not verified:
        log.warning("bundle %s imported unverified (%s) by decision of the coordinator", bundle.bundle_id, verdict)
    data = session.import_bundle(bundle.canonical().decode("utf-8"), bundle.signature, verified)
    report = ImportReport(bundle, verified, verdict, int(data["rev"]),
                          verification=str(data.get("verification") or "unverified"),
                          vouched_by=data.get("vouched_by"))
    report.lines = result_lines(bundle.changes, data["results"])
    return report


def result_lines(changes: Sequence[Mapping[str, Any]], results: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One line per change: what it touched and what the server said, a change id a bundle took
    counted as the conflict (or the duplicate) it is (``push.settled_status``)."""
    lines = []
    for change, result in zip(changes, results, strict=True):
        status = settled_status(result)
        line = {"id": change["id"], "table": change["table"], "row": change["row"], "status": status,
                "reason": result.get("reason")}
        if result.get("status") == "duplicate":
            line["original"] = result.get("original")
        if isinstance(result.get("taken_by"), Mapping):
            line["taken_by"] = dict(result["taken_by"])
            line["conflicts"] = int(result.get("conflicts") or 0)
        lines.append(line)
    return lines


# -- revert -------------------------------------------------------------------------------------

@dataclass
class RevertReport:
    """A bundle taken back by a coordinator: a new change set, a result per record it set back."""

    label: dict[str, Any]
    rev: int
    lines: list[dict[str, Any]] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(str(line["status"]) for line in self.lines)

    def summary(self, lang: str = "en", prefix: str = "") -> str:
        name = bundle_text.bundle_name(self.label, lang, prefix)
        if not self.lines:
            return bundle_text.word("revert_nothing", lang)
        done = sum(n for s, n in self.counts.items() if s != "rejected")
        text = bundle_text.word("revert_head", lang, bundle=name, n=done)
        if self.counts["conflict"]:
            text += " " + bundle_text.word("revert_conflicts", lang, n=self.counts["conflict"])
        if self.counts["rejected"]:
            text += " " + counts_summary({"rejected": self.counts["rejected"]}, len(self.lines), lang)
        return text


def latest_imports(session: ServerSession, limit: int = 50) -> list[dict[str, Any]]:
    """The latest imports of bundles, newest first, as bundle_text names them (coordinators)."""
    hello = session.hello()
    if hello.role != Role.COORDINATOR.value:
        raise PermissionDeniedError("imports")
    return session.bundle_imports(None, limit)


def revert_bundle(session: ServerSession, bundle_id: str) -> RevertReport:
    """Take a bundle back through a coordinator's session (``tutor.revert_bundle``): the values
    before it come back through the push rules; a field edited after it is a conflict record."""
    from tutor_app.sync.engine import check_versions

    if not ID_RE.match(bundle_id.strip().lower()):
        raise BundleFileError("not_an_id", bundle_id.strip())
    hello = session.hello()
    check_versions(hello, session)
    if hello.role != Role.COORDINATOR.value:
        raise PermissionDeniedError("revert")
    if hello.tutor_id is None:  # the revert is a change set of theirs: the server needs their tutor record
        raise RevertNeedsSyncError(bundle_text.person(hello.role_name, None, session.address.role_prefix))
    wanted = bundle_id.strip().lower()
    imports = session.bundle_imports(wanted)[::-1]
    if not imports:
        raise UnknownBundleError(wanted)
    done = next((i for i in imports if i["reverted_by"]), None)
    if done is not None:
        prefix = session.address.role_prefix
        raise BundleRevertedError({lang: bundle_text.bundle_name(done, lang, prefix) for lang in bundle_text.LANGS},
                                  bundle_text.person(str(done["reverted_by"]), None, prefix),
                                  {lang: format_instant(done["reverted_at"], lang) for lang in bundle_text.LANGS})
    data = session.revert_bundle(wanted)
    report = RevertReport(dict(data["bundle"]), int(data["rev"]))
    report.lines = result_lines(data["changes"], data["results"])
    return report
