"""Characters a report cannot print: found in the data before the report is made, so the CLI
and the export dialog can say which dossier and field hold them (the PDF shows U+FFFD there).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

from tutor_app.reports.fonts import REPLACEMENT, unprintable
from tutor_app.reports.i18n import Words

# The parts of a dossier and the table their records live in (for the words of the warning).
_DOSSIER_PARTS: Final = {"project": "projects", "investor": "investors", "contacts": "contacts",
                         "meetings": "meetings", "permits": "permit_items", "notes": "aftercare_notes",
                         "actions": "action_items", "tutors": "tutors"}


@dataclass(frozen=True)
class Unprintable:
    """Characters of one field that no font has: ``where`` names the dossier, record and field."""

    where: str
    chars: str


def in_dossier(dossier: Any, words: Words) -> tuple[Unprintable, ...]:
    head = words("unprintable_where_dossier", code=dossier.project.get("code", ""))
    found: dict[str, str] = {}
    for part in ("project", "investor", "contacts", "tutors", "meetings", "permits", "notes"):
        for path, text in _strings(getattr(dossier, part), [part]):
            missing = unprintable(text)
            if missing:
                _add(found, " · ".join([head, *_words_for(path, words)]), missing)
    return tuple(Unprintable(where, chars) for where, chars in found.items())


def in_rows(rows: Iterable[Any], fields: Sequence[str], words: Words) -> tuple[Unprintable, ...]:
    """The same for list rows (the portfolio): each row names its project code."""
    found: dict[str, str] = {}
    for row in rows:
        for name in fields:
            value = getattr(row, name, None)
            missing = unprintable(value) if isinstance(value, str) else ""
            if missing:
                _add(found, f"{words('unprintable_where_project', code=row.code)} · {words.field(name)}", missing)
    return tuple(Unprintable(where, chars) for where, chars in found.items())


def describe(items: Sequence[Unprintable], words: Words) -> list[str]:
    """One line per field, for people (the CLI's stderr, the export dialog)."""
    lines = []
    for item in items:
        n = len(item.chars)
        count = words.count("chars", n)
        chars = ", ".join(f"U+{ord(c):04X} \u00ab{c}\u00bb" for c in item.chars)
        lines.append(words("unprintable_line", where=item.where, chars=chars, n_chars=count))
    return lines


def _add(found: dict[str, str], where: str, missing: str) -> None:
    known = found.get(where, "")
    found[where] = known + "".join(c for c in missing if c not in known)


def _strings(value: Any, path: list[str]) -> Iterator[tuple[list[str], str]]:
    if isinstance(value, str):
        if value and value != REPLACEMENT:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, [*path, str(key)])
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), [*path, f.name])
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, path)


def _words_for(path: list[str], words: Words) -> list[str]:
    """``["contacts", "name"]`` -> ``["Contatto", "nome"]``; a nested part names its own record."""
    record = next((p for p in reversed(path) if p in _DOSSIER_PARTS), path[0])
    field = path[-1] if path[-1] not in _DOSSIER_PARTS else "name"
    return [words.record(_DOSSIER_PARTS[record]), words.field(field)]
