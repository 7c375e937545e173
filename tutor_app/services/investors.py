"""Investors as the new-dossier dialog and the Overview see them: found as you type by their
normalised name (``domain.investor_names``) and country, and how many dossiers each one touches.

Read-only and Qt-free. The choices are read once (one query) and filtered in memory on every
keystroke: a region's few thousand investors filter in well under a frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import text

from tutor_app.domain.investor_names import investor_key, normalised_investor_name
from tutor_app.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class InvestorChoice:
    """An investor of this profile, with the number of its dossiers this profile holds."""

    id: str
    name: str
    country: str
    sector: str | None
    dossiers: int
    key: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", investor_key(self.name, self.country))


def investor_choices(ws: Workspace) -> list[InvestorChoice]:
    """Every investor of the profile (not deleted), by name, with its dossier count."""
    with ws.store.read() as conn:
        rows = conn.execute(text(
            "SELECT i.id, i.name, i.country, i.sector, "
            "(SELECT count(*) FROM projects p WHERE p.investor_id = i.id AND p.deleted = 0) "
            "FROM investors i WHERE i.deleted = 0 ORDER BY i.name, i.country, i.id")).all()
    return [InvestorChoice(str(i), str(n), str(c), s, int(k)) for i, n, c, s, k in rows]


def matching_investors(choices: Iterable[InvestorChoice], typed: str, country: str | None = None,
                       limit: int = 50) -> list[InvestorChoice]:
    """The investors whose normalised name holds what was typed (those that start with it
    first), of ``country`` when one is given; at most ``limit``."""
    wanted = normalised_investor_name(typed)
    country = country.strip().upper() if country else None
    starts: list[InvestorChoice] = []
    within: list[InvestorChoice] = []
    for choice in choices:
        if country and choice.country != country:
            continue
        name = choice.key[0]
        if not wanted or name.startswith(wanted):
            starts.append(choice)
        elif wanted in name:
            within.append(choice)
    return (starts + within)[:limit]


def same_investors(choices: Sequence[InvestorChoice], name: str, country: str) -> list[InvestorChoice]:
    """The investors that are the one being typed: the same normalised name and country."""
    key = investor_key(name, country)
    return [c for c in choices if c.key == key]


def dossiers_of_investor(ws: Workspace, investor_id: str) -> int:
    """How many dossiers of this profile (not deleted) an edit of the investor touches."""
    with ws.store.read() as conn:
        return int(conn.execute(text(
            "SELECT count(*) FROM projects WHERE investor_id = :i AND deleted = 0"), {"i": investor_id}).scalar_one())
