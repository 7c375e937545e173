"""A record's values field by field, as the window shows them ("Nuovi addetti: 1.100"), for the
conflicts inbox and the list of refused changes: what a change sent, what the record holds now,
and a deletion said as who made it and when ("Eliminazione eseguita da Anna Bianchi il
03/12/2026").

Fields are named and their values written by ``services.record_words``; which fields people see
is ``services.pending.shown_field`` (no reference to another record, no bookkeeping): never a
field name, an id or a value as it is stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Final

from tutor_app.domain import schema
from tutor_app.domain.formatting import format_date
from tutor_app.domain.hlc import Stamp
from tutor_app.services.pending import shown_field
from tutor_app.services.record_words import label_of, show

# key -> (Italian, English)
WORDS: Final[dict[str, tuple[str, str]]] = {
    "empty": ("(vuoto)", "(empty)"),
    "deleted_by": ("Eliminazione eseguita da {person} il {date}", "Deleted by {person} on {date}"),
    "deleted_by_me": ("Eliminazione eseguita da te il {date}", "Deleted by you on {date}"),
    "deleted_on": ("Eliminazione del {date}", "Deleted on {date}"),
    "never_applied": ("Non c'è nel dossier: la modifica non è mai stata applicata.",
                      "Not in the dossier: the change was never applied."),
}


def _word(key: str, lang: str) -> str:
    return WORDS[key][1] if lang == "en" else WORDS[key][0]


def is_creation(table: str, values: Mapping[str, Any]) -> bool:
    """Whether values a change sent made the record: only a creation carries the fields that never
    change once set (a project's code, the dossier a record belongs to)."""
    entity = schema.ENTITY_BY_TABLE.get(table)
    return entity is not None and any(f.immutable and f.name in values for f in entity.fields)


def value_pairs(table: str, values: Mapping[str, Any], lang: str = "it",
                only: Mapping[str, Any] | None = None) -> list[tuple[str, str]]:
    """(label, value) for each field people know, in the order the record's form has them. A new
    record's empty fields are left out; an emptied field reads "(vuoto)". ``only``: the fields to
    show (those of a change, read from the record as it is now)."""
    entity = schema.ENTITY_BY_TABLE.get(table)
    if entity is None:
        return []
    wanted = values if only is None else only
    creation = is_creation(table, wanted)
    pairs = []
    for name in (*entity.field_names, "deleted"):
        if name not in wanted or name not in values:
            continue
        value = values[name]
        if name == "deleted":
            if not creation and value is not None:  # a deletion, or a restore, the change made
                pairs.append((label_of(name, lang), show(table, name, value, lang) or ""))
            continue
        if not shown_field(table, name):
            continue
        if value in (None, "", []):
            if not creation:
                pairs.append((label_of(name, lang), _word("empty", lang)))
            continue
        pairs.append((label_of(name, lang), show(table, name, value, lang) or ""))
    return pairs


def value_lines(table: str, values: Mapping[str, Any], lang: str = "it",
                only: Mapping[str, Any] | None = None) -> str:
    """``value_pairs`` as lines: "Nuovi addetti: 1.100"."""
    return "\n".join(f"{label}: {value}" for label, value in value_pairs(table, values, lang, only))


def deletion_text(stamp: str | None, by: str | None, by_viewer: bool, lang: str = "it") -> str:
    """A deletion as a sentence: who made it (the viewer, a tutor, or unknown) and on which day
    (the day of its stamp)."""
    day = _day(stamp, lang)
    if by_viewer:
        return _word("deleted_by_me", lang).format(date=day)
    if by:
        return _word("deleted_by", lang).format(person=by, date=day)
    return _word("deleted_on", lang).format(date=day)


def never_applied(lang: str = "it") -> str:
    """What the dossier holds of a record whose creation the server refused: nothing."""
    return _word("never_applied", lang)


def _day(stamp: str | None, lang: str) -> str:
    if not stamp:
        return ""
    try:
        ms = Stamp.decode(stamp).ms
    except ValueError:
        return ""
    return format_date(datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone().date(), lang)  # the day here
