"""The knowledge format: one explicit schema for every YAML file under `knowledge/`.

Every file names its schema (`schema: ausweg.knowledge/1`) and holds up to four lists:
`sources`, `facts`, `figures` and `organisations`. Nothing is guessed from a file's shape.

A **fact** is a dated statement about one or more countries: its `kind` says what part of an
answer it feeds (entry, a pathway, a risk, advice...), its `states` say what held when, each
state with its own citations (source id + verbatim quote + who said it).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

from ausweg.dates import FuzzyDate
from ausweg.knowledge.conditions import Condition

KNOWLEDGE_SCHEMA = "ausweg.knowledge/1"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
MAX_QUOTE_CHARS = 320


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(_Strict):
    """User-facing text: English and Russian required, German welcome."""

    en: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    de: str | None = None

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.en


# --- sources and citations -------------------------------------------------------------------


class SourceKind(str, Enum):
    news = "news"
    official = "official"
    ngo = "ngo"
    dataset = "dataset"
    statistic = "statistic"


class Source(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    kind: SourceKind
    publisher: str
    title: str
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 language of the text quoted")
    published: FuzzyDate = Field(description="as precise as known: 2025, 2025-09 or 2025-09-06")
    url: HttpUrl | None = None
    translated_from: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    seed_file: str | None = Field(default=None, description="file name under ../shared/seeds")
    licence: str | None = None
    note: str | None = None


class Citation(_Strict):
    """A verbatim quote from a source, and the chain of who said it and who reported it."""

    source: str = Field(pattern=ID_PATTERN)
    quote: str = Field(min_length=8, max_length=MAX_QUOTE_CHARS)
    said_by: str = Field(min_length=2, description="who made the statement, e.g. an office or a minister")
    reported_by: list[str] = Field(
        default_factory=list, description="the chain of media that passed it on, nearest first"
    )


# --- facts ----------------------------------------------------------------------------------


class FactKind(str, Enum):
    entry_document = "entry_document"  # which document lets a person in (internal passport...)
    entry_ban = "entry_ban"  # a ban on entering, for the people the condition names
    visa_application = "visa_application"  # where and whether visas can be applied for
    pathway = "pathway"  # a way to stay legally: its status over time
    risk = "risk"  # something that can go wrong there, with its level
    indicator = "indicator"  # what raises or lowers the chances of a pathway
    advice = "advice"  # what counselors advise
    judgment = "judgment"  # an expert's overall verdict on a destination for some people
    context = "context"  # background worth citing, with no direct effect on an answer


STATE_VALUES: dict[FactKind, tuple[str, ...]] = {
    FactKind.entry_document: ("accepted", "not_accepted"),
    FactKind.entry_ban: ("in_force", "lifted"),
    FactKind.visa_application: ("open", "restricted", "suspended"),
    FactKind.pathway: ("available", "suspended", "closed", "individual_review", "not_eligible"),
    FactKind.risk: ("low", "medium", "high"),
    FactKind.indicator: ("raises_chances", "lowers_chances", "informs"),
    FactKind.advice: ("in_force", "withdrawn"),
    FactKind.judgment: ("recommended", "possible", "difficult", "risky", "not_realistic"),
    FactKind.context: ("in_force", "ended"),
}


class StatementKind(str, Enum):
    official_decision = "official_decision"
    reported_practice = "reported_practice"
    expert_estimate = "expert_estimate"
    single_case = "single_case"


class Document(str, Enum):
    internal_passport = "internal_passport"
    international_passport = "international_passport"


class PathwayKind(str, Enum):
    visa_free_stay = "visa_free_stay"
    tourist_visa = "tourist_visa"
    work_visa = "work_visa"
    study_visa = "study_visa"
    family_visa = "family_visa"
    humanitarian_visa = "humanitarian_visa"
    asylum = "asylum"
    special_program = "special_program"
    residence_permit = "residence_permit"


class RiskKind(str, Enum):
    extradition = "extradition"
    detention = "detention"
    family_separation = "family_separation"
    deportation = "deportation"
    entry_ban = "entry_ban"
    consular_refusal = "consular_refusal"
    policy_volatility = "policy_volatility"


class VisaType(str, Enum):
    tourist = "tourist"
    study = "study"
    work = "work"
    family = "family"
    humanitarian = "humanitarian"
    national_d = "national_d"


class Post(_Strict):
    """A consulate or embassy where applications are taken."""

    country: str = Field(min_length=2, max_length=2)
    city: str


class State(_Strict):
    """What a fact said during one period. `from`/`until` are inclusive and as precise as the source."""

    from_: FuzzyDate | Literal["unknown"] = Field(alias="from")
    not_before: FuzzyDate | None = Field(
        default=None, description="with from: unknown, the earliest date the sources allow"
    )
    until: FuzzyDate | None = None
    value: str
    summary: Text | None = Field(default=None, description="what changed in this period, if not the fact's summary")
    posts: list[Post] = Field(default_factory=list, description="visa_application: where applications are taken")
    citations: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _unknown_start_is_bounded(self) -> State:
        if self.from_ == "unknown" and (self.not_before is None or self.until is None):
            raise ValueError("a state with from: unknown needs both not_before and until")
        return self


class Fact(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    countries: list[str] = Field(min_length=1, description="ISO alpha-2 codes the fact is about")
    area: str | None = Field(default=None, description="the group the source names, e.g. 'Baltic states'")
    kind: FactKind
    statement: StatementKind
    applies_to: Condition | None = Field(default=None, description="whom it concerns; absent: everyone")
    summary: Text
    document: Document | None = None
    pathway: PathwayKind | None = None
    risk: RiskKind | None = None
    visa_types: list[VisaType] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list, description="ids of figures that quantify it")
    conflicts_with: list[str] = Field(default_factory=list, description="facts whose sources disagree")
    states: list[State] = Field(min_length=1)


# --- figures and organisations --------------------------------------------------------------


class Qualifier(str, Enum):
    exact = "exact"
    about = "about"
    more_than = "more_than"
    at_most = "at_most"
    range = "range"


class Unit(str, Enum):
    people = "people"
    percent = "percent"
    cases = "cases"
    visas = "visas"
    entry_bans = "entry_bans"
    days = "days"


class FigureTopic(str, Enum):
    emigration = "emigration"
    asylum = "asylum"
    visas = "visas"
    desertion = "desertion"
    entry_bans = "entry_bans"
    ngo_clients = "ngo_clients"
    deportation = "deportation"


class Period(_Strict):
    from_: FuzzyDate | None = Field(default=None, alias="from")
    until: FuzzyDate | None = None


class Figure(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    what: Text
    topic: FigureTopic
    countries: list[str] = Field(default_factory=list, description="where it counts")
    qualifier: Qualifier
    value: float | None = None
    low: float | None = None
    high: float | None = None
    value_text: Text = Field(description="the figure as the source phrases it")
    unit: Unit
    period: Period = Field(default_factory=Period)
    citations: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _numbers_fit_qualifier(self) -> Figure:
        if self.qualifier is Qualifier.range:
            if self.high is None or self.value is not None:
                raise ValueError("a range figure has high (and low where the source gives one), not value")
            if self.low is not None and self.low > self.high:
                raise ValueError(f"low {self.low} is above high {self.high}")
        elif self.value is None or self.low is not None or self.high is not None:
            raise ValueError(f"a {self.qualifier.value} figure has value, not low/high")
        return self


class Organisation(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    what: Text
    for_whom: Text
    where: list[str] = Field(default_factory=list, description="countries it works in or from")
    url: HttpUrl | None = None
    citations: list[Citation] = Field(min_length=1)


class Topic(str, Enum):
    """What a destination's coverage is measured by (see `ausweg coverage`)."""

    entry = "entry"
    legal_stay = "legal_stay"
    asylum = "asylum"
    risks = "risks"
    changes = "changes"
    organisations = "organisations"


class OpenQuestion(_Strict):
    """Something a curator looked for and could not source: listed, never guessed."""

    id: str = Field(pattern=ID_PATTERN)
    countries: list[str] = Field(min_length=1)
    topic: Topic
    question: str = Field(min_length=10)
    searched: str | None = Field(default=None, description="where it was looked for, and when")


class KnowledgeFile(_Strict):
    schema_: Literal["ausweg.knowledge/1"] = Field(alias="schema")
    sources: list[Source] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)


# --- coverage of the seed articles ------------------------------------------------------------


class Paragraph(_Strict):
    n: int = Field(ge=1, description="1-based number of the paragraph (non-empty line) in the seed")
    starts: str = Field(min_length=10, description="the paragraph's first words, verbatim")
    ids: list[str] = Field(default_factory=list, description="facts, figures, orgs, sources capturing it")
    not_actionable: str | None = Field(default=None, description="why nothing in it is captured")

    @model_validator(mode="after")
    def _accounted_for(self) -> Paragraph:
        if bool(self.ids) == bool(self.not_actionable):
            raise ValueError(f"paragraph {self.n}: give either ids or not_actionable (exactly one)")
        return self


class SeedCoverage(_Strict):
    schema_: Literal["ausweg.seed-coverage/1"] = Field(alias="schema")
    source: str = Field(pattern=ID_PATTERN)
    seed_file: str
    paragraphs: list[Paragraph]
