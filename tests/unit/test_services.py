"""Use cases as a tutor performs them: dossiers, phases, meetings, permits, notes, lists, counts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tutor_app.domain.deadlines import Urgency
from tutor_app.domain.enums import BusinessFunction, Phase, ProjectKind
from tutor_app.domain.errors import NotFoundError, ValidationError
from tutor_app.domain.permit_catalogue import checklist_for, templates
from tutor_app.services import aftercare, dashboard, dossiers, meetings, permits
from tutor_app.services.workspace import Workspace

TODAY = date(2026, 11, 25)


def _dc_project(ws: Workspace, **extra: object) -> str:
    investor = dossiers.create_investor(ws, name="Bluewater Cloud Inc.", country="US", sector="ict")
    return dossiers.create_project(ws, investor_id=investor, title="Nuovo campus data center a Settimo Milanese",
                                   kind="new_initiative", sector="ict", function="data_centre",
                                   capex_cents=45_000_000_000, new_hires=80, municipality="Settimo Milanese",
                                   province="MI", **extra)


def test_a_new_dossier_gets_a_code_its_first_phase_its_checklist_and_its_tutor(tutor_workspace: Workspace) -> None:
    project = _dc_project(tutor_workspace)
    d = dossiers.get_dossier(tutor_workspace, project)
    assert d.project["code"] == "2026-MRO-0001"
    assert d.current_phase is Phase.LEAD and d.phases[0].entered_on == TODAY
    codes = [p.permit_code for p in d.permits]
    assert codes[0] == "DC_UNI" and "AIA" in codes and "CONN" in codes
    assert d.tutors == (("Mario Rossi", "project_tutor"),)
    second = _dc_project(tutor_workspace)
    assert dossiers.get_dossier(tutor_workspace, second).project["code"] == "2026-MRO-0002"


def test_every_function_has_a_checklist_template_and_kinds_adjust_it() -> None:
    assert set(templates()) >= {"manufacturing_plant", "data_centre", "laboratory", "logistics_hub", "office_hq"}
    for function in BusinessFunction:
        assert checklist_for(ProjectKind.NEW_INITIATIVE, function)
    new = [p.code for p in checklist_for(ProjectKind.NEW_INITIATIVE, BusinessFunction.PRODUCTION)]
    expansion = [p.code for p in checklist_for(ProjectKind.EXPANSION, BusinessFunction.PRODUCTION)]
    assert "PDC" in new and "PDC" not in expansion and "SCIA_ALT" in expansion


def test_projects_are_found_by_code_or_id_and_unknown_ones_say_so(tutor_workspace: Workspace) -> None:
    project = _dc_project(tutor_workspace)
    assert dossiers.resolve_project(tutor_workspace, "2026-mro-0001") == project
    assert dossiers.resolve_project(tutor_workspace, project.upper()) == project
    with pytest.raises(NotFoundError, match="No project"):
        dossiers.resolve_project(tutor_workspace, "2026-MRO-0999")
    with pytest.raises(NotFoundError, match="neither"):
        dossiers.resolve_project(tutor_workspace, "agrate")


def test_phases_only_move_forward_in_time_and_order(workspace: Workspace) -> None:
    project = _dc_project(workspace, entered_on=date(2026, 1, 10))
    dossiers.advance_phase(workspace, project, Phase.ASSISTANCE, date(2026, 3, 1))
    dossiers.advance_phase(workspace, project, "permitting", date(2026, 6, 1))
    assert dossiers.get_dossier(workspace, project).current_phase is Phase.PERMITTING
    with pytest.raises(ValidationError, match="already past"):
        dossiers.advance_phase(workspace, project, "decision", date(2026, 7, 1))
    with pytest.raises(ValidationError) as err:
        dossiers.advance_phase(workspace, project, "realisation", date(2026, 5, 1))
    assert err.value.field == "entered_on"
    with pytest.raises(ValidationError, match="unknown value"):
        dossiers.advance_phase(workspace, project, "construction")


def test_a_site_visit_records_a_meeting_decisions_actions_a_permit_and_a_note(workspace: Workspace) -> None:
    project = _dc_project(workspace)
    meeting = meetings.record_meeting(
        workspace, project, table="technical", starts_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
        place="Agrate Brianza", participants="Comune\nARPA\nAzienda",
        decisions="Presentare l'AUA\nVerificare la potenza", actions=[
            {"text": "Inviare la planimetria", "owner": "Azienda", "due_on": date(2026, 12, 5)},
            {"text": "Parere preliminare", "owner": "ARPA", "due_on": date(2026, 12, 15)},
            {"text": "Sopralluogo VVF", "owner": "Tutor"}])
    d = dossiers.get_dossier(workspace, project)
    assert d.meetings[0].id == meeting and d.meetings[0].open_actions == 3
    action = d.meetings[0].actions[0]
    meetings.update_action(workspace, action.id, done=True)
    aua = next(p for p in d.permits if p.permit_code == "AIA")
    changed = permits.update_permit(workspace, aua.id, status="submitted")
    assert changed["submitted_on"] == TODAY.isoformat()  # the legal clock starts today
    aftercare.add_note(workspace, project, topic="workforce", text="Servono 20 tecnici",
                       follow_up_on=date(2027, 1, 15))
    d = dossiers.get_dossier(workspace, project)
    assert d.meetings[0].open_actions == 2
    filed = next(p for p in d.permits if p.id == aua.id)
    # 150 days end on Saturday 24/04/2027: an administration's decision term does not move off Saturday
    assert filed.clock.due_on == date(2027, 4, 24) and filed.clock.urgency is Urgency.OK
    assert d.notes[0].text == "Servono 20 tecnici"


def test_dates_that_contradict_each_other_are_refused(workspace: Workspace) -> None:
    project = _dc_project(workspace)
    meeting = meetings.record_meeting(workspace, project, table="political",
                                      starts_at=datetime(2026, 11, 25, 9, tzinfo=UTC))
    with pytest.raises(ValidationError) as err:
        meetings.add_action(workspace, meeting, text="Troppo presto", due_on=date(2026, 11, 1))
    assert err.value.field == "due_on"
    permit = dossiers.get_dossier(workspace, project).permits[0]
    with pytest.raises(ValidationError) as err:
        permits.update_permit(workspace, permit.id, submitted_on=date(2026, 5, 1), decided_on=date(2026, 4, 1))
    assert err.value.field == "decided_on"
    with pytest.raises(ValidationError) as err:
        aftercare.add_note(workspace, project, noted_on=date(2026, 11, 25), topic="other", text="x",
                           follow_up_on=date(2026, 11, 1))
    assert err.value.field == "follow_up_on"


def test_custom_and_catalogue_permits_can_be_added(workspace: Workspace) -> None:
    project = _dc_project(workspace)
    added = permits.add_permit(workspace, project, "PAES")
    custom = permits.add_permit(workspace, project, "CUSTOM", name="Nulla osta ENAC (ostacoli al volo)",
                                authority="ENAC", time_limit_days=60)
    d = dossiers.get_dossier(workspace, project)
    by_id = {p.id: p for p in d.permits}
    assert by_id[added].name == "Autorizzazione paesaggistica" and by_id[added].time_limit_days == 105
    assert by_id[custom].authority == "ENAC" and d.permits[-1].id == custom
    with pytest.raises(ValidationError):
        permits.add_permit(workspace, project, "NOPE")


def test_overdue_permits_show_in_the_list_and_the_dashboard(workspace: Workspace) -> None:
    project = _dc_project(workspace)
    d = dossiers.get_dossier(workspace, project)
    permits.update_permit(workspace, d.permits[2].id, status="submitted", submitted_on=date(2026, 1, 5))
    permits.update_permit(workspace, d.permits[3].id, status="submitted", submitted_on=date(2026, 11, 1))
    row = dossiers.list_dossiers(workspace)[0]
    assert row.overdue_permits == 1 and row.next_due_on is not None and row.next_due_on > TODAY
    counts = dashboard.dashboard(workspace)
    assert counts.projects == 1 and counts.overdue_permits == 1
    assert counts.capex_cents == 45_000_000_000 and counts.by_phase == {"lead": 1}


def test_demo_region_is_deterministic_and_realistic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tutor_app.services import demo

    region_a = demo.build_region(30, seed=5, today=TODAY, meetings_per_project=6)
    region_b = demo.build_region(30, seed=5, today=TODAY, meetings_per_project=6)
    region_c = demo.build_region(30, seed=6, today=TODAY, meetings_per_project=6)
    assert region_a.tables == region_b.tables
    assert region_a.tables["projects"] != region_c.tables["projects"]
    phases = {r["phase"] for r in region_a.tables["phase_entries"]}
    statuses = {r["status"] for r in region_a.tables["permit_items"]}
    tables = {r["table"] for r in region_a.tables["meetings"]}
    assert phases == {p.value for p in Phase}
    assert {"to_do", "submitted", "granted"} <= statuses
    assert {"political", "technical", "permitting"} <= tables
    assert all(r["province"] in {"BG", "BS", "CO", "CR", "LC", "LO", "MN", "MI", "MB", "PV", "SO", "VA"}
               for r in region_a.tables["projects"])


def test_the_demo_profile_has_no_pending_changes_and_a_tutor(demo_workspace: Workspace) -> None:
    assert dossiers.pending_change_count(demo_workspace) == 0
    assert demo_workspace.tutor_id is not None
    rows = dossiers.list_dossiers(demo_workspace)
    assert len(rows) == 40 and all(r.phase for r in rows)
    assert demo_workspace.store.state("demo") is True
    with pytest.raises(ValidationError, match="empty profile"):
        from tutor_app.services import demo

        demo.generate(demo_workspace, projects=5)
