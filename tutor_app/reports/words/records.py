"""Names of records and fields in the list of changes not yet synced, Italian and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# What a pending change is about, by table.
RECORDS: Final[Mapping[str, tuple[str, str]]] = {
    "projects": ("Progetto", "Project"),
    "investors": ("Investitore", "Investor"),
    "contacts": ("Contatto", "Contact"),
    "phase_entries": ("Fase", "Phase"),
    "meetings": ("Incontro", "Meeting"),
    "action_items": ("Azione", "Action item"),
    "permit_items": ("Titolo abilitativo", "Permit"),
    "aftercare_notes": ("Nota di aftercare", "Aftercare note"),
    "assignments": ("Assegnazione", "Assignment"),
    "tutors": ("Tutor", "Tutor"),
}

# Field names people may see in the list of changes not yet synced; others are shown humanised.
FIELDS: Final[Mapping[str, tuple[str, str]]] = {
    "title": ("titolo", "title"), "kind": ("tipo", "kind"), "sector": ("settore", "sector"),
    "function": ("funzione", "function"), "status": ("stato", "status"), "capex_cents": ("investimento", "capex"),
    "new_hires": ("nuovi addetti", "new hires"), "municipality": ("comune", "municipality"),
    "province": ("provincia", "province"), "instruments": ("strumenti", "instruments"),
    "services": ("servizi", "services"), "description": ("descrizione", "description"),
    "table": ("tavolo", "table"), "starts_at": ("data e ora", "date and time"), "place": ("luogo", "place"),
    "participants": ("partecipanti", "participants"), "organisations": ("organizzazioni", "organisations"),
    "agenda": ("ordine del giorno", "agenda"), "minutes": ("verbale", "minutes"),
    "decisions": ("decisioni", "decisions"), "text": ("testo", "text"), "owner": ("responsabile", "owner"),
    "due_on": ("scadenza", "due date"), "done": ("fatta", "done"), "authority": ("autorità", "authority"),
    "submitted_on": ("data di presentazione", "submission date"), "expected_on": ("data attesa", "expected date"),
    "decided_on": ("data di decisione", "decision date"), "notes": ("note", "notes"), "name": ("nome", "name"),
    "noted_on": ("data", "date"), "topic": ("tema", "topic"), "follow_up_on": ("data di ricontatto", "follow-up date"),
    "phase": ("fase", "phase"), "entered_on": ("data di ingresso", "date entered"), "email": ("e-mail", "e-mail"),
    "phone": ("telefono", "phone"), "role": ("ruolo", "role"), "deleted": ("eliminazione", "deletion"),
    "country": ("paese", "country"), "website": ("sito web", "website"),
    "time_limit_days": ("termine", "time limit"), "permit_code": ("tipo di titolo", "permit type"),
    "position": ("ordine", "order"), "code": ("codice", "code"), "zis": ("ZIS", "ZIS"), "zls": ("ZLS", "ZLS"),
    "parent_group": ("gruppo", "parent group"), "initials": ("sigla", "initials"),
}
