"""Records, fields and the server's refusals in people's words, Italian and English: the one table
the conflicts inbox, the refused-changes list and ``tutor-app sync`` all read.

A record reads "Riunione del 12/03/2026 — Tavolo tecnico" or "Titolo abilitativo: AUA", its
dossier "Dossier 2026-MRO-0042 «Fab Agrate»", a refusal "l'orologio del computer era avanti":
never a table name, a UUID or a reason code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import text

from tutor_app.domain import schema
from tutor_app.domain.enums import AftercareTopic, LabelledEnum, WorkingTable
from tutor_app.domain.formatting import format_date, format_int, format_money
from tutor_app.domain.permit_catalogue import permit_words
from tutor_app.domain.schema import Kind, parse_instant

# table -> (Italian, English)
TABLE_LABELS: dict[str, tuple[str, str]] = {
    "tutors": ("Tutor", "Tutor"), "investors": ("Investitore", "Investor"), "contacts": ("Contatto", "Contact"),
    "projects": ("Progetto", "Project"), "phase_entries": ("Fase", "Phase"), "meetings": ("Riunione", "Meeting"),
    "action_items": ("Azione", "Action"), "permit_items": ("Titolo abilitativo", "Permit"),
    "aftercare_notes": ("Nota aftercare", "Aftercare note"), "assignments": ("Assegnazione", "Assignment"),
    "conflicts": ("Conflitto", "Conflict"),
}
# field -> (Italian, English)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Titolo", "Title"), "capex_cents": ("Investimento stimato", "Estimated capex"),
    "new_hires": ("Nuovi addetti", "New hires"), "status": ("Stato", "Status"),
    "description": ("Descrizione", "Description"), "municipality": ("Comune", "Municipality"),
    "province": ("Provincia", "Province"), "kind": ("Tipo", "Kind"), "sector": ("Settore", "Sector"),
    "function": ("Funzione", "Function"), "instruments": ("Strumenti", "Instruments"),
    "services": ("Servizi", "Services"), "zis": ("ZIS", "ZIS"), "zls": ("ZLS", "ZLS"),
    "investor_id": ("Investitore", "Investor"), "name": ("Nome", "Name"), "country": ("Paese", "Country"),
    "website": ("Sito web", "Website"), "parent_group": ("Gruppo", "Parent group"), "email": ("E-mail", "E-mail"),
    "vat_number": ("Partita IVA / codice fiscale", "VAT number / tax code"),
    "phone": ("Telefono", "Phone"), "role": ("Ruolo", "Role"), "table": ("Tavolo", "Table"),
    "starts_at": ("Data e ora", "Date and time"), "place": ("Luogo", "Place"),
    "participants": ("Partecipanti", "Participants"), "organisations": ("Organizzazioni", "Organisations"),
    "agenda": ("Ordine del giorno", "Agenda"), "minutes": ("Verbale", "Minutes"),
    "decisions": ("Decisioni", "Decisions"), "text": ("Testo", "Text"), "owner": ("Responsabile", "Owner"),
    "due_on": ("Scadenza", "Due on"), "done": ("Fatto", "Done"), "authority": ("Ente competente", "Authority"),
    "submitted_on": ("Data di presentazione", "Submitted on"), "expected_on": ("Data prevista", "Expected on"),
    "decided_on": ("Data della decisione", "Decided on"), "time_limit_days": ("Termine (giorni)", "Time limit (days)"),
    "notes": ("Note", "Notes"), "position": ("Posizione", "Position"), "noted_on": ("Data", "Date"),
    "topic": ("Argomento", "Topic"), "follow_up_on": ("Data di follow-up", "Follow-up on"),
    "phase": ("Fase", "Phase"), "entered_on": ("Data di ingresso", "Entered on"),
    "deleted": ("Eliminato", "Deleted"), "resolved": ("Risolto", "Resolved"),
}
# The server's reasons for refusing a change (DESIGN §5.3): reason -> (Italian, English). A reason
# with a field named in its detail reads as the "<reason>:field" entry.
REASONS: dict[str, tuple[str, str]] = {
    "not_assigned": ("il progetto non è più assegnato a te", "the project is no longer assigned to you"),
    # Read by someone else than the one whose change it was (the new tutor, a coordinator).
    "not_assigned:person": ("il progetto non è più assegnato {to} {person}",
                            "the project is no longer assigned to {person}"),
    "not_assigned:someone": ("il progetto non era più assegnato a chi ha fatto la modifica",
                             "the project was no longer assigned to whoever made the change"),
    "forbidden": ("la modifica non è consentita al tuo ruolo", "your role does not allow this change"),
    "immutable": ("il campo non si può cambiare una volta impostato", "the field cannot change once it is set"),
    "invalid": ("un valore non è accettato dal server", "the server does not accept a value"),
    "invalid:field": ("il valore di «{field}» non è accettato dal server",
                      "the server does not accept the value of “{field}”"),
    "too_large": ("la modifica supera la dimensione consentita dal server",
                  "the change is larger than the server allows"),
    "too_large:field": ("«{field}» è più lungo di quanto il server consenta",
                        "“{field}” is longer than the server allows"),
    "merge_coordinators_only": ("solo un coordinatore può unire investitori",
                                "only a coordinator may merge investors"),
    "merge_target": ("l'investitore da tenere non c'è più sul server o è stato eliminato",
                     "the investor to keep is no longer on the server or was deleted"),
    "investor_in_use": ("l'investitore non si può eliminare: dossier ancora attivi lo usano",
                        "the investor cannot be deleted: dossiers still in use refer to it"),
    "not_on_server": ("il server non ha mai avuto questo record: la copia locale non va oltre",
                      "the server never had this record: the local copy goes no further"),
    "future_stamp": ("l'orologio del computer era avanti", "the computer's clock was ahead"),
    "forged_stamp": ("la modifica non porta il timbro di questo dispositivo",
                     "the change does not carry this device's stamp"),
    "bad_revision": ("la modifica si riferisce a una versione sconosciuta",
                     "the change refers to an unknown version"),
    "reused_id": ("l'identificativo della modifica era già usato", "the change's identifier was already used"),
    "malformed": ("la modifica è danneggiata", "the change is damaged"),
}
_UNKNOWN_REASON = ("il server l'ha rifiutata", "the server refused it")
# Other words of the views of records (the changes-waiting view): key -> (Italian, English).
WORDS: dict[str, tuple[str, str]] = {
    "project_details": ("Dati del progetto", "Project details"),  # a dossier's own row, inside its dossier
    "no_dossier": ("Non legate a un dossier", "Not tied to a dossier"),
}


def word(key: str, lang: str = "it") -> str:
    return _pick(WORDS[key], lang)


# Who made a change, when it is not a tutor named by the record (the recycle bin's "by whom").
PEOPLE: dict[str, tuple[str, str]] = {
    "me": ("tu", "you"), "server": ("il server", "the server"),
    "device": ("un altro dispositivo", "another device"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def table_label(table: str, lang: str = "it") -> str:
    pair = TABLE_LABELS.get(table)
    return _pick(pair, lang) if pair else table.replace("_", " ")


def person(who: str, lang: str = "it") -> str:
    """"tu", "il server", "un altro dispositivo" (``PEOPLE``), in ``lang``."""
    return _pick(PEOPLE[who], lang)


def label_of(field: str, lang: str = "it") -> str:
    pair = FIELD_LABELS.get(field)
    return _pick(pair, lang) if pair else field.replace("_", " ")


def reason_text(reason: str | None, detail: str | None = None, table: str | None = None, lang: str = "it",
                *, author: str | None = None, readers: bool = False) -> str:
    """Why the server refused a change, as a clause ("l'orologio del computer era avanti"), said to
    the one who made it; with ``readers``, to someone else: the change was ``author``'s (a
    tutor's name; None when unknown), "il progetto non è più assegnato a Mario Rossi"."""
    if readers and f"{reason}:person" in REASONS:
        if author:  # "ad Anna Bianchi", "a Mario Rossi"
            to = "ad" if author[:1].lower() == "a" else "a"
            return _pick(REASONS[f"{reason}:person"], lang).format(person=author, to=to)
        return _pick(REASONS[f"{reason}:someone"], lang)
    field = field_in_detail(table, detail)
    if field is not None and f"{reason}:field" in REASONS:
        return _pick(REASONS[f"{reason}:field"], lang).format(field=label_of(field, lang))
    pair = REASONS.get(reason or "")
    return _pick(pair or _UNKNOWN_REASON, lang)


def field_in_detail(table: str | None, detail: str | None) -> str | None:
    """The field a refusal's detail names: ``{"field": "title"}``, ``title``, or a server message
    mentioning one of the record's fields; None when it names none."""
    if not detail or table not in schema.ENTITY_BY_TABLE:
        return None
    fields = schema.ENTITY_BY_TABLE[table].by_name
    try:
        decoded = json.loads(detail)
    except ValueError:
        decoded = detail
    if isinstance(decoded, Mapping):
        decoded = decoded.get("field")
    if not isinstance(decoded, str):
        return None
    if decoded in fields:
        return decoded
    # A server message: a field as a word ("title") or inside a constraint's name ("projects_title_check").
    names = sorted((f for f in fields if f != "id"), key=len, reverse=True)
    for word in re.findall(r"[a-z_]+", decoded.lower()):
        found = next((f for f in names if f"_{f}_" in f"_{word}_"), None)
        if found is not None:
            return found
    return None


def describe(conn: Any, table: str, row_id: str, lang: str = "it", *, detailed: bool = False,
             fallback: Mapping[str, Any] | None = None) -> str:
    """A record as people name it: "Riunione del 12/03/2026", "Dossier 2026-MRS-0042 «Fab»".

    ``detailed`` adds what tells two records of a dossier apart (a meeting's table, a note's
    topic); ``fallback`` holds values to name it by when the row is no longer here (a refused
    creation, removed after the sync)."""
    label = table_label(table, lang)
    if table not in schema.ENTITY_BY_TABLE:
        return label
    found = conn.execute(schema_select(table), {"i": row_id}).mappings().first()
    if found is not None:
        return name_of(table, found, lang, detailed=detailed)
    gone = 'no longer in this profile' if lang == 'en' else 'non più in questo profilo'
    return f"{name_of(table, fallback, lang, detailed=detailed) if fallback else label} ({gone})"


def name_of(table: str, values: Mapping[str, Any], lang: str = "it", *, detailed: bool = False) -> str:
    """A record named from its values (a row, or what a change sent); its kind alone when the
    values lack what names it."""
    label = table_label(table, lang)
    try:
        return _name(table, label, values, lang, detailed)
    except (KeyError, TypeError, ValueError):
        return label


def schema_select(table: str) -> Any:
    # Table names come from schema.ENTITY_BY_TABLE (checked by the callers), never from a user.
    return text(f"SELECT * FROM {table} WHERE id = :i")


def _name(table: str, label: str, row: Mapping[str, Any], lang: str, detailed: bool) -> str:
    it = lang != "en"
    match table:
        case "projects":  # a dossier as the window names it everywhere, not "Progetto"
            return dossier_of(row, lang) or label
        case "meetings":
            when = format_date(parse_instant(row["starts_at"]).date(), lang)
            name = f"Riunione del {when}" if it else f"Meeting of {when}"
            if detailed and row.get("table"):
                return f"{name} — {_enum_label(WorkingTable, row['table'], lang)}"
            return name
        case "aftercare_notes":
            when = format_date(date.fromisoformat(row["noted_on"]), lang)
            name = f"Nota aftercare del {when}" if it else f"Aftercare note of {when}"
            if detailed and row.get("topic"):
                return f"{name} — {_enum_label(AftercareTopic, row['topic'], lang)}"
            return name
        case "phase_entries":
            return f"{label} {show(table, 'phase', row['phase'], lang)}"
        case "permit_items":  # "Titolo abilitativo: AUA — Autorizzazione unica ambientale"
            said = permit_words(str(row.get("permit_code") or ""), row["name"], lang).full
            return f"{label}: {_short(said)}" if detailed else f"{label} {_quoted(_short(said), lang)}"
        case "action_items" | "investors" | "contacts" | "tutors":
            name = row["text"] if table == "action_items" else row["name"]
            return f"{label} {_quoted(_short(name), lang)}"
    return label


def dossier_name(conn: Any, project_id: str | None, lang: str = "it",
                 fallback: Mapping[str, Any] | None = None) -> str | None:
    """"Dossier 2026-MRO-0042 «Fab Agrate»" for a project id, or None when there is none."""
    if not project_id:
        return None
    row = conn.execute(schema_select("projects"), {"i": project_id}).mappings().first() or fallback
    return dossier_of(row, lang) if row else None


def dossier_of(project: Mapping[str, Any], lang: str = "it") -> str | None:
    """"Dossier 2026-MRO-0042 «Fab Agrate»" from a project's values (None without a code)."""
    if not project.get("code"):
        return None
    title = project.get("title")
    return f"Dossier {project['code']} {_quoted(title, lang)}" if title else f"Dossier {project['code']}"


def subject(table: str, record: Mapping[str, Any], dossier: Mapping[str, Any] | None, lang: str = "it") -> str:
    """A record with its dossier, from their values: "Dossier 2026-MRO-0042 «Fab», Riunione del
    12/03/2026 — Tavolo tecnico"; a dossier's own row is the dossier alone (a bundle's import)."""
    if table == "projects":
        return dossier_of(record, lang) or name_of(table, record, lang)
    where = dossier_of(dossier, lang) if dossier else None
    what = name_of(table, record, lang, detailed=True)
    return f"{where}, {what}" if where else what


def show(table: str, field: str | None, value: Any, lang: str = "it") -> str | None:
    """A value as the UI shows it (labels of codes, dates day-first, euros)."""
    if value is None or field is None:
        return None if value is None else json.dumps(value, ensure_ascii=False)
    entity = schema.ENTITY_BY_TABLE.get(table)
    spec = entity.by_name.get(field) if entity else None
    if field == "deleted" or (spec and spec.kind is Kind.BOOL):
        return ("yes" if value else "no") if lang == "en" else ("sì" if value else "no")
    if spec is None:
        return str(value) if not isinstance(value, Mapping) else json.dumps(value, ensure_ascii=False)
    if spec.kind is Kind.CENTS:
        return format_money(int(value), lang)
    if spec.kind is Kind.INT and isinstance(value, int):
        return format_int(value, lang)  # "1.100", as the window's number fields write it
    if spec.kind is Kind.DATE:
        return format_date(date.fromisoformat(value), lang)
    if spec.kind is Kind.INSTANT:
        return format_date(parse_instant(value).date(), lang) + parse_instant(value).strftime(" %H:%M")
    if spec.kind is Kind.ENUM and spec.enum is not None:
        return _enum_label(spec.enum, value, lang)
    if spec.kind is Kind.ENUM_LIST and spec.enum is not None:
        enum = spec.enum
        return ", ".join(_enum_label(enum, v, lang) for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _enum_label(enum: type[LabelledEnum], value: Any, lang: str = "it") -> str:
    try:
        return enum(value).label(lang)
    except ValueError:
        return str(value)


def _quoted(value: str, lang: str) -> str:
    return f"“{value}”" if lang == "en" else f"«{value}»"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
