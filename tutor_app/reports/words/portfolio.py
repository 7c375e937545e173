"""The portfolio report's words, and the regional council's summary (council.py).

key -> (Italian, English); placeholders use str.format names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

WORDS: Final[Mapping[str, tuple[str, str]]] = {
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
}
