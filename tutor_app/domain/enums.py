"""The closed vocabularies of the domain, each value with an Italian and an English label.

Codes (the enum values) are English and are what the database, the sync payloads and the
CLI hold; labels are for people. Italian comes first because the users are Italian.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from tutor_app.domain.errors import UnknownChoiceError

# (Italian, English) label of every member, per enum class; filled by _labels() below.
_LABELS: dict[type, dict[str, tuple[str, str]]] = {}
_UNKNOWN_LABEL = ("sconosciuto ({})", "unknown ({})")


def unknown_label(code: str, lang: str = "it") -> str:
    """How a code this version does not know is shown: "sconosciuto (CODE)"."""
    return _UNKNOWN_LABEL[lang == "en"].format(code)


class LabelledEnum(StrEnum):
    """A string enum whose members carry an Italian and an English label.

    Reading a stored code never fails: ``Cls(code)`` with a code this version does not know (a
    newer client's, a damaged row) gives a stand-in that holds the code, is not ``is_known``, is
    labelled "sconosciuto (code)", and is never listed among the members. Only ``parse`` (what
    people and imports type) refuses such a code, so a client shows it and keeps working.
    """

    def label(self, lang: str = "it") -> str:
        known = _LABELS[type(self)].get(self.value) if self.is_known else None
        if known is None:
            return unknown_label(self.value, lang)
        italian, english = known
        return english if lang == "en" else italian

    def short_label(self, lang: str = "it") -> str:
        """The label without its parenthesised detail, for charts and narrow columns."""
        return self.label(lang).split(" (")[0] if self.is_known else self.label(lang)

    @property
    def is_known(self) -> bool:
        return type(self)._value2member_map_.get(self.value) is self

    @classmethod
    def _missing_(cls, value: object) -> Self | None:
        if not isinstance(value, str):
            return None  # not a stored code at all: the usual ValueError
        # Made afresh each time, never registered: the class's members stay what the code declares
        # (and a stream of odd codes cannot grow a cache).
        member = str.__new__(cls, value)
        member._name_ = f"UNKNOWN({value})"
        member._value_ = value
        return member

    @classmethod
    def parse(cls, value: object, field: str) -> Self:
        """The member for a code, or an UnknownChoiceError naming the field and the allowed codes."""
        member = value if isinstance(value, cls) else cls._value2member_map_.get(str(value))
        if not isinstance(member, cls) or not member.is_known:
            raise UnknownChoiceError(field, str(value), tuple(m.value for m in cls))
        return member

    @classmethod
    def choices(cls, lang: str = "it") -> list[tuple[str, str]]:
        return [(m.value, m.label(lang)) for m in cls]


def _labels(cls: type[LabelledEnum], table: dict[str, tuple[str, str]]) -> None:
    missing = {m.value for m in cls} ^ set(table)
    if missing:
        raise RuntimeError(f"labels of {cls.__name__} do not match its members: {sorted(missing)}")
    _LABELS[cls] = table


class WorkingTable(LabelledEnum):
    """A working table (tavolo); each phase has one, and two extra tables may be opened."""

    POLITICAL = "political"
    TECHNICAL = "technical"
    OPERATIONAL = "operational"
    PERMITTING = "permitting"
    MONITORING = "monitoring"
    AFTERCARE = "aftercare"
    COMMUNICATION = "communication"
    TERRITORY = "territory"

    def short_label(self, lang: str = "it") -> str:
        """The table's own word, where a column says "working table" already: "Permitting"."""
        if not self.is_known:
            return self.label(lang)
        label = self.label(lang)
        return label.removesuffix(" table") if lang == "en" else label.removeprefix("Tavolo ").capitalize()


_labels(WorkingTable, {
    "political": ("Tavolo politico", "Political table"),
    "technical": ("Tavolo tecnico", "Technical table"),
    "operational": ("Tavolo operativo", "Operational table"),
    "permitting": ("Tavolo permitting", "Permitting table"),
    "monitoring": ("Tavolo monitoraggio", "Monitoring table"),
    "aftercare": ("Tavolo aftercare", "Aftercare table"),
    "communication": ("Tavolo comunicazione", "Communication table"),
    "territory": ("Tavolo territorio", "Territory table"),
})


class Phase(LabelledEnum):
    """The six phases of an investment, in order."""

    LEAD = "lead"
    ASSISTANCE = "assistance"
    DECISION = "decision"
    PERMITTING = "permitting"
    REALISATION = "realisation"
    OPERATIONS = "operations"

    @property
    def table(self) -> WorkingTable:
        """The phase's working table (for a phase this version does not know, an unknown table)."""
        return _PHASE_TABLE.get(self) or WorkingTable(self.value)

    @property
    def order(self) -> int:
        """0 for the first phase; -1 for a phase this version does not know (it sorts first)."""
        return _PHASE_ORDER.get(self, -1)


_labels(Phase, {
    "lead": ("Lead", "Lead"),
    "assistance": ("Assistenza", "Assistance"),
    "decision": ("Decisione", "Decision"),
    "permitting": ("Ottenimento titoli abilitativi", "Permitting"),
    "realisation": ("Realizzazione investimento", "Realisation"),
    "operations": ("Avvio attività", "Start of operations"),
})

_PHASE_ORDER = {p: n for n, p in enumerate(Phase)}
_PHASE_TABLE = {
    Phase.LEAD: WorkingTable.POLITICAL,
    Phase.ASSISTANCE: WorkingTable.TECHNICAL,
    Phase.DECISION: WorkingTable.OPERATIONAL,
    Phase.PERMITTING: WorkingTable.PERMITTING,
    Phase.REALISATION: WorkingTable.MONITORING,
    Phase.OPERATIONS: WorkingTable.AFTERCARE,
}


class ProjectKind(LabelledEnum):
    NEW_INITIATIVE = "new_initiative"
    EXPANSION = "expansion"
    RESHORING = "reshoring"


_labels(ProjectKind, {
    "new_initiative": ("Nuova iniziativa", "New initiative"),
    "expansion": ("Espansione", "Expansion"),
    "reshoring": ("Reshoring", "Reshoring"),
})


class Sector(LabelledEnum):
    MANUFACTURING = "manufacturing"
    LIFE_SCIENCES = "life_sciences"
    CLEAN_TECH = "clean_tech"
    ICT = "ict"
    CHEMISTRY = "chemistry"
    ELECTRONICS = "electronics"
    AEROSPACE = "aerospace"
    AGRIFOOD = "agrifood"
    ADVANCED_SERVICES = "advanced_services"
    LOGISTICS = "logistics"


_labels(Sector, {
    "manufacturing": ("Manifattura (semiconduttori, Industria 4.0)", "Manufacturing (semiconductors, Industry 4.0)"),
    "life_sciences": ("Scienze della vita", "Life sciences"),
    "clean_tech": ("Clean tech", "Clean tech"),
    "ict": ("ICT e data center", "ICT and data centres"),
    "chemistry": ("Chimica", "Chemistry"),
    "electronics": ("Elettronica", "Electronics"),
    "aerospace": ("Aerospazio", "Aerospace"),
    "agrifood": ("Agroalimentare", "Agrifood"),
    "advanced_services": ("Servizi avanzati", "Advanced services"),
    "logistics": ("Logistica", "Logistics"),
})


class BusinessFunction(LabelledEnum):
    PRODUCTION = "production"
    RND = "rnd"
    HQ = "hq"
    DATA_CENTRE = "data_centre"
    LOGISTICS = "logistics"
    SERVICES = "services"


_labels(BusinessFunction, {
    "production": ("Produzione", "Production"),
    "rnd": ("Ricerca e sviluppo", "R&D"),
    "hq": ("Sede direzionale", "Headquarters"),
    "data_centre": ("Data center", "Data centre"),
    "logistics": ("Logistica", "Logistics"),
    "services": ("Servizi", "Services"),
})


class ProjectStatus(LabelledEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    ANNOUNCED = "announced"
    COMPLETED = "completed"
    ABANDONED = "abandoned"

    @property
    def is_closed(self) -> bool:
        """A final status: the investment was made or given up. Its dossier's legal terms raise no
        alarm (not overdue, not due soon, in the list, the home page and the dashboard); a dossier
        on hold is not closed: the administrations' terms still run and may be followed up."""
        return self in (ProjectStatus.COMPLETED, ProjectStatus.ABANDONED)


# The values of the closed statuses, for queries that compare the stored text.
CLOSED_PROJECT_STATUSES = frozenset(s.value for s in ProjectStatus if s.is_closed)


_labels(ProjectStatus, {
    "active": ("Attivo", "Active"),
    "on_hold": ("Sospeso", "On hold"),
    "announced": ("Annunciato", "Announced"),
    "completed": ("Completato", "Completed"),
    "abandoned": ("Abbandonato", "Abandoned"),
})


class PermitStatus(LabelledEnum):
    TO_DO = "to_do"
    PREPARING = "preparing"
    SUBMITTED = "submitted"
    INTEGRATION_REQUESTED = "integration_requested"
    GRANTED = "granted"
    DENIED = "denied"
    NOT_NEEDED = "not_needed"

    @property
    def is_closed(self) -> bool:
        return self in (PermitStatus.GRANTED, PermitStatus.DENIED, PermitStatus.NOT_NEEDED)


_labels(PermitStatus, {
    "to_do": ("Da fare", "To do"),
    "preparing": ("In preparazione", "Preparing"),
    "submitted": ("Presentata", "Submitted"),
    "integration_requested": ("Integrazione richiesta", "Integration requested"),
    "granted": ("Rilasciata", "Granted"),
    "denied": ("Negata", "Denied"),
    "not_needed": ("Non necessaria", "Not needed"),
})


class AftercareTopic(LabelledEnum):
    EXPANSION_OPPORTUNITY = "expansion_opportunity"
    ISSUE_RAISED = "issue_raised"
    SATISFACTION = "satisfaction"
    WORKFORCE = "workforce"
    INFRASTRUCTURE = "infrastructure"
    OTHER = "other"


_labels(AftercareTopic, {
    "expansion_opportunity": ("Opportunità di espansione", "Expansion opportunity"),
    "issue_raised": ("Criticità segnalata", "Issue raised"),
    "satisfaction": ("Soddisfazione", "Satisfaction"),
    "workforce": ("Forza lavoro", "Workforce"),
    "infrastructure": ("Infrastrutture", "Infrastructure"),
    "other": ("Altro", "Other"),
})


class Instrument(LabelledEnum):
    OPPORTUNITY_LOMBARDY = "opportunity_lombardy"
    ZIS_CALL = "zis_call"
    ZLS = "zls"
    NEGOTIATED = "negotiated"
    DEVELOPMENT_CONTRACT = "development_contract"
    INNOVATION_AGREEMENT = "innovation_agreement"
    TERRITORIAL_PACT = "territorial_pact"


_labels(Instrument, {
    "opportunity_lombardy": ("Opportunity Lombardy", "Opportunity Lombardy"),
    "zis_call": ("Bando ZIS", "ZIS call"),
    "zls": ("ZLS", "ZLS"),
    "negotiated": ("Strumenti negoziali", "Negotiated instruments"),
    "development_contract": ("Contratto di sviluppo", "Development contract"),
    "innovation_agreement": ("Accordo per l'innovazione", "Innovation agreement"),
    "territorial_pact": ("Patto territoriale", "Territorial pact"),
})


class ServiceGiven(LabelledEnum):
    ONE_STOP_SHOP = "one_stop_shop"
    LOCATION_SCOUTING = "location_scouting"
    TUTORING = "tutoring"
    AFTERCARE = "aftercare"
    PROMOTION = "promotion"


_labels(ServiceGiven, {
    "one_stop_shop": ("Sportello unico", "One-stop shop"),
    "location_scouting": ("Ricerca localizzazione", "Location scouting"),
    "tutoring": ("Tutoraggio", "Tutoring"),
    "aftercare": ("Aftercare", "Aftercare"),
    "promotion": ("Promozione e lead generation", "Promotion and lead generation"),
})


class Role(LabelledEnum):
    PROJECT_TUTOR = "project_tutor"
    REGIONAL_TUTOR = "regional_tutor"
    COORDINATOR = "coordinator"


_labels(Role, {
    "project_tutor": ("Tutor di progetto", "Project tutor"),
    "regional_tutor": ("Tutor regionale", "Regional tutor"),
    "coordinator": ("Coordinatore", "Coordinator"),
})


class ConflictKind(LabelledEnum):
    """What a conflict record is about (see the sync protocol, DESIGN §5.3-5.5)."""

    FIELD = "field"
    DELETE_EDIT = "delete_edit"
    REJECTED = "rejected"


_labels(ConflictKind, {
    "field": ("Modifica concorrente", "Concurrent edit"),
    "delete_edit": ("Eliminazione e modifica concorrenti", "Delete against an edit"),
    "rejected": ("Modifica rifiutata dal server", "Change refused by the server"),
})
