"""The councils in the register format: bodies, posts, appointments, sessions, drafts,
positions and decisions (docs/data-format.md, docs/governance.md). Each becomes an entry
of the log and enters the register after the acts, in the log's order."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from depositary.domain.bodies import Body, MembershipRule
from depositary.domain.joint import JointProcedure
from depositary.domain.participants import Role
from depositary.domain.posts import Tenure
from depositary.domain.procedures import Consensus, Majority, Procedure, Unanimity
from depositary.domain.rotation import Declined, Override, Rotation
from depositary.domain.sessions import Decision
from depositary.formats.specs import Sourced, Spec, in_order


class ConsensusSpec(Spec):
    kind: Literal["consensus"]
    quorum: Fraction = Fraction(0)
    source: str = ""


class UnanimitySpec(Spec):
    kind: Literal["unanimity"]
    source: str = ""


class MajoritySpec(Spec):
    kind: Literal["majority"]
    threshold: Fraction = Fraction(1, 2)  # "1/2" simple, "2/3" qualified
    quorum: Fraction = Fraction(1, 2)
    source: str = ""


class JointSpec(Spec):
    kind: Literal["joint"]
    decider: str
    in_agreement_with: list[str] = []
    in_consultation_with: list[str] = []
    window_days: int = Field(0, ge=0)
    condition: str = ""
    valid_until: date | None = None
    source: str = ""


ProcedureSpec = Annotated[
    ConsensusSpec | UnanimitySpec | MajoritySpec | JointSpec, Field(discriminator="kind")
]


class MembershipSpec(Spec):
    founding: list[str]  # instrument aliases
    charter: str | None = None
    founding_source: str = ""
    charter_source: str = ""
    # Which reading of the charter's membership article the register applies, in words
    # shown with every member's reasons (docs/governance.md).
    charter_reading: str = ""


class OverrideSpec(Spec):
    start: date
    participant: str
    end: date | None = None
    decision: str = ""

    @model_validator(mode="after")
    def _term(self) -> OverrideSpec:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"the term ends ({self.end}) on or before it starts ({self.start})")
        return self


class DeclinedSpec(Spec):
    participant: str
    since: date
    source: str = ""


class RotationSpec(Spec):
    language: str = "ru"
    term_months: int = Field(12, ge=1)
    calendar_years: bool = False
    start: date | None = None
    overrides: list[OverrideSpec] = []
    co_chairs_from: date | None = None
    declined: list[DeclinedSpec] = []
    source: str = ""


class BodySpec(Sourced):
    alias: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    names: dict[str, str]
    founded_by: list[str] = []
    membership: MembershipSpec | None = None
    procedures: dict[str, ProcedureSpec] = {}
    rotation: RotationSpec | None = None
    chair_post: str | None = None
    seat: Role | None = None  # the capacity in which a person sits for each member


class RenamingSpec(Spec):
    since: date
    names: dict[str, str]


class PostSpec(Sourced):
    alias: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    names: dict[str, str]
    body: str | None = None
    single_holder: bool = True
    renamed: list[RenamingSpec] = []


class AppointmentSpec(Sourced):
    post: str
    person: str | None = None  # none: the participant `on_behalf_of` holds the post
    co_chairs: list[str] = []
    start: date | None = None
    end: date | None = None
    ended_by: date | None = None  # sources disagree on the end: it was over by this day
    end_unknown: bool = False  # no source gives the end: not "still in office"
    tenure: Tenure = Tenure.APPOINTED
    decision: str = ""
    on_behalf_of: str | None = None

    @model_validator(mode="after")
    def _period(self) -> AppointmentSpec:
        if self.person is None and self.on_behalf_of is None:
            raise ValueError("name the person appointed, or the participant (on_behalf_of)")
        if sum((self.end is not None, self.ended_by is not None, self.end_unknown)) > 1:
            raise ValueError(
                "give the appointment's end, or the day it had ended by, or end_unknown: one"
            )
        in_order(self.start, self.end or self.ended_by, "the appointment")
        return self


class AttendanceSpec(Spec):
    participant: str
    person: str
    acting: bool = False


class SessionSpec(Sourced):
    id: str
    body: str
    day: date = Field(alias="date")
    place: str = ""
    chair: str | None = None
    attendance: list[AttendanceSpec] = []
    minutes: str = ""
    members: list[str] | None = None  # the body's members on the day, as recorded


class MotionSpec(Spec):
    # The id names the instrument an adopted decision becomes (`decision-<id>`).
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    session: str
    title: str
    text: str = ""
    question: str = "default"


class PositionSpec(Spec):
    motion: str
    participant: str
    position: str
    text: str = ""
    person: str | None = None
    day: date | None = Field(None, alias="date")  # when given, if not at the session
    # A joint decision's position: the person's Ed25519 signature over the position's
    # canonical form without these two fields (verify checks it against the person's keys).
    signed_by: str | None = None
    signature: str | None = None


class ConsultationSpec(Spec):
    motion: str
    participant: str
    day: date = Field(alias="date")


class DecisionSpec(Spec):
    motion: str
    day: date = Field(alias="date")
    adopted: bool
    bound: list[str] = []
    reasons: list[str] = []
    instrument: str | None = None


def _procedure(spec: ConsensusSpec | UnanimitySpec | MajoritySpec | JointSpec) -> (
    Procedure | JointProcedure
):
    if isinstance(spec, ConsensusSpec):
        return Consensus(spec.quorum, spec.source)
    if isinstance(spec, UnanimitySpec):
        return Unanimity(spec.source)
    if isinstance(spec, MajoritySpec):
        return Majority(spec.threshold, spec.quorum, spec.source)
    return JointProcedure(
        spec.decider, tuple(spec.in_agreement_with), tuple(spec.in_consultation_with),
        spec.window_days, spec.condition, spec.valid_until, spec.source,
    )


def body_from(spec: BodySpec) -> Body:
    rule = spec.membership
    procedures = {key: _procedure(p) for key, p in spec.procedures.items()}
    procedures.setdefault("default", Consensus())
    rotation = spec.rotation
    return Body(
        alias=spec.alias, names=dict(spec.names), founded_by=tuple(spec.founded_by),
        membership=MembershipRule(
            tuple(rule.founding), rule.charter, rule.founding_source, rule.charter_source,
            rule.charter_reading,
        ) if rule else None,
        procedures=tuple(procedures.items()),
        rotation=Rotation(
            rotation.language, rotation.term_months, rotation.start,
            tuple(Override(o.start, o.participant, o.end, o.decision) for o in rotation.overrides),
            rotation.co_chairs_from, rotation.source, rotation.calendar_years,
            tuple(Declined(d.participant, d.since, d.source) for d in rotation.declined),
        ) if rotation else None,
        chair_post=spec.chair_post, seat=spec.seat, provenance=spec.provenance({}),
    )


def decision_payload(decision: Decision) -> dict[str, Any]:
    """A decision as its entry's payload."""
    payload: dict[str, Any] = {
        "motion": decision.motion, "date": decision.day.isoformat(),
        "adopted": decision.outcome.adopted, "bound": list(decision.outcome.bound),
        "reasons": list(decision.outcome.said),
    }
    if decision.instrument:
        payload["instrument"] = decision.instrument
    return payload
