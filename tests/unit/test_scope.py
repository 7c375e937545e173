"""The shared pieces of the tutor's and the coordinators' views: the investor-name key and the scope."""

from __future__ import annotations

import json

import pytest

from tutor_app.domain.investor_names import investor_key, normalised_investor_name
from tutor_app.domain.scope import Scope, Viewer
from tutor_app.services import dossiers, scope
from tutor_app.services.workspace import Workspace
from tutor_app.store.state import TUTOR_ID


@pytest.mark.parametrize(("typed", "key"), [
    ("Bluewater S.p.A.", "bluewater spa"),
    ("BLUEWATER  SpA", "bluewater spa"),
    (" Bluewater\tS.P.A ", "bluewater spa"),
    ("Rossi, Bianchi & C. S.r.l.", "rossi bianchi & c srl"),
    ("Müller GmbH", "müller gmbh"),  # letters and accents are kept: Muller may be another company
    ("王小明 有限公司", "王小明 有限公司"),
    ("Straße AG", "strasse ag"),  # case folding, not lower(): ß folds to ss
])
def test_the_normalised_name_ignores_case_spacing_dots_and_commas_only(typed: str, key: str) -> None:
    assert normalised_investor_name(typed) == key


def test_two_spellings_of_one_company_share_a_key_and_other_companies_do_not() -> None:
    assert investor_key("Acme S.p.A.", "de") == investor_key("ACME SpA", "DE")
    assert investor_key("Acme S.p.A.", "DE") != investor_key("Acme S.p.A.", "AT")
    assert investor_key("Müller AG", "DE") != investor_key("Muller AG", "DE")
    assert investor_key("A.B. Holding", "IT") != investor_key("AB-Holding", "IT")


def _viewer(role: str, provinces: set[str], assigned: set[str]) -> Viewer:
    return Viewer(tutor_id="t1", role=role, provinces=frozenset(provinces), assigned=frozenset(assigned))


def test_each_scope_counts_what_its_name_says() -> None:
    who = _viewer("regional_tutor", {"MI", "MB"}, {"p1"})
    projects = [("p1", "BG"), ("p2", "MI"), ("p3", "MB"), ("p4", "BS"), ("p5", None)]
    assert who.select(Scope.MINE, projects) == {"p1"}
    assert who.select(Scope.AREA, projects) == {"p1", "p2", "p3"}
    assert who.select(Scope.REGION, projects) == {"p1", "p2", "p3", "p4", "p5"}


def test_the_scopes_offered_and_the_first_one_fit_the_role() -> None:
    tutor = _viewer("project_tutor", set(), {"p1"})
    assert tutor.scopes() == (Scope.MINE, Scope.REGION) and tutor.default_scope() is Scope.MINE
    regional = _viewer("regional_tutor", {"MI"}, {"p1"})
    assert regional.scopes() == (Scope.MINE, Scope.AREA, Scope.REGION)
    coordinator = _viewer("coordinator", set(), set())
    assert coordinator.default_scope() is Scope.REGION
    newcomer = _viewer("project_tutor", set(), set())
    assert newcomer.default_scope() is Scope.REGION  # follows nothing yet: "I miei" would be empty
    # A remembered scope the user can no longer use (provinces taken away) falls back to the default.
    assert tutor.effective("area") is Scope.MINE and tutor.effective("nonsense") is Scope.MINE
    assert regional.effective("area") is Scope.AREA


def test_the_profile_viewer_and_the_remembered_scope(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    with ws.store.read() as conn:
        me = TUTOR_ID.get(conn)
    rows = dossiers.list_dossiers(ws)
    with ws.store.write() as w:
        w.conn.exec_driver_sql("UPDATE tutors SET provinces = ?, role = 'regional_tutor' WHERE id = ?",
                               (json.dumps(["BG"]), me))
    who, chosen = scope.current_scope(ws)
    assert who.role == "regional_tutor" and who.provinces == {"BG"}
    mine = scope.rows_in_scope(rows, who, Scope.MINE)
    assert mine and {r.id for r in mine} == who.assigned
    assert all(me_name in r.tutors for r in mine for me_name in [_name(ws, me)])
    area = scope.rows_in_scope(rows, who, Scope.AREA)
    assert {r.id for r in area} == who.assigned | {r.id for r in rows if r.province == "BG"}
    assert len(scope.rows_in_scope(rows, who, Scope.REGION)) == len(rows)
    assert chosen is Scope.MINE
    scope.remember_scope(ws, Scope.AREA)
    assert scope.current_scope(ws)[1] is Scope.AREA


def _name(ws: Workspace, tutor_id: str | None) -> str:
    with ws.store.read() as conn:
        return str(conn.exec_driver_sql("SELECT name FROM tutors WHERE id = ?", (tutor_id,)).scalar())
