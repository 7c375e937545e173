"""The PDFs name a permit by its acronym and its name ("AUA — Autorizzazione unica ambientale"; a
page has no tooltip to keep the name behind an acronym), a type without an acronym by its name
alone: the dossier's brief, timeline, checklist, authorities and changes waiting, and the
portfolio's terms by authority, in both languages."""

from __future__ import annotations

import pytest
from pdfcheck import Pdf, between

# The table project's permits (report_fixtures.make_table_project): AUA, SCIA edilizia (its name
# says SCIA already), the discharge permit and the fire-safety design approval (no acronym), PdC.
NAMED = {
    "it": {"AUA — Autorizzazione unica ambientale", "PdC — Permesso di costruire", "SCIA edilizia"},
    "en": {"AUA — Single environmental permit", "PdC — Building permit", "SCIA — Certified notice of works start"},
}
BARE = {"it": ("Autorizzazione allo scarico", "Valutazione del progetto antincendio"),
        "en": ("Wastewater-discharge permit", "Fire-safety design approval")}
SECTIONS = {  # where each place starts and ends, in the PDF's words
    "it": {"brief": ("Questioni chiave", "Azioni aperte, dalla più urgente"),
           "passed": ("Titoli con il termine di legge superato", "Prossimi incontri"),
           "timeline": ("Cronoprogramma dei titoli", "Checklist"),
           "checklist": ("Checklist", "7. Note di aftercare"),
           "authorities": ("Autorità competenti", "9. Modifiche non ancora sincronizzate"),
           "pending": ("9. Modifiche non ancora sincronizzate", None)},
    "en": {"brief": ("Key issues", "Open action items, most urgent first"),
           "passed": ("Permits past their legal term", "Next meetings"),
           "timeline": ("Permit timeline", "Checklist"),
           "checklist": ("Checklist", "7. Aftercare notes"),
           "authorities": ("Competent authorities", "9. Changes not yet synced"),
           "pending": ("9. Changes not yet synced", None)},
}


def _section(pdf: Pdf, lang: str, place: str) -> str:
    start, end = SECTIONS[lang][place]
    return between(pdf.text, start, end)


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("place", list(SECTIONS["it"]))
def test_each_place_of_the_dossier_names_a_permit_by_acronym_and_name(
        table_it: Pdf, table_en: Pdf, lang: str, place: str) -> None:
    text = _section(table_it if lang == "it" else table_en, lang, place)
    aua, pdc, scia = sorted(NAMED[lang])  # sorted: AUA, PdC, SCIA
    wanted = {"brief": (aua, scia), "passed": (aua,)}.get(place, (aua, pdc, scia))
    for label in wanted:
        assert label in text, (place, label)
    if place in ("timeline", "checklist", "authorities"):
        for name in BARE[lang]:  # no acronym: the name alone, no dash, no empty brackets
            assert name in text and f"— {name}" not in text, (place, name)
    assert "()" not in text


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_portfolios_terms_name_each_permit_by_acronym_and_name(
        portfolio_it: Pdf, portfolio_en: Pdf, lang: str) -> None:
    pdf, start, end = ((portfolio_it, "6. Termini dei titoli superati e in scadenza, per autorità",
                        "7. Elenco dei progetti") if lang == "it" else
                       (portfolio_en, "6. Permit terms passed and ending soon, by authority", "7. Project list"))
    terms = between(pdf.text, start, end)
    aua, pdc = (("Autorizzazione unica ambientale", "Permesso di costruire") if lang == "it" else
                ("Single environmental permit", "Building permit"))
    for acronym, name in (("AUA", aua), ("PdC", pdc)):
        assert terms.count(name) > 0, name
        assert terms.count(f"{acronym} — {name}") == terms.count(name), name  # every one with its acronym
    bare = "Procedimento unico SUAP" if lang == "it" else "Single business-permit procedure"
    assert bare in terms and f"— {bare}" not in terms and "()" not in terms
