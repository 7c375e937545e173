"""What must hold at the end of a random run, after a clean sync of everyone (issue 10):
- every replica equals the server rows its user may see (ids, values, stamps, tombstones),
  computed from a superuser dump (``helpers.visible_rows``), not from the server's policies;
- no outbox entry is left;
- no change id was applied twice (the server's history);
- every edit the run made is accounted for: on the server, typed over by someone who saw it, or
  in a conflict record or a visible rejection record; and none was refused for a clock;
- one more sync of each replica is idle;
- the hashes kept for the sanity check (the server's parts of what each user sees, each profile's
  one row) equal the same numbers recomputed from the rows.
Each failure is added to the run's violations with what is needed to look into it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tests.sync.helpers import held_scope_differences, normal_row, scope_hash_differences, visible_rows
from tutor_app.domain.schema import ENTITIES
from tutor_app.sync.engine import synchronize

if TYPE_CHECKING:
    from tests.soak.run import Run

_SHOWN = 8  # examples per violation: enough to look into, short enough to read
CLOCK_REASONS = frozenset({"future_stamp"})


def check(run: Run) -> None:
    replicas(run)
    outboxes(run)
    applied_once(run)
    accounted(run)
    idle(run)
    kept_hashes(run)


def replicas(run: Run) -> None:
    from tests.soak.run import USERS

    for user, client in run.clients.items():
        _name, role, provinces = USERS[user]
        expected = visible_rows(run.server, role, client.tutor_id, provinces)
        for entity in ENTITIES:
            local = {k: normal_row(entity.table, v) for k, v in client.rows(entity.table).items()}
            server = expected[entity.table]
            only_local = sorted(set(local) - set(server))
            only_server = sorted(set(server) - set(local))
            differ = [(k, sorted(f for f in local[k] if local[k][f] != server[k].get(f)))
                      for k in sorted(set(local) & set(server)) if local[k] != server[k]]
            if only_local or only_server or differ:
                run.violation("replica_differs", user=user, table=entity.table,
                              only_local=[_describe(entity.table, local[k]) for k in only_local[:_SHOWN]],
                              only_local_count=len(only_local),
                              only_server=[_describe(entity.table, server[k]) for k in only_server[:_SHOWN]],
                              only_server_count=len(only_server),
                              differ=[{"row": k, "fields": f, "local": {x: local[k][x] for x in f},
                                       "server": {x: server[k].get(x) for x in f}} for k, f in differ[:_SHOWN]],
                              differ_count=len(differ))


def _describe(table: str, row: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "deleted", "rev", "project_id", "meeting_id", "kind", "reason", "table_name", "row_id",
            "minutes", "text", "description", "code")
    return {k: row[k] for k in keep if k in row}


def outboxes(run: Run) -> None:
    for user, client in run.clients.items():
        left = client.outbox()
        if left:
            run.violation("outbox_left", user=user, count=len(left),
                          entries=[{"table": e["table_name"], "row": e["row_id"], "fields": sorted(json.loads(
                              e["fields"])), "base_rev": e["base_rev"], "in_flight": bool(e["in_flight"])}
                                   for e in left[:_SHOWN]])


def applied_once(run: Run) -> None:
    with run.server.superuser() as su:
        twice = su.execute(
            "SELECT change_id::text, table_name, row_id::text, array_agg(rev ORDER BY rev) FROM tutor.history "
            "WHERE change_id IS NOT NULL GROUP BY 1, 2, 3 HAVING count(*) > 1").fetchall()
    if twice:
        run.violation("applied_twice", count=len(twice),
                      changes=[{"change": c, "table": t, "row": r, "revs": revs} for c, t, r, revs in twice[:_SHOWN]])


def accounted(run: Run) -> None:
    """Every edit of the run, by change and field: where it is now."""
    dump = {t: run.server.dump(t) for t in {e["table"] for e in run.edits}}
    conflicts = run.server.dump("conflicts")
    recorded: set[Any] = set()
    delete_records = {c["row_id"] for c in conflicts.values() if c["kind"] == "delete_edit"}
    for record in conflicts.values():
        for raw in (record["kept_value"], record["lost_value"]):
            recorded |= _values(raw)
    rejected_changes: dict[str, dict[str, Any]] = {}
    refused: set[Any] = set()
    for client in run.clients.values():
        for record in client.rows("sync_rejections", key="change_id").values():
            fields = json.loads(record["fields"]) if isinstance(record["fields"], str) else record["fields"]
            rejected_changes[record["change_id"]] = {"reason": record["reason"], "row": record["row_id"],
                                                     "table": record["table_name"], "fields": fields}
            refused |= {v for v in fields.values() if isinstance(v, str)}
    replaced = {(e["table"], e["row"], e["field"], e["previous"]) for e in run.edits}
    lost: list[dict[str, Any]] = []
    where: dict[str, int] = {}
    for edit in run.edits:
        table, row, name, value = edit["table"], edit["row"], edit["field"], edit["value"]
        on_server = dump[table].get(row)
        rejection = rejected_changes.get(edit["change"] or "")
        if name == "deleted":
            found = ("server" if on_server is not None and on_server["deleted"] else
                     "conflict" if row in delete_records else
                     "rejection" if rejection is not None and rejection["fields"].get("deleted") else None)
        else:
            found = ("server" if on_server is not None and on_server.get(name) == value else
                     "replaced" if (table, row, name, value) in replaced else
                     "conflict" if value in recorded else "rejection" if value in refused else None)
        where[found or "lost"] = where.get(found or "lost", 0) + 1
        if found is None:
            lost.append({**{k: edit[k] for k in ("user", "round", "op", "table", "row", "field", "value", "change",
                                                 "clock_h")},
                         "server_value": None if on_server is None else on_server.get(name),
                         "server_row": "missing" if on_server is None else
                         ("deleted" if on_server["deleted"] else "present")})
    run.counts.update({f"edits found: {k}": v for k, v in where.items()})
    if lost:
        run.violation("edits_unaccounted", count=len(lost), edits=lost[:_SHOWN])
    for_clock = [{"change": c, **r} for c, r in rejected_changes.items() if r["reason"] in CLOCK_REASONS]
    reasons: dict[str, int] = {}
    for r in rejected_changes.values():
        reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    run.counts.update({f"rejections: {k}": v for k, v in reasons.items()})
    if for_clock:  # DESIGN §5.0: the server never refuses an edit because a laptop's clock was wrong
        run.violation("refused_for_clock", count=len(for_clock), changes=for_clock[:_SHOWN])


def _values(raw: str | None) -> set[Any]:
    if not raw:
        return set()
    value = json.loads(raw)
    if isinstance(value, dict):
        return {v for v in value.values() if isinstance(v, str | int | bool)}
    return {value} if isinstance(value, str | int | bool) else set()


def idle(run: Run) -> None:
    for user, client in run.clients.items():
        try:
            with client.session() as session:
                report = synchronize(client.ws.store, session)
        except Exception as exc:  # a bug in the sync: said, and the other replicas still checked
            run.violation("sync_error", user=user, mode="idle check", error=repr(exc))
            continue
        if not report.idle:
            run.violation("sync_not_idle", user=user, pushed=report.pushed, pulled=report.pulled,
                          snapshots=report.snapshots, purged=report.purged, refetched=report.refetched,
                          sanity=report.sanity, round_trips=report.round_trips)


def kept_hashes(run: Run) -> None:
    if found := scope_hash_differences(run.server):
        run.violation("server_hashes_drifted", parts={k: dict(list(v.items())[:_SHOWN]) for k, v in found.items()})
    for user, client in run.clients.items():
        if mine := held_scope_differences(client):
            run.violation("profile_hash_drifted", user=user, **mine)
