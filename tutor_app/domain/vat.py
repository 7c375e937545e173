"""The investor's VAT number or tax code: kept as text (leading zeros and all), in one canonical form.

An Italian partita IVA (eleven digits, with or without the ``IT`` prefix) is stored as its eleven
digits and its check digit is verified (``python-stdnum``): ``IT 00743110157`` and ``00743110157``
are one investor, ``00743110158`` is a typing error. Any other number (a foreign VAT number such
as ``DE136695976``, a US EIN, a Chinese credit code) is kept as typed, upper case, without spaces,
dots, dashes or slashes: those separators are how offices write the same number differently.
The server checks the same rule (``tutor._bad_values``, kind ``vat``).
"""

from __future__ import annotations

import re

from stdnum.it import iva

from tutor_app.domain.errors import TooLongError, ValidationError

MAX_LEN = 30
_SEPARATORS = re.compile(r"[\s.\-/]+")
_ALLOWED = re.compile(r"^[A-Z0-9]+$")
_ITALIAN = re.compile(r"^(?:IT)?(\d{11})$")


def canonical_vat(value: str, field: str = "vat_number") -> str | None:
    """The stored form of a VAT number or tax code (None when blank), or ValidationError."""
    text = _SEPARATORS.sub("", value.strip()).upper()
    if not text:
        return None
    if len(text) > MAX_LEN:
        raise TooLongError(field, len(text), MAX_LEN)
    if not _ALLOWED.match(text):
        raise ValidationError(field, f"{value!r} is not a VAT number or tax code (letters and digits only)")
    italian = _ITALIAN.match(text)
    if italian:
        digits = italian.group(1)
        if not iva.is_valid(digits):
            raise ValidationError(field, f"{value!r} is not a valid partita IVA (wrong check digit)")
        return digits
    return text


def is_partita_iva(text: str) -> bool:
    """Whether a stored number is an Italian partita IVA (eleven digits)."""
    return len(text) == 11 and text.isdigit()
