"""Words every report uses: page furniture, document control, characters no font can draw.

key -> (Italian, English); placeholders use str.format names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

WORDS: Final[Mapping[str, tuple[str, str]]] = {
    # page furniture
    "page_of": ("Pagina {n} di", "Page {n} of"),
    "data_as_of": ("Dati aggiornati al {when}", "Data as of {when}"),
    "never_synced": ("Dati mai sincronizzati con la banca dati regionale",
                     "Data never synced with the regional database"),
    "pending_one": ("1 modifica locale non sincronizzata", "1 local change not yet synced"),
    "pending_many": ("{n} modifiche locali non sincronizzate", "{n} local changes not yet synced"),
    "generated_on": ("Documento generato il {when}", "Document generated on {when}"),
    "contents": ("Indice", "Contents"),
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
    # characters no font can draw (a warning from the CLI and the export dialog)
    "unprintable_where_dossier": ("Dossier {code}", "Dossier {code}"),
    "unprintable_where_project": ("Progetto {code}", "Project {code}"),
    "unprintable_line": ("{where}: nessun font ha un glifo per {chars} ({n_chars}): nel PDF compare «�»",
                         "{where}: no font has a glyph for {chars} ({n_chars}); the PDF shows “�” instead"),
    "chars_one": ("1 carattere", "1 character"),
    "chars_many": ("{n} caratteri", "{n} characters"),
}
