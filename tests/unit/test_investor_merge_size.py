"""A merge is one change set, and a change set goes up in one push: a merge larger than the
server takes in one push would be refused at every sync, and the outbox would never empty. It is
refused before anything is written, with a sentence in the user's language."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.errors import MergeTooLargeError, ValidationError
from tutor_app.domain.formatting import format_int
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


_PROJECT = {"kind": "new_initiative", "sector": "manufacturing", "function": "production", "status": "active"}


def _binned_dossiers(ws: Workspace, investor: str, n: int) -> list[str]:
    """Dossiers of ``investor`` in the recycle bin."""
    made = [dossiers.create_project(ws, investor_id=investor, title=f"Dossier cestinato {k}", with_checklist=False,
                                    **_PROJECT) for k in range(n)]
    for pid in made:
        dossiers.delete_project(ws, pid)
    return made


def test_a_merge_counts_the_dossiers_in_the_recycle_bin_and_says_so(tutor_workspace: Workspace) -> None:
    """Two deleted dossiers tip a merge that fits without them over the bound: they are in its
    change set too (moved, so that one restored names the investor kept)."""
    ws = tutor_workspace
    _coordinator(ws)
    kept, other = _duplicate_with_contacts(ws, (MOST_CHANGES - 1) // 2)  # the contacts and the investor fit
    _binned_dossiers(ws, other, 2)
    before = _waiting(ws)
    with pytest.raises(MergeTooLargeError) as refused:
        merge_investors(ws, kept, [other])
    assert _waiting(ws) == before
    contacts = (MOST_CHANGES - 1) // 2
    changes = format_int(2 * contacts + 1 + 2, "it")
    assert refused.value.text("it") == (
        f"Questa unione cambierebbe {changes} record, troppi per una sola sincronizzazione (al massimo "
        f"{format_int(MOST_CHANGES, 'it')}): 2 dossier (2 nel cestino: si spostano anch'essi, perché ripristinati "
        f"indichino l'investitore tenuto), {format_int(contacts, 'it')} contatti (copiati, poi eliminati: due "
        "modifiche ciascuno) e 1 investitore. Unisci meno investitori alla volta.")
    assert refused.value.text("en") == (
        f"This merge would change {format_int(2 * contacts + 3, 'en')} records, too many to be sent in one sync (at "
        f"most {format_int(MOST_CHANGES, 'en')}): 2 dossiers (2 of them in the recycle bin: they move too, so that "
        f"restored they name the investor kept), {format_int(contacts, 'en')} contacts (copied, then deleted: two "
        "changes each) and 1 investor. Merge fewer investors at a time.")


def test_a_merge_at_the_bound_with_dossiers_in_the_recycle_bin_goes_up_whole_and_moves_them(
        tutor_workspace: Workspace) -> None:
    """What the bound counts is what the change set holds: the deleted dossiers' moves are in the
    one batch, and each names the investor kept (restored, it is that investor's)."""
    ws = tutor_workspace
    _coordinator(ws)
    binned = 3
    kept, other = _duplicate_with_contacts(ws, (MOST_CHANGES - 1 - binned) // 2)
    deleted = _binned_dossiers(ws, other, binned)
    with ws.store.write() as w:
        outbox.remove_answered(w.conn, outbox.take_batch(w.conn, 100_000, 1 << 40))
    merge_investors(ws, kept, [other])
    with ws.store.write() as w:
        batch = outbox.take_batch(w.conn, 10_000, PUSH_BYTES)
    counted = binned + 2 * ((MOST_CHANGES - 1 - binned) // 2) + 1
    assert len(batch) == _waiting(ws) == counted <= MOST_CHANGES
    assert {e["row_id"] for e in batch if e["table_name"] == "projects"} == set(deleted)
    with ws.store.read() as conn:
        assert {r[0] for r in conn.execute(text(
            "SELECT investor_id FROM projects WHERE id IN (SELECT value FROM json_each(:ids))"),
            {"ids": json.dumps(deleted)})} == {kept}
