"""A merge is one change set, and a change set goes up in one push: a merge larger than the
server takes in one push would be refused at every sync, and the outbox would never empty. It is
refused before anything is written, with a sentence in the user's language."""

from __future__ import annotations

import pytest

from tutor_app.domain import schema
from tutor_app.domain.errors import ValidationError
from tutor_app.services import dossiers
from tutor_app.services.investor_merge import MOST_CHANGES, merge_investors
from tutor_app.services.workspace import Workspace
from tutor_app.store import outbox
from tutor_app.sync.push import PUSH_BYTES, SERVER_MOST_CHANGES


def _coordinator(ws: Workspace) -> None:
    with ws.store.write() as w:
        assert ws.tutor_id is not None
        w.update(schema.TUTORS, ws.tutor_id, {"role": "coordinator"})


def _duplicate_with_contacts(ws: Workspace, contacts: int) -> tuple[str, str]:
    kept = dossiers.create_investor(ws, name="Acme Werke GmbH", country="DE", sector="manufacturing")
    other = dossiers.create_investor(ws, name="ACME Werke G.m.b.H.", country="DE", sector="manufacturing")
    with ws.store.write() as w:
        for n in range(contacts):
            w.create(schema.CONTACTS, schema.CONTACTS.validate(
                {"investor_id": other, "name": f"Referente {n} ".ljust(200, "x"), "role": "r" * 200,
                 "email": f"referente.{n}@{'b' * 60}.example.it", "phone": "0" * 50}, creating=True))
    return kept, other


def _waiting(ws: Workspace) -> int:
    with ws.store.read() as conn:
        return outbox.waiting_count(conn)


def test_a_merge_larger_than_one_push_is_refused_before_anything_is_written(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    _coordinator(ws)
    kept, other = _duplicate_with_contacts(ws, MOST_CHANGES // 2)  # two changes each, and the investor
    before = _waiting(ws)
    with pytest.raises(ValidationError, match="too many to be sent in one sync"):
        merge_investors(ws, kept, [other])
    assert _waiting(ws) == before
    assert {i["id"] for i in dossiers.investors(ws)} >= {kept, other}  # nothing merged


def test_the_largest_merge_goes_up_in_one_push_the_server_takes(tutor_workspace: Workspace) -> None:
    """The merge at the bound, of contacts with their longest values: one batch, within the
    server's count and bytes (4 MiB)."""
    ws = tutor_workspace
    _coordinator(ws)
    kept, other = _duplicate_with_contacts(ws, (MOST_CHANGES - 1) // 2)
    with ws.store.write() as w:  # what came before is sent: the merge's set starts the batch
        outbox.remove_answered(w.conn, outbox.take_batch(w.conn, 100_000, 1 << 40))
    merge_investors(ws, kept, [other])
    with ws.store.write() as w:
        batch = outbox.take_batch(w.conn, 1000, PUSH_BYTES)
    size = sum(len(str(e["fields"])) + len(str(e["stamps"])) for e in batch)
    assert len(batch) == _waiting(ws) == MOST_CHANGES - (MOST_CHANGES - 1) % 2
    assert len(batch) <= SERVER_MOST_CHANGES and size < 4 * 1024 * 1024
