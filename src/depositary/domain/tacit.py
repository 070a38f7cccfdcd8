"""Binding without individual consent (issue 15): an amendment in force by tacit
acceptance, or a decision of a treaty's organ, binds every party to the treaty it amends
on the day it takes effect, except the parties that objected (where the treaty lets them),
and not at all if enough of them objected in time (MARPOL 73/78 art. 16; SOLAS 1974
art. VIII; the Montreal Protocol's adjustments, art. 2(9)). The general date is decided
with the other rules (`entry_into_force._tacit`); here, the days and who is bound."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import TacitAcceptance
from depositary.domain.status import Candidate, Reason, Status


def takes_effect(rule: TacitAcceptance, adopted: date | None) -> date | None:
    """The day it is deemed accepted and binds: stated, or a delay after its adoption."""
    if rule.day is not None:
        return rule.day
    return rule.delay.apply(adopted) if adopted is not None else None


def objections(acts: Sequence[Act], until: date) -> list[Act]:
    """The objections received in time: before the day it takes effect."""
    return [a for a in acts if a.kind is ActKind.OBJECTION_TO_INSTRUMENT and a.received < until]


# Each participant's days of becoming bound by an instrument (the starts of its periods in
# force): the engine asks this of the register for the parties that join after the day.
BoundFrom = Callable[[str], Mapping[str, Sequence[date]]]


def bound_without_consent(
    rule: TacitAcceptance, day: date | None, why: Reason | None, acts: Sequence[Act],
    parties_of: Callable[[str, date], frozenset[str]] | None,
    bound_from: BoundFrom | None = None,
) -> dict[str, Candidate]:
    """Every party to the amended instrument on the day it takes effect, except those that
    objected where the treaty lets them: each bound from that day. A state that becomes a
    party to it afterwards is a party to it as amended (VCLT 40(5)): bound from its own
    first day in force after the day, where `bound_from` gives it."""
    if day is None or why is None or parties_of is None:
        return {}
    out = {a.participant for a in objections(acts, day)} if rule.opt_out else set()
    reason = Reason(f"a party to {rule.instrument} on {day.isoformat()}, bound without a "
                    f"consent of its own: {why.text}", (), why.rule, why.basis)
    of_the_day = parties_of(rule.instrument, day)
    found = {
        party: Candidate(Status.PARTY, day, None, (reason,), day)
        for party in sorted(of_the_day - out)
    }
    for party, starts in sorted((bound_from(rule.instrument) if bound_from else {}).items()):
        joined = min((start for start in starts if start > day), default=None)
        if party in of_the_day or joined is None:
            continue
        later = Reason(f"a party to {rule.instrument} from {joined.isoformat()}, after the "
                       f"amendment took effect on {day.isoformat()}: a party to it as "
                       "amended (VCLT 40(5))", (), "VCLT 40(5)", why.basis)
        found[party] = Candidate(Status.PARTY, joined, None, (later,), joined)
    return found
