"""The permit catalogue and the checklist templates a new project starts from (``resources/permits``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tutor_app.assets import load_json
from tutor_app.domain.enums import BusinessFunction, ProjectKind
from tutor_app.domain.errors import ValidationError

CUSTOM_CODE = "CUSTOM"
# Filings that take effect by themselves (SCIA, CILA, notifications; /work/shared/domain/permits.md):
# nobody "grants" them, so a done one reads "efficace", never "rilasciata".
NOTICE_CODES = frozenset({"SCIA_ED", "SCIA_ALT", "CILA", "VVF_SCIA", "AGIB", "SEV_NOT", "ATS_67", "CANT_99"})


def is_notice(code: str) -> bool:
    return code in NOTICE_CODES


@dataclass(frozen=True, slots=True)
class PermitType:
    code: str
    name_it: str
    name_en: str
    basis: str
    authority: str
    time_limit_days: int | None
    silence_consent: bool | None
    note_it: str
    # What offices write (PdC, AUA, CPI): the Italian acronym, kept in English documents too, as
    # English guides to Italian permitting do; ``short_en`` only where English has its own (VIA is
    # the EU's EIA, as the English names already say). None where no acronym is in common use.
    short: str | None = None
    short_en: str | None = None

    def name(self, lang: str = "it") -> str:
        return self.name_en if lang == "en" else self.name_it

    def acronym(self, lang: str = "it") -> str | None:
        return (self.short_en or self.short) if lang == "en" else self.short

    def label(self, lang: str = "it") -> str:
        """"AUA — Autorizzazione unica ambientale"; the name alone without an acronym."""
        return PermitWords(self.name(lang), self.acronym(lang)).full


@dataclass(frozen=True, slots=True)
class ChecklistTemplate:
    key: str
    label_it: str
    label_en: str
    functions: tuple[str, ...]
    permits: tuple[str, ...]


@lru_cache(maxsize=1)
def catalogue() -> dict[str, PermitType]:
    data = load_json("permits", "catalogue.json")
    return {row["code"]: PermitType(**row) for row in data["permits"]}


@lru_cache(maxsize=1)
def templates() -> dict[str, ChecklistTemplate]:
    data = load_json("permits", "templates.json")["templates"]
    return {
        key: ChecklistTemplate(key, t["label_it"], t["label_en"], tuple(t["functions"]), tuple(t["permits"]))
        for key, t in data.items()
    }


SEPARATOR = " — "  # between a permit's acronym and its name


@dataclass(frozen=True, slots=True)
class PermitWords:
    """How a permit of a checklist reads: ``full`` where there is room ("AUA — Autorizzazione
    unica ambientale"), ``short`` where there is not (the acronym, or the name when there is none;
    the full form then goes in the tooltip or the event's text)."""

    name: str
    acronym: str | None

    @property
    def full(self) -> str:
        if self.acronym is None or re.search(rf"(?<!\w){re.escape(self.acronym)}(?!\w)", self.name):
            return self.name  # "SCIA edilizia", "CILA": the name says it already
        return f"{self.acronym}{SEPARATOR}{self.name}"

    @property
    def short(self) -> str:
        return self.acronym or self.name


def permit_words(code: str, stored_name: str, lang: str = "it") -> PermitWords:
    """A checklist item's words from its catalogue code and the name stored with it: the
    catalogue's name in ``lang`` while the item keeps the catalogue's own (it is stored in Italian,
    or in English when added from the English window), else the name as the tutor wrote it; the
    type's acronym either way. A custom item (or a code this client does not know) has no acronym."""
    permit = catalogue().get(code)
    if permit is None:
        return PermitWords(stored_name, None)
    own = stored_name in (permit.name_it, permit.name_en)
    return PermitWords(permit.name(lang) if own else stored_name, permit.acronym(lang))


def permit_type(code: str) -> PermitType:
    try:
        return catalogue()[code]
    except KeyError:
        raise ValidationError("permit_code", f"{code!r} is not in the permit catalogue") from None


def template_for(function: BusinessFunction) -> ChecklistTemplate:
    for template in templates().values():
        if function.value in template.functions:
            return template
    raise AssertionError(f"no checklist template covers {function}")


def checklist_for(kind: ProjectKind, function: BusinessFunction) -> list[PermitType]:
    """The permits a new project of this kind and function starts with, in template order."""
    codes = list(template_for(function).permits)
    adjust = load_json("permits", "templates.json")["by_kind"].get(kind.value, {})
    codes = [c for c in codes if c not in adjust.get("drop", [])]
    codes += [c for c in adjust.get("add", []) if c not in codes]
    return [permit_type(c) for c in codes]
