"""Human project codes (``2026-MRS-0042``) that a tutor can make offline without collisions.

The code is year, the tutor's initials (unique per tutor, given at the first profile set-up
and confirmed by the server), and the tutor's own counter: two devices never mint the same one
unless the same tutor runs two profiles, which the counter in the profile prevents.
"""

from __future__ import annotations

import re
import unicodedata

from tutor_app.domain.errors import InvalidValueError, ValidationError

CODE_RE = re.compile(r"^(\d{4})-([A-Z]{2,4})-(\d{4,})$")
# The widest a code is written, for a column that shows every code whole: four initials (the server
# adds a fourth letter when three are taken, "MROA") of the widest letter.
WIDEST_CODE = "0000-WWWW-0000"


def initials_for(name: str) -> str:
    """Three letters for a person: first initial of the first name, then the surname's first two."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    words = [w for w in re.split(r"[^A-Z]+", plain) if w]
    if not words:
        raise InvalidValueError("name", "no_letter", name)
    if len(words) == 1:
        return (words[0] + "XXX")[:3]
    surname = words[-1]
    return (words[0][0] + surname[:2] + "X")[:3]


def make_code(year: int, initials: str, counter: int) -> str:
    code = f"{year:04d}-{initials}-{counter:04d}"
    if not CODE_RE.match(code):
        raise ValidationError("code", f"cannot make a project code from {initials!r}")
    return code


def looks_like_code(text: str) -> bool:
    return bool(CODE_RE.match(text.strip().upper()))
