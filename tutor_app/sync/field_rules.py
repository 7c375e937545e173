"""The local schema's field rules, as the server checks them (DESIGN §5.0: the server decides).

``server init`` writes one row per synced field into ``tutor.field_rules`` after the migrations,
from ``tutor_app.domain.schema``: the server refuses exactly what a client's own validation
refuses (types, codes, ranges, dates, lengths), and the rules have one definition.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from tutor_app.domain.places import PROVINCE_BY_CODE, country_codes
from tutor_app.domain.schema import ENTITIES, Field, Kind

# Kinds whose values are codes from a closed list.
_CHOICE_KINDS = {Kind.ENUM, Kind.ENUM_LIST, Kind.COUNTRY, Kind.PROVINCE, Kind.PROVINCE_LIST}


def _choices(f: Field) -> list[str] | None:
    if f.kind in (Kind.ENUM, Kind.ENUM_LIST):
        assert f.enum is not None
        return [m.value for m in f.enum]
    if f.kind is Kind.COUNTRY:
        return list(country_codes())
    if f.kind in (Kind.PROVINCE, Kind.PROVINCE_LIST):
        return sorted(PROVINCE_BY_CODE)
    return None


def rule_rows() -> list[dict[str, Any]]:
    """One row per field of every synced table, plus its tombstone flag."""
    rows: list[dict[str, Any]] = []
    for entity in ENTITIES:
        for f in entity.fields:
            rows.append({"table_name": entity.table, "field": f.name, "kind": f.kind.value, "required": f.required,
                         "max_len": f.max_len or None, "minimum": f.minimum, "email": f.email,
                         "choices": _choices(f) if f.kind in _CHOICE_KINDS else None})
        rows.append({"table_name": entity.table, "field": "deleted", "kind": Kind.BOOL.value, "required": True,
                     "max_len": None, "minimum": None, "email": False, "choices": None})
    return rows


def load(conn: Connection) -> None:
    """Replace the server's rules with this release's (inside ``server init``'s transaction)."""
    conn.exec_driver_sql("DELETE FROM tutor.field_rules")
    conn.exec_driver_sql(
        "INSERT INTO tutor.field_rules (table_name, field, kind, required, max_len, minimum, email, choices) "
        "VALUES (%(table_name)s, %(field)s, %(kind)s, %(required)s, %(max_len)s, %(minimum)s, %(email)s, "
        "%(choices)s)", rule_rows())
