"""Recorded events that are not acts on an instrument: decisions admitting a state, an
associate status, a recall from the statutory bodies, an appointment. They are kept as dated,
sourced facts now; the councils (bodies, memberships, posts) will give them their effect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.provenance import UNKNOWN, Provenance


class EventKind(StrEnum):
    ADMISSION = "admission"  # a body's decision admitting a state
    ASSOCIATE_MEMBERSHIP = "associate-membership"
    OBSERVER_STATUS = "observer-status"  # by decision of the Council of Heads of State
    WITHDRAWAL_FROM_BODY = "withdrawal-from-body"  # leaving one organ, not the treaty
    RECALL_FROM_BODIES = "recall-from-bodies"  # de facto non-participation (Ukraine, 2018)
    MEMBERSHIP_ENDS = "membership-ends"
    APPOINTMENT = "appointment"
    CHAIRMANSHIP = "chairmanship"
    DECISION = "decision"
    # A parliament's refusal to ratify (Azerbaijan, October 1992): no act on the
    # instrument, but it ends the state's participation until it consents.
    RATIFICATION_REFUSED = "ratification-refused"
    # A step that is not yet a legal act on an instrument: a government's approval, a
    # reading in parliament, a decree announcing a withdrawal whose notice is not known.
    DOMESTIC_PROCEDURE = "domestic-procedure"
    STATEMENT = "statement"  # a declaration or note with no effect the register computes


class Precision(StrEnum):
    """How much of an event's date the sources give."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    def show(self, day: date) -> str:
        """The date as far as it is known: "1992-10" for October 1992."""
        return {Precision.DAY: day.isoformat(), Precision.MONTH: day.isoformat()[:7],
                Precision.YEAR: str(day.year)}[self]


@dataclass(frozen=True, slots=True)
class Event:
    """A dated fact about participants, persons or bodies, with its source."""

    day: date
    kind: EventKind
    text: str
    participants: tuple[str, ...] = ()
    person: str | None = None
    instruments: tuple[str, ...] = ()
    provenance: Provenance = UNKNOWN
    precision: Precision = Precision.DAY

    @property
    def shown_date(self) -> str:
        return self.precision.show(self.day)
