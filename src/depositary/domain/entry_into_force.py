"""General entry into force: the date an instrument's own clause gives (VCLT 24(1)-(2))."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from depositary.domain.acts import Act
from depositary.domain.clauses import (
    AllPartiesOf,
    AllSignatories,
    AnyOf,
    Delay,
    EntryIntoForce,
    NamedParticipants,
    NotBefore,
    NotEstablished,
    OnDate,
    OnDateIf,
    OnSignature,
    Organisations,
    Recorded,
    TacitAcceptance,
    Threshold,
)
from depositary.domain.participants import Participant, ParticipantKind
from depositary.domain.phrases import Joined, Ordinal, Quote, Value, joined, say, say_n
from depositary.domain.status import Reason
from depositary.domain.tacit import objections, takes_effect

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
    kind: str  # the act's kind ("ratification"): what a threshold may count alone
    ends: date | None = None

    def counts_on(self, day: date) -> bool:
        return self.received <= day and (self.ends is None or day < self.ends)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the general entry-into-force rules read."""

    consents: Sequence[Consent]  # sorted by receipt
    signed: Mapping[str, date]  # each signatory's first signature
    adopted: date | None
    parties_of: PartiesOf | None
    later: Delay = field(default_factory=Delay)  # the clause for later participants
    # Who the participants are (a State or an organisation, an organisation's members):
    # what a threshold that counts organisations apart from States reads.
    participants: Mapping[str, Participant] = field(default_factory=dict)
    acts: Sequence[Act] = ()  # every act on the instrument: the objections among them


@dataclass(frozen=True, slots=True)
class Outcome:
    """The general date, its reason, and the trigger: the day the condition was met.
    Participants whose consent was received by the trigger are bound from the general
    date; those after it by the clause for later participants (VCLT 24(3))."""

    day: date | None
    reason: Reason | None
    still_needed: Callable[[date], int | None]
    trigger: date | None = None
    known: bool = True  # False: the register cannot say whether or when (NotEstablished)


def general_entry_into_force(rule: EntryIntoForce | None, facts: Facts) -> Outcome:
    """The general entry-into-force date under `rule`, with its reason.

    A missing rule means each participant is bound from its own consent (the Alma-Ata
    Protocol), so the instrument is in force from the first consent.
    """
    if rule is None:
        first = facts.consents[0] if facts.consents else None
        if first is None:
            return Outcome(None, None, lambda _day: 1)
        start = facts.later.apply(first.received)
        reason = Reason(
            say("no general entry-into-force clause: binds each participant %(delay)s its own "
                "consent; first consent received %(day)s", delay=facts.later.describe(),
                day=first.received),
            (first.act,), "VCLT 24(2)",
        )
        return Outcome(
            start, reason, lambda day: 0 if day >= first.received else 1, first.received
        )
    return _EVALUATORS[type(rule)](rule, facts)


def unknown(why: Reason) -> Outcome:
    """An entry into force the register cannot establish: no date, nothing countable."""
    return Outcome(None, why, lambda _day: None, known=False)


def _not_established(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, NotEstablished)
    return unknown(Reason(say("unknown: %(rule)s", rule=rule.describe()), (), "VCLT 24"))


def _on_signature(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, OnSignature)
    if not facts.consents:
        return Outcome(None, None, lambda _day: 1)
    first = facts.consents[0]
    reason = Reason(
        say("%(rule)s: first binding signature %(day)s", rule=rule.describe(),
            day=first.received),
        (first.act,), "VCLT 24(2)",
    )
    return Outcome(
        first.received, reason, lambda day: 0 if day >= first.received else 1, first.received
    )


def _on_date(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, OnDate)
    reason = Reason(rule.describe(), (), "VCLT 24(1)")
    return Outcome(rule.day, reason, lambda _day: None, rule.day)


def _recorded(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, Recorded)
    reason = Reason(rule.describe(), (), "VCLT 24(1)")
    return Outcome(rule.day, reason, lambda _day: None, rule.met or rule.day)


def _threshold(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, Threshold)
    counted = _threshold_counting(rule, facts, frozenset())
    doubtful = _doubtful_organisations(rule, facts)
    if not doubtful:
        return counted
    # An organisation whose members the register does not list: whether its instrument is
    # additional to theirs cannot be told. Where counting it or not gives the same date,
    # that is the date; where not, the date is unknown (never a guess).
    if counted.day == _threshold_counting(rule, facts, doubtful).day:
        return counted
    return unknown(Reason(
        say("unknown: %(rule)s; whether the instrument of %(organisations)s is additional to "
            "its member States' depends on who its members were, which the register does not "
            "list", rule=rule.describe(), organisations=", ".join(sorted(doubtful))),
        (), "VCLT 24(1)"))


def _threshold_counting(rule: Threshold, facts: Facts, left_out: frozenset[str]) -> Outcome:
    """The threshold's date, with the organisations `left_out` not counted."""
    if rule.counting.instruments:  # only instruments of the kinds counted, each on its day
        kinds = set(rule.counting.instruments)
        facts = replace(facts, consents=[c for c in facts.consents if c.kind in kinds])
    counting = _counting(rule, facts, left_out)
    required = _required(rule, facts)
    still_needed = _needed(rule, facts, counting, required)
    count_day: date | None = None
    for day, members in _consenting_by_day(facts.consents):
        counted, needed = counting(members, day), required(day)
        if needed is None:
            assert rule.fraction is not None
            return unknown(Reason(
                say("unknown: %(rule)s; the register does not know the parties to "
                    "%(instrument)s on the day they are counted", rule=rule.describe(),
                    instrument=rule.fraction.instrument), (), "VCLT 24(1)"))
        if len(counted) < needed or rule.counting.missing_included(counted):
            continue
        count_day = count_day or day
        if rule.share is not None and rule.share.held(counted) < rule.share.percent:
            continue
        trigger = [c for c in facts.consents if c.received == day][-1]
        start = rule.delay.apply(day)
        reason = Reason(_reached(rule, facts, count_day, day, counted, needed, start),
                        (trigger.act,), "VCLT 24(1)")
        return Outcome(start, reason, still_needed, day)
    return Outcome(None, None, still_needed)


def _reached(rule: Threshold, facts: Facts, count_day: date, day: date,
             counted: frozenset[str], needed: int, start: date) -> Joined:
    """Why a threshold was reached: the day of the count and, where a share came later,
    the day of the share; how many counted, and of how many needed (of how many parties,
    for a fraction)."""
    parts: list[Value] = [rule.describe(), ": "]
    fraction, parties_of = rule.fraction, facts.parties_of
    if fraction is not None and parties_of is not None:
        counted_on = facts.adopted if fraction.at_adoption and facts.adopted else count_day
        parties = len(parties_of(fraction.instrument, counted_on))
        parts += [say_n("%(needed)d needed of %(parties)d party on %(day)s",
                        "%(needed)d needed of %(parties)d parties on %(day)s", parties,
                        needed=needed, parties=parties, day=counted_on), "; "]
    parts.append(say("the %(nth)s received %(day)s", nth=Ordinal(needed), day=count_day))
    held = format(rule.share.held(counted), ".2f") if rule.share is not None else ""
    if rule.share is not None and day != count_day:
        parts += ["; ", say("%(percent)s%% of the %(share)s reached %(day)s (%(n)d by that day)",
                            percent=held, share=Quote(rule.share.label), day=day,
                            n=len(counted))]
    else:
        if len(counted) > needed:
            parts.append(say(" (%(n)d by that day)", n=len(counted)))
        if rule.share is not None:
            parts.append(say(", holding %(percent)s%% of the %(share)s", percent=held,
                             share=Quote(rule.share.label)))
    return joined(*parts, "; ", say("in force %(day)s", day=start))


# Of the participants whose consent counts on a day, those a threshold counts.
CountedBy = Callable[[frozenset[str], date], frozenset[str]]


def _counting(rule: Threshold, facts: Facts, left_out: frozenset[str]) -> CountedBy:
    organisations = rule.counting.organisations
    eligible = _eligible(rule, facts)
    if organisations is Organisations.COUNTED and not left_out and eligible is None:
        return lambda members, _day: members

    def counted(members: frozenset[str], day: date) -> frozenset[str]:
        found = set()
        for code in members if eligible is None else members & eligible:
            known = facts.participants.get(code)
            if known is None or known.kind is not ParticipantKind.ORGANISATION:
                found.add(code)  # a State
            elif code in left_out or organisations is Organisations.NOT_COUNTED:
                continue
            elif organisations is Organisations.COUNTED or not known.members_on(day) & members:
                found.add(code)  # not additional: none of its members' instruments counts
        return frozenset(found)

    return counted


def _eligible(rule: Threshold, facts: Facts) -> frozenset[str] | None:
    """Whose instruments may count at all: counted on the adoption, only the parties of
    that day ("acceptance of three-fourths of those parties that were parties at the time
    of the adoption", Basel decision BC-10/3); anyone otherwise (None)."""
    fraction = rule.fraction
    if fraction is None or not fraction.at_adoption or facts.parties_of is None or (
            facts.adopted is None):
        return None
    return facts.parties_of(fraction.instrument, facts.adopted)


def _doubtful_organisations(rule: Threshold, facts: Facts) -> frozenset[str]:
    """The organisations that consented and whose members the register does not list,
    where the threshold counts an organisation only as not additional to its members."""
    if rule.counting.organisations is not Organisations.NOT_ADDITIONAL:
        return frozenset()
    return frozenset(
        c.participant for c in facts.consents
        if (known := facts.participants.get(c.participant)) is not None
        and known.kind is ParticipantKind.ORGANISATION and not known.members
    )


def _required(rule: Threshold, facts: Facts) -> Callable[[date], int | None]:
    """The instruments needed on a day: the count, or the fraction of the other
    instrument's parties (on its adoption, or on that day); None where not known."""
    fraction, parties_of, adopted = rule.fraction, facts.parties_of, facts.adopted
    if fraction is None:
        return lambda _day: rule.count
    if parties_of is None or (fraction.at_adoption and adopted is None):
        return lambda _day: None
    if fraction.at_adoption:
        assert adopted is not None
        fixed = fraction.needed(len(parties_of(fraction.instrument, adopted)))
        return lambda _day: fixed
    return lambda day: fraction.needed(len(parties_of(fraction.instrument, day)))


def _consenting_by_day(consents: Sequence[Consent]) -> Iterator[tuple[date, frozenset[str]]]:
    """For each day on which an instrument was received, the participants whose consent
    counted at the end of that day (withdrawals that had taken effect removed)."""
    active: Counter[str] = Counter()
    ending = sorted((c.ends, c.participant) for c in consents if c.ends is not None)
    next_end = 0
    for index, consent in enumerate(consents):
        active[consent.participant] += 1
        # All instruments received on the same day count together.
        if index + 1 < len(consents) and consents[index + 1].received == consent.received:
            continue
        while next_end < len(ending) and ending[next_end][0] <= consent.received:
            active[ending[next_end][1]] -= 1
            next_end += 1
        yield consent.received, frozenset(p for p, n in active.items() if n > 0)


def _needed(rule: Threshold, facts: Facts, counting: CountedBy,
            required: Callable[[date], int | None]) -> Callable[[date], int | None]:
    def still_needed(day: date) -> int | None:
        members = frozenset(c.participant for c in facts.consents if c.counts_on(day))
        counted, needed = counting(members, day), required(day)
        if needed is None:
            return None
        missing = max(0, needed - len(counted), rule.counting.missing_included(counted))
        if rule.share is not None and rule.share.held(counted) < rule.share.percent:
            # The count may be reached while the share is not: at least one more is needed.
            missing = max(missing, 1)
        return missing

    return still_needed


def _all_of(
    rule: AllSignatories | NamedParticipants | AllPartiesOf,
    wanted: Callable[[date], frozenset[str]],
    facts: Facts,
) -> Outcome:
    """In force once every participant `wanted` on the day has consented."""

    def missing(day: date) -> frozenset[str]:
        return wanted(day) - {c.participant for c in facts.consents if c.counts_on(day)}

    def still_needed(day: date) -> int | None:
        return len(missing(day)) if wanted(day) else None

    last = next(
        (
            c for c in facts.consents
            if c.participant in wanted(c.received) and not missing(c.received)
        ),
        None,
    )
    if last is None:
        return Outcome(None, None, still_needed)
    start = rule.delay.apply(last.received)
    count = len(wanted(last.received))
    text = say_n("%(rule)s: the last of %(n)d instrument received %(day)s; in force %(start)s",
                 "%(rule)s: the last of %(n)d instruments received %(day)s; in force %(start)s",
                 count, rule=rule.describe(), n=count, day=last.received, start=start)
    reason = Reason(text, (last.act,), "VCLT 24(1)")
    return Outcome(start, reason, still_needed, last.received)


def _all_signatories(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, AllSignatories)

    # Those that had signed by the day: a later signature cannot undo an entry into force
    # already reached.
    def signatories(day: date) -> frozenset[str]:
        return frozenset(p for p, signed in facts.signed.items() if signed <= day)

    return _all_of(rule, signatories, facts)


def _named(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, NamedParticipants)
    named = frozenset(rule.participants)
    return _all_of(rule, lambda _day: named, facts)


def _all_parties_of(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, AllPartiesOf)
    # Whose consent it waits for cannot be told: unknown, never "not yet in force".
    if facts.parties_of is None:
        return unknown(Reason(say("unknown: %(rule)s; the register does not know the parties "
                                  "to %(instrument)s", rule=rule.describe(),
                                  instrument=rule.instrument), (), "VCLT 24(1)"))
    if facts.adopted is None:
        return unknown(Reason(say("unknown: %(rule)s; its date of adoption, on which they are "
                                  "counted, is not known", rule=rule.describe()),
                              (), "VCLT 24(1)"))
    parties = facts.parties_of(rule.instrument, facts.adopted)
    return _all_of(rule, lambda _day: parties, facts)


def _any_of(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, AnyOf)
    outcomes = [general_entry_into_force(alt, facts) for alt in rule.alternatives]
    if any(not o.known for o in outcomes):
        # An alternative the register cannot read could be met first: it cannot say.
        why = next((o.reason for o in outcomes if not o.known), None)
        return unknown(why or Reason(say("unknown"), (), "VCLT 24"))
    reached = [o for o in outcomes if o.day is not None]

    def still_needed(day: date) -> int | None:
        counts = [n for o in outcomes if (n := o.still_needed(day)) is not None]
        return min(counts) if counts else None

    if not reached:
        return Outcome(None, None, still_needed)
    first = min(reached, key=lambda o: o.day or date.max)
    assert first.reason is not None
    reason = Reason(say("first of alternatives: %(reason)s", reason=first.reason.said),
                    first.reason.acts, first.reason.rule)
    return Outcome(first.day, reason, still_needed, first.trigger)


def _not_before(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, NotBefore)
    met = general_entry_into_force(rule.rule, facts)
    if met.day is None or met.day >= rule.day or met.reason is None:
        return met
    reason = Reason(say("%(reason)s; not before %(day)s: in force %(day)s",
                        reason=met.reason.said, day=rule.day), met.reason.acts, met.reason.rule)
    return Outcome(rule.day, reason, met.still_needed, met.trigger)


def _on_date_if(rule: EntryIntoForce, facts: Facts) -> Outcome:
    assert isinstance(rule, OnDateIf)
    met = general_entry_into_force(rule.condition, facts)
    if not met.known:
        return met
    if met.trigger is None or met.reason is None:  # the condition not met yet
        return Outcome(None, None, met.still_needed)
    if met.trigger <= rule.day:
        # Met in time: in force on the day for all that consented by it.
        text = say("%(rule)s: the condition was met %(met)s, by %(day)s; in force %(day)s",
                   rule=rule.describe(), met=met.trigger, day=rule.day)
        start, trigger = rule.day, rule.day
    else:
        start, trigger = rule.otherwise.apply(met.trigger), met.trigger
        text = say("%(rule)s: the condition was met only %(met)s, after %(day)s; in force "
                   "%(start)s", rule=rule.describe(), met=met.trigger, day=rule.day,
                   start=start)
    return Outcome(start, Reason(text, met.reason.acts, "VCLT 24(1)"), met.still_needed,
                   trigger)


def _tacit(rule: EntryIntoForce, facts: Facts) -> Outcome:
    """On its day, unless the objections reached their threshold by then."""
    assert isinstance(rule, TacitAcceptance)
    day = takes_effect(rule, facts.adopted)
    if day is None or facts.parties_of is None:
        missing = (say("unknown: %(rule)s; the register does not know its adoption",
                       rule=rule.describe()) if day is None else
                   say("unknown: %(rule)s; the register does not know the parties to "
                       "%(instrument)s", rule=rule.describe(), instrument=rule.instrument))
        return unknown(Reason(missing, (), "VCLT 40"))
    objected = objections(facts.acts, day)
    objectors = {a.participant for a in objected}
    limit = rule.objections
    if rule.objections_fraction is not None:
        limit = rule.objections_fraction.needed(len(facts.parties_of(rule.instrument, day)))
    cited = tuple(a.id for a in objected)
    if limit is not None and len(objectors) >= limit:
        return Outcome(None, Reason(
            say("%(rule)s: %(n)d objected by %(day)s, at least %(limit)d needed to stop it; it "
                "does not enter into force", rule=rule.describe(), n=len(objectors), day=day,
                limit=limit), cited, "VCLT 40"),
            lambda _day: None)
    text = (say("%(rule)s: in force %(day)s", rule=rule.describe(), day=day) if limit is None
            else say("%(rule)s: in force %(day)s (%(n)d objected by then, fewer than "
                     "%(limit)d)", rule=rule.describe(), day=day, n=len(objectors), limit=limit))
    return Outcome(day, Reason(text, cited, "VCLT 40"), lambda _day: None, day)


_EVALUATORS: dict[type, Callable[[EntryIntoForce, Facts], Outcome]] = {
    OnSignature: _on_signature,
    OnDate: _on_date,
    Threshold: _threshold,
    AllSignatories: _all_signatories,
    NamedParticipants: _named,
    AllPartiesOf: _all_parties_of,
    AnyOf: _any_of,
    NotBefore: _not_before,
    OnDateIf: _on_date_if,
    Recorded: _recorded,
    TacitAcceptance: _tacit,
    NotEstablished: _not_established,
}
