"""The normalised investor name: one key for "the same company, typed by different people".

Used wherever two investor records are compared by name (the new-dossier search, the spreadsheet
import's de-duplication, the coordinators' merge). Accents and letters are kept, since
"Müller" and "Muller" may be two companies; only what offices type inconsistently is ignored.
"""

from __future__ import annotations

import re
import unicodedata

_IGNORED = re.compile(r"[.,]")
_SPACES = re.compile(r"\s+")


def normalised_investor_name(name: str) -> str:
    """Case-folded, dots and commas ignored, spaces collapsed: "S.p.A." and "SpA" are one key.

    A dot or comma between letters is dropped, not turned into a space, so "S.p.A." becomes "spa";
    "Rossi,Bianchi" becomes "rossibianchi", as "Rossi, Bianchi" becomes "rossi bianchi" — the
    spaces the typist put are the only separators kept.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    text = _IGNORED.sub("", text)
    return _SPACES.sub(" ", text).strip()


def investor_key(name: str, country: str) -> tuple[str, str]:
    """The de-duplication key of an investor without a VAT number: normalised name and country."""
    return normalised_investor_name(name), country.strip().upper()
