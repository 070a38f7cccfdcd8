"""Joint decisions: a decider acting "in agreement with" named participants, whose
concurrence is required, and "in consultation with" others, who are notified and given a
window to answer but cannot block; optionally only while a condition holds.

The Agreement on Joint Measures regarding Nuclear Weapons of 21 December 1991, Art. 4:
until the weapons are eliminated from the territory of Belarus and Ukraine, "the decision
regarding the need to use such weapons shall be taken with the consent of the Heads of the
participating States of the Agreement by the President of the RSFSR" (по согласованию с).
The procedure is recorded and auditable; it decides nothing by itself.

Each position is signed by the person holding the relevant post on its date; the register
checks the signature and the office, and hands this module what it found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from depositary.domain.procedures import Outcome, Position


@dataclass(frozen=True, slots=True)
class JointProcedure:
    """Who decides, whose agreement is required, who is consulted, and for how long a
    consulted participant may answer."""

    decider: str
    in_agreement_with: tuple[str, ...] = ()
    in_consultation_with: tuple[str, ...] = ()
    window_days: int = 0
    condition: str = ""  # "until nuclear weapons are eliminated from BLR and UKR"
    valid_until: date | None = None  # the day the condition ceased to hold, once recorded
    source: str = ""
    kind: str = "joint"


@dataclass(frozen=True, slots=True)
class JointPosition:
    """A participant's signed position, as the register found it."""

    participant: str
    position: Position
    day: date
    signed_by: str  # the person
    signature_valid: bool  # the Ed25519 signature verifies over the position
    in_office: bool  # the person held the relevant post (head of state) on `day`


def authorise(
    procedure: JointProcedure, positions: Sequence[JointPosition],
    notified: Mapping[str, date], today: date,
) -> Outcome:
    """Authorised only when the decider and every required participant concurred with a
    valid signature by the person then in office, and every consulted participant was
    notified and answered or saw its window pass. Every failing condition is a reason."""
    cite = f" [{procedure.source}]" if procedure.source else ""
    reasons: list[str] = []
    if procedure.valid_until is not None and today >= procedure.valid_until:
        reasons.append(
            f"the procedure applied only {procedure.condition or 'while its condition held'}"
            f"; it ceased on {procedure.valid_until}"
        )
    by_participant: dict[str, JointPosition] = {}
    for p in positions:
        if not p.signature_valid:
            reasons.append(f"the signature of {p.signed_by} for {p.participant} does not verify")
        elif not p.in_office:
            reasons.append(
                f"{p.signed_by} did not hold the office that speaks for {p.participant} on {p.day}"
            )
        else:
            by_participant[p.participant] = p
    for required in (procedure.decider, *procedure.in_agreement_with):
        found = by_participant.get(required)
        role = "the decider" if required == procedure.decider else "a required participant"
        if found is None:
            reasons.append(f"no valid concurrence of {required} ({role})")
        elif not found.position.agrees:
            reasons.append(f"{required} ({role}) did not concur: {found.position.value}")
    for consulted in procedure.in_consultation_with:
        if consulted in by_participant:
            continue
        if consulted not in notified:
            reasons.append(f"{consulted} (consulted) has not been notified")
            continue
        closes = notified[consulted] + timedelta(days=procedure.window_days)
        if today < closes:
            reasons.append(
                f"the consultation window of {consulted} is open until {closes} "
                f"(notified {notified[consulted]}, {procedure.window_days} days)"
            )
    if reasons:
        return Outcome(False, tuple(r + cite for r in reasons))
    agreed = tuple(sorted(p for p, found in by_participant.items() if found.position.agrees))
    return Outcome(True, (
        f"joint decision: {procedure.decider} decided in agreement with "
        f"{', '.join(procedure.in_agreement_with) or 'no one'}"
        + (f", after consulting {', '.join(procedure.in_consultation_with)}"
           if procedure.in_consultation_with else "")
        + cite,
    ), agreed)
