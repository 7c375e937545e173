"""Money is held as integer euro cents everywhere: SQLite and PostgreSQL hold the same thing."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from tutor_app.domain.errors import ValidationError

_DOTTED_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def euros_to_cents(value: Decimal | int | str, field: str = "capex") -> int:
    """Cents for an amount in euro; accepts ``1234567.89``, ``"1.234.567,89"`` or ``"1234567.89"``."""
    if isinstance(value, bool):
        raise ValidationError(field, "not an amount")
    if isinstance(value, str):
        text = value.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
        if "," in text or _DOTTED_THOUSANDS.match(text):
            # Italian notation: dots group thousands, the comma marks decimals ("1.234" is 1234)
            text = text.replace(".", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationError(field, f"{value!r} is not an amount in euro") from None
    else:
        amount = Decimal(value)
    if not amount.is_finite():
        raise ValidationError(field, "not an amount")
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_to_euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))
