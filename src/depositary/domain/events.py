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


@dataclass(frozen=True, slots=True)
class Event:
    """A dated fact about participants, persons or bodies, with its source."""

    day: date
    kind: EventKind
    text: str
    participants: tuple[str, ...] = ()
    person: str | None = None
    instrument: str | None = None
    provenance: Provenance = UNKNOWN
