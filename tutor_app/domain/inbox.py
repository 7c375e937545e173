"""What the conflicts inbox asks a person to look at, and how it is said: the one count and the
one sentence behind the command line's sync summary, the window's status bar and the tabs of
the inbox ("2 conflitti e 1 modifica rifiutata da vedere", "Conflitti (2)").

``conflicts``: the open records of the inbox's first tab (two versions of a field, a record
deleted while edited, a change of another person the server refused), one per record, as
``services.conflicts.list_conflicts`` lists them; ``refused``: this profile's own changes the
server refused, not yet dismissed (the second tab, ``list_rejections``). ``services.conflicts.inbox``
counts both the way those lists read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from tutor_app.domain.formatting import format_int

Part = Literal["conflicts", "refused"]

# part -> ((Italian singular, plural), (English singular, plural)): what is counted.
_NOUNS: Final[dict[Part, tuple[tuple[str, str], tuple[str, str]]]] = {
    "conflicts": (("conflitto", "conflitti"), ("conflict", "conflicts")),
    "refused": (("modifica rifiutata", "modifiche rifiutate"), ("refused change", "refused changes")),
}
# A tab of the inbox: its title, with the number in brackets (Italian, English).
_TABS: Final[dict[Part, tuple[str, str]]] = {
    "conflicts": ("Conflitti", "Conflicts"), "refused": ("Modifiche rifiutate", "Refused changes"),
}
_AND: Final = (" e ", " and ")
_TO_LOOK_AT: Final = ("da vedere", "to look at")


@dataclass(frozen=True, slots=True)
class Inbox:
    """Open records of the inbox: conflicts and refused changes."""

    conflicts: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.conflicts + self.refused

    def __bool__(self) -> bool:
        return self.total > 0

    def text(self, lang: str = "it") -> str:
        """"2 conflitti e 1 modifica rifiutata da vedere"; "" when there is nothing to look at. Its
        numbers as ``format_int`` writes them, as every count of the window and the command line."""
        en = lang == "en"
        counts: tuple[tuple[Part, int], ...] = (("conflicts", self.conflicts), ("refused", self.refused))
        parts = [f"{format_int(n, lang)} {_NOUNS[part][en][n != 1]}" for part, n in counts if n]
        return f"{_AND[en].join(parts)} {_TO_LOOK_AT[en]}" if parts else ""

    def tab(self, part: Part, lang: str = "it") -> str:
        """A tab's title with its count: "Conflitti (2)", "Refused changes (0)"."""
        n = self.conflicts if part == "conflicts" else self.refused
        return f"{_TABS[part][lang == 'en']} ({format_int(n, lang)})"
