"""A big, fully known project for report tests and the PDF benchmark.

Written through the store's Writer in one transaction (so the outbox holds real "changes not yet
synced"), with Italian text full of accents and euro signs, so extraction checks have something
to bite on.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tutor_app.domain import schema
from tutor_app.domain.enums import AftercareTopic, PermitStatus, Phase, WorkingTable
from tutor_app.domain.permit_catalogue import catalogue
from tutor_app.services.workspace import Workspace

PROJECT_CODE = "2024-MRS-0042"
PROJECT_TITLE = "Nuovo stabilimento di semiconduttori ad Agrate Brianza"
INVESTOR = "Halbleiter Präzision GmbH"
CAPEX_CENTS = 123_456_700  # 1.234.567 €

_SENTENCES = (
    "L'azienda ha illustrato il cronoprogramma aggiornato e le attività già avviate in città.",
    "Il Comune ha confermato la compatibilità urbanistica dell'area; la società è soddisfatta.",
    "ARPA ha chiesto chiarimenti sulle emissioni e sul trattamento delle acque di processo.",
    "Il budget del primo lotto resta di 1.234.567 €, più 250.000 € per la formazione.",
    "Perché i tempi siano rispettati, si concorda un tavolo settimanale fino all'autorizzazione.",
    "È stata verificata la disponibilità di potenza elettrica con il distributore locale.",
)
_TABLES = [WorkingTable.POLITICAL, WorkingTable.TECHNICAL, WorkingTable.OPERATIONAL, WorkingTable.PERMITTING,
           WorkingTable.MONITORING, WorkingTable.AFTERCARE, WorkingTable.COMMUNICATION, WorkingTable.TERRITORY]


def _make(w: Any, entity: schema.Entity, values: dict[str, Any]) -> str:
    return str(w.create(entity, entity.validate(values, creating=True)))


SYNCED_AT = "2026-11-24T17:02:00.000000Z"  # 24/11/2026 18:02 in Milan


def make_big_project(ws: Workspace, meetings: int = 60, permits: int = 40, notes: int = 30,
                     long_minutes_words: int = 0, seed: int = 5, code: str = PROJECT_CODE,
                     synced: bool = False) -> str:
    """A project with the given numbers of meetings, permits and aftercare notes; returns its id.

    ``synced``: as if the device had synced at SYNCED_AT and then made three edits (a realistic
    dossier); otherwise every row is a change not yet synced (a profile that never synced).
    """
    rng = random.Random(seed)
    today = ws.today()
    start = date(2024, 3, 1)
    with ws.store.write() as w:
        tutor = _make(w, schema.TUTORS, {"name": "Mario Rossi", "email": "mario.rossi@example.it",
                                         "role": "project_tutor", "initials": "MRS"})
        regional = _make(w, schema.TUTORS, {"name": "Chiara Bianchi", "role": "regional_tutor", "initials": "CBI",
                                            "provinces": ["MB", "MI"]})
        investor = _make(w, schema.INVESTORS, {"name": INVESTOR, "country": "DE", "sector": "manufacturing",
                                               "website": "https://www.halbleiter.example",
                                               "parent_group": "Präzision Gruppe AG"})
        for name, role in (("Jürgen Müller", "Amministratore delegato"), ("Anaïs Lefèvre", "Direttrice acquisti"),
                           ("Zoë Brontë", "Country manager")):
            _make(w, schema.CONTACTS, {"investor_id": investor, "name": name, "role": role,
                                       "email": f"{name.split()[0].lower()}@halbleiter.example",
                                       "phone": "+49 89 1234567"})
        project = _make(w, schema.PROJECTS, {
            "code": code, "investor_id": investor, "title": PROJECT_TITLE, "kind": "new_initiative",
            "sector": "manufacturing", "function": "production", "status": "active", "capex_cents": CAPEX_CENTS,
            "new_hires": 1250, "municipality": "Agrate Brianza", "province": "MB", "zis": True, "zls": False,
            "instruments": ["opportunity_lombardy", "development_contract"],
            "services": ["one_stop_shop", "tutoring"],
            "description": "Investimento per un impianto di semiconduttori di potenza: attività di produzione, "
                           "ricerca e sviluppo, con 1.250 nuovi addetti previsti a regime."})
        _make(w, schema.ASSIGNMENTS, {"project_id": project, "tutor_id": tutor, "role": "project_tutor"})
        _make(w, schema.ASSIGNMENTS, {"project_id": project, "tutor_id": regional, "role": "regional_tutor"})
        for phase, offset in ((Phase.LEAD, 0), (Phase.ASSISTANCE, 120), (Phase.DECISION, 300),
                              (Phase.PERMITTING, 520)):
            _make(w, schema.PHASE_ENTRIES, {"project_id": project, "phase": phase,
                                            "entered_on": start + timedelta(days=offset)})
        span = (today + timedelta(days=20) - start).days
        for n in range(meetings):
            day = start + timedelta(days=span * n // max(1, meetings))
            when = datetime(day.year, day.month, day.day, 9 + n % 7, 30, tzinfo=UTC)
            past = day < today
            minutes = " ".join(rng.choice(_SENTENCES) for _ in range(rng.randint(3, 7))) if past else None
            if n == 3 and long_minutes_words:
                words = " ".join(rng.choice(_SENTENCES) for _ in range(long_minutes_words // 12))
                minutes = f"{words}\n\nSeconda parte del verbale. {words}"
            meeting = _make(w, schema.MEETINGS, {
                "project_id": project, "table": _TABLES[n % len(_TABLES)], "starts_at": when,
                "place": "Municipio di Agrate Brianza, sala consiliare",
                "participants": "Mario Rossi (Invest in Lombardy)\nJürgen Müller (Halbleiter Präzision GmbH)\n"
                                "Sindaca di Agrate Brianza (Comune)",
                "organisations": "Comune, ARPA, Regione Lombardia",
                "agenda": "1. Stato di avanzamento\n2. Titoli abilitativi\n3. Varie ed eventuali",
                "minutes": minutes,
                "decisions": "Si convoca la conferenza di servizi.\nL'azienda invierà le integrazioni." if past
                else None})
            if past and n % 3 == 0:
                for k in range(2):
                    due = day + timedelta(days=14 + 10 * k)
                    _make(w, schema.ACTION_ITEMS, {"project_id": project, "meeting_id": meeting,
                                                   "text": f"Inviare la documentazione integrativa n. {k + 1}",
                                                   "owner": "Azienda" if k else "SUAP", "due_on": due,
                                                   "done": due < today - timedelta(days=30)})
        codes = list(catalogue())
        statuses = [PermitStatus.SUBMITTED, PermitStatus.GRANTED, PermitStatus.INTEGRATION_REQUESTED,
                    PermitStatus.TO_DO, PermitStatus.PREPARING, PermitStatus.NOT_NEEDED]
        for n in range(permits):
            permit = catalogue()[codes[n % len(codes)]]
            status = statuses[n % len(statuses)]
            submitted = today - timedelta(days=10 + 9 * n) if status in (
                PermitStatus.SUBMITTED, PermitStatus.GRANTED, PermitStatus.INTEGRATION_REQUESTED) else None
            _make(w, schema.PERMIT_ITEMS, {
                "project_id": project, "permit_code": permit.code, "name": permit.name_it,
                "authority": permit.authority, "status": status, "submitted_on": submitted,
                "decided_on": submitted + timedelta(days=20) if status is PermitStatus.GRANTED else None,
                "time_limit_days": permit.time_limit_days or 60, "position": n + 1})
        topics = list(AftercareTopic)
        for n in range(notes):
            noted = start + timedelta(days=20 * n)
            _make(w, schema.AFTERCARE_NOTES, {
                "project_id": project, "noted_on": min(noted, today), "topic": topics[n % len(topics)],
                "text": f"{rng.choice(_SENTENCES)} {rng.choice(_SENTENCES)}",
                "follow_up_on": noted + timedelta(days=30) if n % 2 else None})
    if synced:
        _sync_then_edit(ws, project)
    return project


def _sync_then_edit(ws: Workspace, project: str) -> None:
    from sqlalchemy import text

    from tutor_app.store.state import set_state

    with ws.store.write() as w:  # what a completed sync leaves: rows at a server revision, an empty outbox
        for table in ("tutors", "investors", "contacts", "projects", "phase_entries", "meetings", "action_items",
                      "permit_items", "aftercare_notes", "assignments"):
            w.conn.execute(text(f"UPDATE {table} SET rev = 1"))
        w.conn.execute(text("DELETE FROM outbox"))
        set_state(w.conn, "last_sync_at", SYNCED_AT)
    with ws.store.write() as w:
        w.update(schema.PROJECTS, project, schema.PROJECTS.validate({"new_hires": 1300}, creating=False))
        meeting = w.conn.execute(text("SELECT id FROM meetings WHERE project_id = :p ORDER BY starts_at DESC "
                                      "LIMIT 1"), {"p": project}).scalar_one()
        w.update(schema.MEETINGS, meeting, schema.MEETINGS.validate(
            {"minutes": "Verbale aggiornato sul posto: la società conferma l'avvio entro l'estate."},
            creating=False))
        _make(w, schema.AFTERCARE_NOTES, {"project_id": project, "noted_on": ws.today(), "topic": "workforce",
                                          "text": "Servono 40 tecnici specializzati entro marzo."})


# A dossier in every script the reports must print (issue 15): what each text is, as typed.
MIXED_CODE = "2026-MRS-0101"
MIXED_INVESTOR = "王小明 (Wang Xiaoming)"
MIXED_WEBSITE = "https://例え.jp"
MIXED_CONTACTS = {
    "山田 太郎": "代表取締役社長",            # Japanese
    "김민준": "해외 투자 담당",              # Korean
    "محمد العلي": "مدير المشروع",            # Arabic
    "שרה כהן": "סמנכ״לית כספים",            # Hebrew
    "Ελένη Παπαδοπούλου": "Διευθύντρια",    # Greek
    "Иван Петров": "Финансовый директор",   # Cyrillic
}
MIXED_SYMBOLS = "capex ≥ 10 M€, addetti ≤ 50, ≠ piano 2025 → ok 👍"
NO_GLYPH = "\U0001F9FF"  # NAZAR AMULET: no font the reports ship has it
MIXED_NOTE = f"Portafortuna {NO_GLYPH} consegnato dall'investitore."


def make_mixed_project(ws: Workspace, code: str = MIXED_CODE) -> str:
    """A small project whose investor, contacts and texts are in Chinese, Japanese, Korean, Arabic,
    Hebrew, Greek and Cyrillic, with symbols, an emoji and one character no font has."""
    today = ws.today()
    with ws.store.write() as w:
        tutor = _make(w, schema.TUTORS, {"name": "Mario Rossi", "email": f"mario.rossi+{code}@example.it",
                                         "role": "project_tutor", "initials": "MRS"})
        investor = _make(w, schema.INVESTORS, {"name": MIXED_INVESTOR, "country": "JP", "sector": "manufacturing",
                                               "website": MIXED_WEBSITE, "parent_group": "さくら精密株式会社"})
        for name, role in MIXED_CONTACTS.items():
            _make(w, schema.CONTACTS, {"investor_id": investor, "name": name, "role": role,
                                       "email": "contatto@example.jp", "phone": "+81 3 1234 5678"})
        project = _make(w, schema.PROJECTS, {
            "code": code, "investor_id": investor, "title": "東京精密 · nuovo centro R&S a Vimercate",
            "kind": "new_initiative", "sector": "manufacturing", "function": "rnd", "status": "active",
            "capex_cents": 2_500_000_000, "new_hires": 48, "municipality": "Vimercate", "province": "MB",
            "description": f"Centro di ricerca. {MIXED_SYMBOLS}. Referente: محمد العلي; שרה כהן (CFO)."})
        _make(w, schema.ASSIGNMENTS, {"project_id": project, "tutor_id": tutor, "role": "project_tutor"})
        _make(w, schema.PHASE_ENTRIES, {"project_id": project, "phase": Phase.LEAD,
                                        "entered_on": today - timedelta(days=200)})
        _make(w, schema.PHASE_ENTRIES, {"project_id": project, "phase": Phase.ASSISTANCE,
                                        "entered_on": today - timedelta(days=90)})
        day = today - timedelta(days=30)
        _make(w, schema.MEETINGS, {
            "project_id": project, "table": WorkingTable.TECHNICAL,
            "starts_at": datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC),
            "place": "Vimercate, 東京本社 (video)", "participants": "山田 太郎\nמשה לוי\nИван Петров",
            "minutes": f"Condizioni: {MIXED_SYMBOLS}.", "decisions": "Ελένη Παπαδοπούλου invierà il piano."})
        _make(w, schema.AFTERCARE_NOTES, {"project_id": project, "noted_on": today, "topic": "workforce",
                                          "text": MIXED_NOTE})
    return project


# A dossier with one of everything the first page reads (issue 15's "what the political table works
# from"), on TODAY_FIXED (25/11/2026). Texts are unique, so each can be found once in the PDF.
TABLE_CODE = "2026-MRS-0777"
LATE_ACTION = "Inviare le integrazioni AUA"                # open, due 10/11/2026: late
OPEN_ACTION = "Convocare il tavolo tecnico di dicembre"    # open, due 10/12/2026
DONE_ACTION = "Firmare il verbale della seduta"            # done
DELETED_ACTION = "Azione cancellata dal tutor"             # open, but the item is deleted
ORPHAN_ACTION = "Azione di un incontro eliminato"          # open, its meeting is deleted
NEXT_AGENDA = ("Approvare il cronoprogramma", "Sbloccare la verifica VIA")
REGIONAL_EMAIL = "chiara.bianchi@regione.example"


def make_table_project(ws: Workspace, extra_actions: int = 0, extra_meetings: int = 0) -> str:
    """The project: in permitting since 16/10/2026 (40 days on 25/11/2026); a past technical meeting
    with a late, an open, a done and a deleted item; a deleted political meeting with an open item;
    a political meeting ahead with an agenda; permits past their term, ending soon, suspended,
    granted, expected and undated; an aftercare note due for follow-up; a regional tutor too.
    ``extra_actions``/``extra_meetings`` add open items and meetings ahead (a crowded first page)."""
    from tutor_app.services import aftercare, dossiers, meetings, permits

    ws.create_profile("Mario Rossi", "mario.rossi@example.it", initials="MRS")
    investor = dossiers.create_investor(ws, name="Halbleiter Präzision GmbH", country="DE", sector="electronics")
    dossiers.add_contact(ws, investor, name="Jürgen Müller", role="CEO", email="jm@halbleiter.example")
    project = dossiers.create_project(ws, investor_id=investor, code=TABLE_CODE, title="Fab di Agrate Brianza",
                                      kind="expansion", sector="manufacturing", function="production",
                                      capex_cents=4_200_000_000, new_hires=180, municipality="Agrate Brianza",
                                      province="MB", phase="lead", entered_on=date(2026, 1, 10),
                                      with_checklist=False)
    dossiers.advance_phase(ws, project, "assistance", date(2026, 4, 1))
    dossiers.advance_phase(ws, project, "permitting", date(2026, 10, 16))
    with ws.store.write() as w:
        regional = _make(w, schema.TUTORS, {"name": "Chiara Bianchi", "email": REGIONAL_EMAIL,
                                            "role": "regional_tutor", "initials": "CBI", "provinces": ["MB"]})
        _make(w, schema.ASSIGNMENTS, {"project_id": project, "tutor_id": regional, "role": "regional_tutor"})
    past = meetings.record_meeting(
        ws, project, table="technical", starts_at="2026-10-20T08:00:00Z", place="Municipio di Agrate",
        actions=[{"text": LATE_ACTION, "owner": "Azienda", "due_on": "2026-11-10"},
                 {"text": OPEN_ACTION, "owner": "Comune", "due_on": "2026-12-10"},
                 {"text": DONE_ACTION, "owner": "SUAP", "due_on": "2026-10-30", "done": True},
                 {"text": DELETED_ACTION, "owner": "ARPA", "due_on": "2026-11-01"}])
    deleted_item = next(a.id for m in dossiers.get_dossier(ws, project).meetings for a in m.actions
                        if a.text == DELETED_ACTION)
    meetings.delete_action(ws, deleted_item)
    gone = meetings.record_meeting(ws, project, table="political", starts_at="2026-09-15T08:00:00Z",
                                   actions=[{"text": ORPHAN_ACTION, "owner": "Regione", "due_on": "2026-11-01"}])
    meetings.delete_meeting(ws, gone)
    meetings.record_meeting(ws, project, table="political", starts_at="2026-12-09T09:00:00Z",
                            place="Palazzo Lombardia, Milano",
                            agenda="\n".join(f"{n}. {a}" for n, a in enumerate(NEXT_AGENDA, start=1)))
    for n in range(extra_actions):
        meetings.add_action(ws, past, text=f"Azione aggiuntiva numero {n + 1}", owner="Comune",
                            due_on=(date(2026, 11, 1) + timedelta(days=n)).isoformat())
    for n in range(extra_meetings):
        meetings.record_meeting(ws, project, table="operational",
                                starts_at=f"2026-12-{11 + n:02d}T09:00:00Z", place=f"Sala {n + 1}")
    permits.add_permit(ws, project, "AUA", status="submitted", submitted_on="2026-07-01")      # term 29/09: passed
    permits.add_permit(ws, project, "SCIA_ED", status="submitted", submitted_on="2026-11-01")  # term 01/12: soon
    permits.add_permit(ws, project, "SCAR", status="integration_requested", submitted_on="2026-09-01")
    permits.add_permit(ws, project, "PDC", status="granted", submitted_on="2026-05-04", decided_on="2026-09-01")
    permits.add_permit(ws, project, "VVF_PRJ", status="preparing", expected_on="2027-02-15")
    permits.add_permit(ws, project, "ATS_67")                                                 # no dates at all
    aftercare.add_note(ws, project, noted_on="2026-10-01", topic="workforce", text="Servono tecnici.",
                       follow_up_on="2026-11-20")
    del past
    return project
