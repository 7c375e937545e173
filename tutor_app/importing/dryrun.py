"""The dry run: every row of a spreadsheet read, checked and resolved against the profile, with
nothing written to it. Its outcome per row (new / update / unchanged / duplicate of row N /
error with file, row, column and reason) and the keys it de-duplicates by live in a temporary
SQLite file of their own (``Plan``), so that a 200 MB file costs disk, not memory.

De-duplication: an investor with a VAT number is the investor with that number (in the profile,
else an earlier row); without one, the investor with the same normalised name and country
(``domain.investor_names``); two different VAT numbers are never one investor. A project of the
same investor with the same title (or the code of a dossier) is an update of it.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from tutor_app.domain import enums
from tutor_app.domain.codes import looks_like_code
from tutor_app.domain.enums import Phase, Role
from tutor_app.domain.errors import ImportCancelled
from tutor_app.domain.investor_names import investor_key, normalised_investor_name
from tutor_app.domain.schema import INVESTORS, PROJECTS
from tutor_app.importing import values as v
from tutor_app.importing.columns import Mapping_, build_mapping, cell_of, find_header
from tutor_app.importing.reading import Cell, RawRow, Source, SourceInfo, open_source
from tutor_app.importing.words import outcome_word, reason_text

log = logging.getLogger("tutor.importing")

Progress = Callable[[int, int], None]  # (bytes or rows done, total)
Cancel = Callable[[], bool]

_PROJECT_FIELDS = ("title", "kind", "sector", "function", "status", "capex_cents", "new_hires", "municipality",
                   "province", "zis", "zls", "instruments", "services", "description")
_ENUMS: dict[str, type[enums.LabelledEnum]] = {
    "kind": enums.ProjectKind, "sector": enums.Sector, "function": enums.BusinessFunction,
    "status": enums.ProjectStatus, "phase": enums.Phase}
_LISTS: dict[str, type[enums.LabelledEnum]] = {"instruments": enums.Instrument, "services": enums.ServiceGiven}
_TEXT_LIMITS = {"investor": 300, "website": 500, "parent_group": 300, "title": 300, "municipality": 120,
                "description": 100_000, "tutor": 320, "code": 20}
_TOTALS_WORDS = ("totale", "totali", "total", "totals", "totale complessivo", "grand total", "somma")
_PROGRESS_EVERY = 500


@dataclass(frozen=True, slots=True)
class CellError:
    """One reason a row cannot be imported: where (row, column as the file names it) and why."""

    row: int
    column: str | None
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, path: str, lang: str = "it") -> str:
        where = f"{path}, {'row' if lang == 'en' else 'riga'} {self.row}"
        if self.column:
            where += f", {'column' if lang == 'en' else 'colonna'} " + (
                f"“{self.column}”" if lang == "en" else f"«{self.column}»")
        return f"{where}: {reason_text(self.reason, lang, **self.params)}"

    def as_json(self) -> list[Any]:
        return [self.column, self.reason, dict(self.params)]


@dataclass
class Totals:
    """What the import would make (the valid rows), and how many rows are wrong."""

    rows: int = 0
    new_investors: int = 0
    updated_investors: int = 0
    new_projects: int = 0
    updated_projects: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: int = 0
    skipped: int = 0
    capex_cents: int = 0
    new_hires: int = 0


@dataclass(frozen=True, slots=True)
class PlanRow:
    row: int
    outcome: str
    detail: Mapping[str, Any]
    errors: tuple[CellError, ...]

    def text(self, path: str, lang: str = "it") -> str:
        """The row as the dry run lists it."""
        en = lang == "en"
        head = f"{'Row' if en else 'Riga'} {self.row}: {outcome_word(self.outcome, lang)}"
        d = self.detail
        if self.outcome == "error":
            return head + "\n" + "\n".join(f"    {e.text(path, lang)}" for e in self.errors)
        if self.outcome == "skipped":
            return f"{head} ({'totals row' if en else 'riga dei totali'})"
        if self.outcome == "duplicate":
            return f"{head} {'of row' if en else 'della riga'} {d['of_row']} ({_quoted(d['title'], lang)})"
        investor = _quoted(d["investor"], lang)
        if d.get("investor_new"):
            investor += " — " + ("new investor" if en else "investitore nuovo")
        elif d.get("investor_of_row"):
            investor += " — " + (f"investor of row {d['investor_of_row']}" if en
                                 else f"investitore della riga {d['investor_of_row']}")
        elif d.get("investor_fill"):
            investor += " — " + ("investor completed: " if en else "investitore completato: ") + ", ".join(
                _field_label(f, lang) for f in d["investor_fill"])
        what = _quoted(d["title"], lang)
        if d.get("code"):
            what = f"{d['code']} {what}"
        if self.outcome == "update":
            changes = ", ".join(_field_label(f, lang) for f in d.get("changed", ()))
            return f"{head} {what}, {investor}" + (f" [{changes}]" if changes else "")
        return f"{head} {what}, {investor}"


def _field_label(name: str, lang: str) -> str:
    from tutor_app.importing.columns import FIELD_BY_KEY as F

    key = {"capex_cents": "capex", "name": "investor"}.get(name, name)
    found = F.get(key)
    return found.label(lang) if found else name


def _quoted(text: str, lang: str) -> str:
    return f"“{text}”" if lang == "en" else f"«{text}»"


_PLAN_SCHEMA = """
CREATE TABLE plan (
  row INTEGER PRIMARY KEY, outcome TEXT NOT NULL, investor_id TEXT, creates_investor INTEGER DEFAULT 0,
  project_id TEXT, project_values TEXT, phase TEXT, phase_date TEXT, tutor_id TEXT,
  capex INTEGER, hires INTEGER, detail TEXT, errors TEXT, cells TEXT);
CREATE INDEX plan_outcome ON plan (outcome, row);
CREATE INDEX plan_investor ON plan (investor_id, creates_investor);
CREATE TABLE local_investors (id TEXT PRIMARY KEY, key TEXT, country TEXT, vat TEXT, name TEXT,
  website TEXT, parent_group TEXT);
CREATE INDEX local_investors_key ON local_investors (key, country);
CREATE INDEX local_investors_vat ON local_investors (vat);
CREATE TABLE local_projects (id TEXT PRIMARY KEY, investor_id TEXT, title_key TEXT, code TEXT);
CREATE INDEX local_projects_key ON local_projects (investor_id, title_key);
CREATE INDEX local_projects_code ON local_projects (code);
CREATE TABLE file_investors (id TEXT PRIMARY KEY, key TEXT, country TEXT, vat TEXT, first_row INTEGER,
  "values" TEXT);
CREATE INDEX file_investors_key ON file_investors (key, country);
CREATE INDEX file_investors_vat ON file_investors (vat);
CREATE TABLE investor_fills (id TEXT PRIMARY KEY, "values" TEXT, first_row INTEGER);
CREATE TABLE file_projects (investor_id TEXT, title_key TEXT, row INTEGER, fingerprint TEXT, "values" TEXT,
  PRIMARY KEY (investor_id, title_key));
"""


class Plan:
    """The dry run's result, in its temporary file: rows, totals, the mapping it used. Close it
    (or use it as a context manager) to remove the file."""

    def __init__(self, folder: Path, info: SourceInfo, mapping: Mapping_, totals: Totals, importer: str | None,
                 today: date) -> None:
        self.folder = folder
        self.info = info
        self.mapping = mapping
        self.totals = totals
        self.importer = importer
        self.today = today
        # The desktop wizard makes the plan on one worker thread and reads and writes it from
        # others, one at a time: never at once, so the connection may cross threads.
        self.db = sqlite3.connect(folder / "plan.sqlite3", isolation_level=None, check_same_thread=False)

    @property
    def path(self) -> Path:
        return self.info.path

    def rows(self, outcomes: tuple[str, ...] | None = None) -> Iterator[PlanRow]:
        """The rows in file order (those with one of ``outcomes``); read from disk as they go."""
        where = f"WHERE outcome IN ({', '.join('?' * len(outcomes))})" if outcomes else ""
        cur = self.db.execute(
            "SELECT p.row, p.outcome, p.detail, p.errors, p.creates_investor, (SELECT q.row FROM plan q WHERE "
            "q.investor_id = p.investor_id AND q.creates_investor = 1) FROM plan p "
            f"{where.replace('outcome', 'p.outcome')} ORDER BY p.row", outcomes or ())
        for row, outcome, detail, errors, creates, creator in cur:
            found = tuple(CellError(row, e[0], e[1], e[2]) for e in json.loads(errors)) if errors else ()
            values = json.loads(detail) if detail else {}
            if values.get("investor_new"):  # made by this file: by this row, or by an earlier one
                values["investor_new"] = bool(creates)
                if not creates and creator:
                    values["investor_of_row"] = creator
            yield PlanRow(row, outcome, values, found)

    def writes(self) -> Iterator[dict[str, Any]]:
        """What the write does, row by row (new and update rows, file order)."""
        cur = self.db.execute(
            "SELECT row, outcome, investor_id, creates_investor, project_id, project_values, phase, phase_date, "
            "tutor_id, detail FROM plan WHERE outcome IN ('new', 'update') ORDER BY row")
        names = [d[0] for d in cur.description]
        for values in cur:
            item = dict(zip(names, values, strict=True))
            item["project_values"] = json.loads(item["project_values"]) if item["project_values"] else {}
            item["detail"] = json.loads(item["detail"]) if item["detail"] else {}
            yield item

    def new_investor(self, investor_id: str) -> dict[str, Any]:
        found = self.db.execute('SELECT "values" FROM file_investors WHERE id = ?', (investor_id,)).fetchone()
        return dict(json.loads(found[0]))

    def investor_fill(self, investor_id: str) -> dict[str, Any] | None:
        found = self.db.execute('SELECT "values" FROM investor_fills WHERE id = ?', (investor_id,)).fetchone()
        return dict(json.loads(found[0])) if found else None

    def error_rows(self) -> Iterator[tuple[int, list[Any], list[CellError]]]:
        """(row, its cells as read, its errors) of every wrong row: the error workbook's rows."""
        cur = self.db.execute("SELECT row, cells, errors FROM plan WHERE outcome = 'error' ORDER BY row")
        for row, cells, errors in cur:
            yield row, json.loads(cells), [CellError(row, e[0], e[1], e[2]) for e in json.loads(errors)]

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class Profile:
    """What the dry run needs of the profile: who imports, with which role, and the day."""

    importer: str | None
    importer_role: str | None
    today: date


def dry_run(conn: Connection, path: Path, profile: Profile, *, saved_mapping: Mapping[str, str] | None = None,
            overrides: Mapping[str, str] | None = None, progress: Progress | None = None,
            cancel: Cancel | None = None, temp_dir: Path | None = None) -> Plan:
    """Read, check and resolve every row of ``path`` against the profile read through ``conn``
    (a read transaction); nothing is written to the profile. ``SpreadsheetError`` when the file
    cannot be read or its header lacks a required column; row errors are in the plan."""
    folder = Path(tempfile.mkdtemp(prefix="tutor-import-", dir=temp_dir))
    try:
        with open_source(path) as source:
            return _run(conn, source, folder, profile, saved_mapping, overrides, progress, cancel)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _run(conn: Connection, source: Source, folder: Path, profile: Profile, saved: Mapping[str, str] | None,
         overrides: Mapping[str, str] | None, progress: Progress | None, cancel: Cancel | None) -> Plan:
    rows = source.rows()
    head: list[RawRow] = []
    for raw in rows:
        head.append(raw)
        if len(head) >= 30:
            break
    named = {**(saved or {}), **(overrides or {})}
    header = find_header([r for r in head if not r.is_blank()], source.info.path, named)
    mapping = build_mapping(header, source.info.path, saved, overrides)
    db = sqlite3.connect(folder / "plan.sqlite3", isolation_level=None)
    for pragma in ("PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-16000",
                   "PRAGMA temp_store=FILE"):
        db.execute(pragma)
    db.executescript(_PLAN_SCHEMA)
    db.execute("BEGIN")
    checker = _RowChecker(db, conn, mapping, profile, source.info)
    checker.load_profile()
    total = source.info.size
    body = (r for r in head if r.number > header.number)
    done = 0

    def all_rows() -> Iterator[RawRow]:
        yield from body
        yield from rows

    for raw in all_rows():
        if raw.number <= header.number:
            continue
        checker.check(raw)
        done += 1
        if done % _PROGRESS_EVERY == 0:
            if cancel is not None and cancel():
                db.close()
                raise ImportCancelled()
            if progress is not None:
                fh = getattr(source, "_closer", None)
                position = _position(fh)
                progress(position if position is not None else done, total if position is not None else 0)
    totals = checker.finish()
    db.execute("COMMIT")
    db.close()
    if progress is not None:
        progress(total, total)
    return Plan(folder, source.info, mapping, totals, profile.importer, profile.today)


def _position(fh: Any) -> int | None:
    """How far into a CSV file the reading is (bytes); None for a workbook."""
    try:
        return int(fh.buffer.tell())
    except (AttributeError, OSError, ValueError):
        return None


class _RowChecker:
    def __init__(self, db: sqlite3.Connection, conn: Connection, mapping: Mapping_, profile: Profile,
                 info: SourceInfo) -> None:
        self.db = db
        self.conn = conn
        self.mapping = mapping
        self.profile = profile
        self.info = info
        self.tutors: dict[str, list[str]] = {}
        self.totals = Totals()
        self.cols = mapping.columns

    # -- the profile, copied into the plan's file (indexed there; memory stays flat) ---------------

    def load_profile(self) -> None:
        cur = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cur.execute("SELECT id, name, country, vat_number, website, parent_group FROM investors WHERE deleted = 0")
        while batch := cur.fetchmany(5000):
            self.db.executemany("INSERT INTO local_investors VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [(i, normalised_investor_name(n), c, vat, n, w, g) for i, n, c, vat, w, g in batch])
        cur.execute("SELECT id, investor_id, title, code FROM projects WHERE deleted = 0")
        while batch := cur.fetchmany(5000):
            self.db.executemany("INSERT INTO local_projects VALUES (?, ?, ?, ?)",
                                [(i, inv, _title_key(t), code) for i, inv, t, code in batch])
        cur.execute("SELECT id, name, email, initials FROM tutors WHERE deleted = 0")
        for tutor_id, name, email, initials in cur.fetchall():
            for key in {v.fold(name), (email or "").strip().casefold(), (initials or "").upper()} - {""}:
                self.tutors.setdefault(key, []).append(tutor_id)

    # -- one row ------------------------------------------------------------------------------

    def check(self, raw: RawRow) -> None:
        if raw.is_blank():
            return
        self.totals.rows += 1
        errors: list[CellError] = []
        parsed = self._parse(raw, errors)
        if self._is_totals_row(raw, parsed):
            self.totals.rows -= 1
            self.totals.skipped += 1
            self._store(raw.number, "skipped", {}, errors=None)
            return
        self._resolve(raw, parsed, errors)

    def _label(self, key: str) -> str:
        return self.mapping.column_label(key)

    def _parse(self, raw: RawRow, errors: list[CellError]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, index in self.cols.items():
            cell = cell_of(raw.cells, index)
            if v.is_blank(cell):
                continue
            try:
                out[key] = _parse_cell(key, cell)
            except v.CellProblem as problem:
                errors.append(CellError(raw.number, self._label(key), problem.reason, problem.params))
        for key in ("investor", "country", "title"):
            if key not in out and not any(e.column == self._label(key) for e in errors):
                errors.append(CellError(raw.number, self._label(key), "required"))
        return out

    def _is_totals_row(self, raw: RawRow, parsed: Mapping[str, Any]) -> bool:
        """A totals row: a "Totale" label where the investor or title would be, and no other text."""
        words = {v.fold(c) for c in raw.cells if isinstance(c, str) and any(ch.isalpha() for ch in c)}
        if not words or not words <= set(_TOTALS_WORDS) | {""}:
            return False
        return not (set(parsed) & {"country", "kind", "sector", "function"})

    def _resolve(self, raw: RawRow, parsed: dict[str, Any], errors: list[CellError]) -> None:
        number = raw.number
        investor_id, investor_new, fill, investor_name = None, False, None, parsed.get("investor", "")
        if "investor" in parsed and "country" in parsed and not self._has(errors, "vat_number"):
            investor_id, investor_new, fill = self._investor(number, parsed, errors)
        tutor_id = self._tutor(number, parsed, errors)
        project: dict[str, Any] | None = None
        if investor_id is not None and "title" in parsed:
            project = self._project(number, investor_id, investor_new, parsed, errors)
        if errors or investor_id is None or project is None:
            self.totals.errors += 1
            cells = [_json_cell(c) for c in raw.cells]
            self._store(number, "error", {"investor": investor_name, "title": parsed.get("title", "")},
                        errors=errors, cells=cells)
            return
        outcome = project["outcome"]
        detail: dict[str, Any] = {"investor": investor_name, "title": parsed["title"],
                                  "investor_new": investor_new}
        if fill:
            detail["investor_fill"] = sorted(fill)
        if project.get("code"):
            detail["code"] = project["code"]
        if outcome == "duplicate":
            self.totals.duplicates += 1
            detail["of_row"] = project["of_row"]
            self._store(number, "duplicate", detail, errors=None)
            return
        values = project["values"]
        if outcome == "update":
            detail["changed"] = sorted(values) + (["phase"] if project.get("phase") else []) + (
                ["tutor"] if tutor_id and project.get("assign") else [])
            if not detail["changed"] and not fill:
                outcome = "unchanged"
        capex = values.get("capex_cents") if outcome == "new" else project.get("capex")
        hires = values.get("new_hires") if outcome == "new" else project.get("hires")
        self._store(number, outcome, detail, investor_id=investor_id, project_id=project["id"],
                    project_values=values, phase=project.get("phase"), phase_date=project.get("phase_date"),
                    tutor_id=tutor_id if (outcome == "new" or project.get("assign")) else None,
                    capex=capex, hires=hires)

    def _has(self, errors: list[CellError], key: str) -> bool:
        return key in self.cols and any(e.column == self._label(key) for e in errors)

    def _investor(self, number: int, parsed: dict[str, Any], errors: list[CellError]
                  ) -> tuple[str | None, bool, dict[str, Any] | None]:
        """(investor id, made by this file, fields this row fills in an existing investor)."""
        name, country = parsed["investor"], parsed["country"]
        key, _ = investor_key(name, country)
        vat = parsed.get("vat_number")
        db = self.db
        extra: dict[str, Any] = {k: parsed[k] for k in ("website", "parent_group") if k in parsed}
        if vat:
            found = db.execute("SELECT id, website, parent_group FROM local_investors WHERE vat = ?", (vat,)).fetchone()
            if found:
                return found[0], False, self._fill(number, found[0], {}, extra, found[1:])
            seen = db.execute("SELECT id FROM file_investors WHERE vat = ?", (vat,)).fetchone()
            if seen:
                return seen[0], True, None
            same = db.execute("SELECT id, website, parent_group FROM local_investors WHERE key = ? AND country = ? "
                              "AND vat IS NULL", (key, country)).fetchall()
            if len(same) == 1:  # the company as typed without its number: this row gives it
                db.execute("UPDATE local_investors SET vat = ? WHERE id = ?", (vat, same[0][0]))
                return same[0][0], False, self._fill(number, same[0][0], {"vat_number": vat}, extra, same[0][1:])
            if len(same) > 1:
                errors.append(CellError(number, self._label("investor"), "investor_ambiguous", {"value": name}))
                return None, False, None
            unnumbered = db.execute("SELECT id, \"values\" FROM file_investors WHERE key = ? AND country = ? "
                                    "AND vat IS NULL", (key, country)).fetchall()
            if len(unnumbered) == 1:
                values = {**json.loads(unnumbered[0][1]), "vat_number": vat}
                db.execute('UPDATE file_investors SET vat = ?, "values" = ? WHERE id = ?',
                           (vat, json.dumps(values), unnumbered[0][0]))
                return unnumbered[0][0], True, None
            return self._new_investor(number, key, country, vat, parsed), True, None
        same = db.execute("SELECT id, website, parent_group FROM local_investors WHERE key = ? AND country = ?",
                          (key, country)).fetchall()
        if len(same) == 1:
            return same[0][0], False, self._fill(number, same[0][0], {}, extra, same[0][1:])
        if len(same) > 1:
            errors.append(CellError(number, self._label("investor"), "investor_ambiguous", {"value": name}))
            return None, False, None
        seen_rows = db.execute("SELECT id FROM file_investors WHERE key = ? AND country = ?", (key, country)).fetchall()
        if len(seen_rows) == 1:
            return seen_rows[0][0], True, None
        if len(seen_rows) > 1:
            errors.append(CellError(number, self._label("investor"), "investor_ambiguous", {"value": name}))
            return None, False, None
        return self._new_investor(number, key, country, None, parsed), True, None

    def _fill(self, number: int, investor_id: str, given: dict[str, Any], extra: Mapping[str, Any],
              current: tuple[Any, ...]) -> dict[str, Any] | None:
        """Fields of an existing investor this row fills in (never overwrites): VAT, website, group."""
        fill = dict(given)
        for (key, value), now in zip(sorted(extra.items()), _current_of(sorted(extra), current), strict=True):
            if not now:
                fill[key] = value
        if not fill:
            return None
        found = self.db.execute('SELECT "values" FROM investor_fills WHERE id = ?', (investor_id,)).fetchone()
        if found is None:
            self.db.execute("INSERT INTO investor_fills VALUES (?, ?, ?)", (investor_id, json.dumps(fill), number))
            return fill
        merged = {**fill, **json.loads(found[0])}  # the first row that fills a field gives it
        self.db.execute('UPDATE investor_fills SET "values" = ? WHERE id = ?', (json.dumps(merged), investor_id))
        return None

    def _new_investor(self, number: int, key: str, country: str, vat: str | None, parsed: Mapping[str, Any]) -> str:
        investor_id = str(uuid.uuid4())
        values = {"name": parsed["investor"], "country": country, "vat_number": vat,
                  "sector": parsed.get("sector"), "website": parsed.get("website"),
                  "parent_group": parsed.get("parent_group")}
        self.db.execute("INSERT INTO file_investors VALUES (?, ?, ?, ?, ?, ?)",
                        (investor_id, key, country, vat, number, json.dumps(values)))
        return investor_id

    def _tutor(self, number: int, parsed: Mapping[str, Any], errors: list[CellError]) -> str | None:
        name = parsed.get("tutor")
        if not name:
            return None
        text = str(name).strip()
        found = (self.tutors.get(v.fold(text)) or self.tutors.get(text.casefold())
                 or self.tutors.get(text.upper()) or [])
        ids = sorted(set(found))
        if not ids:
            errors.append(CellError(number, self._label("tutor"), "no_tutor", {"value": text}))
            return None
        if len(ids) > 1:
            errors.append(CellError(number, self._label("tutor"), "tutor_ambiguous", {"value": text}))
            return None
        if ids[0] != self.profile.importer and self.profile.importer_role != Role.COORDINATOR.value:
            errors.append(CellError(number, self._label("tutor"), "assign_forbidden", {"value": text}))
            return None
        return ids[0]

    def _project(self, number: int, investor_id: str, investor_new: bool, parsed: dict[str, Any],
                 errors: list[CellError]) -> dict[str, Any] | None:
        title_key = _title_key(parsed["title"])
        values = {k: parsed[k] for k in _PROJECT_FIELDS if k in parsed}
        if "capex" in parsed:
            values["capex_cents"] = parsed["capex"]
        fingerprint = json.dumps({**values, "phase": parsed.get("phase"), "tutor": parsed.get("tutor")},
                                 sort_keys=True, default=str)
        earlier = self.db.execute("SELECT row, fingerprint, \"values\" FROM file_projects WHERE investor_id = ? "
                                  "AND title_key = ?", (investor_id, title_key)).fetchone()
        if earlier is not None:
            if earlier[1] == fingerprint:
                return {"outcome": "duplicate", "of_row": earlier[0], "id": None, "values": {}}
            before = json.loads(earlier[2])
            differ = sorted(k for k in set(before) | set(values) if before.get(k) != values.get(k)) or ["phase"]
            errors.append(CellError(number, None, "repeats_row", {
                "row": earlier[0], "fields": ", ".join(_field_label(k, "it") for k in differ)}))
            return None
        existing: str | None = None
        code = parsed.get("code")
        if code:
            found = self.db.execute("SELECT id, investor_id FROM local_projects WHERE code = ?", (code,)).fetchone()
            if found is None:
                errors.append(CellError(number, self._label("code"), "no_code", {"value": code}))
                return None
            if found[1] != investor_id:
                errors.append(CellError(number, self._label("code"), "code_other_investor", {"value": code}))
                return None
            existing = found[0]
        elif not investor_new:
            same = self.db.execute("SELECT id FROM local_projects WHERE investor_id = ? AND title_key = ?",
                                   (investor_id, title_key)).fetchall()
            if len(same) > 1:
                errors.append(CellError(number, self._label("title"), "project_ambiguous", {"value": parsed["title"]}))
                return None
            existing = same[0][0] if same else None
        if errors:
            return None
        if existing is None:
            plan = self._new_project(number, parsed, values, errors)
        else:
            plan = self._update(number, existing, parsed, values, errors)
        if plan is not None and not errors:
            self.db.execute("INSERT INTO file_projects VALUES (?, ?, ?, ?, ?)",
                            (investor_id, title_key, number, fingerprint, json.dumps(values, default=str)))
        return plan

    def _new_project(self, number: int, parsed: Mapping[str, Any], values: dict[str, Any],
                     errors: list[CellError]) -> dict[str, Any] | None:
        for key in ("kind", "sector", "function"):
            if key not in parsed and not self._has(errors, key):
                errors.append(CellError(number, self._label(key), "required"))
        if errors:
            return None
        values.setdefault("status", "active")
        phase = parsed.get("phase", Phase.LEAD.value)
        return {"outcome": "new", "id": str(uuid.uuid4()), "values": values, "phase": phase,
                "phase_date": parsed.get("phase_date", self.profile.today.isoformat())}

    def _update(self, number: int, project_id: str, parsed: Mapping[str, Any], values: dict[str, Any],
                errors: list[CellError]) -> dict[str, Any] | None:
        cur = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cur.execute(f"SELECT code, {', '.join(_PROJECT_FIELDS)} FROM projects WHERE id = ?", (project_id,))
        found = cur.fetchone()
        current = dict(zip(_PROJECT_FIELDS, found[1:], strict=True))
        for name in ("instruments", "services"):
            current[name] = json.loads(current[name]) if current[name] else []
        for name in ("zis", "zls"):
            current[name] = bool(current[name])
        changed = {k: val for k, val in values.items() if current.get(k) != val}
        plan: dict[str, Any] = {"outcome": "update", "id": project_id, "values": changed, "code": found[0],
                                "capex": values.get("capex_cents", current["capex_cents"]),
                                "hires": values.get("new_hires", current["new_hires"])}
        if "phase" in parsed:
            cur.execute("SELECT phase, entered_on FROM phase_entries WHERE project_id = ? AND deleted = 0",
                        (project_id,))
            history = [(Phase(p), on) for p, on in cur.fetchall()]
            target = Phase(parsed["phase"])
            latest = max(history, key=lambda h: (h[0].order, h[1]), default=None)
            on = parsed.get("phase_date", self.profile.today.isoformat())
            if latest is None or target.order > latest[0].order:
                if latest is not None and on < latest[1]:
                    errors.append(CellError(number, self._label("phase_date") if "phase_date" in parsed
                                            else self._label("phase"), "phase_date_before", {"value": latest[1]}))
                    return None
                plan["phase"], plan["phase_date"] = target.value, on
            elif target.order < latest[0].order:
                errors.append(CellError(number, self._label("phase"), "phase_past",
                                        {"value": target.label("it")}))
                return None
        if parsed.get("tutor"):
            plan["assign"] = True  # checked against the assignments when written (it may exist)
        return plan

    # -- storing ----------------------------------------------------------------------------

    def _store(self, number: int, outcome: str, detail: Mapping[str, Any], *, errors: list[CellError] | None = None,
               cells: list[Any] | None = None, investor_id: str | None = None, project_id: str | None = None,
               project_values: Mapping[str, Any] | None = None, phase: str | None = None,
               phase_date: str | None = None, tutor_id: str | None = None, capex: int | None = None,
               hires: int | None = None) -> None:
        self.db.execute(
            "INSERT INTO plan (row, outcome, investor_id, project_id, project_values, phase, phase_date, tutor_id, "
            "capex, hires, detail, errors, cells) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, outcome, investor_id, project_id, json.dumps(project_values) if project_values else None,
             phase, phase_date, tutor_id, capex, hires, json.dumps(detail, ensure_ascii=False),
             json.dumps([e.as_json() for e in errors], ensure_ascii=False) if errors else None,
             json.dumps(cells, ensure_ascii=False) if cells is not None else None))

    def finish(self) -> Totals:
        """Totals of the valid rows; each new investor is created by the first valid row naming it."""
        db, t = self.db, self.totals
        db.execute("UPDATE plan SET creates_investor = 1 WHERE row IN (SELECT min(p.row) FROM plan p "
                   "JOIN file_investors f ON f.id = p.investor_id WHERE p.outcome IN ('new', 'update', 'unchanged') "
                   "GROUP BY p.investor_id)")
        t.new_investors = db.execute("SELECT count(*) FROM plan WHERE creates_investor = 1").fetchone()[0]
        t.updated_investors = db.execute(
            "SELECT count(DISTINCT f.id) FROM investor_fills f JOIN plan p ON p.investor_id = f.id "
            "WHERE p.outcome IN ('new', 'update', 'unchanged')").fetchone()[0]
        counts = dict(db.execute("SELECT outcome, count(*) FROM plan GROUP BY outcome").fetchall())
        t.new_projects, t.updated_projects = counts.get("new", 0), counts.get("update", 0)
        t.unchanged = counts.get("unchanged", 0)
        capex, hires = db.execute("SELECT coalesce(sum(capex), 0), coalesce(sum(hires), 0) FROM plan "
                                  "WHERE outcome IN ('new', 'update', 'unchanged')").fetchone()
        t.capex_cents, t.new_hires = int(capex), int(hires)
        # an unchanged row may still fill its investor: it is written as an update of nothing but that
        db.execute("UPDATE plan SET outcome = 'update' WHERE outcome = 'unchanged' AND (creates_investor = 1 OR "
                   "investor_id IN (SELECT id FROM investor_fills))")
        return t


def _current_of(keys: list[str], current: tuple[Any, ...]) -> list[Any]:
    by_name = {"website": current[0], "parent_group": current[1]}
    return [by_name[k] for k in keys]


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def _json_cell(cell: Cell) -> Any:
    if isinstance(cell, (date,)):
        return {"date": cell.isoformat()}
    if isinstance(cell, (int, float, str, bool)) or cell is None:
        return cell
    return str(cell)


def _parse_cell(key: str, cell: Cell) -> Any:
    if key in _ENUMS:
        return v.enum_code(cell, _ENUMS[key])
    if key in _LISTS:
        return v.enum_codes(cell, _LISTS[key])
    match key:
        case "capex":
            return v.money_cents(cell)
        case "new_hires":
            return v.whole_number(cell)
        case "phase_date":
            return v.iso_date(cell)
        case "country":
            return v.country_code(cell)
        case "province":
            return v.province_code(cell)
        case "zis" | "zls":
            return v.yes_no(cell)
        case "vat_number":
            return v.vat_number(cell)
        case "code":
            text = v.as_text(cell).strip().upper()
            if not looks_like_code(text):
                raise v.CellProblem("no_code", value=v.as_text(cell))
            return text
    text = v.text_value(cell, _TEXT_LIMITS.get(key, 300))
    if not text:
        raise v.CellProblem("required")
    return text


# The fields the plan writes, checked against the schema once (a renamed field fails at import time).
assert set(_PROJECT_FIELDS) <= set(PROJECTS.field_names)
assert {"name", "country", "vat_number", "sector", "website", "parent_group"} <= set(INVESTORS.field_names)
