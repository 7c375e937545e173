"""The command line's own words, Italian first and English second: one table, as the reports keep
theirs (``reports/words``) and ``sync.bundle_text`` the bundles'.

``say(key, lang, **values)`` is a sentence; ``count(key, n, lang)`` is a number with its noun in
the right form ("1 tabella", "1.050 righe"), the number written as people read it in that
language; ``seconds`` is a duration with a decimal comma in Italian. Every command a tutor uses
takes ``--lang it|en`` (Italian by default) and finds its words here; the ``server`` commands are
IT's and speak English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, TypeVar

from tutor_app.domain.deadlines import Urgency
from tutor_app.domain.formatting import format_int

LANGS: Final = ("it", "en")
T = TypeVar("T")

# key -> ((Italian singular, Italian plural), (English singular, English plural)); {n} is the number.
_COUNTS: Final[Mapping[str, tuple[tuple[str, str], tuple[str, str]]]] = {
    "project": (("1 progetto", "{n} progetti"), ("1 project", "{n} projects")),
    "dossier": (("1 dossier", "{n} dossier"), ("1 dossier", "{n} dossiers")),
    "meeting": (("1 riunione", "{n} riunioni"), ("1 meeting", "{n} meetings")),
    "permit_item": (("1 titolo abilitativo", "{n} titoli abilitativi"), ("1 permit item", "{n} permit items")),
    "permit_deadline": (("1 scadenza di un titolo abilitativo", "{n} scadenze di titoli abilitativi"),
                        ("1 permit deadline", "{n} permit deadlines")),
    "row": (("1 riga", "{n} righe"), ("1 row", "{n} rows")),
    "table": (("1 tabella", "{n} tabelle"), ("1 table", "{n} tables")),
    "page": (("1 pagina", "{n} pagine"), ("1 page", "{n} pages")),
    "hit": (("1 risultato", "{n} risultati"), ("1 hit", "{n} hits")),
    "overdue": (("1 scaduto", "{n} scaduti"), ("1 overdue", "{n} overdue")),
}

# key -> (Italian, English); a key with a ``_one`` twin takes it when ``n`` is 1 (its verbs agree).
_SENTENCES: Final[Mapping[str, tuple[str, str]]] = {
    "demo_progress": ("righe scritte: {done}/{total}", "writing rows: {done}/{total}"),
    "demo_done": ("Regione demo scritta in {path}: {projects}, {meetings}, {permits}, {rows} in {seconds} s.",
                  "Demo region written to {path}: {projects}, {meetings}, {permits}, {rows} in {seconds} s."),
    "profile_done": ("Profilo creato in {path} per {name}.", "Profile created in {path} for {name}."),
    "pending": ("{n} modifiche non ancora sincronizzate", "{n} changes not yet synced"),
    "pending_one": ("1 modifica non ancora sincronizzata", "1 change not yet synced"),
    "pdf_done": ("Scritto {path} ({pages}, {seconds} s)", "Wrote {path} ({pages}, {seconds} s)"),
    "calendar_done": ("Scritto {path} ({meetings}, {deadlines})", "Wrote {path} ({meetings}, {deadlines})"),
    "table_done": ("Scritto {path}: {rows} in {tables} ({scope}).", "Wrote {path}: {rows} in {tables} ({scope})."),
    "bundle_done": ("Scritto {path}: {bundle}. Restano in attesa su questo computer: la prossima "
                    "sincronizzazione le invia di nuovo (quelle già importate risultano già sul server).",
                    "Wrote {path}: {bundle}. They stay waiting here: your next sync sends them again (already "
                    "imported ones count as duplicates)."),
    "bundle_done_one": ("Scritto {path}: {bundle}. Resta in attesa su questo computer: la prossima "
                        "sincronizzazione la invia di nuovo (se già importata, risulta già sul server).",
                        "Wrote {path}: {bundle}. It stays waiting here: your next sync sends it again (if already "
                        "imported, it counts as a duplicate)."),
    "interrupted": ("interrotto", "interrupted"),
    "password_not_kept": ("Su questo computer non c'è un portachiavi sicuro: la password non viene ricordata e "
                          "ogni comando la chiede di nuovo.",
                          "There is no safe keyring on this computer: the password is not remembered, and every "
                          "command asks for it again."),
}

# Which dossiers a table export counts (``domain.scope.Scope``), as the window's scope selector says.
SCOPES: Final[Mapping[str, tuple[str, str]]] = {
    "mine": ("I miei", "My dossiers"), "area": ("La mia area", "My area"),
    "region": ("Tutta la regione", "The whole region"),
}
# How a running legal term stands (``domain.deadlines``), as ``show`` says it.
URGENCY: Final[Mapping[Urgency, tuple[str, str]]] = {
    Urgency.OVERDUE: ("scaduto", "overdue"), Urgency.DUE_SOON: ("in scadenza", "due soon"),
    Urgency.OK: ("nei termini", "in time"), Urgency.SUSPENDED: ("sospeso", "suspended"), Urgency.NONE: ("", ""),
}
# Where a search hit is (``services.search.SOURCE_KINDS``), as ``search`` says it.
SOURCES: Final[Mapping[str, tuple[str, str]]] = {
    "project": ("progetto", "project"), "meeting": ("riunione", "meeting"), "note": ("nota", "note"),
}


def pick(pair: tuple[T, T], lang: str = "it") -> T:
    """The Italian or the English of a pair."""
    return pair[1] if lang == "en" else pair[0]


def count(key: str, n: int, lang: str = "it") -> str:
    """"1 tabella", "1.050 righe" ("1,050 rows" in English): the number and its noun."""
    return pick(_COUNTS[key], lang)[0 if n == 1 else 1].format(n=format_int(n, lang))


def say(key: str, lang: str = "it", **values: Any) -> str:
    """The sentence ``key`` with its values; with ``n=1``, its singular form where it has one. An
    integer ``n`` is written as people read numbers in ``lang``."""
    n = values.get("n")
    if n == 1 and f"{key}_one" in _SENTENCES:
        key = f"{key}_one"
    if isinstance(n, int):
        values["n"] = format_int(n, lang)
    return pick(_SENTENCES[key], lang).format(**values)


def seconds(value: float, lang: str = "it") -> str:
    """A duration to a tenth of a second: "0,3" in Italian, "0.3" in English."""
    text = f"{value:.1f}"
    return text if lang == "en" else text.replace(".", ",")
