"""One sync, start to end: the steps of DESIGN §5 in the order they run, each in the module
named beside it. A newcomer reads ``synchronize`` and follows the names.

1. Handshake (§5.8): one call, ``session.hello`` (``sync.session``; on PostgreSQL
   ``sync.pg_session``), says who the server takes us for, its versions and its head. A client
   too old for the server, or a server too old for the client, stops here, before anything is
   written (``check_versions``). The profile is bound to that server and user, and takes the
   user's initials (``sync.identity``); dossier hashes of an older form are computed again
   (``sync.sanity``); the device's bundle-signing key is registered once (``sync.bundle_keys``,
   §5.7).
2. Nothing to do? (§5.9) Nothing waits to go up, the cursor stands at the server's head and the
   hash of everything the user sees matches: the sync ends here, one round trip in all.
3. Push (§5.2-5.3, ``sync.push``): the outbox (``store.outbox``, written with every local edit
   by ``store.writer``) goes up in batches, one server transaction each, a result per change;
   refused changes are put right (``sync.refused``). Each answer says what the server stored (the
   rows it wrote otherwise than the changes say): the profile keeps its own writes as the server
   holds them and never pulls them back; the revisions it holds so are skipped by the pull. A
   push that ends at the head brings the hash: then there is nothing to pull.
4. New dossiers (``sync.identity``): one whose code was taken on the server meanwhile takes the
   code the server gave it.
5. Pull (§5.4-5.5, ``sync.pull``): the change feed after the cursor in short batches (without
   the revisions the push kept), and a snapshot of each dossier that comes into view; the local
   replica applies them (``store.replica``: pending local edits win locally, children wait for
   their parents).
6. Sanity (§5.9, ``sync.sanity``): the hash of what the user sees compared with the server's;
   when it differs, dossier by dossier, and a dossier that differs is fetched again alone; one
   no longer seen is purged.
7. Who deleted (``sync.owners``): the devices of tombstones pulled that are not named yet (noted
   as they came down: ``store.deleters``), named by the server as tutors, for the recycle bin; no
   call when every one is known; an idle sync too asks about those a failed call left. Before
   that, a sync that moved rows gives the pages it freed in the file (sent outbox entries, purged
   dossiers) back to the disk (``LocalStore.give_back_space``).
8. The last sync and the user's role are remembered for the status bar.

The clock (§5.1, ``domain.hlc``) moves with every local edit and every stamp pulled. The server
decides (§5.0), keeps the history (§5.6) and filters what each user sees (§5.5) in its own
functions (``db/server``). Offline bundles (§5.7) are ``sync.bundle``.

Every step can be cancelled between batches (``SyncContext.step``) and survives a cut
connection: what was committed on either side stays, and the next sync goes on.
"""

from __future__ import annotations

import time

from tutor_app.domain.errors import ClientTooOldError, VersionMismatchError
from tutor_app.domain.schema import now_instant, parse_instant
from tutor_app.store.local import LocalStore
from tutor_app.store.state import INITIAL_DONE, LAST_SYNC, SYNC_ROLE
from tutor_app.sync import bundle_keys, identity, owners, pull, push, refused, sanity
from tutor_app.sync.admin import known_server_schemas
from tutor_app.sync.context import CancelFlag, FaultHook, Progress, Reached, SyncContext, SyncReport
from tutor_app.sync.session import PROTOCOL, Hello, ServerSession, complete_rev

# The oldest shared schema that holds every field this client syncs (0012: the investor a merged
# duplicate points to; 0009 brought the investor's VAT number). A server at an earlier revision
# would refuse this client's changes as malformed: it is told to upgrade first (`tutor-app server
# init`), and nothing is sent.
OLDEST_SERVER_SCHEMA = "0012"


def synchronize(store: LocalStore, session: ServerSession, *, progress: Progress | None = None,
                cancel: CancelFlag | None = None, fault: FaultHook | None = None,
                push_batch: int = push.PUSH_BATCH, pull_batch: int = pull.PULL_BATCH) -> SyncReport:
    """Sync a profile with the server through an open session."""
    started = time.perf_counter()
    ctx = SyncContext(store, session, SyncReport(), progress, cancel, fault)
    trips = session.round_trips
    hello = _handshake(ctx)  # 1
    if _nothing_to_do(ctx, hello):  # 2
        ctx.report.idle = True
        ctx.report.sanity = "ok"
    else:
        reached = push.push_all(ctx, push_batch)  # 3 (it notes the new dossiers of each batch, for step 4)
        if identity.settle_new_codes(ctx):  # 4
            reached = None  # the rows taken there may be newer than the push: the pull follows
        if reached is None:  # else the push ended at the head: nothing to pull
            reached = pull.pull_all(ctx, pull_batch)  # 5
        _check_and_repair(ctx, reached)  # 6
        store.give_back_space()  # the pages of the entries sent, of dossiers purged
    owners.learn(ctx)  # 7 (an idle sync too: devices a failed call left unnamed)
    _remember(store, hello, ctx.report)  # 8
    ctx.report.round_trips = session.round_trips - trips
    ctx.report.seconds = time.perf_counter() - started
    return ctx.report


def _handshake(ctx: SyncContext) -> Hello:
    """Who the server takes us for, and whether we speak the same protocol (nothing is written
    before that is known); then the profile bound to that server and user."""
    store, session = ctx.store, ctx.session
    ctx.step("hello")
    hello = session.hello(_idle_at(ctx))
    check_versions(hello, session)
    sanity.ensure_hash_scheme(ctx)
    ctx.tutor_id = identity.settle_identity(store, hello, str(session.address), session.address.role_prefix)
    identity.adopt_initials(store, hello)
    if bundle_keys.needs_registration(store, hello.server_id):
        session.register_device(store.device_id, bundle_keys.public_key_hex(bundle_keys.device_key(store)))
        bundle_keys.mark_registered(store, hello.server_id)
    return hello


def check_versions(hello: Hello, session: ServerSession) -> None:
    """Client and server speak the same protocol and the client knows the server's schema."""
    if hello.min_client_protocol > PROTOCOL or hello.schema not in known_server_schemas():
        raise ClientTooOldError("server", str(session.address), protocol=hello.protocol, schema=hello.schema)
    known = known_server_schemas()
    if hello.protocol < PROTOCOL or known.index(hello.schema) < known.index(OLDEST_SERVER_SCHEMA):
        raise VersionMismatchError(str(session.address), protocol=hello.protocol, schema=hello.schema)


def _idle_at(ctx: SyncContext) -> int | None:
    """The revision at which this sync could be idle (the hello then brings the scope hash), or
    None when it cannot: no first full pull yet, a pull stopped inside a revision, edits
    waiting to go up, or refused changes not settled yet (sync/refused.py)."""
    at = complete_rev(pull.cursor_of(ctx))
    return None if at is None or not ctx.store.state(INITIAL_DONE) or sanity.edits_waiting(ctx) \
        or refused.unsettled(ctx) else at


def _nothing_to_do(ctx: SyncContext, hello: Hello) -> bool:
    """Nothing to push, nothing new on the server, and the copies agree."""
    at = _idle_at(ctx)
    return at is not None and bool(sanity.check(ctx, hello.head, hello.scope_hash, at))


def _check_and_repair(ctx: SyncContext, reached: Reached | None) -> None:
    """The sanity check once the profile is at the head: with the head and hash that the push or
    the last pull batch brought (no round trip), else a hello; others who committed meanwhile are
    pulled first (at most three rounds)."""
    scope_hash: int | None
    for _ in range(3):
        if reached is not None:
            head, scope_hash = reached.head, reached.scope_hash
            reached = None
        else:
            hello = ctx.session.hello(_idle_at(ctx))
            head, scope_hash = hello.head, hello.scope_hash
        at = complete_rev(pull.cursor_of(ctx))
        if at is None or head != at:  # others committed meanwhile (or a pull stopped half way)
            reached = pull.pull_all(ctx)
            continue
        matches = sanity.check(ctx, head, scope_hash, at)
        if matches is None:
            ctx.report.sanity = "skipped: edits waiting"
        elif matches:
            ctx.report.sanity = "ok"
        else:
            sanity.repair(ctx)
        return


def _remember(store: LocalStore, hello: Hello, report: SyncReport) -> None:
    """The last sync and the role the server gives, for the status bar. An idle sync writes (and
    waits for the disk) only when the time shown would move: to the half minute is plenty."""
    now = now_instant()
    last = store.state(LAST_SYNC)
    if not report.idle or not last or store.state(SYNC_ROLE) != hello.role or \
            (parse_instant(now) - parse_instant(str(last))).total_seconds() >= 30:
        with store.write() as w:
            LAST_SYNC.set(w.conn, now)
            SYNC_ROLE.set(w.conn, hello.role)
