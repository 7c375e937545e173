"""Permits by the acronyms offices write (PdC, AUA, CPI): the catalogue is their one home; a
place with room says "AUA — Autorizzazione unica ambientale", a narrow one the acronym alone,
and a type without an acronym its name alone (no dash, no empty brackets). Here the catalogue's
words, the calendar, the records' names and the command line's ``show``."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from tutor_app.cli.store_commands import render_dossier
from tutor_app.domain.permit_catalogue import CUSTOM_CODE, catalogue, permit_words
from tutor_app.services import dossiers, permits
from tutor_app.services.calendar_export import export_calendar
from tutor_app.services.record_words import name_of
from tutor_app.services.workspace import Workspace

AUA_IT = "AUA — Autorizzazione unica ambientale"
AUA_EN = "AUA — Single environmental permit"


def test_each_type_with_an_acronym_reads_acronym_then_name_and_one_without_reads_its_name_alone() -> None:
    known = catalogue()
    assert {code for code, p in known.items() if p.short} >= {"PDC", "AUA", "AIA", "VIA", "PAUR", "SCIA_ED",
                                                                 "CILA", "VVF_SCIA"}
    for lang in ("it", "en"):
        for code, permit in known.items():
            label, acronym = permit.label(lang), permit.acronym(lang)
            if acronym is None:
                assert label == permit.name(lang), (code, lang)
                assert "—" not in label and "()" not in label, (code, lang)
            elif acronym in permit.name(lang).split():  # "SCIA edilizia", "CILA": said once
                assert label == permit.name(lang), (code, lang)
            else:
                assert label == f"{acronym} — {permit.name(lang)}", (code, lang)
    assert known["AUA"].label("it") == AUA_IT and known["AUA"].label("en") == AUA_EN
    assert known["PDC"].label("it") == "PdC — Permesso di costruire"
    assert known["VVF_SCIA"].label("it") == "SCIA antincendio / CPI"
    assert known["VVF_SCIA"].label("en") == "CPI — Fire-safety certified notice"
    # English keeps the Italian acronyms, but for the one the EU's English has its own of
    assert known["VIA"].label("en") == "EIA — Environmental impact assessment"
    assert known["VIA"].label("it") == "VIA — Valutazione di impatto ambientale"
    assert known["STRUTT"].label("it") == "Autorizzazione / deposito sismico"


def test_an_items_words_follow_its_type_and_keep_a_name_the_tutor_wrote() -> None:
    aua = permit_words("AUA", "Autorizzazione unica ambientale", "en")
    assert (aua.full, aua.short) == (AUA_EN, "AUA")
    assert permit_words("AUA", "Single environmental permit", "it").full == AUA_IT  # added in English
    renamed = permit_words("AUA", "Autorizzazione unica ambientale (scarichi)", "en")
    assert renamed.full == "AUA — Autorizzazione unica ambientale (scarichi)" and renamed.short == "AUA"
    assert permit_words("AUA", "AUA scarichi e rumore", "it").full == "AUA scarichi e rumore"
    for code in (CUSTOM_CODE, "NOT_IN_THIS_CLIENT"):
        said = permit_words(code, "Parere della Soprintendenza", "it")
        assert said.full == said.short == "Parere della Soprintendenza"
    seveso = permit_words("SEV_NOT", "Notifica Seveso", "en")
    assert seveso.full == seveso.short == "Seveso notification"


@pytest.fixture
def filed(tutor_workspace: Workspace) -> tuple[Workspace, str]:
    """A dossier with a filed AUA and a filed Seveso notice (no acronym), both terms running."""
    ws = tutor_workspace
    investor = dossiers.create_investor(ws, name="Hartmann", country="DE")
    project = dossiers.create_project(ws, investor_id=investor, title="Fab Agrate", kind="expansion",
                                      sector="electronics", function="production", with_checklist=False)
    for code in ("AUA", "SEV_NOT"):
        permits.add_permit(ws, project, code, status="submitted", submitted_on=ws.today().isoformat(),
                           time_limit_days=60)
    return ws, project


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_calendar_deadline_is_titled_by_the_acronym_and_names_the_permit_whole(
        filed: tuple[Workspace, str], tmp_path: Path, lang: str) -> None:
    ws, project = filed
    out = export_calendar(ws, tmp_path / "fab.ics", project, lang=lang).path
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    titles = sorted(str(e["summary"]) for e in events)
    deadline = "Scadenza" if lang == "it" else "Deadline"
    seveso = "Notifica Seveso" if lang == "it" else "Seveso notification"
    assert titles == sorted([f"{deadline}: AUA — Fab Agrate", f"{deadline}: {seveso} — Fab Agrate"])
    texts = {str(e["summary"]): str(e["description"]) for e in events}
    permit = "Titolo abilitativo" if lang == "it" else "Permit"
    aua = AUA_IT if lang == "it" else AUA_EN
    assert f"{permit}: {aua}\n" in texts[f"{deadline}: AUA — Fab Agrate"]
    assert f"{permit}: {seveso}\n" in texts[f"{deadline}: {seveso} — Fab Agrate"]


def test_records_and_the_command_lines_show_name_a_permit_by_acronym_and_name(
        filed: tuple[Workspace, str]) -> None:
    ws, project = filed
    item = {"permit_code": "AUA", "name": "Autorizzazione unica ambientale"}
    assert name_of("permit_items", item, "it", detailed=True) == f"Titolo abilitativo: {AUA_IT}"
    assert name_of("permit_items", item, "en") == f"Permit “{AUA_EN}”"
    assert name_of("permit_items", {"permit_code": "SEV_NOT", "name": "Notifica Seveso"}, "it",
                   detailed=True) == "Titolo abilitativo: Notifica Seveso"
    dossier = dossiers.get_dossier(ws, project)
    for lang, aua, seveso in (("it", AUA_IT, "Notifica Seveso"), ("en", AUA_EN, "Seveso notification")):
        shown = render_dossier(dossier, lang)
        assert f" {aua}  " in shown and f" {seveso}  " in shown, shown
