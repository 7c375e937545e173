"""Words and formats of the reports, Italian first and English second.

Labels of domain codes (phases, sectors, statuses...) come from the enums themselves; this
module holds the report's own words. Numbers, money and dates go through Babel so a PDF in
Italian reads ``1.234.567 €`` and ``25/11/2026``, and one in English ``€1,234,567`` and
``25 Nov 2026``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from typing import Final

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent

from tutor_app.domain import enums
from tutor_app.domain.errors import ValidationError
from tutor_app.domain.permit_catalogue import catalogue, is_notice
from tutor_app.domain.places import PROVINCE_BY_CODE, country_name

LANGS: Final = ("it", "en")

# key -> (Italian, English). Placeholders use str.format names.
_WORDS: Final[Mapping[str, tuple[str, str]]] = {
    # page furniture
    "page_of": ("Pagina {n} di", "Page {n} of"),
    "data_as_of": ("Dati aggiornati al {when}", "Data as of {when}"),
    "never_synced": ("Dati mai sincronizzati con la banca dati regionale",
                     "Data never synced with the regional database"),
    "pending_one": ("1 modifica locale non sincronizzata", "1 local change not yet synced"),
    "pending_many": ("{n} modifiche locali non sincronizzate", "{n} local changes not yet synced"),
    "generated_on": ("Documento generato il {when}", "Document generated on {when}"),
    "contents": ("Indice", "Contents"),
    # dossier cover
    "dossier_title": ("Dossier di progetto", "Project dossier"),
    "project_code": ("Codice progetto", "Project code"),
    "investor": ("Investitore", "Investor"),
    "country": ("Paese di origine", "Country of origin"),
    "project_tutor": ("Tutor di progetto", "Project tutor"),
    "regional_tutor": ("Tutor regionale", "Regional tutor"),
    "current_phase": ("Fase attuale", "Current phase"),
    "document_date": ("Data del documento", "Document date"),
    "none_assigned": ("non assegnato", "not assigned"),
    # dossier sections
    "sec_summary": ("Scheda del progetto", "Project details"),
    "sec_timeline": ("Fasi del progetto", "Project phases"),
    "sec_meetings": ("Incontri dei tavoli di lavoro", "Working-table meetings"),
    "sec_permits": ("Titoli abilitativi", "Permits"),
    "sec_aftercare": ("Note di aftercare", "Aftercare notes"),
    "sec_contacts": ("Contatti", "Contacts"),
    "sec_pending": ("Modifiche non ancora sincronizzate", "Changes not yet synced"),
    # summary
    "kind": ("Tipo di progetto", "Kind of project"),
    "sector": ("Settore", "Sector"),
    "function": ("Funzione", "Function"),
    "phase": ("Fase", "Phase"),
    "status": ("Stato", "Status"),
    "capex": ("Investimento stimato", "Estimated capex"),
    "new_hires": ("Nuovi addetti previsti", "Expected new hires"),
    "location": ("Localizzazione", "Location"),
    "zones": ("Zone agevolate", "Special zones"),
    "instruments": ("Strumenti", "Instruments"),
    "services": ("Servizi erogati", "Services given"),
    "parent_group": ("Gruppo", "Parent group"),
    "website": ("Sito web", "Website"),
    "description": ("Descrizione", "Description"),
    "not_given": ("n.d.", "n/a"),
    "none": ("nessuno", "none"),
    "none_f": ("nessuna", "none"),
    # timeline
    "table": ("Tavolo di lavoro", "Working table"),
    "entered_on": ("Data di ingresso", "Entered on"),
    "days_in_phase": ("Durata", "Duration"),
    "days": ("{n} gg", "{n} d"),
    "days_one": ("1 g", "1 day"),
    "days_many": ("{n} gg", "{n} days"),
    "in_progress": ("in corso", "current"),
    "not_reached": ("non ancora raggiunta", "not reached yet"),
    "planned": ("prevista {when}", "planned {when}"),
    "planned_unknown": ("data prevista n.d.", "no planned date"),
    "entered_today": ("Fase {phase} iniziata il {when}: nessuna durata da mostrare ancora.",
                      "Phase {phase} started on {when}: no time spent to show yet."),
    "timeline_note": ("La fase attuale è evidenziata; i tavoli di lavoro seguono le fasi. La data prevista "
                      "della realizzazione è l'ultimo termine atteso dei titoli abilitativi ancora aperti.",
                      "The current phase is highlighted; each phase has its own working table. The planned "
                      "start of realisation is the latest expected date of the permits still open."),
    # meetings
    "meetings_count": ("{n} incontri registrati, in ordine di data.", "{n} meetings recorded, in date order."),
    "no_meetings": ("Nessun incontro registrato.", "No meetings recorded."),
    "scheduled": ("in programma", "scheduled"),
    "place": ("Luogo", "Place"),
    "participants": ("Partecipanti", "Participants"),
    "organisations": ("Organizzazioni", "Organisations"),
    "agenda": ("Ordine del giorno", "Agenda"),
    "minutes": ("Verbale", "Minutes"),
    "decisions": ("Decisioni", "Decisions"),
    "actions": ("Azioni", "Action items"),
    "action": ("Azione", "Action"),
    "owner": ("Responsabile", "Owner"),
    "due": ("Scadenza", "Due"),
    "done": ("Fatta", "Done"),
    "open": ("Aperta", "Open"),
    "late": ("In ritardo", "Late"),
    # permits
    "permit": ("Titolo abilitativo", "Permit"),
    "authority": ("Autorità competente", "Competent authority"),
    "submitted_on": ("Presentata", "Submitted"),
    "legal_due": ("Termine di legge", "Legal deadline"),
    "decided_on": ("Decisa", "Decided"),
    "overdue": ("Scaduto", "Overdue"),
    # the authority's term has passed: the permit itself has not expired
    "term_passed": ("Termine superato\nda {days}", "Term passed\n{days} ago"),
    "term_ends": ("Termine tra\n{days}", "Term ends\nin {days}"),
    "deadline_state": ("Termine", "Term"),
    "term_ok": ("Nei termini\nfino al {day}", "In time\nuntil {day}"),
    "notice_effective": ("Efficace", "Effective"),
    "due_soon": ("In scadenza", "Due soon"),
    "suspended": ("Sospeso", "Suspended"),
    "days_overdue": ("Ritardo", "Late by"),
    "no_permits": ("Nessun titolo abilitativo in checklist.", "No permits on the checklist."),
    "permits_overview": ("{total}: {granted}, {running} in istruttoria; {overdue}, {soon} entro {days} giorni.",
                         "{total}: {granted}, {running} under review; {overdue}, {soon} within {days} days."),
    "permits_one": ("1 titolo", "1 permit"),
    "permits_many": ("{n} titoli", "{n} permits"),
    "granted_one": ("1 rilasciato o efficace", "1 granted or effective"),
    "granted_many": ("{n} rilasciati o efficaci", "{n} granted or effective"),
    "passed_one": ("1 con il termine superato", "1 past its legal term"),
    "passed_many": ("{n} con il termine superato", "{n} past their legal term"),
    "soon_one": ("1 con il termine in scadenza", "1 with its term ending"),
    "soon_many": ("{n} con il termine in scadenza", "{n} with their term ending"),
    "active_one": ("1 attivo", "1 active"),
    "active_many": ("{n} attivi", "{n} active"),
    "announced_one": ("1 annunciato", "1 announced"),
    "announced_many": ("{n} annunciati", "{n} announced"),
    # aftercare and contacts
    "date": ("Data", "Date"),
    "topic": ("Tema", "Topic"),
    "note": ("Nota", "Note"),
    "follow_up": ("Da ricontattare entro", "Follow up by"),
    "no_notes": ("Nessuna nota di aftercare.", "No aftercare notes."),
    "name": ("Nome", "Name"),
    "role": ("Ruolo", "Role"),
    "email": ("E-mail", "E-mail"),
    "phone": ("Telefono", "Phone"),
    "no_contacts": ("Nessun contatto registrato.", "No contacts recorded."),
    # changes not yet synced
    "pending_intro": ("Questo documento è stato prodotto su un dispositivo con modifiche non ancora inviate "
                      "alla banca dati regionale: le copie degli altri uffici potrebbero non contenerle. "
                      "{freshness}.",
                      "This document was made on a device with changes not yet sent to the regional "
                      "database: other offices' copies may not have them yet. {freshness}."),
    "pending_none": ("Nessuna modifica locale a questo progetto è in attesa di sincronizzazione.",
                     "No local change to this project is waiting to be synced."),
    "pending_more": ("… e altre {n} modifiche.", "… and {n} more changes."),
    "record": ("Elemento", "Record"),
    "new_record": ("nuovo elemento", "new record"),
    "deleted_record": ("eliminato", "deleted"),
    "fields_changed": ("Campi modificati", "Changed fields"),
    "changed_at": ("Modificato il", "Changed on"),
    # portfolio
    "portfolio_title": ("Rapporto di portafoglio", "Portfolio report"),
    "filters": ("Selezione", "Selection"),
    "all_projects": ("Tutti i progetti della banca dati locale", "Every project in the local database"),
    "sec_kpis": ("Indicatori chiave", "Key figures"),
    "sec_breakdown": ("Composizione del portafoglio", "Portfolio breakdown"),
    "sec_overdue": ("Termini dei titoli superati e in scadenza, per autorità",
                    "Permit terms passed and ending soon, by authority"),
    "sec_upcoming": ("Prossimi tavoli di lavoro", "Upcoming working-table meetings"),
    "sec_projects": ("Elenco dei progetti", "Project list"),
    "projects": ("Progetti", "Projects"),
    "total_capex": ("Investimento complessivo", "Total capex"),
    "total_hires": ("Nuovi addetti previsti", "Expected new hires"),
    "announced_active": ("Progetti attivi e annunciati", "Active and announced projects"),
    "permits_overdue": ("Titoli scaduti", "Overdue permits"),
    "by_phase": ("Progetti per fase", "Projects by phase"),
    "by_sector": ("Progetti per settore", "Projects by sector"),
    "by_country": ("Progetti per paese di origine", "Projects by country of origin"),
    "by_province": ("Progetti per provincia", "Projects by province"),
    "by_municipality": ("Progetti per comune", "Projects by municipality"),
    "by_status": ("Progetti per stato", "Projects by status"),
    "capex_by_phase": ("Investimento per fase", "Capex by phase"),
    "others": ("Altri", "Others"),
    "no_overdue": ("Nessun titolo abilitativo scaduto o in scadenza.", "No permit overdue or due soon."),
    "no_upcoming": ("Nessun incontro in programma nei prossimi {days} giorni.",
                    "No meetings scheduled in the next {days} days."),
    "upcoming_intro": ("Incontri in programma dal {start} al {end}.", "Meetings scheduled from {start} to {end}."),
    "overdue_intro": ("Termini di legge scaduti o in scadenza entro {days} giorni, per autorità competente (prima "
                      "quella con più termini superati) e dal più urgente, con il progetto e il suo tutor.",
                      "Legal deadlines passed or ending within {days} days, by competent authority (the one with "
                      "most terms passed first) and most urgent first, with the project and its tutor."),
    "project": ("Progetto", "Project"),
    "code": ("Codice", "Code"),
    "capex_short": ("Investimento", "Capex"),
    "capex_millions": ("Invest. (mln €)", "Capex (€m)"),
    "portfolio_cover_title": ("Portafoglio dei progetti di investimento", "Investment project portfolio"),
    "time": ("Ora", "Time"),
    "tutor": ("Tutor", "Tutor"),
    "province": ("Prov.", "Prov."),
    "province_full": ("Provincia", "Province"),
    "hires": ("Addetti", "Hires"),
    "projects_in_phase": ("{n} progetti", "{n} projects"),
    "projects_note": ("Per fase, in ordine di codice. Codice in rosso: il progetto ha titoli abilitativi scaduti.",
                      "By phase, in code order. A code in red: the project has overdue permits."),
    "no_phase": ("Senza fase", "No phase"),
    "kpi_projects_sub": ("nella selezione", "in the selection"),
    "kpi_capex_sub": ("stimato", "estimated"),
    "kpi_hires_sub": ("a regime", "at full operation"),
    "kpi_status_sub": ("progetti, per stato", "projects, by status"),
    "total": ("Totale", "Total"),
    "progress": ("Avanzamento del progetto", "Project progress"),
    "kpi_overdue_sub": ("termini di legge superati", "legal deadlines passed"),
    "kpi_due_soon_sub": ("entro {days} giorni", "within {days} days"),
    "permits_due_soon": ("Titoli in scadenza", "Permits due soon"),
    # portfolio for the regional council (council.py)
    "sec_council": ("Sintesi per il Consiglio regionale", "Summary for the regional council"),
    "sec_top": ("I 10 progetti maggiori per investimento", "The 10 largest projects by capex"),
    "sec_territory": ("Investimento e addetti per provincia e settore", "Capex and hires by province and sector"),
    "sec_definitions": ("Definizioni e fonti", "Definitions and sources"),
    "sec_council_short": ("Sintesi per il Consiglio", "Summary for the council"),
    "sec_top_short": ("I 10 progetti maggiori", "The 10 largest projects"),
    "sec_territory_short": ("Per provincia e settore", "By province and sector"),
    "sec_overdue_short": ("Termini per autorità", "Terms by authority"),
    "sec_upcoming_short": ("Prossimi tavoli (appendice)", "Upcoming meetings (appendix)"),
    "appendix": ("Appendice {letter}", "Appendix {letter}"),
    "projects_count_one": ("1 progetto", "1 project"),
    "projects_count_many": ("{n} progetti", "{n} projects"),
    "projects_none": ("nessun progetto", "no projects"),
    "hires_count_one": ("1 addetto", "1 hire"),
    "hires_count_many": ("{n} addetti", "{n} hires"),
    "council_selection": ("La selezione comprende {projects}, per un investimento stimato di {capex} e {hires} "
                          "nuovi addetti previsti; per stato: {mix}.",
                          "The selection holds {projects}, with an estimated capex of {capex} and {hires} expected "
                          "new hires; by status: {mix}."),
    "council_period": ("Dal {first} al {last} {leads} ({leads_before} nello stesso periodo del {year}) e {ops} "
                       "({ops_before} nel {year}).",
                       "From {first} to {last}, {leads} ({leads_before} in the same days of {year}) and {ops} "
                       "({ops_before} in {year})."),
    "leads_arrived_one": ("è arrivato 1 nuovo lead", "1 new lead came in"),
    "leads_arrived_many": ("sono arrivati {n} nuovi lead", "{n} new leads came in"),
    "ops_started_one": ("1 progetto ha avviato l'attività", "1 project started operations"),
    "ops_started_many": ("{n} progetti hanno avviato l'attività", "{n} projects started operations"),
    "council_money": ("Nello stesso periodo sono entrati nella fase «{decision_phase}» {decision}; nella fase "
                      "«{realisation_phase}» {realisation}.",
                      "In the same days, {decision} entered the “{decision_phase}” phase, and {realisation} the "
                      "“{realisation_phase}” phase."),
    "council_money_part": ("{projects}, per {capex} e {hires} ({before} e {capex_before} nel {year})",
                           "{projects}, worth {capex} and {hires} ({before} and {capex_before} in {year})"),
    "council_territory": ("La prima provincia per investimento è {place}, con {capex} ({share} del totale); il primo "
                          "settore è «{sector}», con {sector_capex} ({sector_share}). Il progetto maggiore è {code} di "
                          "{investor}, con {top_capex}.",
                          "The first province by capex is {place}, with {capex} ({share} of the total); the first "
                          "sector is “{sector}”, with {sector_capex} ({sector_share}). The largest project is {code} "
                          "of {investor}, with {top_capex}."),
    "council_territory_municipality": ("Il primo comune per investimento è {place}, con {capex} ({share} del totale); "
                                       "il primo settore è «{sector}», con {sector_capex} ({sector_share}). Il "
                                       "progetto maggiore è {code} di {investor}, con {top_capex}.",
                                       "The first municipality by capex is {place}, with {capex} ({share} of the "
                                       "total); the first sector is “{sector}”, with {sector_capex} "
                                       "({sector_share}). The largest project is {code} of {investor}, with "
                                       "{top_capex}."),
    "council_permits": ("Oggi {what}, presso {authorities}; quella con più termini superati è {authority}, con {n}.",
                        "Today {what}, at {authorities}; the one with most terms passed is {authority}, with {n}."),
    "permits_have_passed_one": ("1 titolo ha il termine di legge superato", "1 permit is past its legal term"),
    "permits_have_passed_many": ("{n} titoli hanno il termine di legge superato",
                                 "{n} permits are past their legal term"),
    "council_no_permits": ("Oggi nessun titolo ha il termine di legge superato.",
                           "Today no permit is past its legal term."),
    "authorities_one": ("1 autorità", "1 authority"),
    "authorities_many": ("{n} autorità", "{n} authorities"),
    "authority_unknown": ("Autorità non indicata", "Authority not given"),
    "comparison_h": ("Il {year} e lo stesso periodo del {before}", "{year} and the same days of {before}"),
    "indicator": ("Indicatore", "Figure"),
    "period_head": ("{year}: {first} – {last}", "{year}: {first} – {last}"),
    "change": ("Variazione", "Change"),
    "row_leads": ("Nuovi lead (dossier aperti)", "New leads (dossiers opened)"),
    "row_entered": ("Progetti entrati in fase «{phase}»", "Projects entering “{phase}”"),
    "row_capex": ("Investimento dei progetti entrati in «{phase}» (mln €)",
                  "Capex of projects entering “{phase}” (€m)"),
    "row_hires": ("Addetti dei progetti entrati in «{phase}»", "Hires of projects entering “{phase}”"),
    "rank": ("N.", "No."),
    "share": ("Quota", "Share"),
    "top_intro": ("I {n} progetti con l'investimento stimato più alto valgono insieme {share} dell'investimento "
                  "della selezione.",
                  "The {n} projects with the highest estimated capex make {share} of the selection's capex together."),
    "no_capex": ("Nessun progetto della selezione ha un investimento stimato.",
                 "No project of the selection has an estimated capex."),
    "tiles_h": ("Le province della Lombardia", "The provinces of Lombardy"),
    "tiles_note": ("Riquadri disposti come le province sulla carta. Il colore segue l'investimento stimato (più scuro, "
                   "più investimento); i valori sono scritti in ogni riquadro.",
                   "Tiles placed as the provinces lie on the map. The shade follows the estimated capex (darker, "
                   "more capex); the figures are written in every tile."),
    "by_province_h": ("Per provincia", "By province"),
    "by_municipality_h": ("Per comune (provincia di {province})", "By municipality (province of {province})"),
    "by_sector_h": ("Per settore", "By sector"),
    "municipality": ("Comune", "Municipality"),
    "no_province": ("Provincia non indicata", "Province not given"),
    "source_line": ("Fonte: {agency}, banca dati Tutor ({freshness}); {projects} della selezione «{scope}».",
                    "Source: {agency}, Tutor database ({freshness}); {projects} of the selection “{scope}”."),
    "authority_counts": ("{passed}, {soon}", "{passed}, {soon}"),
    "terms_passed_one": ("1 termine superato", "1 term passed"),
    "terms_passed_many": ("{n} termini superati", "{n} terms passed"),
    "terms_soon_one": ("1 in scadenza", "1 ending soon"),
    "terms_soon_many": ("{n} in scadenza", "{n} ending soon"),
    "pdef_project_term": ("Progetto", "Project"),
    "pdef_project": ("Un dossier di investimento seguito da un tutor; sono contati i dossier non eliminati della "
                     "selezione.", "An investment dossier followed by a tutor; the dossiers of the selection that "
                     "are not deleted are counted."),
    "pdef_lead_term": ("Nuovo lead", "New lead"),
    "pdef_lead": ("Un dossier aperto nel periodo (data di creazione del dossier, ora italiana), qualunque sia la "
                  "sua fase oggi.", "A dossier opened in the period (the dossier's creation date, Italian time), "
                  "whatever its phase today."),
    "pdef_capex_term": ("Investimento stimato", "Estimated capex"),
    "pdef_capex": ("La stima dell'investimento indicata nel dossier, in euro; gli importi in tabella sono in "
                   "milioni di euro.", "The capex estimate given in the dossier, in euro; amounts in tables are "
                   "in millions of euro."),
    "pdef_hires_term": ("Nuovi addetti", "New hires"),
    "pdef_hires": ("I posti di lavoro previsti a regime dal progetto.",
                   "The jobs the project expects at full operation."),
    "pdef_phase_entry_term": ("Ingresso in fase", "Phase entry"),
    "pdef_phase_entry": ("La data in cui il progetto è entrato in una fase, dallo storico delle fasi; un progetto "
                         "è contato una volta per fase e periodo.",
                         "The date the project entered a phase, from its phase history; a project counts once per "
                         "phase and period."),
    "pdef_period_term": ("Periodo di confronto", "Comparison period"),
    "pdef_period": ("Dal 1° gennaio alla data del documento, per quest'anno e per gli stessi giorni dell'anno "
                    "scorso (il 29 febbraio diventa il 28).",
                    "From 1 January to the document's date, this year and the same days of last year "
                    "(29 February becomes 28 February)."),
    "pdef_period_money_term": ("Investimento e addetti del periodo", "Capex and hires of a period"),
    "pdef_period_money": ("La somma dell'investimento stimato e dei nuovi addetti, come sono oggi nei dossier, dei "
                          "progetti entrati in fase «Decisione» o «Realizzazione investimento» nel periodo.",
                          "The sum of the estimated capex and new hires, as the dossiers give them today, of the "
                          "projects that entered “Decision” or “Realisation” in the period."),
    "pdef_legal_term_term": ("Termine di legge", "Legal term"),
    "pdef_legal_term": ("L'ultimo giorno che la legge dà all'autorità per decidere, contato dalla presentazione "
                        "della domanda.", "The last day the law gives the authority to decide, counted from the "
                        "application."),
    "pdef_term_passed_term": ("Termine superato", "Term passed"),
    "pdef_term_passed": ("Domanda presentata, nessuna decisione, termine di legge passato: è il termine "
                         "dell'autorità a essere superato, non il titolo a essere scaduto.",
                         "Application filed, no decision, legal term passed: the authority's term has passed, the "
                         "permit has not expired."),
    "pdef_term_soon_term": ("In scadenza", "Ending soon"),
    "pdef_term_soon": ("Il termine di legge finisce nei prossimi 14 giorni.",
                       "The legal term ends within the next 14 days."),
    "pdef_tiles_term": ("Carta a riquadri", "Tile map"),
    "pdef_tiles": ("Le dodici province in una griglia che ne segue la posizione, senza confini disegnati.",
                   "The twelve provinces in a grid that follows where they lie, with no borders drawn."),
    # document control (control.py) and the archive metadata (pdfa.py)
    "class_riservato": ("Riservato", "Confidential"),
    "class_uso_interno": ("Uso interno", "Internal use"),
    "class_pubblico": ("Pubblico", "Public"),
    "classification": ("Classificazione", "Classification"),
    "protocol": ("Protocollo n.", "Reference no."),
    "doc_version": ("Versione", "Version"),
    "distribution": ("Lista di distribuzione", "Distribution list"),
    "responsible_office": ("Ufficio responsabile", "Responsible office"),
    "sec_control": ("Controllo del documento", "Document control"),
    "signature_for": ("Per l'ufficio responsabile", "For the responsible office"),
    "signature": ("Firma", "Signature"),
    "signature_date": ("Data", "Date"),
    "control_line": ("Prot. {protocol} · versione {version}", "Ref. {protocol} · version {version}"),
    "keyword_dossier": ("dossier di progetto", "project dossier"),
    "keyword_portfolio": ("rapporto di portafoglio", "portfolio report"),
    "keyword_investment": ("attrazione investimenti", "investment attraction"),
    # dossier: the first page (brief.py), what a political table works from
    "sec_brief": ("Sintesi per il tavolo", "Brief for the table"),
    "sec_actions": ("Azioni aperte", "Open action items"),
    "brief_project": ("«{title}» è il progetto di {investor} ({country}) a {location}.",
                      "“{title}” is the project of {investor} ({country}) in {location}."),
    "brief_project_noplace": ("«{title}» è il progetto di {investor} ({country}).",
                              "“{title}” is the project of {investor} ({country})."),
    "brief_money": ("Investimento stimato: {capex}; nuovi addetti previsti: {hires}.",
                    "Estimated capex: {capex}; expected new hires: {hires}."),
    "brief_phase": ("È nella fase «{phase}» da {days}, dal {since}; stato: {status}.",
                    "It has been in the “{phase}” phase for {days}, since {since}; status: {status}."),
    "brief_no_phase": ("Nessuna fase registrata; stato: {status}.", "No phase recorded; status: {status}."),
    "brief_no_phase_short": ("nessuna fase registrata", "no phase recorded"),
    "brief_meetings": ("Finora {held}; l'ultimo il {day} ({table}).", "So far {held}; the last on {day} ({table})."),
    "meetings_held_one": ("1 incontro dei tavoli di lavoro", "1 working-table meeting"),
    "meetings_held_many": ("{n} incontri dei tavoli di lavoro", "{n} working-table meetings"),
    "brief_no_meetings_held": ("Nessun incontro tenuto finora.", "No meeting held so far."),
    "brief_tutors": ("Tutor di progetto: {project}; tutor regionale: {regional}.",
                     "Project tutor: {project}; regional tutor: {regional}."),
    "days_long_one": ("1 giorno", "1 day"),
    "days_long_many": ("{n} giorni", "{n} days"),
    "since": ("dal {day}", "since {day}"),
    "tile_days": ("Giorni nella fase attuale", "Days in the current phase"),
    "tile_actions": ("Azioni aperte", "Open action items"),
    "late_count_one": ("1 in ritardo", "1 late"),
    "late_count_many": ("{n} in ritardo", "{n} late"),
    "tile_passed": ("Termini superati", "Terms passed"),
    "tile_passed_sub": ("in scadenza entro {days} gg: {n}", "ending within {days} days: {n}"),
    "tile_next": ("Prossimo incontro", "Next meeting"),
    "none_scheduled": ("nessuno in programma", "none scheduled"),
    "key_issues": ("Questioni chiave", "Key issues"),
    "to_decide": ("Da decidere al prossimo tavolo", "For the next table to decide"),
    "open_actions_h": ("Azioni aperte, dalla più urgente", "Open action items, most urgent first"),
    "passed_permits_h": ("Titoli con il termine di legge superato", "Permits past their legal term"),
    "next_meetings_h": ("Prossimi incontri", "Next meetings"),
    "issue_list": ("{what}: {list}.", "{what}: {list}."),
    "permits_past_one": ("1 titolo con il termine di legge superato", "1 permit past its legal term"),
    "permits_past_many": ("{n} titoli con il termine di legge superato", "{n} permits past their legal term"),
    "permit_late_item": ("{permit} presso {authority}, da {days}", "{permit} at {authority}, {days} late"),
    "actions_late_one": ("1 azione in ritardo", "1 action item late"),
    "actions_late_many": ("{n} azioni in ritardo", "{n} action items late"),
    "issue_late_actions": ("{what}; la prima era da fare entro il {day} ({owner}).",
                           "{what}; the first was due on {day} ({owner})."),
    "permits_waiting_one": ("1 titolo in attesa di integrazioni", "1 permit waiting for additional documents"),
    "permits_waiting_many": ("{n} titoli in attesa di integrazioni", "{n} permits waiting for additional documents"),
    "issue_waiting": ("{what}, con il termine sospeso: {list}.", "{what}, their term suspended: {list}."),
    "permits_soon_one": ("1 titolo con il termine in scadenza entro {days} giorni",
                         "1 permit whose term ends within {days} days"),
    "permits_soon_many": ("{n} titoli con il termine in scadenza entro {days} giorni",
                          "{n} permits whose term ends within {days} days"),
    "follow_ups_due_one": ("1 nota di aftercare da ricontattare", "1 aftercare note due for follow-up"),
    "follow_ups_due_many": ("{n} note di aftercare da ricontattare", "{n} aftercare notes due for follow-up"),
    "issue_status": ("Il progetto è nello stato «{status}».", "The project's status is “{status}”."),
    "issue_no_tutor": ("Nessun tutor di progetto assegnato.", "No project tutor assigned."),
    "issue_quiet": ("Nessun incontro da {days} e nessuno in programma.", "No meeting for {days} and none scheduled."),
    "issue_no_meetings": ("Nessun incontro tenuto né in programma.", "No meeting held or scheduled."),
    "issue_long_phase": ("Nella stessa fase da più di un anno ({days}).",
                         "In the same phase for over a year ({days})."),
    "issue_none": ("Nessuna criticità nei dati del dossier.", "Nothing in the dossier's data calls for attention."),
    "and_more_one": ("e 1 altro", "and 1 more"),
    "and_more_many": ("e altri {n}", "and {n} more"),
    "decide_next": ("Prossimo incontro: {table}, {when}{place}.", "Next meeting: {table}, {when}{place}."),
    "decide_agenda": ("All'ordine del giorno: {agenda}.", "On the agenda: {agenda}."),
    "decide_unscheduled": ("Nessun incontro in programma: va fissato il prossimo {table}.",
                           "No meeting scheduled: the next {table} is to be set."),
    "decide_escalate": ("Se sollecitare {authorities} o convocare la conferenza di servizi: {what}.",
                        "Whether to chase {authorities} or call a services conference: {what}."),
    "the_authorities": ("le autorità competenti", "the competent authorities"),
    "decide_actions": ("Nuove scadenze o nuovi responsabili: {what}.", "New due dates or owners: {what}."),
    "decide_waiting": ("Chi prepara le integrazioni richieste, ed entro quando: {list}.",
                       "Who prepares the documents requested, and by when: {list}."),
    "decide_next_phase": ("Il passaggio alla fase «{phase}»: nessun titolo è ancora aperto.",
                          "Moving to the “{phase}” phase: no permit is still open."),
    "decide_follow_ups": ("Il seguito da dare: {what}.", "What to follow up: {what}."),
    "decide_none": ("Nessun altro punto aperto nei dati del dossier.", "No other open point in the dossier's data."),
    "more_actions_one": ("… e 1 altra azione aperta", "… and 1 more open action item"),
    "more_actions_many": ("… e altre {n} azioni aperte", "… and {n} more open action items"),
    "full_list_in": (": l'elenco completo è nella sezione «{section}».",
                     ": the full list is in the section “{section}”."),
    "no_open_actions": ("Nessuna azione aperta.", "No open action items."),
    "no_passed_permits": ("Nessun titolo con il termine di legge superato.", "No permit past its legal term."),
    "no_next_meetings": ("Nessun incontro in programma.", "No meeting scheduled."),
    "more_permits_one": ("… e 1 altro titolo: vedi la checklist.", "… and 1 more permit: see the checklist."),
    "more_permits_many": ("… e altri {n} titoli: vedi la checklist.", "… and {n} more permits: see the checklist."),
    "more_meetings_one": ("… e 1 altro incontro in programma.", "… and 1 more meeting scheduled."),
    "more_meetings_many": ("… e altri {n} incontri in programma.", "… and {n} more meetings scheduled."),
    "when": ("Data e ora", "Date and time"),
    "agreed_at": ("Incontro", "Meeting"),
    "open_actions_one": ("1 azione aperta", "1 open action item"),
    "open_actions_many": ("{n} azioni aperte", "{n} open action items"),
    "actions_intro": ("{what} ({late}), dagli incontri di tutti i tavoli: prima quelle in ritardo, poi per "
                      "scadenza.",
                      "{what} ({late}), from the meetings of every table: late ones first, then by due date."),
    # dossier: permit timeline, contacts, contents page
    "gantt_h": ("Cronoprogramma dei titoli", "Permit timeline"),
    "checklist_h": ("Checklist", "Checklist"),
    "gantt_intro": ("Per ogni titolo, il periodo dalla presentazione alla decisione (o a oggi, se è in istruttoria), "
                    "confrontato con il termine di legge e con la data attesa.",
                    "For each permit, the time from submission to decision (or to today while under review), "
                    "against the legal term and the expected date."),
    "gantt_actual": ("dalla presentazione alla decisione (o a oggi)", "from submission to decision (or today)"),
    "gantt_over": ("oltre il termine di legge", "beyond the legal term"),
    "gantt_term": ("termine di legge", "legal term"),
    "gantt_expected": ("data attesa", "expected date"),
    "gantt_today": ("oggi", "today"),
    "gantt_none": ("Nessun titolo ha ancora date: il cronoprogramma comincia con la prima presentazione.",
                   "No permit has dates yet: the timeline starts with the first submission."),
    "gantt_undated_one": ("1 titolo senza date (da presentare o non necessario) è solo nella checklist.",
                          "1 permit with no dates (not filed yet, or not needed) is only on the checklist."),
    "gantt_undated_many": ("{n} titoli senza date (da presentare o non necessari) sono solo nella checklist.",
                           "{n} permits with no dates (not filed yet, or not needed) are only on the checklist."),
    "region_referents": ("Referenti della Regione", "The region's referents"),
    "organisation": ("Ente", "Organisation"),
    "referents_office": ("Ufficio responsabile: {office}.", "Responsible office: {office}."),
    "no_referents": ("Nessun tutor assegnato al progetto.", "No tutor assigned to the project."),
    "authorities_h": ("Autorità competenti", "Competent authorities"),
    "authorities_note": ("Dalla checklist: l'autorità che decide ciascun titolo, e a che punto sono i suoi titoli.",
                         "From the checklist: the authority that decides each permit, and where its permits stand."),
    "no_authorities": ("Nessuna autorità competente indicata nella checklist.",
                       "No competent authority named on the checklist."),
    "permits_col": ("Titoli abilitativi", "Permits"),
    "reading_guide": ("Come leggere il dossier", "How to read this dossier"),
    "def_phase_days_term": ("Giorni nella fase", "Days in the phase"),
    "def_phase_days": ("I giorni dall'ingresso nella fase attuale alla data del documento.",
                       "The days from entering the current phase to the document's date."),
    "def_legal_term_term": ("Termine di legge", "Legal term"),
    "def_legal_term": ("L'ultimo giorno che la legge dà all'autorità per decidere, contato dalla presentazione "
                       "della domanda (un termine che cade in un giorno festivo passa al primo giorno feriale).",
                       "The last day the law gives the authority to decide, counted from the application "
                       "(a term that ends on a public holiday moves to the next working day)."),
    "def_term_passed_term": ("Termine superato", "Term passed"),
    "def_term_passed": ("Il termine di legge è passato senza una decisione: è il termine dell'autorità a essere "
                        "superato, non il titolo a essere scaduto.",
                        "The legal term has passed with no decision: the authority's term has passed, the permit "
                        "has not expired."),
    "def_term_soon_term": ("In scadenza", "Ending soon"),
    "def_term_soon": ("Il termine di legge finisce entro {days} giorni.", "The legal term ends within {days} days."),
    "def_suspended_term": ("Sospeso", "Suspended"),
    "def_suspended": ("L'autorità ha chiesto integrazioni: il termine non corre finché non arrivano.",
                      "The authority asked for more documents: the term stops until they arrive."),
    "def_expected_term": ("Data attesa", "Expected date"),
    "def_expected": ("La data in cui il tutor prevede la decisione (indicata nella checklist).",
                     "The date the tutor expects the decision (given on the checklist)."),
    "def_late_action_term": ("Azione in ritardo", "Late action item"),
    "def_late_action": ("Un'azione concordata a un incontro, non ancora fatta, la cui scadenza è passata.",
                        "An action item agreed at a meeting, not done yet, whose due date has passed."),
    # characters no font can draw (a warning from the CLI and the export dialog)
    "unprintable_where_dossier": ("Dossier {code}", "Dossier {code}"),
    "unprintable_where_project": ("Progetto {code}", "Project {code}"),
    "unprintable_line": ("{where}: nessun font ha un glifo per {chars} ({n_chars}): nel PDF compare «�»",
                         "{where}: no font has a glyph for {chars} ({n_chars}); the PDF shows “�” instead"),
    "chars_one": ("1 carattere", "1 character"),
    "chars_many": ("{n} caratteri", "{n} characters"),
}

# What a pending change is about, by table.
_RECORDS: Final[Mapping[str, tuple[str, str]]] = {
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
_FIELDS: Final[Mapping[str, tuple[str, str]]] = {
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

_BABEL_LOCALE: Final = {"it": "it_IT", "en": "en_GB"}
_DATE_FORMAT: Final = {"it": "dd/MM/yyyy", "en": "d MMM y"}
# Babel's en_GB abbreviates September as "Sept": every month gets three letters, as in "23 Nov".
_EN_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LONG_DATE_FORMAT: Final = {"it": "d MMMM y", "en": "d MMMM y"}
_MONEY_FORMAT: Final = {"it": "#,##0\u00a0¤", "en": "¤#,##0"}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValidationError("lang", f"unknown language {lang!r}; expected one of: {', '.join(LANGS)}")
    return lang


@lru_cache(maxsize=1)
def local_zone() -> tzinfo:
    """Meetings are shown at Italian time; a build without a time-zone database falls back to UTC."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Rome")
    except (ImportError, KeyError, OSError):
        return UTC


def as_of(today: date, generated_at: datetime) -> datetime:
    """The instant a report stands at: when it is made, kept within its day (``today``, local).

    "Upcoming" and "held" are counted from it: a meeting held this morning is no longer upcoming,
    and a report dated on another day than the clock's (a day pinned in tests, or a clock behind)
    still reads as of its own day."""
    zone = local_zone()
    start = datetime.combine(today, time(0), tzinfo=zone)
    end = datetime.combine(today, time(23, 59, 59), tzinfo=zone)
    moment = generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=zone)
    return min(max(start, moment), end)


class Words:
    """The words and formats of one language. Cheap to call in loops: the Babel locale is parsed once."""

    def __init__(self, lang: str = "it") -> None:
        self.lang = check_lang(lang)
        self._locale = Locale.parse(_BABEL_LOCALE[lang])
        self._index = 1 if lang == "en" else 0
        self._zone = local_zone()

    def __repr__(self) -> str:
        return f"Words({self.lang!r})"

    def __call__(self, key: str, **values: object) -> str:
        text = _WORDS[key][self._index]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in _WORDS

    # -- domain codes ------------------------------------------------------------------------

    def code(self, enum: type[enums.LabelledEnum], value: str | None) -> str:
        """The label of a code; an unknown code (a newer app's vocabulary) reads "sconosciuto (code)"."""
        return enum(value).label(self.lang) if value else self("not_given")

    def country(self, code: str | None) -> str:
        return country_name(code, self.lang) if code else self("not_given")

    def province(self, code: str | None, short: bool = False) -> str:
        """The province's name (``short``: without "(Città metropolitana)"); an unknown code says so."""
        if not code:
            return self("not_given")
        province = PROVINCE_BY_CODE.get(code)
        if province is None:
            return enums.unknown_label(code, self.lang)
        return province.name.split(" (")[0] if short else province.name

    def permit_name(self, permit_code: str, stored_name: str) -> str:
        """Permits are stored with their Italian name; the catalogue knows the English one."""
        if self.lang == "it":
            return stored_name
        permit = catalogue().get(permit_code)
        return permit.name_en if permit and permit.name_it == stored_name else stored_name

    def permit_status(self, permit_code: str, status: enums.PermitStatus) -> str:
        """A SCIA or a notice that went through is "efficace"; a permit is "rilasciato"."""
        if status is enums.PermitStatus.GRANTED and is_notice(permit_code):
            return self("notice_effective")
        return status.label(self.lang)

    def record(self, table: str) -> str:
        names = _RECORDS.get(table)
        return names[self._index] if names else table.replace("_", " ")

    def field(self, name: str) -> str:
        names = _FIELDS.get(name)
        return names[self._index] if names else name.replace("_", " ")

    def count(self, key: str, n: int, **values: object) -> str:
        """A number with its noun in agreement: ``1 scaduto`` / ``2 scaduti`` (keys ``key_one``, ``key_many``;
        ``values`` fill the other placeholders of either)."""
        return self(f"{key}_one", **values) if n == 1 else self(f"{key}_many", n=self.number(n), **values)

    def days(self, n: int) -> str:
        return self.count("days", n)

    def term_mark(self, days_left: int) -> str:
        """A permit's urgency: the authority's term has passed ("termine superato da 1 g"), which is
        not "the permit expired"; or it ends in so many days."""
        if days_left < 0:
            return self("term_passed", days=self.days(-days_left))
        return self("term_ends", days=self.days(days_left))

    def status_mix(self, active: int, announced: int) -> str:
        """``21 attivi, 0 annunciati``: two counts, never read as a ratio."""
        return f"{self.count('active', active)}, {self.count('announced', announced)}"

    def pending(self, n: int) -> str:
        return self.count("pending", n)

    # -- formats -----------------------------------------------------------------------------

    def number(self, value: int | float) -> str:
        return format_decimal(value, locale=self._locale)

    def money(self, cents: int | None) -> str:
        """Whole euro: capex estimates are never precise to the cent, and cents only add noise."""
        if cents is None:
            return self("not_given")
        return format_currency(round(cents / 100), "EUR", format=_MONEY_FORMAT[self.lang],
                               locale=self._locale, currency_digits=False)

    def money_short(self, cents: int) -> str:
        """Chart labels and KPI tiles: ``2,8 Mld €`` / ``€2.8bn``."""
        euros = cents / 100
        for threshold, it_unit, en_unit in ((1e9, "Mld", "bn"), (1e6, "Mln", "m"), (1e3, "mila", "k")):
            if abs(euros) >= threshold:
                # three significant digits: 7.023 billion reads "7,02 Mld €", never a bare "7"
                scaled = euros / threshold
                decimals = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
                amount = format_decimal(round(scaled, decimals), format="#,##0." + "0" * decimals if decimals
                                        else "#,##0", locale=self._locale)
                return f"{amount}\u00a0{it_unit}\u00a0€" if self.lang == "it" else f"€{amount}{en_unit}"
        return self.money(cents)

    def millions(self, cents: int | None) -> str:
        """An amount in millions of euro with two decimals: one unit for a whole table column."""
        if cents is None:
            return "–"
        return format_decimal(round(cents / 1e8, 2), format="#,##0.00", locale=self._locale)

    def percent(self, share: float) -> str:
        """A share of a whole: ``33%``, ``4,5%``, ``2,0%`` (one decimal under 10%, so small shares are not all "0%")."""
        return format_percent(share, format="#,##0.0%" if abs(share) < 0.1 else "#,##0%", locale=self._locale)

    def change(self, difference: int, money: bool = False) -> str:
        """A change between two periods with its sign: ``+5``, ``−3``, ``0`` (money in millions of euro)."""
        text = self.millions(abs(difference)) if money else self.number(abs(difference))
        return ("+" if difference > 0 else "\u2212" if difference < 0 else "") + text

    def day(self, value: date | None) -> str:
        if not value:
            return ""
        if self.lang == "en":
            return f"{value.day} {_EN_MONTHS[value.month - 1]} {value.year}"
        return format_date(value, _DATE_FORMAT[self.lang], locale=self._locale)

    def month(self, value: date) -> str:
        """A month on a time axis: ``gen`` / ``Jan`` (the year is written apart)."""
        if self.lang == "en":
            return _EN_MONTHS[value.month - 1]
        return format_date(value, "MMM", locale=self._locale)

    def long_day(self, value: date) -> str:
        return format_date(value, _LONG_DATE_FORMAT[self.lang], locale=self._locale)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self._zone) if instant.tzinfo else instant

    def time(self, instant: datetime) -> str:
        return self.local(instant).strftime("%H:%M")

    def moment(self, instant: datetime) -> str:
        local = self.local(instant)
        if self.lang == "en":
            return f"{self.day(local.date())}, {local.strftime('%H:%M')}"
        return format_datetime(local, "dd/MM/yyyy HH:mm", tzinfo=local.tzinfo, locale=self._locale)

    def join(self, items: list[str]) -> str:
        return ", ".join(items) if items else self("none")
