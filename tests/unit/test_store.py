"""The local store: durable settings, the outbox contract, tombstones, full-text search, the
dossier index and where a data file may live."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.errors import NotFoundError, StorageError
from tutor_app.services import dossiers, meetings
from tutor_app.services import search as search_service
from tutor_app.services.workspace import Workspace
from tutor_app.store import database, outbox, replica
from tutor_app.store.bulk import rebuild_dossier_index
from tutor_app.store.writer import field_stamp


def _project(ws: Workspace, title: str = "Nuovo stabilimento a Città Alta") -> str:
    investor = dossiers.create_investor(ws, name="Kessler Precision GmbH", country="DE")
    return dossiers.create_project(ws, investor_id=investor, title=title, kind="new_initiative",
                                   sector="manufacturing", function="production")


def _outbox(ws: Workspace) -> list[dict]:
    with ws.store.read() as conn:
        return outbox.entries_waiting(conn)


def test_connections_use_wal_full_sync_and_foreign_keys(workspace: Workspace) -> None:
    with workspace.store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_every_edit_writes_its_outbox_entry_in_the_same_transaction(workspace: Workspace) -> None:
    project = _project(workspace)
    entries = _outbox(workspace)
    tables = [e["table_name"] for e in entries]
    assert tables[:3] == ["investors", "projects", "phase_entries"]
    assert tables.count("permit_items") >= 5
    created = next(e for e in entries if e["row_id"] == project)
    assert created["fields"]["title"] == "Nuovo stabilimento a Città Alta" and created["base_rev"] == 0


def test_unsent_edits_of_a_row_combine_into_one_entry_with_the_newest_values(workspace: Workspace) -> None:
    project = _project(workspace)
    for title in ("Nuovo", "Nuovo stabilimento", "Nuovo stabilimento a Dalmine"):
        dossiers.update_project(workspace, project, title=title)
    dossiers.update_project(workspace, project, capex_cents=5_000_000_00)
    rows = [e for e in _outbox(workspace) if e["row_id"] == project]
    assert len(rows) == 1
    assert rows[0]["fields"]["title"] == "Nuovo stabilimento a Dalmine"
    assert rows[0]["fields"]["capex_cents"] == 5_000_000_00
    assert rows[0]["stamps"]["capex_cents"] > rows[0]["stamps"]["title"]


def test_an_entry_taken_by_a_push_is_never_changed_again(workspace: Workspace) -> None:
    project = _project(workspace)
    with workspace.store.write() as w:
        w.conn.execute(text("UPDATE outbox SET in_flight = 1"))
    dossiers.update_project(workspace, project, title="Dopo l'invio")
    rows = [e for e in _outbox(workspace) if e["row_id"] == project]
    assert [r["in_flight"] for r in rows] == [True, False]
    assert rows[0]["fields"]["title"] == "Nuovo stabilimento a Città Alta"
    assert rows[1]["fields"] == {"title": "Dopo l'invio"}


def test_a_batch_goes_up_as_the_json_of_its_entries(workspace: Workspace) -> None:
    """The push sends the stored JSON text of each entry (no decoding and encoding again): the
    same changes as the wire form of the decoded entries, quotes, accents and lists included."""
    import json

    from tutor_app.sync.push import PUSH_BYTES, change_payload, payload_json

    investor = dossiers.create_investor(workspace, name='Semi "Corp" \u2028 città', country="US")
    project = dossiers.create_project(workspace, investor_id=investor, title="Fab è", kind="expansion",
                                      sector="electronics", function="production", instruments=["zis_call"])
    meetings.record_meeting(workspace, project, table="technical", starts_at="2026-11-20T09:00:00Z",
                            decisions="Una\nDue \\ tre")
    with workspace.store.write() as w:
        entries = outbox.take_batch(w.conn, 100, PUSH_BYTES)
    decoded = [{**e, "fields": json.loads(e["fields"]), "stamps": json.loads(e["stamps"])} for e in entries]
    assert len(entries) >= 3
    assert json.loads(payload_json(entries)) == [change_payload(e) for e in decoded]


def test_an_edit_that_changes_nothing_writes_nothing(workspace: Workspace) -> None:
    project = _project(workspace, "Uguale")
    before = _outbox(workspace)
    assert dossiers.update_project(workspace, project, title="Uguale") == {}
    assert _outbox(workspace) == before


def test_field_stamps_record_the_last_write_of_each_field(workspace: Workspace) -> None:
    project = _project(workspace)
    dossiers.update_project(workspace, project, new_hires=40)
    with workspace.store.read() as conn:
        stamps = conn.execute(text("SELECT stamps FROM projects WHERE id = :i"), {"i": project}).scalar_one()
    import json

    stamps = json.loads(stamps)
    assert field_stamp(stamps, "new_hires") > field_stamp(stamps, "title")
    assert field_stamp(stamps, "title") == stamps["*"]
    assert stamps["*"].endswith(workspace.store.device_id)


def test_a_delete_is_a_tombstone_that_syncs_like_an_edit(workspace: Workspace) -> None:
    project = _project(workspace)
    dossiers.delete_project(workspace, project)
    with workspace.store.read() as conn:
        assert conn.execute(text("SELECT deleted FROM projects WHERE id = :i"), {"i": project}).scalar_one() == 1
    creation, tombstone = [e for e in _outbox(workspace) if e["row_id"] == project]
    assert creation["fields"]["deleted"] is False
    # a dossier's deletion travels in an entry of its own (its base is the whole dossier's)
    assert tombstone["fields"] == {"deleted": True}
    assert all(r.id != project for r in dossiers.list_dossiers(workspace))
    with pytest.raises(NotFoundError):
        dossiers.get_dossier(workspace, project)


def test_a_failed_operation_leaves_nothing_half_written(workspace: Workspace) -> None:
    project = _project(workspace)
    before = _outbox(workspace)
    with pytest.raises(Exception, match="due date"):
        meetings.record_meeting(workspace, project, table="technical",
                                starts_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
                                actions=[{"text": "ok", "due_on": "2026-11-30"},
                                         {"text": "bad", "due_on": "2026-01-01"}])
    assert _outbox(workspace) == before
    assert dossiers.get_dossier(workspace, project).meetings == ()


def test_full_text_search_ignores_accents_both_ways(workspace: Workspace) -> None:
    project = _project(workspace, "Sede nella città di Bergamo")
    meetings.record_meeting(workspace, project, table="technical", starts_at=datetime(2026, 11, 2, 9, tzinfo=UTC),
                            minutes="Il Comune è favorevole; servirà l'autorizzazione paesaggistica.")
    assert [h.project_id for h in search_service.search(workspace, "citta")] == [project]
    assert search_service.search(workspace, "paesaggistica")[0].source == "meeting"
    assert search_service.search(workspace, "servira favorevole")[0].project_id == project
    assert search_service.search(workspace, "inesistente") == []
    dossiers.update_project(workspace, project, title="Sede a Dalmine")
    assert search_service.search(workspace, "citta") == []


_SEARCH_INDEXES = ("search_projects", "search_meetings", "search_notes")


def _index_agrees_with_rows(ws: Workspace) -> None:
    """FTS5's own check of an external-content index against the rows it reads: a term the index
    holds for a text that is no longer there (or misses for one that is) fails it."""
    with ws.store.read() as conn:
        for index in _SEARCH_INDEXES:
            conn.exec_driver_sql(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")


def test_the_search_index_follows_every_write(demo_workspace: Workspace) -> None:
    """Edits of every indexed text, tombstones, a restore and a purge keep the full-text index equal
    to the rows it reads the text from; the new words are found, the old ones no longer."""
    ws = demo_workspace
    with ws.store.read() as conn:
        rows = conn.exec_driver_sql("SELECT id, project_id FROM meetings ORDER BY rowid LIMIT 6").all()
        note = conn.exec_driver_sql("SELECT id FROM aftercare_notes LIMIT 1").scalar_one()
    project = rows[0][1]
    with ws.store.write() as w:
        w.update(schema.MEETINGS, rows[0][0], {"minutes": "Zanzibar verbale nuovo", "place": "Sala Orione"})
        w.update(schema.MEETINGS, rows[1][0], {"organisations": None, "decisions": "Quokka deciso"})
        w.delete(schema.MEETINGS, rows[2][0])
        w.delete(schema.MEETINGS, rows[3][0])
        w.update(schema.MEETINGS, rows[3][0], {"deleted": False, "agenda": "Ornitorinco"})  # restored
        w.update(schema.AFTERCARE_NOTES, note, {"text": "Nota capibara"})
        w.update(schema.PROJECTS, project, {"title": "Stabilimento Wombat", "description": None})
        w.create(schema.MEETINGS, schema.MEETINGS.validate(
            {"project_id": project, "table": "technical", "starts_at": "2026-11-20T09:00:00Z", "minutes": "Lemure"},
            creating=True))
    _index_agrees_with_rows(ws)
    for word in ("zanzibar", "orione", "quokka", "ornitorinco", "capibara", "wombat", "lemure"):
        assert [h.project_id for h in search_service.search(ws, word)] != [], word
    with ws.store.read() as conn:
        purged, minutes = conn.exec_driver_sql(
            "SELECT project_id, minutes FROM meetings WHERE project_id <> ? AND deleted = 0 AND minutes <> '' "
            "ORDER BY rowid DESC LIMIT 1", (project,)).one()
    word = minutes.split()[0]
    assert purged in search_service.matching_project_ids(ws, word)
    with ws.store.write() as w:
        w.update(schema.MEETINGS, rows[0][0], {"minutes": "Altro testo"})
        replica.purge_project(w.conn, purged)
    _index_agrees_with_rows(ws)
    assert search_service.search(ws, "zanzibar") == []
    assert purged not in search_service.matching_project_ids(ws, word)


def test_search_survives_quotes_and_operators_typed_by_a_person(workspace: Workspace) -> None:
    _project(workspace)
    for typed in ('"', "AND OR NOT", "città*", "(", "a:b", "-"):
        search_service.search(workspace, typed)  # must not raise an FTS syntax error


def test_dossier_index_always_equals_its_definition(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    row = next(r for r in dossiers.list_dossiers(ws) if r.phase != "operations")
    dossiers.update_project(ws, row.id, title="Titolo nuovo", capex_cents=1)
    dossiers.advance_phase(ws, row.id, "operations")
    with ws.store.write() as w:
        w.conn.execute(text("UPDATE investors SET name = 'Rinominata SpA'"))
    with ws.store.read() as conn:
        index = conn.exec_driver_sql("SELECT * FROM dossier_index ORDER BY id").all()
        source = conn.exec_driver_sql("SELECT * FROM dossier_index_source ORDER BY id").all()
    assert index == source
    with ws.store.write() as w:
        rebuild_dossier_index(w.conn)
    again = next(r for r in dossiers.list_dossiers(ws) if r.id == row.id)
    assert again.title == "Titolo nuovo" and again.phase == "operations" and again.investor == "Rinominata SpA"
    assert again.pending_changes >= 2


@pytest.mark.parametrize("folder", ["Dropbox", "OneDrive - Regione Lombardia", "Google Drive"])
def test_a_synced_folder_is_refused_with_a_message(tmp_path: Path, folder: str) -> None:
    with pytest.raises(StorageError, match="synced folder"):
        database.check_location(tmp_path / folder / "tutor.sqlite3")


def test_a_network_file_system_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "_mount_fs_type", lambda _path: "nfs4")
    with pytest.raises(StorageError, match="network file system"):
        database.check_location(tmp_path / "x.sqlite3")


def test_a_damaged_file_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database" * 200)
    with pytest.raises(StorageError, match="damaged"):
        Workspace.open(db=bad)


def test_a_second_writer_waits_instead_of_failing(workspace: Workspace, tmp_path: Path) -> None:
    other = Workspace.open(db=workspace.store.path)
    try:
        project = _project(workspace)
        dossiers.update_project(other, project, title="Dal secondo processo")
        assert dossiers.get_dossier(workspace, project).project["title"] == "Dal secondo processo"
        assert other.store.device_id == workspace.store.device_id  # one file, one device
    finally:
        other.close()


def test_a_new_reference_is_never_folded_into_an_entry_older_than_its_target(workspace: Workspace) -> None:
    """Folded into the older entry, the project's new investor would reach the server before the
    investor itself and be refused."""
    project = _project(workspace)
    with workspace.store.write() as w:
        w.conn.execute(text("UPDATE outbox SET in_flight = 1"))  # the creation went up already
    dossiers.update_project(workspace, project, title="Prima modifica")
    investor = dossiers.create_investor(workspace, name="Nuovo Gruppo SA", country="FR")
    dossiers.update_project(workspace, project, investor_id=investor)
    dossiers.update_project(workspace, project, title="Dopo il cambio")
    pending = [(e["table_name"], e["row_id"], e["fields"]) for e in _outbox(workspace) if not e["in_flight"]]
    assert pending == [("projects", project, {"title": "Prima modifica"}),
                       ("investors", investor, pending[1][2]),
                       ("projects", project, {"investor_id": investor, "title": "Dopo il cambio"})]


def test_a_glance_sees_the_last_commit_and_holds_no_snapshot_after_it(workspace: Workspace) -> None:
    """``LocalStore.glance`` (the sync's small reads, on a kept connection) reads outside any
    transaction: a commit made since the last glance is seen, and a glance at a query of many rows
    leaves no read open that would keep the write-ahead log from being emptied."""
    from tutor_app.store.state import LAST_SYNC

    store = workspace.store
    with store.write() as w:
        LAST_SYNC.set(w.conn, "2026-11-25T09:00:00.000000Z")
    assert store.state(LAST_SYNC) == "2026-11-25T09:00:00.000000Z"
    with store.write() as w:
        LAST_SYNC.set(w.conn, "2026-11-25T10:00:00.000000Z")
    assert store.state(LAST_SYNC) == "2026-11-25T10:00:00.000000Z"  # not the first glance's snapshot
    assert store.glance("SELECT key FROM local_state ORDER BY key") is not None  # many rows, one taken
    _project(workspace)  # pages for the log
    with store.write() as w:  # the writer's connection, outside its transaction, empties the log
        pass
    with database.translate_sqlite_errors(store.path), store.engine.connect() as conn:
        busy, log_pages, _copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert (busy, log_pages) == (0, 0)
    assert store.path.with_name(store.path.name + "-wal").stat().st_size == 0
