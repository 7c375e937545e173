"""A dossier made in one step with its investor (new or found by name), as the desktop's dialog does."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from tutor_app.domain.enums import BusinessFunction, Phase, ProjectKind
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.permit_catalogue import checklist_for
from tutor_app.services import dossiers, investors
from tutor_app.services.dossiers import NewInvestor
from tutor_app.services.workspace import Workspace

PROJECT = {"title": "Linea di confezionamento", "kind": "expansion", "sector": "life_sciences",
           "function": "production", "municipality": "Lodi", "province": "LO",
           "capex_cents": 1_250_000_000, "new_hires": 35}


def _counts(ws: Workspace) -> dict[str, int]:
    with ws.store.read() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("investors", "contacts", "projects", "phase_entries", "permit_items", "assignments")}


def test_a_new_investor_its_contacts_and_its_dossier_are_made_together(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    new = NewInvestor({"name": "Nordpharma GmbH", "country": "de", "sector": "life_sciences"},
                      ({"name": "Jana Weber", "role": "CFO", "email": "j.weber@nordpharma.example"},
                       {"name": "Paul Klein", "phone": "+49 30 1234"}))
    project = dossiers.create_dossier(ws, investor=new, phase="decision", entered_on=date(2026, 10, 1), **PROJECT)
    d = dossiers.get_dossier(ws, project)
    assert (d.investor["name"], d.investor["country"]) == ("Nordpharma GmbH", "DE")
    assert sorted(c.name for c in d.contacts) == ["Jana Weber", "Paul Klein"]
    assert d.current_phase is Phase.DECISION and d.phases[0].entered_on == date(2026, 10, 1)
    assert [p.permit_code for p in d.permits] == [
        p.code for p in checklist_for(ProjectKind.EXPANSION, BusinessFunction.PRODUCTION)]
    assert d.tutors == (("Mario Rossi", "project_tutor"),)
    assert d.project["code"] == "2026-MRO-0001" and d.project["capex_cents"] == 1_250_000_000
    with ws.store.read() as conn:  # every row waits to go up, as any edit does
        tables = set(conn.execute(text("SELECT table_name FROM outbox")).scalars())
    assert {"investors", "contacts", "projects", "phase_entries", "permit_items", "assignments"} <= tables


def test_a_dossier_for_an_investor_found_by_name_reuses_it(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    first = dossiers.create_dossier(ws, investor=NewInvestor({"name": "Rossi S.p.A.", "country": "IT"}), **PROJECT)
    choices = investors.investor_choices(ws)
    [found] = investors.matching_investors(choices, "rossi spa", "it")
    assert found.dossiers == 1
    second = dossiers.create_dossier(ws, investor=found.id, **{**PROJECT, "title": "Magazzino"})
    assert dossiers.get_dossier(ws, second).investor["id"] == dossiers.get_dossier(ws, first).investor["id"]
    assert investors.dossiers_of_investor(ws, found.id) == 2
    assert _counts(ws)["investors"] == 1


@pytest.mark.parametrize(
    ("investor", "values", "field"),
    [
        (NewInvestor({"name": "", "country": "DE"}), PROJECT, "investor.name"),
        (NewInvestor({"name": "Acme", "country": "Atlantide"}), PROJECT, "investor.country"),
        (NewInvestor({"name": "Acme", "country": "FR"}, ({"name": "Ada", "email": "non-una-mail"},)),
         PROJECT, "contacts.0.email"),
        (NewInvestor({"name": "Acme", "country": "FR"}), {**PROJECT, "title": "  "}, "title"),
        (NewInvestor({"name": "Acme", "country": "FR"}), {**PROJECT, "province": "RM"}, "province"),
        (NewInvestor({"name": "Acme", "country": "FR"}), {**PROJECT, "new_hires": -3}, "new_hires"),
    ],
)
def test_a_refused_value_names_its_field_and_writes_nothing(
    tutor_workspace: Workspace, investor: NewInvestor, values: dict[str, object], field: str
) -> None:
    before = _counts(tutor_workspace)
    with pytest.raises(ValidationError) as refused:
        dossiers.create_dossier(tutor_workspace, investor=investor, **values)
    assert refused.value.field == field
    assert _counts(tutor_workspace) == before
    # the code counter did not move either: the next dossier takes the first number
    made = dossiers.create_dossier(tutor_workspace, investor=NewInvestor({"name": "Acme", "country": "FR"}), **PROJECT)
    assert dossiers.get_dossier(tutor_workspace, made).project["code"] == "2026-MRO-0001"


def test_the_search_matches_the_normalised_name_and_the_country(workspace: Workspace) -> None:
    for name, country in (("Siemens AG", "DE"), ("Siemens Healthineers", "DE"), ("Nuova Siemens s.r.l.", "IT"),
                          ("Bosch", "DE")):
        dossiers.create_investor(workspace, name=name, country=country)
    choices = investors.investor_choices(workspace)
    names = [c.name for c in investors.matching_investors(choices, "  SIEMENS ")]
    assert names == ["Siemens AG", "Siemens Healthineers", "Nuova Siemens s.r.l."]  # starts-with first
    assert [c.name for c in investors.matching_investors(choices, "siemens", "IT")] == ["Nuova Siemens s.r.l."]
    assert [c.name for c in investors.matching_investors(choices, "Nuova  Siemens, S.R.L.")] == ["Nuova Siemens s.r.l."]
    assert [c.name for c in investors.same_investors(choices, "siemens  ag.", "de")] == ["Siemens AG"]
    assert investors.same_investors(choices, "Siemens AG", "AT") == []
    assert len(investors.matching_investors(choices, "", limit=2)) == 2


def test_the_dossier_count_leaves_deleted_dossiers_out(tutor_workspace: Workspace) -> None:
    ws = tutor_workspace
    project = dossiers.create_dossier(ws, investor=NewInvestor({"name": "Acme", "country": "FR"}), **PROJECT)
    investor = str(dossiers.get_dossier(ws, project).investor["id"])
    dossiers.create_dossier(ws, investor=investor, **PROJECT)
    dossiers.delete_project(ws, project)
    assert investors.dossiers_of_investor(ws, investor) == 1
    assert [c.dossiers for c in investors.investor_choices(ws)] == [1]
