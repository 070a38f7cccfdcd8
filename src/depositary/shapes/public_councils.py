"""The councils' answers as the API serves them: Pydantic `*Public` models.

Bodies, members, chairs, post holders, sessions and the Popolo document, each with its
fields in the JSON's own order. Builders are in councils.py and popolo.py.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from depositary.domain.bodies import Category
from depositary.domain.posts import Tenure
from depositary.domain.procedures import Position
from depositary.domain.provenance import Confidence
from depositary.shapes.public import CONFIDENCE, CONFLICTS, SOURCES, Public, since

FRACTION = "A share of the members, as a fraction (\"1/2\", \"2/3\")."


class ConsensusPublic(Public):
    kind: Literal["consensus"]
    quorum: str = Field(description=FRACTION)
    source: str = Field(description="The clause that sets the procedure.")


class UnanimityPublic(Public):
    kind: Literal["unanimity"]
    source: str


class MajorityPublic(Public):
    kind: Literal["majority"]
    threshold: str = Field(description=FRACTION)
    quorum: str = Field(description=FRACTION)
    source: str


class JointPublic(Public):
    """A decision one body takes in agreement with, or after consulting, others."""

    kind: Literal["joint"]
    decider: str
    in_agreement_with: list[str]
    in_consultation_with: list[str]
    window_days: int = Field(description="Days the consulted have to answer.")
    condition: str
    valid_until: date | None
    source: str


ProcedurePublic = Annotated[
    ConsensusPublic | UnanimityPublic | MajorityPublic | JointPublic,
    Field(discriminator="kind"),
]


class BodyPublic(Public):
    body: str = Field(description="The body's alias.")
    name: str
    founded_by: list[str] = Field(description="The aliases of its founding instruments.")
    procedures: dict[str, ProcedurePublic] = Field(
        description="How it decides, by kind of question.")
    chair_post: str | None


class SeatPublic(Public):
    """A person sitting for a member in the body's seat capacity."""

    person: str
    title: str
    from_: date | None = since()
    until: date | None = Field(description="Null while the period has not ended.")


class MemberPublic(Public):
    participant: str
    name: str
    category: Category
    participation: str
    reasons: list[str]
    confidence: Confidence | None = Field(description=CONFIDENCE)
    sources: list[str] = Field(description=SOURCES)
    conflicts: list[str] = Field(description=CONFLICTS)
    represented_by: list[SeatPublic]


class FormerMemberPublic(Public):
    participant: str
    reasons: list[str]


class MembersPublic(Public):
    """A body's members on a date, by category, and those who were members before it."""

    body: str
    as_of: date
    members: list[MemberPublic]
    former: list[FormerMemberPublic]


class HolderPublic(Public):
    person: str | None
    name: str | None
    held_by: Literal["person", "participant"]
    tenure: Tenure
    start: date | None
    end: date | None = Field(description="The end, where the record gives it.")
    ended_by: date | None = Field(description="The day the sources agree it had ended by, "
                                  "where they give no end.")
    end_unknown: bool
    on_behalf_of: str | None = Field(description="The participant it holds the post for.")
    co_chairs: list[str]
    decision: str = Field(description="The instrument or decision that appointed.")
    source: str
    confidence: Confidence
    note: str
    conflicts: list[str]


class HoldersPublic(Public):
    """Who holds a post on a date."""

    post: str
    name: str
    as_of: date
    holders: list[HolderPublic]


class ChairTermPublic(Public):
    """A chair's term: recorded (with the record's source), or given only by the rule."""

    participant: str | None = Field(description="Null where the record lacks the term.")
    start: date | None
    end: date | None
    co_chairs: list[str]
    reason: str
    recorded: bool
    status: Literal["recorded", "unknown", "by the rule, not recorded"]
    person_at_start: str | None
    source: str
    confidence: Confidence | None
    note: str
    conflicts: list[str]


class SessionChairPublic(Public):
    participant: str
    reason: str


class AttendancePublic(Public):
    participant: str
    person: str
    acting: bool


class StancePublic(Public):
    position: Position
    text: str


class DecisionPublic(Public):
    date: date
    adopted: bool
    bound: list[str] = Field(description="The members that agreed.")
    reasons: list[str]
    instrument: str | None


class DraftPublic(Public):
    motion: str
    title: str
    text: str = Field(description="The draft's text as put on the agenda; empty if none.")
    question: str
    positions: dict[str, StancePublic] = Field(description="By participant.")
    decision: DecisionPublic | None


class SessionPublic(Public):
    """A session with its drafts, the positions on them and the decisions."""

    session: str
    body: str
    date: date
    place: str
    chair: SessionChairPublic | None
    minutes: str
    attendance: list[AttendancePublic]
    drafts: list[DraftPublic]


class PopoloPublic(Public):
    """The councils as one Popolo document (popoloproject.com), valid against the bundled
    Popolo schemas, which describe its objects (docs/popolo.md has the mapping)."""

    persons: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    memberships: list[dict[str, Any]]
    events: list[dict[str, Any]] = Field(description="The sessions.")
    motions: list[dict[str, Any]] = Field(description="The drafts.")
    vote_events: list[dict[str, Any]] = Field(description="The decisions and positions.")
