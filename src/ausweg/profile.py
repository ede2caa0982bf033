"""The person ausweg advises: the fixed input contract of `assess`.

Every answer may be `unknown`, and unknown is never read as "no". The field names below are a
public contract (CLI, API, scenario files, knowledge conditions): add fields, never rename them.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ausweg.countries import normalise_country_code


class Answer(str, Enum):
    yes = "yes"
    no = "no"
    unknown = "unknown"


class PassportState(str, Enum):
    valid = "valid"
    expired = "expired"
    none = "none"
    unknown = "unknown"


class MilitaryStatus(str, Enum):
    none = "none"
    draft_eligible = "draft_eligible"
    mobilized = "mobilized"
    serving = "serving"
    deserter = "deserter"
    unknown = "unknown"


class Activity(str, Enum):
    anti_war_protest = "anti_war_protest"
    journalist = "journalist"
    human_rights = "human_rights"
    opposition = "opposition"
    civil_society = "civil_society"
    lgbt_activism = "lgbt_activism"
    other = "other"


class PublicProfile(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"
    unknown = "unknown"


class Arrival(str, Enum):
    consulate = "consulate"
    border = "border"
    unknown = "unknown"


CountryCode = Annotated[str, Field(min_length=2, max_length=2, examples=["RU", "AM"])]


def _country_list(values: list[str]) -> list[str]:
    return [normalise_country_code(value) for value in values]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Documents(_Part):
    internal_passport: Answer = Answer.unknown
    international_passport: PassportState = PassportState.unknown


class Military(_Part):
    status: MilitaryStatus = MilitaryStatus.unknown
    took_part_in_war: Answer = Answer.unknown


class Persecution(_Part):
    criminal_case: Answer = Answer.unknown
    wanted_by_origin: Answer = Answer.unknown
    evidence: Answer = Answer.unknown
    activities: list[Activity] = Field(default_factory=list)
    public_profile: PublicProfile = PublicProfile.unknown


class Family(_Part):
    children_travelling: int | None = Field(default=None, ge=0, le=30)
    relatives_in: list[CountryCode] = Field(default_factory=list)
    right_of_return_to: list[CountryCode] = Field(
        default_factory=list, description="countries whose citizenship the person may claim by descent (e.g. IL)"
    )

    _codes = field_validator("relatives_in", "right_of_return_to")(_country_list)


class Opportunities(_Part):
    job_offer_in: list[CountryCode] = Field(default_factory=list)
    study_admission_in: list[CountryCode] = Field(default_factory=list)
    languages: list[Annotated[str, Field(min_length=2, max_length=3, pattern=r"^[a-z]{2,3}$")]] = Field(
        default_factory=list
    )
    higher_education: Answer = Answer.unknown
    diploma_apostilled: Answer = Answer.unknown

    _codes = field_validator("job_offer_in", "study_admission_in")(_country_list)


class Support(_Part):
    ngo: Answer = Answer.unknown
    lawyer: Answer = Answer.unknown


class Intent(_Part):
    asylum: Answer = Answer.unknown
    arrival: Arrival = Arrival.unknown


class Profile(_Part):
    """A person's situation. Construct with `Profile.model_validate(data)`."""

    citizenship: list[CountryCode] = Field(default_factory=lambda: ["RU"], min_length=1)
    location: CountryCode | None = None
    documents: Documents = Field(default_factory=Documents)
    military: Military = Field(default_factory=Military)
    persecution: Persecution = Field(default_factory=Persecution)
    lgbt: Answer = Answer.unknown
    family: Family = Field(default_factory=Family)
    opportunities: Opportunities = Field(default_factory=Opportunities)
    support: Support = Field(default_factory=Support)
    intent: Intent = Field(default_factory=Intent)

    _codes = field_validator("citizenship")(_country_list)

    @field_validator("location")
    @classmethod
    def _location(cls, value: str | None) -> str | None:
        return None if value is None else normalise_country_code(value)
