"""Whether the depositary may register an act: the checks that come before the engine.

Each check names the rule it applies. An act that fails is rejected whole and changes
nothing (the register only appends acts that pass).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from depositary.domain.acts import (
    CONSENT_KINDS,
    EFFECTIVE_DATE_KINDS,
    NOTICE_KINDS,
    REFERRING_KINDS,
    SIGNATURE_KINDS,
    Act,
    ActKind,
)
from depositary.domain.clauses import ReservationRule
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument
from depositary.domain.participants import Participant, continued_record
from depositary.domain.status import Status


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why an act cannot be registered: the rule and a sentence a clerk can act on."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} [{self.rule}]"


class ActRejected(ValueError):
    """Raised when an act fails examination; carries every rejection found."""

    def __init__(self, act: Act, rejections: Sequence[Rejection]) -> None:
        self.act = act
        self.rejections = tuple(rejections)
        lines = "; ".join(str(r) for r in rejections)
        super().__init__(f"act {act.id} rejected: {lines}")


def examine(
    act: Act,
    instrument: Instrument,
    earlier: Sequence[Act],
    participants: Mapping[str, Participant],
    evaluation: Callable[[], Evaluation],
) -> list[Rejection]:
    """Every reason `act` cannot be registered on `instrument`, given the acts already
    registered and the engine's evaluation of them (asked for only when a check needs
    it); an empty list means admissible."""
    found: list[Rejection] = []
    participant = participants.get(act.participant)
    if participant is None:
        return [Rejection("register", f"unknown participant {act.participant!r}")]
    found += _dates(act, instrument, participant)
    found += _open_to(act, instrument)
    found += _clauses_allow(act, instrument)
    found += _duplicate(act, earlier)
    found += _reservation(act, instrument)
    # A continuator's record includes its predecessor's acts (rule 11).
    record = set(continued_record(participant.code, participants))
    found += _notice(act, instrument, evaluation, [a for a in earlier if a.participant in record])
    found += _reference(act, earlier)
    return found


def _dates(act: Act, instrument: Instrument, participant: Participant) -> list[Rejection]:
    found = []
    if act.received < act.dated:
        found.append(Rejection(
            "VCLT 16, 78",
            f"received {act.received} before the date on the document, {act.dated}",
        ))
    if instrument.adopted is not None and act.dated < instrument.adopted:
        found.append(Rejection(
            "VCLT 10",
            f"dated {act.dated}, before the instrument was adopted on {instrument.adopted}",
        ))
    if act.effective is not None and act.kind not in EFFECTIVE_DATE_KINDS:
        found.append(Rejection(
            "register", f"a {act.kind.label} takes effect on receipt; it cannot state a date"
        ))
    # A state that no longer exists cannot act; its continuator or successors act instead.
    for label, day in (("dated", act.dated), ("received", act.received)):
        if act.kind is not ActKind.CEASED and not participant.exists_on(day):
            span = participant.existence
            found.append(Rejection(
                "VCLT 6; state succession",
                f"{participant.code} did not exist on {day} ({label}); it existed "
                f"from {span.start or 'time immemorial'} until {span.end or 'now'}",
            ))
            break
    return found


def _open_to(act: Act, instrument: Instrument) -> list[Rejection]:
    open_to = instrument.clauses.participation.open_to
    if open_to is None or act.participant in open_to:
        return []
    if act.kind in CONSENT_KINDS or act.kind in SIGNATURE_KINDS:
        return [Rejection(
            "VCLT 15; the instrument's participation clause",
            f"{instrument.alias} is open only to {', '.join(open_to)}; "
            f"{act.participant} cannot {act.kind.label.replace('ion', 'e')} it",
        )]
    return []


def _clauses_allow(act: Act, instrument: Instrument) -> list[Rejection]:
    clauses = instrument.clauses
    if act.kind in NOTICE_KINDS and not clauses.withdrawal.allowed:
        return [Rejection(
            "VCLT 56(1)",
            f"{instrument.alias} admits no withdrawal or denunciation; "
            f"{act.participant}'s notice cannot be registered",
        )]
    if act.kind is ActKind.ACCESSION and not clauses.participation.accession:
        return [Rejection(
            "VCLT 15", f"{instrument.alias} is not open to accession; {act.participant} "
            "can become a party only by signature and ratification",
        )]
    return []


def _duplicate(act: Act, earlier: Sequence[Act]) -> list[Rejection]:
    for other in earlier:
        if other.id == act.id:
            return [Rejection("register", f"an act with id {act.id!r} is already registered")]
        same = (other.participant, other.kind, other.dated, other.received, other.refers_to)
        if same == (act.participant, act.kind, act.dated, act.received, act.refers_to):
            return [Rejection(
                "register",
                f"duplicate of act {other.id}: the same {act.kind.label} by {act.participant} "
                f"dated {act.dated}, received {act.received}",
            )]
    return []


def _reservation(act: Act, instrument: Instrument) -> list[Rejection]:
    if act.kind is not ActKind.RESERVATION:
        return []
    policy = instrument.clauses.reservations
    if policy.rule is ReservationRule.PROHIBITED:
        return [Rejection(
            "VCLT 19(a)", f"{instrument.alias} prohibits reservations; {act.id} cannot be made"
        )]
    if policy.rule is ReservationRule.LISTED and act.refers_to not in policy.permitted:
        return [Rejection(
            "VCLT 19(b)",
            f"{instrument.alias} permits reservations only to {', '.join(policy.permitted)}; "
            f"this one is to {act.refers_to or 'no stated article'}",
        )]
    return []


def _notice(
    act: Act,
    instrument: Instrument,
    evaluation: Callable[[], Evaluation],
    record: Sequence[Act],
) -> list[Rejection]:
    if act.kind in NOTICE_KINDS:
        row = evaluation().status_on(act.participant, act.received)
        bound = {Status.CONTRACTING, Status.PARTY, Status.PROVISIONALLY_APPLYING}
        if row is None or row.status not in bound:
            status = row.status.value if row else Status.NOT_INVOLVED.value
            return [Rejection(
                "VCLT 54, 56",
                f"{act.participant} is {status} on {act.received}: only a party or a "
                f"contracting participant can give notice of {act.kind.label}",
            )]
    consent = act.kind in CONSENT_KINDS or (
        act.kind is ActKind.SIGNATURE
        and instrument.clauses.signature_binds_participant(act.participant)
    )
    # Only a participant that has consented before needs the engine's view of it.
    has_consented = any(a.kind in CONSENT_KINDS for a in record)
    if consent and has_consented:
        row = evaluation().status_on(act.participant, act.received)
        if row is not None and row.status in {Status.CONTRACTING, Status.PARTY}:
            return [Rejection(
                "VCLT 11",
                f"{act.participant} already consented to be bound "
                f"(status {row.status.value} on {act.received})",
            )]
    return []


def _reference(act: Act, earlier: Sequence[Act]) -> list[Rejection]:
    if act.kind not in REFERRING_KINDS:
        return []
    if act.refers_to is None:
        return [Rejection("register", f"a {act.kind.label} must name the act it refers to")]
    if act.kind is ActKind.ACCESSION_CONSENT:
        return []
    if not any(a.id == act.refers_to for a in earlier):
        return [Rejection(
            "register", f"{act.kind.label} refers to {act.refers_to!r}, which is not registered"
        )]
    return []
