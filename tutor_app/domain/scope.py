"""Which dossiers a figure or a list counts: "I miei", "La mia area", "Tutta la regione".

One definition for the home page, the dossier list, the dashboard and the exports, so that a
figure and the list it opens always count the same projects. "The region" is every dossier this
profile holds (the server already limits a profile to what its user may see).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    MINE = "mine"  # the dossiers assigned to the profile's user
    AREA = "area"  # those, and every dossier in the user's provinces (regional tutors)
    REGION = "region"  # every dossier in the profile


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who looks: the profile's tutor record, its role and provinces, and what it follows."""

    tutor_id: str | None
    role: str | None
    provinces: frozenset[str]
    assigned: frozenset[str]  # ids of the (live) projects assigned to the tutor

    def scopes(self) -> tuple[Scope, ...]:
        """The scopes worth offering: "La mia area" only to a user with provinces."""
        mine = (Scope.MINE,) if self.tutor_id else ()
        area = (Scope.AREA,) if self.provinces else ()
        return (*mine, *area, Scope.REGION)

    def default_scope(self) -> Scope:
        """What a user sees first: a coordinator the region; a tutor who follows dossiers, theirs."""
        if self.role == "coordinator" or not self.assigned:
            return Scope.AREA if self.provinces and self.assigned else Scope.REGION
        return Scope.MINE

    def effective(self, scope: Scope | str | None) -> Scope:
        """A remembered scope the viewer can still use, else the default (a role can change)."""
        try:
            wanted = Scope(scope) if scope is not None else None
        except ValueError:
            wanted = None
        return wanted if wanted in self.scopes() else self.default_scope()

    def includes(self, scope: Scope, project_id: str, province: str | None) -> bool:
        """Whether a project counts in the scope."""
        if scope is Scope.REGION:
            return True
        if project_id in self.assigned:
            return True
        return scope is Scope.AREA and province is not None and province in self.provinces

    def select(self, scope: Scope, projects: Iterable[tuple[str, str | None]]) -> frozenset[str]:
        """The ids of the (id, province) pairs that count in the scope."""
        return frozenset(pid for pid, province in projects if self.includes(scope, pid, province))
