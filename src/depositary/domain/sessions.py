"""Sessions of a body (Popolo `Event`), the drafts on their agenda (`Motion`), the
positions recorded on them (`Vote`) and the decisions taken (`VoteEvent` with its result)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from depositary.domain.procedures import Outcome, Stance
from depositary.domain.provenance import UNKNOWN, Provenance


@dataclass(frozen=True, slots=True)
class Attendance:
    """Who represented a member at a session, and whether in an acting capacity."""

    participant: str
    person: str
    acting: bool = False


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    body: str
    day: date
    place: str = ""
    chair: str | None = None  # the participant chairing, if recorded
    attendance: tuple[Attendance, ...] = ()
    minutes: str = ""
    # The body's members on the day, as the register gave them when the session was
    # recorded: positions and decisions are read against them, so a later act (a
    # withdrawal dated before the session) does not unmake a decision already taken.
    members: tuple[str, ...] | None = None
    provenance: Provenance = UNKNOWN


@dataclass(frozen=True, slots=True)
class Motion:
    """A draft decision on a session's agenda, and the kind of question it is (which
    chooses the body's procedure)."""

    id: str
    session: str
    title: str
    text: str = ""
    question: str = "default"


@dataclass(frozen=True, slots=True)
class RecordedPosition:
    motion: str
    participant: str
    stance: Stance
    person: str | None = None  # who stated it
    day: date | None = None  # when, if not at the session (a joint decision's concurrence)
    signed: bool = False  # carries its person's signature (checked on entry and by verify)


@dataclass(frozen=True, slots=True)
class Decision:
    """A motion decided: the outcome computed by the body's procedure and, if adopted,
    the instrument it became."""

    motion: str
    day: date
    outcome: Outcome
    instrument: str | None = None
