"""A realistic demo region at any size, deterministic by seed and anchor date.

The rows are made as a server snapshot would deliver them (revision 1, stamped by a demo
device, no outbox entries): a demo region is somebody else's synced data to look at and edit,
not thousands of local edits waiting to go up. A demo profile is marked as such and never
syncs to a real server.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert

from tutor_app.assets import load_json
from tutor_app.domain import schema
from tutor_app.domain.calendar import is_working_day
from tutor_app.domain.codes import initials_for, make_code
from tutor_app.domain.enums import (
    AftercareTopic,
    BusinessFunction,
    Instrument,
    PermitStatus,
    Phase,
    ProjectKind,
    ProjectStatus,
    Role,
    Sector,
    ServiceGiven,
    WorkingTable,
)
from tutor_app.domain.errors import InvalidValueError, ProfileNotEmptyError
from tutor_app.domain.hlc import Stamp
from tutor_app.domain.permit_catalogue import checklist_for
from tutor_app.services.workspace import Workspace
from tutor_app.store.bulk import bulk_load
from tutor_app.store.state import DEMO, HLC, TUTOR_ID
from tutor_app.store.writer import ALL_FIELDS, permit_due_on, table_of

DEMO_DEVICE = "demo000000000000"
MEETINGS_PER_PROJECT = 20
# The year the demo's codes count back from (by each dossier's age, drawn from the seed): the same
# seed makes the same codes on any day, so the README's examples name dossiers that exist.
DEMO_CODE_YEAR = 2026
_PHASE_WEIGHTS = {Phase.LEAD: 14, Phase.ASSISTANCE: 20, Phase.DECISION: 16, Phase.PERMITTING: 22,
                  Phase.REALISATION: 16, Phase.OPERATIONS: 12}
_STATUS_WEIGHTS = {ProjectStatus.ACTIVE: 78, ProjectStatus.ON_HOLD: 7, ProjectStatus.ANNOUNCED: 8,
                   ProjectStatus.ABANDONED: 3, ProjectStatus.COMPLETED: 4}
_KIND_WEIGHTS = {ProjectKind.NEW_INITIATIVE: 55, ProjectKind.EXPANSION: 35, ProjectKind.RESHORING: 10}
_SECTOR_WEIGHTS = {"manufacturing": 18, "life_sciences": 13, "clean_tech": 9, "ict": 14, "chemistry": 7,
                   "electronics": 9, "aerospace": 4, "agrifood": 8, "advanced_services": 9, "logistics": 9}


@dataclass
class DemoStats:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))


def _slug(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isascii() and ch.isalnum())


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class DemoRegion:
    """Builds the rows of a region in memory, table by table, parents first."""

    def __init__(self, projects: int, seed: int, today: date, meetings_per_project: int) -> None:
        self.rng = random.Random(seed)
        self.ids = _Ids(self.rng)
        self.today = today
        self.words: dict[str, Any] = load_json("demo", "region.json")
        self.n_projects = projects
        self.meetings_per_project = meetings_per_project
        self.tables: dict[str, list[dict[str, Any]]] = {e.table: [] for e in schema.ENTITIES}
        self._ms = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp() * 1000) - 86_400_000
        self._counter = 0
        self.me: str = ""

    def _bookkeeping(self, when: date) -> dict[str, Any]:
        self._counter += 1
        stamp = Stamp(self._ms, self._counter % 1_000_000, DEMO_DEVICE).encode()
        instant = f"{when.isoformat()}T08:00:00.000000Z"
        return {"id": self.ids(), "created_at": instant, "updated_at": instant, "deleted": False, "rev": 1,
                "stamps": {ALL_FIELDS: stamp}}

    def _add(self, entity: schema.Entity, when: date, values: dict[str, Any]) -> dict[str, Any]:
        row = {**self._bookkeeping(when), **values}
        assert set(values) == set(entity.field_names), entity.table
        self.tables[entity.table].append(row)
        return row

    # -- people ----------------------------------------------------------------------------

    def tutors(self) -> list[dict[str, Any]]:
        rng, w = self.rng, self.words
        provinces = list(w["province_weights"])
        tutors: list[dict[str, Any]] = []
        used_initials: set[str] = set()
        names = [(f, s) for s in w["surnames"] for f in w["first_names"]]
        rng.shuffle(names)
        count = max(6, min(50, self.n_projects // 8))
        for n, (first, last) in enumerate(names[:count]):
            role = Role.COORDINATOR if n < 2 else Role.REGIONAL_TUTOR if n < 2 + max(2, count // 6) \
                else Role.PROJECT_TUTOR
            initials = initials_for(f"{first} {last}")
            while initials in used_initials:
                initials = initials[:2] + chr(ord("A") + rng.randrange(26))
            used_initials.add(initials)
            area = sorted(rng.sample(provinces, 3)) if role is Role.REGIONAL_TUTOR else []
            tutors.append(self._add(schema.TUTORS, self.today - timedelta(days=900), {
                "name": f"{first} {last}", "email": f"{first.lower()}.{last.lower()}@investinlombardy.example",
                "role": role.value, "initials": initials, "provinces": area}))
        self.me = next(t["id"] for t in tutors if t["role"] == Role.PROJECT_TUTOR.value)
        return tutors

    # -- investors and projects --------------------------------------------------------------

    def investor(self, sector: str) -> dict[str, Any]:
        rng, w = self.rng, self.words
        countries = w["countries"]
        country = rng.choices(list(countries), weights=[c[0] for c in countries.values()])[0]
        _, suffixes, stems = countries[country]
        name = f"{rng.choice(stems)} {rng.choice(w['company_words'][sector])} {rng.choice(suffixes)}"
        investor = self._add(schema.INVESTORS, self.today - timedelta(days=rng.randrange(400, 1500)), {
            "name": name, "country": country, "sector": sector,
            "website": f"https://www.{_slug(name.split(maxsplit=1)[0])}.example",
            "parent_group": None if rng.random() < 0.6 else f"{rng.choice(stems)} Group", "vat_number": None,
            "merged_into": None})
        for _ in range(rng.randint(1, 3)):
            first, last = rng.choice(w["foreign_first_names"]), rng.choice(stems).split()[0]
            self._add(schema.CONTACTS, self.today - timedelta(days=300), {
                "investor_id": investor["id"], "name": f"{first} {last}", "role": rng.choice(w["contact_roles"]),
                "email": f"{_slug(first)}.{_slug(last)}@{investor['website'][12:]}",
                "phone": f"+{rng.randint(30, 89)} {rng.randint(100, 999)} {rng.randint(100000, 9999999)}"})
        return investor

    def projects(self, tutors: list[dict[str, Any]]) -> Iterator[None]:
        rng, w = self.rng, self.words
        project_tutors = [t for t in tutors if t["role"] == Role.PROJECT_TUTOR.value]
        regional = [t for t in tutors if t["role"] == Role.REGIONAL_TUTOR.value]
        counters: dict[tuple[int, str], int] = {}
        investors: list[dict[str, Any]] = []
        for n in range(self.n_projects):
            sector = _pick(rng, _SECTOR_WEIGHTS)
            if investors and rng.random() < 0.12:  # some investors come back with a second project
                investor = rng.choice(investors)
                sector = investor["sector"]
            else:
                investor = self.investor(sector)
                investors.append(investor)
            function = rng.choice(w["sector_functions"][sector])
            kind = _pick(rng, _KIND_WEIGHTS)
            province = _pick(rng, w["province_weights"])
            municipality = rng.choice(w["municipalities"][province])
            phase = _pick(rng, _PHASE_WEIGHTS)
            status = _pick(rng, _STATUS_WEIGHTS)
            if phase is Phase.OPERATIONS and rng.random() < 0.5:
                status = ProjectStatus.COMPLETED
            tutor = project_tutors[0] if n % 7 == 0 else rng.choice(project_tutors)
            age_days = rng.randint(60 + 120 * phase.order, 200 + 260 * phase.order)
            started = self.today - timedelta(days=age_days)
            year = DEMO_CODE_YEAR - age_days // 365
            counters[(year, tutor["initials"])] = counters.get((year, tutor["initials"]), 0) + 1
            capex_eur = int(rng.lognormvariate(16.2, 1.1)) * (4 if function == "data_centre" else 1)
            project = self._add(schema.PROJECTS, started, {
                "code": make_code(year, tutor["initials"], counters[(year, tutor["initials"])]),
                "investor_id": investor["id"],
                "title": w["titles"][kind.value][function].format(m=municipality),
                "kind": kind.value, "sector": sector, "function": function, "status": status.value,
                "capex_cents": min(capex_eur, 2_000_000_000) // 10_000 * 10_000 * 100,
                "new_hires": int(rng.lognormvariate(3.8, 1.0)),
                "municipality": municipality, "province": province,
                "zis": rng.random() < 0.15, "zls": province in ("MN", "CR") and rng.random() < 0.4,
                "instruments": sorted({i.value for i in rng.sample(list(Instrument), rng.randint(0, 2))}),
                "services": sorted({s.value for s in rng.sample(list(ServiceGiven), rng.randint(1, 3))}),
                "description": f"Investimento di {investor['name']} ({investor['country']}) "
                               f"nel settore {Sector(sector).label().lower()} a {municipality} ({province}).",
            })
            self._assign(project, tutor, Role.PROJECT_TUTOR, started)
            area_tutors = [t for t in regional if province in t["provinces"]] or regional
            if area_tutors:
                self._assign(project, rng.choice(area_tutors), Role.REGIONAL_TUTOR, started)
            entered = self._phases(project, phase, started)
            self._meetings(project, investor, entered, municipality)
            self._permits(project, ProjectKind(kind), BusinessFunction(function), phase, entered)
            if phase.order >= Phase.REALISATION.order:
                self._aftercare(project, entered[-1][1])
            yield None

    def _assign(self, project: dict[str, Any], tutor: dict[str, Any], role: Role, when: date) -> None:
        self._add(schema.ASSIGNMENTS, when, {"project_id": project["id"], "tutor_id": tutor["id"],
                                             "role": role.value})

    def _phases(self, project: dict[str, Any], current: Phase, started: date) -> list[tuple[Phase, date]]:
        entered: list[tuple[Phase, date]] = []
        span = max(1, (self.today - started).days)
        for phase in list(Phase)[: current.order + 1]:
            on = started + timedelta(days=span * phase.order // (current.order + 1))
            entered.append((phase, on))
            self._add(schema.PHASE_ENTRIES, on, {"project_id": project["id"], "phase": phase.value,
                                                 "entered_on": on.isoformat()})
        return entered

    def _meetings(self, project: dict[str, Any], investor: dict[str, Any],
                  entered: list[tuple[Phase, date]], municipality: str) -> None:
        rng, w = self.rng, self.words
        count = max(1, int(rng.gauss(self.meetings_per_project, self.meetings_per_project / 4)))
        start, end = entered[0][1], self.today + timedelta(days=30)
        span = max(1, (end - start).days)
        for _ in range(count):
            day = start + timedelta(days=rng.randrange(span))
            while not is_working_day(day):  # working tables meet on working days
                day += timedelta(days=1)
            phase = max((p for p, on in entered if on <= day), key=lambda p: p.order, default=entered[0][0])
            table = phase.table if rng.random() < 0.85 else rng.choice(
                [WorkingTable.COMMUNICATION, WorkingTable.TERRITORY])
            orgs = [o.format(m=municipality, c=investor["name"]) for o in w["organisations"][table.value]]
            past = day < self.today
            starts = datetime(day.year, day.month, day.day, rng.choice([8, 9, 10, 11, 14, 15, 16]),
                              rng.choice([0, 30]), tzinfo=UTC)
            meeting = self._add(schema.MEETINGS, min(day, self.today), {
                "project_id": project["id"], "table": table.value, "starts_at": schema.iso_instant(starts),
                "place": rng.choice(w["places"]).format(m=municipality),
                "participants": "\n".join(f"{rng.choice(w['first_names'])} {rng.choice(w['surnames'])} ({o})"
                                          for o in rng.sample(orgs, min(len(orgs), rng.randint(2, 4)))),
                "organisations": ", ".join(orgs[:3]),
                "agenda": "\n".join(f"{n}. {a}" for n, a in enumerate(
                    rng.sample(w["agenda"][table.value], min(2, len(w["agenda"][table.value]))), start=1)),
                "minutes": " ".join(rng.sample(w["minutes"], rng.randint(2, 4))) if past else None,
                "decisions": "\n".join(rng.sample(w["decisions"], rng.randint(1, 2))) if past else None,
            })
            if past and rng.random() < 0.35:
                for text, owner in rng.sample(w["actions"], rng.randint(1, 3)):
                    due = day + timedelta(days=rng.randint(7, 45))
                    self._add(schema.ACTION_ITEMS, day, {
                        "project_id": project["id"], "meeting_id": meeting["id"], "text": text, "owner": owner,
                        "due_on": due.isoformat(), "done": due < self.today and rng.random() < 0.8})

    def _permits(self, project: dict[str, Any], kind: ProjectKind, function: BusinessFunction, phase: Phase,
                 entered: list[tuple[Phase, date]]) -> None:
        rng = self.rng
        permitting_from = dict(entered).get(Phase.PERMITTING)
        for position, permit in enumerate(checklist_for(kind, function), start=1):
            status, submitted, decided = PermitStatus.TO_DO, None, None
            if phase is Phase.DECISION:
                status = PermitStatus.PREPARING if rng.random() < 0.5 else PermitStatus.TO_DO
            elif phase.order >= Phase.PERMITTING.order:
                assert permitting_from is not None
                limit = permit.time_limit_days or 60
                submitted = permitting_from + timedelta(days=rng.randint(0, 90))
                if submitted > self.today:
                    submitted = self.today - timedelta(days=rng.randint(0, 20))
                roll = rng.random()
                if phase is Phase.PERMITTING and roll < 0.55:
                    status = PermitStatus.SUBMITTED if roll < 0.45 else PermitStatus.INTEGRATION_REQUESTED
                    # still under review: filed within about one legal term, so some run late
                    submitted = max(permitting_from, self.today - timedelta(days=rng.randint(0, limit + limit // 3)))
                elif roll < 0.08:
                    status = PermitStatus.NOT_NEEDED
                    submitted = None
                else:
                    status = PermitStatus.GRANTED
                    decided = min(self.today, submitted + timedelta(days=rng.randint(limit // 2, limit + 30)))
            # under review, the tutor expects the decision a little after the legal term (drawn from
            # nothing random: the rest of the region stays the same for a given seed)
            expected = submitted + timedelta(days=(permit.time_limit_days or 60) * 5 // 4) if submitted and status in (
                PermitStatus.SUBMITTED, PermitStatus.INTEGRATION_REQUESTED) else None
            row = self._add(schema.PERMIT_ITEMS, project_created(project), {
                "project_id": project["id"], "permit_code": permit.code, "name": permit.name_it,
                "authority": permit.authority, "status": status.value,
                "submitted_on": submitted.isoformat() if submitted else None,
                "expected_on": expected.isoformat() if expected else None,
                "decided_on": decided.isoformat() if decided else None,
                "time_limit_days": permit.time_limit_days, "notes": None, "position": position})
            row["legal_due_on"] = permit_due_on(row)

    def _aftercare(self, project: dict[str, Any], since: date) -> None:
        rng, w = self.rng, self.words
        for _ in range(rng.randint(1, 6)):
            topic = rng.choice(list(AftercareTopic))
            noted = since + timedelta(days=rng.randint(0, max(1, (self.today - since).days)))
            follow = noted + timedelta(days=rng.randint(14, 120)) if rng.random() < 0.5 else None
            self._add(schema.AFTERCARE_NOTES, noted, {
                "project_id": project["id"], "noted_on": noted.isoformat(), "topic": topic.value,
                "text": rng.choice(w["aftercare"][topic.value]),
                "follow_up_on": follow.isoformat() if follow else None})


def project_created(project: dict[str, Any]) -> date:
    return date.fromisoformat(project["created_at"][:10])


def build_region(projects: int, seed: int = 7, today: date | None = None,
                 meetings_per_project: int = MEETINGS_PER_PROJECT) -> DemoRegion:
    """Every row of a demo region, in memory (what ``generate`` writes, and what benchmarks reuse)."""
    region = DemoRegion(projects, seed, today or date.today(), meetings_per_project)
    tutors = region.tutors()
    for _ in region.projects(tutors):
        pass
    return region


def generate(ws: Workspace, projects: int = 300, seed: int = 7, today: date | None = None,
             meetings_per_project: int = MEETINGS_PER_PROJECT,
             progress: Callable[[int, int], None] | None = None) -> DemoStats:
    """Fill an empty profile with a demo region, in one transaction (all of it or nothing)."""
    if projects < 1:
        raise InvalidValueError("projects", "at_least", projects, minimum=1)
    started = time.perf_counter()
    region = build_region(projects, seed, today or ws.today(), meetings_per_project)
    stats = DemoStats()
    with ws.store.write() as w:
        if w.conn.exec_driver_sql("SELECT count(*) FROM projects").scalar_one():
            raise ProfileNotEmptyError()
        with bulk_load(w.conn):
            write_rows(w.conn, region, progress)
        TUTOR_ID.set(w.conn, region.me)
        DEMO.set(w.conn, True)
        HLC.set(w.conn, Stamp(region._ms, 999_999, ws.store.device_id).encode())
    stats.rows = {table: len(rows) for table, rows in region.tables.items()}
    stats.seconds = time.perf_counter() - started
    return stats


def write_rows(conn: Connection, region: DemoRegion, progress: Callable[[int, int], None] | None = None,
               chunk: int = 5_000) -> None:
    total = sum(len(rows) for rows in region.tables.values())
    done = 0
    for entity in schema.ENTITIES:
        rows = region.tables[entity.table]
        table = table_of(entity)
        for start in range(0, len(rows), chunk):
            conn.execute(insert(table), rows[start:start + chunk])
            done += len(rows[start:start + chunk])
            if progress:
                progress(done, total)
