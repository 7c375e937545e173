"""File ▸ Import a bundle… (a coordinator, DESIGN §5.7 and the "month end" scenario): a tutor's
offline bundle goes into the real server from the desktop, the coordinator's copy then shows it;
a tampered bundle goes in only on the coordinator's explicit decision; a damaged file is
refused with a message and nothing is sent."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.sync.helpers import Client, TestServer
from tests.ui.conftest import OpenApp
from tests.ui.test_sync_ui import remembered
from tutor_app.services import bundles, dossiers
from tutor_app.ui.bundle_import import BundleImport

pytestmark = pytest.mark.postgres


def _bundle_from_mario(mario: Client, tmp_path: Path) -> tuple[str, Path]:
    """Mario synced once, then edited with no network and wrote his changes to a file."""
    project = mario.new_project("Fab Agrate")
    mario.sync()
    dossiers.update_project(mario.ws, project, title="Fab Agrate, seconda fase")
    out = tmp_path / "valle.tutorbundle"
    bundles.export_pending(mario.ws, out)
    return project, out


def _answers(monkeypatch: pytest.MonkeyPatch, *, unverified: bool = False) -> dict[str, list[str]]:
    from PySide6.QtWidgets import QMessageBox

    said: dict[str, list[str]] = {"asked": [], "told": [], "warned": [], "unverified": []}
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _p, _t, text, *_a: said["asked"].append(text) or QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: said["told"].append(text)))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *_a: said["warned"].append(text)))
    monkeypatch.setattr(BundleImport, "_ask_unverified",
                        lambda _self, text: said["unverified"].append(text) or unverified)
    return said


def test_a_coordinator_imports_a_tutors_bundle_and_sees_the_change(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, path = _bundle_from_mario(mario, tmp_path)
    carla.sync()
    said = _answers(monkeypatch)
    window = open_app(carla.ws).window
    window.sync.configure(credentials=remembered(carla))
    assert window.import_bundle_action.text() == "&Importa un pacchetto…"
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):  # the import, then the sync after it
        job = window.import_bundle(str(path))
        assert job is not None
    assert said["asked"] and said["asked"][0].startswith("Pacchetto di mario, creato il ")
    assert ": 1 modifica.\n\nApplicarla al server" in said["asked"][0]  # one change: the singular
    assert re.search(r"creato il \d\d/\d\d/\d{4} \d\d:\d\d sul dispositivo", said["asked"][0])
    [told] = said["told"]
    head, counts, vouched = told.split("\n")
    # Named after the import as the server knows the author (before it, by the file's user name).
    assert re.fullmatch(r"Pacchetto di Mario Rossi creato il \d\d/\d\d/\d{4} \d\d:\d\d \(1 modifica\)\.", head)
    assert counts == "1 modifica: applicate 1 · conflitti da vedere 0 · già sul server 0 · rifiutate 0."
    assert vouched == "Firma verificata da questo computer e dal server."
    assert server.dump("projects")[project]["title"] == "Fab Agrate, seconda fase"
    assert dossiers.get_dossier(carla.ws, project).project["title"] == "Fab Agrate, seconda fase"
    assert mario.sync().duplicates == 1  # Mario's own sync later: the server knows the change already


def test_a_tampered_bundle_goes_in_only_if_the_coordinator_says_so(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    mario, carla = clients["mario"], clients["carla"]
    project, path = _bundle_from_mario(mario, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["body"]["changes"][0]["fields"]["title"] = "Cambiato dopo la firma"
    path.write_text(json.dumps(document), encoding="utf-8")
    carla.sync()
    window = open_app(carla.ws).window
    window.sync.configure(credentials=remembered(carla))
    said = _answers(monkeypatch, unverified=False)
    job = window.import_bundle(str(path))
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000) as refused:
        pass
    assert refused.args == [None]
    assert "non può essere verificata (il file è stato modificato dopo la firma)" in said["unverified"][0]
    assert server.dump("projects")[project]["title"] == "Fab Agrate"  # nothing was imported
    said = _answers(monkeypatch, unverified=True)
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):  # the import, then the sync after it
        job = window.import_bundle(str(path))
        assert job is not None
        with qtbot.waitSignal(job.finished, timeout=20_000) as taken:
            pass
    report = taken.args[0]
    assert report is not None and not report.verified
    assert said["told"][0].endswith("Importato senza verifica, per tua decisione.")
    assert server.dump("projects")[project]["title"] == "Cambiato dopo la firma"


def test_a_damaged_file_is_refused_with_a_message_and_nothing_is_sent(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    carla = clients["carla"]
    carla.sync()
    window = open_app(carla.ws).window
    window.sync.configure(credentials=remembered(carla))
    said = _answers(monkeypatch)
    damaged = tmp_path / "rotto.tutorbundle"
    damaged.write_bytes(b"\x00not a bundle")
    assert window.import_bundle(str(damaged)) is None
    assert said["warned"] and not said["asked"]


def test_the_genuine_bundle_after_a_tampered_one_says_which_bundle_took_its_ids(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor_app.sync.bundle import import_bundle, read_bundle

    mario, carla = clients["mario"], clients["carla"]
    project, path = _bundle_from_mario(mario, tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["body"]["changes"][0]["fields"]["title"] = "Cambiato dopo la firma"
    forged = tmp_path / "falso.tutorbundle"
    forged.write_text(json.dumps(document), encoding="utf-8")
    with carla.session() as session:
        import_bundle(session, read_bundle(forged), accept_unverified=True)
    carla.sync()
    window = open_app(carla.ws).window
    window.sync.configure(credentials=remembered(carla))
    said = _answers(monkeypatch)
    with qtbot.waitSignal(window.sync.finished, timeout=20_000):
        assert window.import_bundle(str(path)) is not None
    [told] = said["told"]
    assert "1 modifica: applicate 0 · conflitti da vedere 1" in told
    assert "1 modifica aveva l'identificativo già usato dal pacchetto di Mario Rossi creato il " in told
    assert server.dump("projects")[project]["title"] == "Cambiato dopo la firma"  # until the coordinator resolves


def test_a_coordinator_reverts_an_imported_bundle_from_the_desktop(
        qtbot: Any, open_app: OpenApp, clients: dict[str, Client], server: TestServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from tutor_app.sync.bundle import import_bundle, read_bundle

    mario, carla = clients["mario"], clients["carla"]
    project, path = _bundle_from_mario(mario, tmp_path)
    carla.sync()
    with carla.session() as session:
        import_bundle(session, read_bundle(path))
    carla.sync()
    window = open_app(carla.ws).window
    window.sync.configure(credentials=remembered(carla))
    assert window.revert_bundle_action.text() == "Annulla un pacchetto impo&rtato…"
    said = _answers(monkeypatch)
    offered: list[list[str]] = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda _p, _t, _l, items, *_a: offered.append(list(items)) or (items[0], True)))
    with qtbot.waitSignal(window.sync.finished, timeout=30_000):  # the list, the revert, then the sync
        assert window.revert_bundle() is not None
    [[item]] = offered
    assert item.startswith("il pacchetto di Mario Rossi del ") and "(1 modifica)" in item
    assert item.endswith(" — firma verificata dal server")
    assert said["asked"][0].startswith("Annullare il pacchetto di Mario Rossi del ")
    assert said["told"][0].startswith("Annullato il pacchetto di Mario Rossi del ")
    assert server.dump("projects")[project]["title"] == "Fab Agrate"
    assert dossiers.get_dossier(carla.ws, project).project["title"] == "Fab Agrate"
