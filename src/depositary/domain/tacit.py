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
from depositary.domain.periods import Period
from depositary.domain.phrases import say
from depositary.domain.status import Candidate, Reason, Status


def takes_effect(rule: TacitAcceptance, adopted: date | None) -> date | None:
    """The day it is deemed accepted and binds: stated, or a delay after its adoption."""
    if rule.day is not None:
        return rule.day
    return rule.delay.apply(adopted) if adopted is not None else None


def objections(acts: Sequence[Act], until: date) -> list[Act]:
    """The objections received in time: before the day it takes effect."""
    return [a for a in acts if a.kind is ActKind.OBJECTION_TO_INSTRUMENT and a.received < until]


# Each participant's periods in force under an instrument (consecutive ones merged): the
# engine asks this of the register, for when a party of the day stops being a party, and
# for the parties that join after the day.
BoundFrom = Callable[[str], Mapping[str, Sequence[Period]]]


def bound_without_consent(
    rule: TacitAcceptance, day: date | None, why: Reason | None, acts: Sequence[Act],
    parties_of: Callable[[str, date], frozenset[str]] | None,
    bound_from: BoundFrom | None = None,
) -> dict[str, list[Candidate]]:
    """Every party to the amended instrument on the day it takes effect, except those that
    objected where the treaty lets them: each bound from that day for as long as it stays
    a party. A state that becomes a party afterwards is a party to it as amended (VCLT
    40(5)): bound from its own day in force, for as long as it stays a party, unless it
    objected in time (an expression of a different intention). `bound_from` gives the
    periods; without it, the parties of the day are bound from the day, with no end."""
    if day is None or why is None or parties_of is None:
        return {}
    out = {a.participant for a in objections(acts, day)} if rule.opt_out else set()
    reason = Reason(say("a party to %(instrument)s on %(day)s, bound without a consent of its "
                        "own: %(reason)s", instrument=rule.instrument, day=day,
                        reason=why.said), (), why.rule, why.basis)
    periods = bound_from(rule.instrument) if bound_from is not None else {}
    found: dict[str, list[Candidate]] = {}
    for party in sorted(parties_of(rule.instrument, day) - out):
        end = next((p.end for p in periods.get(party, ()) if p.contains(day)), None)
        found[party] = [Candidate(Status.PARTY, day, end, (reason,), day)]
    for party, held in sorted(periods.items()):
        if party in out:
            continue
        for period in held:
            if period.start is None or period.start <= day:
                continue
            later = Reason(
                say("a party to %(instrument)s from %(start)s, after the amendment took effect "
                    "on %(day)s: a party to it as amended (VCLT 40(5))",
                    instrument=rule.instrument, start=period.start, day=day),
                (), "VCLT 40(5)", why.basis)
            found.setdefault(party, []).append(
                Candidate(Status.PARTY, period.start, period.end, (later,), period.start))
    return found
