"""Spreadsheets of leads as an Italian office exports them, at any size (for the import's benchmark
and its tests): ``;``-separated, Windows-1252 or UTF-8, Italian numbers and dates, labels in Italian."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from stdnum import luhn

HEADER = ("Ragione sociale;Partita IVA;Paese;Titolo;Tipo;Settore;Funzione;Stato;Fase;Data fase;"
          "Investimento (€);Nuove assunzioni;Comune;Provincia;ZIS;Descrizione")
_COUNTRIES = ("Germania", "Stati Uniti", "Francia", "Cina", "Giappone", "Svizzera", "Regno Unito", "Italia",
              "Paesi Bassi", "Corea del Sud")
_WORDS = ("Alpen", "Nord", "Lumen", "Vektor", "Sakura", "Orion", "Helix", "Atlas", "Borea", "Kestrel", "Nimbus",
          "Quanta", "Rhein", "Solano", "Tessera", "Vela", "Zenith", "Brenner", "Castello", "Dolomia")
_SUFFIXES = ("GmbH", "Inc.", "S.A.S.", "Co. Ltd.", "K.K.", "AG", "Ltd", "S.p.A.", "B.V.", "Corp.")
_KINDS = ("Nuova iniziativa", "Espansione", "Reshoring")
_SECTORS = ("Manifattura", "Scienze della vita", "Clean tech", "ICT e data center", "Chimica", "Elettronica",
            "Aerospazio", "Agroalimentare", "Servizi avanzati", "Logistica")
_FUNCTIONS = ("Produzione", "Ricerca e sviluppo", "Sede direzionale", "Data center", "Logistica", "Servizi")
_PHASES = ("Lead", "Assistenza", "Decisione")
_PLACES = (("Agrate Brianza", "MB"), ("Brescia", "BS"), ("Bergamo", "BG"), ("Lodi", "LO"), ("Pavia", "PV"),
           ("Varese", "VA"), ("Como", "CO"), ("Cremona", "CR"), ("Mantova", "MN"), ("Milano", "MI"))


def _partita_iva(n: int) -> str:
    base = f"{n % 10_000_000:07d}{(n % 100) + 1:03d}"
    if base[:7] == "0000000":
        base = "1" + base[1:]
    return base + luhn.calc_check_digit(base)


def _money(rng: random.Random) -> str:
    euros = rng.randrange(50, 50_000) * 1000
    text = f"{euros:,}".replace(",", ".")
    return rng.choice((f"€ {text}", f"{text},00 €", f"{text},00", text))


def lines(rows: int, seed: int = 1) -> Iterator[str]:
    """The header, then ``rows`` data lines (about one investor in six comes back with another project)."""
    rng = random.Random(seed)
    yield HEADER
    for n in range(rows):
        company = n if rng.random() > 0.15 or n == 0 else rng.randrange(n)
        country = _COUNTRIES[company % len(_COUNTRIES)]
        name = f"{_WORDS[company % 20]} {_WORDS[(company // 20) % 20]} {company} {_SUFFIXES[company % 10]}"
        vat = _partita_iva(company) if country == "Italia" or company % 3 == 0 else ""
        municipality, province = _PLACES[n % len(_PLACES)]
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2023, 2026)
        description = f"Progetto {n}: investimento; \"ampliamento\" del sito di {municipality}."
        yield ";".join((
            f'"{name}"' if "," in name else name, vat, country, f"Progetto {n} a {municipality}", rng.choice(_KINDS),
            rng.choice(_SECTORS), rng.choice(_FUNCTIONS), "Attivo", rng.choice(_PHASES),
            f"{day:02d}/{month:02d}/{year}",
            _money(rng), f"{rng.randint(0, 2500):,}".replace(",", "."), municipality, province,
            rng.choice(("Sì", "No")), '"' + description.replace('"', '""') + '"'))


def write_csv(path: Path, rows: int, *, encoding: str = "cp1252", seed: int = 1) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        for line in lines(rows, seed):
            fh.write(line + "\r\n")
    return path


def write_csv_of_size(path: Path, size: int, *, encoding: str = "cp1252") -> int:
    """A file of at least ``size`` bytes; returns its number of data rows."""
    written, count = 0, 0
    with path.open("w", encoding=encoding, newline="") as fh:
        for line in lines(10**9):
            fh.write(line + "\r\n")
            written += len(line) + 2
            if written >= size:
                break
            count += 1
    return count
