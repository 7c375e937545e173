"""Push (DESIGN §5.2-5.3): the outbox (``store.outbox``) goes up in batches, one server
transaction each.

An entry is marked in flight in the same local transaction that reads it (so no edit folds into
it afterwards), sent as it is, and removed only after the server committed it and the client
heard the result. A connection lost at any point leaves it in flight: the next sync sends the
very same payload, and the server answers the first result again (a replay writes nothing).

Step 3 of a sync (``sync.engine``). What the server refused is put right by ``sync.refused``. What
the server stored is kept from its answer (``_take_own_writes``): the pull skips the push's
revisions, and a push that ends at the head returns it (``Reached``), so that the engine needs no
pull at all.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text

from tutor_app.domain.hlc import HybridClock, Stamp
from tutor_app.domain.schema import ENTITY_BY_TABLE, now_instant
from tutor_app.store import outbox, replica
from tutor_app.store.state import CURSOR, HELD_REVS, INITIAL_DONE, NEW_PROJECTS
from tutor_app.sync import identity, pull, refused
from tutor_app.sync.ahead import CallAhead
from tutor_app.sync.context import Reached, SyncContext
from tutor_app.sync.session import PushAnswer, complete_rev, fold_held

log = logging.getLogger("tutor.sync.push")

PUSH_BATCH = 1000
# The server's bound on the changes of one push (db/server/definitions/80_push.sql); a change set
# goes up whole in one push, so none may be larger (services.investor_merge).
SERVER_MOST_CHANGES = 2000
# Bytes of changes in one push, well inside the server's bound (4 MiB, revision 0008): a batch
# holds the feed's counter lock for its whole transaction, so none may be large.
PUSH_BYTES = 2 * 1024 * 1024
# Rejections after which the local value goes back to the server's and the row is fetched again.
_REFRESH_REASONS = frozenset({"forbidden", "immutable", "invalid", "too_large", "investor_in_use",
                              "merge_coordinators_only", "merge_target", "malformed", "future_stamp",
                              "forged_stamp", "bad_revision", "reused_id"})


def settled_status(result: Mapping[str, Any]) -> str:
    """What a result means for the change: its status, except for a change id an import of a bundle
    took with another payload (server 0008). The server keeps this change's values as conflict
    records against the bundle's (``conflicts`` of them; they come down with the pull): a conflict
    to resolve, or, when the values were the same, a change already on the server."""
    status = str(result.get("status"))
    if status == "rejected" and result.get("reason") == "reused_id" and isinstance(result.get("taken_by"), Mapping):
        return "conflict" if result.get("conflicts") else "duplicate"
    return status


def change_payload(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The wire form of an outbox entry: the same bytes every time it is sent."""
    return {"id": entry["change_id"], "table": entry["table_name"], "row": entry["row_id"],
            "fields": dict(entry["fields"]), "stamps": dict(entry["stamps"]), "base": int(entry["base_rev"])}


def payload_json(entries: Sequence[Mapping[str, Any]]) -> str:
    """The wire form of outbox entries as read by ``outbox.take_batch`` (fields and stamps as the JSON
    text they are stored as): ``change_payload`` of each, without decoding and encoding again."""
    return "[" + ",".join(
        f'{{"id":{json.dumps(e["change_id"])},"table":{json.dumps(e["table_name"])},"row":{json.dumps(e["row_id"])},'
        f'"fields":{e["fields"]},"stamps":{e["stamps"]},"base":{int(e["base_rev"])}}}' for e in entries) + "]"


def push_all(ctx: SyncContext, batch_size: int = PUSH_BATCH) -> Reached | None:
    """Push the outbox. When the last batch's changes were taken as the server holds them, the
    profile is at the head with the hash the push ended with, which it returns: the sync needs no
    pull (nobody else wrote between the revision before the push and its own). Else None.

    Each batch is sent as soon as the one before is answered, and that answer is stored meanwhile
    (``sync.ahead``): the server writes one batch while the laptop keeps what the one before
    stored. The answers are stored in their order, each in its own transaction, as before."""
    refused.settle(ctx)  # what an earlier sync, cut after a refusal, left undone
    with ctx.store.read() as conn:
        total = outbox.waiting_count(conn)
    session, device = ctx.session, ctx.store.device_id
    reached: Reached | None = None
    with CallAhead[PushAnswer](session, "push") as ahead:

        def send(batch: Sequence[Mapping[str, Any]], sent: int, before: PushAnswer | None) -> None:
            ctx.step("push:sending", sent, total)
            ahead.start(session.push, device, payload_json(batch),
                        cursor_rev=_cursor_rev(ctx, batch, sent, total, before))

        ctx.step("push", 0, total)
        entries = _take(ctx, batch_size)
        if entries:
            send(entries, 0, None)
        done = 0
        while entries:
            answer = ahead.answer()
            ctx.step("push:committed", done, total)
            sent = done + len(entries)
            ctx.step("push", sent, total)
            following = _take(ctx, batch_size, entries)
            if following:
                send(following, sent, answer)
            reached = _store_answer(ctx, entries, answer)  # while the server writes the next batch
            ctx.step("push:stored", sent, total)
            entries, done = following, sent
        if done:
            ctx.step("push", done, total)  # the outbox found empty
    if refused.settle(ctx):
        return None  # rows fetched again may be newer than the push
    return reached


def _take(ctx: SyncContext, batch_size: int, after: Sequence[Mapping[str, Any]] = ()) -> list[dict[str, Any]]:
    """The next batch after the entries ``after`` (sent, their answer not stored yet; none: the
    push's first batch), marked in flight."""
    with ctx.store.write() as w:
        # The user's own tutor record, made offline with the profile, goes up alone: until the
        # server has linked it, it takes every change of a batch one at a time (75_fast_create.sql),
        # and a first upload's first thousand changes would cost what fifteen batches do.
        first = outbox.first_waiting(w.conn)
        alone = first is not None and first == ("tutors", 0) and not after
        entries = outbox.take_batch(w.conn, 1 if alone else batch_size, PUSH_BYTES,
                                    after=int(after[-1]["seq"]) if after else 0)
        identity.note_new_projects(w.conn, entries)  # their codes checked after the push (step 4)
    return entries


def _cursor_rev(ctx: SyncContext, entries: Sequence[Mapping[str, Any]], done: int, total: int,
                before: PushAnswer | None = None) -> int | None:
    """The revision the profile holds everything up to when this batch reaches the server, asked
    only with the batch that may end the push at the head (the server then sends the hash). After
    a batch whose answer is still being stored, that batch's revision: if the answer cannot be
    taken as sent after all, the profile is not at the head, and the hash is not used."""
    if done + len(entries) < total:
        return None
    with ctx.store.read() as conn:
        at_head = _cursor_at_head(conn)
    if before is None or at_head is None:
        return at_head
    # At the head once the answer before is stored only when it held everything up to that
    # batch's revision (else the server would work out a hash, its counter held, for nothing).
    return before.rev if before.rev is not None and at_head == before.rev - 1 else None


def _store_answer(ctx: SyncContext, entries: Sequence[Mapping[str, Any]], answer: PushAnswer) -> Reached | None:
    """Keep what the server answered for a batch: the verdicts, and the rows as it stored them."""
    refresh: dict[str, set[str]] = {}
    drop: list[tuple[str, str]] = []
    with ctx.store.write() as w:
        _settle(ctx, w.conn, entries, answer.results, refresh, drop)
        _follow_stored_stamps(w.clock, answer.results)
        refused.note(w.conn, refresh, drop)  # with the outbox entries' removal: a cut keeps the work
        taken = _take_own_writes(w.conn, w.clock, entries, answer)
        at_head = taken and _cursor_at_head(w.conn) == answer.rev
    if taken:
        ctx.report.sent_back += len(answer.written or ())
    if at_head and answer.rev is not None and answer.scope_hash is not None:
        return Reached(answer.rev, answer.scope_hash)
    return None


def _follow_stored_stamps(clock: HybridClock, results: Sequence[Mapping[str, Any]]) -> None:
    """The server stored its own time in place of stamps of ours ahead of its clock: this
    computer's clock was wrong, and the device's clock comes back to the server's time."""
    stored = [str(s) for r in results for s in (r.get("stamps") or {}).values()]
    if stored:
        clock.rewind(Stamp.decode(max(stored)))
        log.warning("this computer's clock was ahead of the server's: %d stamps were stored at the server's time",
                    len(stored))


def _take_own_writes(conn: Connection, clock: HybridClock, entries: Sequence[Mapping[str, Any]],
                     answer: PushAnswer) -> bool:
    """The pusher's own changes, as the server now holds them, without pulling them back.

    The answer says what the server stored (``_written_otherwise`` in
    db/server/definitions/80_push.sql): a change answered "applied" at the push's revision (not
    "unchanged") whose row is not among the rows the answer carries (``written``) is held by the
    server exactly as the change says; every other row the push wrote is in ``written``, whole (the
    creator's assignment the server made, a dossier under a fresh code, merged rows, conflict
    records...); and ``written`` is absent when the push wrote a row this user does not see. So
    the profile can hold the push's revision as a pull would give it: the rows of the changes take
    the revision and time the server gave them, and the stamps it clamped (``replica.take_as_sent``:
    each local row must stand where its change left it), and the rows in ``written`` are applied as
    the pull applies rows. The revision is then held (``HELD_REVS``): the pull skips it, and pulls the
    revisions of others before and after it as always. A row not where its change left it (a
    creation the server already had from a cut push, an edit whose row moved): nothing is taken,
    and the pull brings the revision.

    Returns whether the revision was taken. The dossiers created and taken need no check of their
    codes (``identity.settle_new_codes``): they hold the server's.
    """
    rev, at, written = answer.rev, answer.at, answer.written
    if rev is None or at is None or written is None:
        return False
    by_id = {r.get("id"): r for r in answer.results}
    sent_back = {(t, r["id"]) for t, r in written}
    taken: dict[str, list[replica.Taken]] = {}
    settled: set[str] = set()  # new dossiers that hold the server's code once this is done
    for entry in entries:
        result = by_id.get(entry["change_id"]) or {}
        if result.get("status") != "applied" or result.get("unchanged") or result.get("rev") != rev:
            continue  # nothing written at this revision by this change (its rows come otherwise)
        table, row_id = entry["table_name"], entry["row_id"]
        if table not in ENTITY_BY_TABLE:
            return False
        if table == "projects" and int(entry["base_rev"]) == 0:
            settled.add(row_id)
        if (table, row_id) in sent_back:
            continue
        taken.setdefault(table, []).append(replica.Taken(row_id, int(entry["base_rev"]), result.get("stamps") or {}))
    if not replica.take_as_sent(conn, taken, rev, at):
        return False
    if written:
        replica.apply_rows(conn, written, clock)
    settled |= {r["id"] for t, r in written if t == "projects"}
    if settled and (listed := NEW_PROJECTS.get(conn)):
        NEW_PROJECTS.set(conn, sorted(set(listed) - settled))
    cursor, held = fold_held(CURSOR.get(conn), [*(HELD_REVS.get(conn) or []), [rev, rev]])
    CURSOR.set(conn, cursor)
    pull.set_held(conn, held)
    return True


def _cursor_at_head(conn: Connection) -> int | None:
    """The revision up to which the profile holds every change, when its cursor stands at a head
    (between two revisions, not inside one) after a first full pull; else None."""
    return complete_rev(CURSOR.get(conn)) if INITIAL_DONE.get(conn) else None


def _settle(ctx: SyncContext, conn: Connection, entries: Sequence[Mapping[str, Any]],
            results: Sequence[Mapping[str, Any]], refresh: dict[str, set[str]], drop: list[tuple[str, str]]) -> None:
    """Apply the server's verdicts: every entry it answered leaves the outbox."""
    by_id = {r.get("id"): r for r in results}
    report = ctx.report
    for entry in entries:
        result = by_id.get(entry["change_id"])
        if result is None:
            raise RuntimeError(f"the server gave no result for change {entry['change_id']}")
        status = result["status"]
        if status == "duplicate":
            report.duplicates += 1
            status = result.get("original", "applied")
        report.pushed += 1
        settled = settled_status(result)
        if result["status"] == "rejected" and settled != "rejected":
            # A bundle took this change's id: no bare rejection, the values are conflict records on
            # the server; the local row goes back to the server's, the pull brings the records.
            report.taken.append({"table": entry["table_name"], "row": entry["row_id"], "result": dict(result)})
            if settled == "conflict":
                report.conflicts += 1
            else:
                report.duplicates += 1
            _fetch_again(entry, json.loads(entry["fields"]), refresh, drop)
            log.warning("change %s to %s %s: its id was taken by bundle %s", entry["change_id"],
                        entry["table_name"], entry["row_id"], result["taken_by"].get("bundle_id"))
            continue
        if status == "rejected":
            fields = json.loads(entry["fields"])
            reason = str(result.get("reason", "rejected"))
            detail = result.get("detail")
            detail = detail if detail is None or isinstance(detail, str) else json.dumps(detail)
            report.rejected += 1
            # What a person is told about it (services.conflicts.rejection_lines): the values
            # name the record even when it is removed below (a creation the server never took).
            record, dossier = _as_known(conn, entry["table_name"], entry["row_id"], entry["project_id"])
            report.rejections.append({"change_id": entry["change_id"], "table": entry["table_name"],
                                      "row": entry["row_id"], "project": entry["project_id"], "fields": fields,
                                      "reason": reason, "detail": detail, "record": record, "dossier": dossier})
            replica.record_rejection(conn, change_id=entry["change_id"], table=entry["table_name"],
                                    row_id=entry["row_id"], project_id=entry["project_id"], fields=fields,
                                    reason=reason, detail=detail, at=now_instant(),
                                    known=_known_names(entry["table_name"], record, dossier))
            log.warning("change %s to %s %s refused by the server: %s", entry["change_id"], entry["table_name"],
                        entry["row_id"], reason)
            if reason in _REFRESH_REASONS:
                _fetch_again(entry, fields, refresh, drop)
        elif status == "conflict":
            report.conflicts += 1
        else:
            report.applied += 1
    outbox.remove_answered(conn, entries)


def _fetch_again(entry: Mapping[str, Any], fields: Mapping[str, Any], refresh: dict[str, set[str]],
                 drop: list[tuple[str, str]]) -> None:
    """The row goes back to what the server holds; a creation goes away if the server never took
    it (``refused.settle`` decides, once it has fetched)."""
    refresh.setdefault(entry["table_name"], set()).add(entry["row_id"])
    if entry["base_rev"] == 0 and fields.get("deleted", True) is False:
        drop.append((entry["table_name"], entry["row_id"]))


def _known_names(table: str, record: Mapping[str, Any] | None,
                 dossier: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """What names a refused record and its dossier once the sync has removed them (a dossier no
    longer assigned): the record's values, the dossier's code and title."""
    entity = ENTITY_BY_TABLE.get(table)
    known: dict[str, Any] = {}
    if record is not None and entity is not None:
        known["record"] = {name: record.get(name) for name in entity.field_names}
    if dossier is not None:
        known["dossier"] = {"code": dossier.get("code"), "title": dossier.get("title")}
    return known or None


def _as_known(conn: Connection, table: str, row_id: str,
              project_id: str | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The refused record and its dossier as this profile holds them now, before the sync puts
    the server's values back or removes them."""
    def row(name: str, key: str | None) -> dict[str, Any] | None:
        if key is None or name not in ENTITY_BY_TABLE:  # table names from the schema, never the server
            return None
        found = conn.execute(text(f"SELECT * FROM {name} WHERE id = :i"), {"i": key}).mappings().first()
        return dict(found) if found is not None else None

    return row(table, row_id), row("projects", project_id)

