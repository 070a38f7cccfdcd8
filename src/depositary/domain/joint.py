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

from depositary.domain.phrases import Phrase, Quote, cited, joined, say, say_n
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
    reasons: list[Phrase] = []
    if procedure.valid_until is not None and today >= procedure.valid_until:
        # A separate call: the catalogs' extraction reads no call nested in another's.
        held = say("while its condition held")
        reasons.append(say("the procedure applied only %(condition)s; it ceased on %(day)s",
                           condition=Quote(procedure.condition) if procedure.condition else held,
                           day=procedure.valid_until))
    by_participant: dict[str, JointPosition] = {}
    for p in positions:
        if not p.signature_valid:
            reasons.append(say("the signature of %(person)s for %(participant)s does not verify",
                               person=p.signed_by, participant=p.participant))
        elif not p.in_office:
            reasons.append(say(
                "%(person)s did not hold the office that speaks for %(participant)s on %(day)s",
                person=p.signed_by, participant=p.participant, day=p.day))
        else:
            by_participant[p.participant] = p
    for required in (procedure.decider, *procedure.in_agreement_with):
        found = by_participant.get(required)
        decider = required == procedure.decider
        if found is None:
            reasons.append(
                say("no valid concurrence of %(participant)s (the decider)", participant=required)
                if decider else
                say("no valid concurrence of %(participant)s (a required participant)",
                    participant=required))
        elif not found.position.agrees:
            reasons.append(
                say("%(participant)s (the decider) did not concur: %(position)s",
                    participant=required, position=found.position.said)
                if decider else
                say("%(participant)s (a required participant) did not concur: %(position)s",
                    participant=required, position=found.position.said))
    for consulted in procedure.in_consultation_with:
        if consulted in by_participant:
            continue
        if consulted not in notified:
            reasons.append(say("%(participant)s (consulted) has not been notified",
                               participant=consulted))
            continue
        closes = notified[consulted] + timedelta(days=procedure.window_days)
        if today < closes:
            reasons.append(say_n(
                "the consultation window of %(participant)s is open until %(closes)s "
                "(notified %(notified)s, %(n)d day)",
                "the consultation window of %(participant)s is open until %(closes)s "
                "(notified %(notified)s, %(n)d days)",
                procedure.window_days, participant=consulted, closes=closes,
                notified=notified[consulted], n=procedure.window_days))
    if reasons:
        return Outcome(False, tuple(cited(r, procedure.source) for r in reasons))
    agreed = tuple(sorted(p for p, found in by_participant.items() if found.position.agrees))
    decided = [say("joint decision: %(decider)s decided", decider=procedure.decider)]
    if procedure.in_agreement_with:
        decided.append(say("in agreement with %(partners)s",
                           partners=", ".join(procedure.in_agreement_with)))
    if procedure.in_consultation_with:
        decided.append(say("after consulting %(consulted)s",
                           consulted=", ".join(procedure.in_consultation_with)))
    return Outcome(True, (cited(joined(*decided, separator=", "), procedure.source),),
                   agreed)
