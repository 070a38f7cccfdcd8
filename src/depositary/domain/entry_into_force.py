"""General entry into force: the date an instrument's own clause gives (VCLT 24(1)-(2))."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from depositary.domain.clauses import (
    AllPartiesOf,
    AllSignatories,
    AnyOf,
    EntryIntoForce,
    NamedParticipants,
    OnDate,
    OnSignature,
    Threshold,
)
from depositary.domain.status import Reason

# Who was a party to an instrument on a date: the engine asks this of the register for
# clauses that refer to another instrument (unanimity amendments).
PartiesOf = Callable[[str, date], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Consent:
    """An instrument of consent as counted for entry into force: who, when received, and
    when (if ever) its withdrawal took effect."""

    participant: str
    received: date
    act: str
    ends: date | None = None

    def counts_on(self, day: date) -> bool:
        return self.received <= day and (self.ends is None or day < self.ends)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the general entry-into-force rules read."""

    consents: Sequence[Consent]  # sorted by receipt
    signatories: frozenset[str]
    adopted: date | None
    parties_of: PartiesOf | None


@dataclass(frozen=True, slots=True)
class Outcome:
    day: date | None
    reason: Reason | None
    still_needed: Callable[[date], int | None]


def general_entry_into_force(rule: EntryIntoForce | None, facts: Facts) -> Outcome:
    """The general entry-into-force date under `rule`, with its reason.

    A missing rule means each participant is bound from its own consent (the Alma-Ata
    Protocol), so the instrument is in force from the first consent.
    """
    if rule is None:
        first = facts.consents[0] if facts.consents else None
        if first is None:
            return Outcome(None, None, lambda _day: 1)
        reason = Reason(
            f"no entry-into-force clause: binds each participant from its own consent; "
            f"first consent received {first.received.isoformat()}",
            (first.act,), "VCLT 24(2)",
        )
        return Outcome(first.received, reason, lambda day: 0 if day >= first.received else 1)
    return _EVALUATORS[type(rule)](rule, facts)


def _on_signature(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, OnSignature)
    if not facts.consents:
        return Outcome(None, None, lambda _day: 1)
    first = facts.consents[0]
    reason = Reason(
        f"{rule.describe()}: first binding signature {first.received.isoformat()}",
        (first.act,), "VCLT 24(2)",
    )
    return Outcome(first.received, reason, lambda day: 0 if day >= first.received else 1)


def _on_date(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, OnDate)
    reason = Reason(rule.describe(), (), "VCLT 24(1)")
    return Outcome(rule.day, reason, lambda _day: None)


def _threshold(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, Threshold)
    for index, consent in enumerate(facts.consents):
        day = consent.received
        # All instruments received on the trigger day count together.
        if index + 1 < len(facts.consents) and facts.consents[index + 1].received == day:
            continue
        counting = [c for c in facts.consents if c.counts_on(day)]
        members = frozenset(c.participant for c in counting)
        if len(members) < rule.count:
            continue
        if rule.share is not None and rule.share.held(members) < rule.share.percent:
            continue
        trigger = [c for c in counting if c.received == day][-1]
        text = f"{rule.describe()}: {len(members)} instruments by {day.isoformat()}"
        if rule.share is not None:
            text += f", holding {rule.share.held(members):.2f}% of the {rule.share.label}"
        start = rule.delay.apply(day)
        text += f"; in force {start.isoformat()}"
        return Outcome(start, Reason(text, (trigger.act,), "VCLT 24(1)"), _needed(rule, facts))
    return Outcome(None, None, _needed(rule, facts))


def _needed(rule: Threshold, facts: Facts) -> Callable[[date], int | None]:
    def still_needed(day: date) -> int | None:
        have = len({c.participant for c in facts.consents if c.counts_on(day)})
        return max(0, rule.count - have)

    return still_needed


def _all_of(
    rule: AllSignatories | NamedParticipants | AllPartiesOf, wanted: frozenset[str], facts: Facts
) -> Outcome:
    def missing(day: date) -> frozenset[str]:
        return wanted - {c.participant for c in facts.consents if c.counts_on(day)}

    last = None
    for consent in facts.consents:
        if consent.participant in wanted and not missing(consent.received):
            last = consent
            break
    if last is None or not wanted:
        return Outcome(None, None, lambda day: len(missing(day)) if wanted else None)
    start = rule.delay.apply(last.received)
    text = (
        f"{rule.describe()}: the last of {len(wanted)} instruments received "
        f"{last.received.isoformat()}; in force {start.isoformat()}"
    )
    return Outcome(start, Reason(text, (last.act,), "VCLT 24(1)"), lambda d: len(missing(d)))


def _all_signatories(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, AllSignatories)
    return _all_of(rule, facts.signatories, facts)


def _named(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, NamedParticipants)
    return _all_of(rule, frozenset(rule.participants), facts)


def _all_parties_of(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, AllPartiesOf)
    if facts.parties_of is None or facts.adopted is None:
        return Outcome(None, None, lambda _day: None)
    return _all_of(rule, facts.parties_of(rule.instrument, facts.adopted), facts)


def _any_of(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, AnyOf)
    outcomes = [general_entry_into_force(alt, facts) for alt in rule.alternatives]
    reached = [o for o in outcomes if o.day is not None]

    def still_needed(day: date) -> int | None:
        counts = [n for o in outcomes if (n := o.still_needed(day)) is not None]
        return min(counts) if counts else None

    if not reached:
        return Outcome(None, None, still_needed)
    first = min(reached, key=lambda o: o.day or date.max)
    assert first.reason is not None
    reason = Reason(
        f"first of alternatives: {first.reason.text}", first.reason.acts, first.reason.rule
    )
    return Outcome(first.day, reason, still_needed)


_EVALUATORS: dict[type, Callable[[EntryIntoForce, Facts], Outcome]] = {
    OnSignature: _on_signature,
    OnDate: _on_date,
    Threshold: _threshold,
    AllSignatories: _all_signatories,
    NamedParticipants: _named,
    AllPartiesOf: _all_parties_of,
    AnyOf: _any_of,
}
