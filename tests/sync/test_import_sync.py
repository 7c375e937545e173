"""An imported spreadsheet is ordinary edits: they sync like any other (issue 14). A coordinator's
import assigns dossiers to the tutors it names; the server holds the investors' VAT numbers; and
the tutor named receives the dossier at the next sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.helpers import Client, TestServer
from tutor_app.services import importing

pytestmark = pytest.mark.postgres


def test_a_coordinators_import_syncs_and_reaches_the_tutor_it_names(clients: dict[str, Client], server: TestServer,
                                                                    tmp_path: Path) -> None:
    mario, carla = clients["mario"], clients["carla"]
    mario.sync()
    carla.sync()  # the coordinator's profile knows Mario (the region's tutors come with the first sync)
    sheet = tmp_path / "fiera.csv"
    sheet.write_text(
        "Ragione sociale;Partita IVA;Paese;Titolo;Tipo;Settore;Funzione;Investimento;Tutor di progetto\n"
        "Alfa S.p.A.;IT 00743110157;Italia;Centro R&D;Espansione;ICT;Ricerca e sviluppo;€ 850.000;Mario Rossi\n"
        "Beta GmbH;DE136695976;Germania;Fab Brescia;Nuova iniziativa;Manifattura;Produzione;1.000.000,00 €;\n",
        encoding="cp1252")
    with importing.preview(carla.ws, sheet) as plan:
        assert plan.totals.errors == 0, [r.text("fiera.csv") for r in plan.rows(("error",))]
        importing.write(carla.ws, plan)
    report = carla.sync()
    assert report.sanity == "ok"
    assert not carla.outbox()  # every change was applied
    investors = {i["name"]: i for i in server.dump("investors").values()}
    assert investors["Alfa S.p.A."]["vat_number"] == "00743110157"
    assert investors["Beta GmbH"]["vat_number"] == "DE136695976"
    projects = {p["title"]: p for p in server.dump("projects").values()}
    assert projects["Centro R&D"]["capex_cents"] == 85_000_000
    mario.sync()
    assert [p["title"] for p in mario.rows("projects").values()] == ["Centro R&D"]  # assigned to him, and only that
