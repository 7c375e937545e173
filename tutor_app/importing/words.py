"""The import's own words, Italian and English: why a cell or a row cannot be imported, and what
a row will do. One table, read by the dry run's listing (CLI, desktop) and the error workbook."""

from __future__ import annotations

from typing import Any

# reason -> (Italian, English); {value} is the cell as typed, other names are the reason's own
REASONS: dict[str, tuple[str, str]] = {
    "required": ("manca il valore, obbligatorio", "the value is missing and required"),
    "amount": ("«{value}» non è un importo in euro (es. 1.250.000,00 o € 850.000)",
               "“{value}” is not an amount in euro (e.g. 1.250.000,00 or € 850.000)"),
    "amount_decimals": ("«{value}» ha più di due decimali", "“{value}” has more than two decimals"),
    "negative": ("«{value}» è negativo", "“{value}” is negative"),
    "count": ("«{value}» non è un numero intero (es. 1.050)", "“{value}” is not a whole number (e.g. 1.050)"),
    "too_large": ("«{value}» è troppo grande", "“{value}” is too large"),
    "date": ("«{value}» non è una data (GG/MM/AAAA o AAAA-MM-GG)",
             "“{value}” is not a date (DD/MM/YYYY or YYYY-MM-DD)"),
    "no_such_date": ("«{value}» non è una data esistente", "“{value}” is not a date that exists"),
    "date_with_time": ("«{value}» ha un orario: serve una data", "“{value}” has a time of day: a date is needed"),
    "choice": ("«{value}» non è tra i valori ammessi ({allowed})", "“{value}” is not an allowed value ({allowed})"),
    "country": ("«{value}» non è un paese (codice ISO come DE, US, CN, o il nome)",
                "“{value}” is not a country (an ISO code such as DE, US, CN, or its name)"),
    "province": ("«{value}» non è una provincia della Lombardia ({allowed})",
                 "“{value}” is not a province of Lombardy ({allowed})"),
    "yes_no": ("«{value}» non è sì/no", "“{value}” is not yes/no"),
    "too_long": ("il testo è troppo lungo ({length} caratteri, al massimo {limit})",
                 "the text is too long ({length} characters, at most {limit})"),
    "vat": ("«{value}» non è una partita IVA o un codice fiscale", "“{value}” is not a VAT number or tax code"),
    "vat_check": ("«{value}» non è una partita IVA valida (cifra di controllo errata)",
                  "“{value}” is not a valid Italian VAT number (partita IVA: wrong check digit)"),
    "vat_number_cell": ("«{value}» è una cella numerica: gli zeri iniziali si perdono; formatta la colonna come testo",
                        "“{value}” is a number cell: leading zeros are lost; format the column as text"),
    "not_text": ("«{value}» non è un testo", "“{value}” is not text"),
    "no_tutor": ("nessun tutor «{value}» in questo profilo", "no tutor “{value}” in this profile"),
    "tutor_ambiguous": ("più tutor si chiamano «{value}»: indica l'e-mail", "several tutors are called “{value}”: "
                        "give the e-mail"),
    "assign_forbidden": ("solo un coordinatore assegna dossier ad altri tutor",
                         "only a coordinator assigns dossiers to other tutors"),
    "no_code": ("nessun dossier con codice {value} in questo profilo", "no dossier with code {value} in this profile"),
    "code_other_investor": ("il dossier {value} è di un altro investitore",
                            "dossier {value} belongs to another investor"),
    "investor_ambiguous": ("più investitori «{value}» in questo profilo: indica la partita IVA",
                           "several investors “{value}” in this profile: give the VAT number"),
    "project_ambiguous": ("più dossier «{value}» di questo investitore: indica il codice",
                          "several dossiers “{value}” of this investor: give the code"),
    "phase_past": ("il dossier è già oltre la fase {value}", "the dossier is already past phase {value}"),
    "phase_date_before": ("la data è prima della fase precedente ({value})",
                          "the date is before the previous phase ({value})"),
    "repeats_row": ("ripete la riga {row} con valori diversi ({fields})",
                    "repeats row {row} with different values ({fields})"),
}

OUTCOMES: dict[str, tuple[str, str]] = {
    "new": ("nuovo", "new"),
    "update": ("aggiornamento", "update"),
    "unchanged": ("invariato", "unchanged"),
    "duplicate": ("duplicato", "duplicate"),
    "error": ("errore", "error"),
    "skipped": ("ignorata", "skipped"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def reason_text(reason: str, lang: str = "it", **params: Any) -> str:
    """The sentence of a reason; a parameter given as an (Italian, English) pair, such as the
    values a choice allows, is said in ``lang`` too (a list once the listing went through JSON)."""
    text = _pick(REASONS[reason], lang)
    params = {k: _pick((v[0], v[1]), lang) if isinstance(v, tuple | list) and len(v) == 2 else v
              for k, v in params.items()}
    value = params.get("value")
    if isinstance(value, str) and len(value) > 60:
        params = {**params, "value": value[:59] + "…"}
    return text.format(**params)


def outcome_word(outcome: str, lang: str = "it") -> str:
    return _pick(OUTCOMES[outcome], lang)


def word(it: str, en: str, lang: str) -> str:
    return en if lang == "en" else it


def count(n: int, it: tuple[str, str], en: tuple[str, str], lang: str = "it") -> str:
    """A number with its words in agreement: ``1 dossier nuovo`` / ``2 dossier nuovi``."""
    from tutor_app.domain.formatting import format_int

    one, many = en if lang == "en" else it
    return f"{format_int(n, lang)} {one if n == 1 else many}"
