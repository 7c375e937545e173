"""The synced entities, field by field: one description that validation, the store, the outbox,
the sync payloads and the content hashes all read.

Values travel and rest in a canonical form that SQLite and PostgreSQL hold identically:
text, integers (money in euro cents), booleans, ISO dates (``YYYY-MM-DD``), UTC instants
(``YYYY-MM-DDTHH:MM:SS.ffffffZ``) and sorted lists of codes.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeAlias

from tutor_app.domain import enums
from tutor_app.domain.errors import InvalidValueError, TooLongError, ValidationError
from tutor_app.domain.ids import ID_RE
from tutor_app.domain.places import parse_country, parse_province
from tutor_app.domain.vat import MAX_LEN as VAT_MAX_LEN
from tutor_app.domain.vat import canonical_vat

Canonical: TypeAlias = str | int | bool | list[str] | None


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    CENTS = "cents"
    BOOL = "bool"
    DATE = "date"
    INSTANT = "instant"
    ENUM = "enum"
    ENUM_LIST = "enum_list"
    REF = "ref"
    COUNTRY = "country"
    PROVINCE = "province"
    PROVINCE_LIST = "province_list"
    VAT = "vat"  # a VAT number or tax code: text in canonical form, an Italian partita IVA checked


_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    max_len: int = 0
    enum: type[enums.LabelledEnum] | None = None
    ref: str | None = None          # the table a REF points to
    minimum: int | None = None
    immutable: bool = False         # set once at creation (a child's project id, a project's code)
    email: bool = False

    def canonical(self, value: Any) -> Canonical:
        """The canonical form of a value, or ValidationError naming this field."""
        if value is None or (isinstance(value, str) and not value.strip() and self.kind is not Kind.TEXT):
            if self.required:
                raise ValidationError(self.name, "is required")
            if self.kind is Kind.BOOL:
                return False
            return [] if self.kind in (Kind.ENUM_LIST, Kind.PROVINCE_LIST) else None
        match self.kind:
            case Kind.TEXT:
                return self._text(value)
            case Kind.INT | Kind.CENTS:
                return self._integer(value)
            case Kind.BOOL:
                if isinstance(value, bool):
                    return value
                if value in (0, 1):
                    return bool(value)
                raise ValidationError(self.name, f"{value!r} is not yes/no")
            case Kind.DATE:
                return _iso_date(value, self.name)
            case Kind.INSTANT:
                return iso_instant(value, self.name)
            case Kind.ENUM:
                assert self.enum is not None
                return self.enum.parse(value, self.name).value
            case Kind.ENUM_LIST:
                assert self.enum is not None
                enum = self.enum
                return sorted({enum.parse(v, self.name).value for v in _as_list(value, self.name)})
            case Kind.REF:
                return _uuid_text(value, self.name)
            case Kind.COUNTRY:
                return parse_country(value, self.name)
            case Kind.PROVINCE:
                return parse_province(value, self.name)
            case Kind.PROVINCE_LIST:
                return sorted({parse_province(v, self.name) for v in _as_list(value, self.name)})
            case Kind.VAT:
                if not isinstance(value, str):
                    raise ValidationError(self.name, "must be text")
                return canonical_vat(value, self.name)
        raise AssertionError(self.kind)

    def _text(self, value: Any) -> str | None:
        if not isinstance(value, str):
            raise ValidationError(self.name, "must be text")
        # NUL is never meaningful in text (it arrives with pasted binary junk), and PostgreSQL
        # refuses it outright: kept, it would block every later sync of the outbox.
        text = value.replace("\r\n", "\n").replace("\x00", "")
        if not text.strip():
            if self.required:
                raise ValidationError(self.name, "is required")
            return None
        if self.max_len and len(text) > self.max_len:
            raise TooLongError(self.name, len(text), self.max_len)
        if self.email and text.strip() and not _EMAIL_RE.match(text.strip()):
            raise InvalidValueError(self.name, "email", text.strip())
        return text if self.max_len > 1000 else text.strip()

    def _integer(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            try:
                value = int(str(value).strip())
            except ValueError:
                raise ValidationError(self.name, f"{value!r} is not a whole number") from None
        if self.minimum is not None and value < self.minimum:
            what = "amount" if self.kind is Kind.CENTS else "number"
            raise ValidationError(self.name, f"the {what} must not be below {self.minimum}")
        if abs(value) >= 2**62:
            raise ValidationError(self.name, "the number is too large")
        return int(value)


def _as_list(value: Any, name: str) -> list[Any]:
    if isinstance(value, str):
        return [v for v in (p.strip() for p in value.split(",")) if v]
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    raise ValidationError(name, "must be a list")


def _uuid_text(value: Any, name: str) -> str:
    text = str(value).strip().lower()
    if not ID_RE.match(text):  # stripped: "$" cannot meet a trailing line break
        raise ValidationError(name, f"{value!r} is not a record id")
    return text


def _iso_date(value: Any, name: str) -> str:
    if isinstance(value, datetime):
        raise ValidationError(name, "expected a date, not a date and time")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text).isoformat()
        except ValueError:
            continue
    raise ValidationError(name, f"{value!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def iso_instant(value: Any, name: str = "instant") -> str:
    """An instant as canonical UTC text; naive datetimes are refused (they hide a time zone bug)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValidationError(name, f"{value!r} is not a date and time") from None
    if not isinstance(value, datetime):
        raise ValidationError(name, "must be a date and time")
    if value.tzinfo is None:
        raise ValidationError(name, "a date and time needs a time zone")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def now_instant() -> str:
    return iso_instant(datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class Entity:
    """A synced table: its fields, its parent, and the field that names its project."""

    table: str
    fields: tuple[Field, ...]
    parent: str | None = None
    project_key: str | None = "project_id"
    by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def validate(self, values: Mapping[str, Any], *, creating: bool) -> dict[str, Canonical]:
        """Canonical values for a creation (every required field) or an update (only those given)."""
        unknown = set(values) - set(self.by_name)
        if unknown:
            raise ValidationError(sorted(unknown)[0], f"is not a field of {self.table}")
        out: dict[str, Canonical] = {}
        for f in self.fields:
            if f.name in values:
                if f.immutable and not creating:
                    raise ValidationError(f.name, "cannot be changed once set")
                out[f.name] = f.canonical(values[f.name])
            elif creating:
                out[f.name] = f.canonical(None)
        return out


E = enums
_PROJECT = Field("project_id", Kind.REF, required=True, ref="projects", immutable=True)
_LONG = 100_000  # minutes and notes: long, but bounded so a pasted file cannot blow up a sync

TUTORS = Entity("tutors", (
    Field("name", Kind.TEXT, required=True, max_len=200),
    Field("email", Kind.TEXT, max_len=320, email=True),
    Field("role", Kind.ENUM, required=True, enum=E.Role),
    Field("initials", Kind.TEXT, required=True, max_len=4),
    Field("provinces", Kind.PROVINCE_LIST),
), project_key=None)

INVESTORS = Entity("investors", (
    Field("name", Kind.TEXT, required=True, max_len=300),
    Field("country", Kind.COUNTRY, required=True),
    Field("sector", Kind.ENUM, enum=E.Sector),
    Field("website", Kind.TEXT, max_len=500),
    Field("parent_group", Kind.TEXT, max_len=300),
    Field("vat_number", Kind.VAT, max_len=VAT_MAX_LEN),  # VAT number / tax code (domain.vat)
    # A duplicate merged by a coordinator (services.investor_merge): the investor kept. Such a row
    # is a tombstone; the server re-points a dossier that still names it (server 0012).
    # The investor kept (issue 14): an id, not a parent. A row of a table never waits for another
    # of its own table (store.replica writes a table's pulled rows at once); the server checks
    # that it names a live investor (60_checks.sql).
    Field("merged_into", Kind.REF),
), project_key=None)

CONTACTS = Entity("contacts", (
    Field("investor_id", Kind.REF, required=True, ref="investors", immutable=True),
    Field("name", Kind.TEXT, required=True, max_len=200),
    Field("role", Kind.TEXT, max_len=200),
    Field("email", Kind.TEXT, max_len=320, email=True),
    Field("phone", Kind.TEXT, max_len=50),
), parent="investors", project_key=None)

PROJECTS = Entity("projects", (
    Field("code", Kind.TEXT, required=True, max_len=20, immutable=True),
    Field("investor_id", Kind.REF, required=True, ref="investors"),
    Field("title", Kind.TEXT, required=True, max_len=300),
    Field("kind", Kind.ENUM, required=True, enum=E.ProjectKind),
    Field("sector", Kind.ENUM, required=True, enum=E.Sector),
    Field("function", Kind.ENUM, required=True, enum=E.BusinessFunction),
    Field("status", Kind.ENUM, required=True, enum=E.ProjectStatus),
    Field("capex_cents", Kind.CENTS, minimum=0),
    Field("new_hires", Kind.INT, minimum=0),
    Field("municipality", Kind.TEXT, max_len=120),
    Field("province", Kind.PROVINCE),
    Field("zis", Kind.BOOL),
    Field("zls", Kind.BOOL),
    Field("instruments", Kind.ENUM_LIST, enum=E.Instrument),
    Field("services", Kind.ENUM_LIST, enum=E.ServiceGiven),
    Field("description", Kind.TEXT, max_len=_LONG),
), parent="investors", project_key="id")

PHASE_ENTRIES = Entity("phase_entries", (
    _PROJECT,
    Field("phase", Kind.ENUM, required=True, enum=E.Phase),
    Field("entered_on", Kind.DATE, required=True),
), parent="projects")

MEETINGS = Entity("meetings", (
    _PROJECT,
    Field("table", Kind.ENUM, required=True, enum=E.WorkingTable),
    Field("starts_at", Kind.INSTANT, required=True),
    Field("place", Kind.TEXT, max_len=300),
    Field("participants", Kind.TEXT, max_len=20_000),
    Field("organisations", Kind.TEXT, max_len=5_000),
    Field("agenda", Kind.TEXT, max_len=_LONG),
    Field("minutes", Kind.TEXT, max_len=_LONG),
    Field("decisions", Kind.TEXT, max_len=_LONG),
), parent="projects")

ACTION_ITEMS = Entity("action_items", (
    _PROJECT,
    Field("meeting_id", Kind.REF, required=True, ref="meetings", immutable=True),
    Field("text", Kind.TEXT, required=True, max_len=2_000),
    Field("owner", Kind.TEXT, max_len=200),
    Field("due_on", Kind.DATE),
    Field("done", Kind.BOOL),
), parent="meetings")

PERMIT_ITEMS = Entity("permit_items", (
    _PROJECT,
    Field("permit_code", Kind.TEXT, required=True, max_len=20),
    Field("name", Kind.TEXT, required=True, max_len=300),
    Field("authority", Kind.TEXT, max_len=300),
    Field("status", Kind.ENUM, required=True, enum=E.PermitStatus),
    Field("submitted_on", Kind.DATE),
    Field("expected_on", Kind.DATE),
    Field("decided_on", Kind.DATE),
    Field("time_limit_days", Kind.INT, minimum=0),
    Field("notes", Kind.TEXT, max_len=_LONG),
    Field("position", Kind.INT),
), parent="projects")

AFTERCARE_NOTES = Entity("aftercare_notes", (
    _PROJECT,
    Field("noted_on", Kind.DATE, required=True),
    Field("topic", Kind.ENUM, required=True, enum=E.AftercareTopic),
    Field("text", Kind.TEXT, required=True, max_len=_LONG),
    Field("follow_up_on", Kind.DATE),
), parent="projects")

ASSIGNMENTS = Entity("assignments", (
    _PROJECT,
    Field("tutor_id", Kind.REF, required=True, ref="tutors", immutable=True),
    Field("role", Kind.ENUM, required=True, enum=E.Role),
), parent="projects")

# A conflict record: made by the server when a value loses (DESIGN §5.3), when a delete meets an
# edit, or when a change is refused; synced to everyone who sees the project. Values are kept as
# canonical JSON text so a record can hold a value of any field. ``project_id`` and ``row_id`` are
# plain ids (no foreign key): a record outlives the row it talks about on a replica.
_VALUE = 300_000
CONFLICTS = Entity("conflicts", (
    Field("project_id", Kind.REF, immutable=True),
    Field("table_name", Kind.TEXT, required=True, max_len=40, immutable=True),
    Field("row_id", Kind.REF, required=True, immutable=True),
    Field("field", Kind.TEXT, max_len=60, immutable=True),
    Field("kind", Kind.ENUM, required=True, enum=E.ConflictKind, immutable=True),
    Field("kept_value", Kind.TEXT, max_len=_VALUE, immutable=True),
    Field("lost_value", Kind.TEXT, max_len=_VALUE, immutable=True),
    Field("kept_stamp", Kind.TEXT, max_len=80, immutable=True),
    Field("lost_stamp", Kind.TEXT, max_len=80, immutable=True),
    Field("kept_by", Kind.REF, immutable=True),
    Field("lost_by", Kind.REF, immutable=True),
    Field("change_id", Kind.REF, immutable=True),
    Field("reason", Kind.TEXT, max_len=300, immutable=True),
    Field("resolved", Kind.BOOL),
))

# Parents before children: the order rows are created, pulled and applied in.
ENTITIES: tuple[Entity, ...] = (
    TUTORS, INVESTORS, CONTACTS, PROJECTS, PHASE_ENTRIES, MEETINGS,
    ACTION_ITEMS, PERMIT_ITEMS, AFTERCARE_NOTES, ASSIGNMENTS, CONFLICTS,
)
ENTITY_BY_TABLE: dict[str, Entity] = {e.table: e for e in ENTITIES}


def assignment_id(project_id: str, tutor_id: str) -> str:
    """The one id of the assignment of a tutor to a project, the same on every device and on the
    server (which assigns a new project to its creator): two devices never make two rows for it."""
    digest = hashlib.md5(f"{project_id}:{tutor_id}".encode(), usedforsecurity=False).hexdigest()
    return str(uuid.UUID(digest))


def canonical_json(values: Mapping[str, Any]) -> str:
    """The one JSON text of a set of values that content hashes are taken over."""
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
