"""Statuses of a participant for an instrument, as intervals with their reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.periods import Period
from depositary.domain.phrases import Phrase, Value
from depositary.domain.provenance import Confidence, Provenance, weakest


class Status(StrEnum):
    """The status of a participant for an instrument on a date (DESIGN.md §2)."""

    NOT_INVOLVED = "not-involved"
    SIGNATORY = "signatory"  # signed, not bound (VCLT 18 obligations only)
    CONTRACTING = "contracting"  # consented, not yet in force for it (VCLT 2(1)(f))
    PROVISIONALLY_APPLYING = "provisionally-applying"  # VCLT 25
    PARTY = "party"  # in force for it (VCLT 2(1)(g))
    # The register cannot say: the instrument's final clauses, or the participant's
    # consent, are not established. Never a guess presented as fact.
    UNKNOWN = "unknown"
    WITHDRAWING = "withdrawing"  # notice given, still bound (VCLT 56(2))
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"  # the instrument itself has terminated (VCLT 54, 59)
    CEASED = "ceased"  # the participant no longer exists

    @property
    def said(self) -> Phrase:
        """The status in a word, in any language (the catalog's context "status-word":
        depositary.locale.labels)."""
        return Phrase(self.value.replace("-", " "), context="status-word")

    @property
    def in_force(self) -> bool:
        """True if the instrument is in force for a participant with this status."""
        return self in {Status.PARTY, Status.WITHDRAWING}


# Where candidate statuses overlap, the stronger one shows: a party that gave notice is
# withdrawing; a contracting state applying provisionally is provisionally applying.
PRECEDENCE = {
    Status.SIGNATORY: 1,
    Status.CONTRACTING: 2,
    Status.PROVISIONALLY_APPLYING: 3,
    Status.PARTY: 4,
    # Above every status the unknown could be; below those a recorded act settles (a
    # withdrawal that took effect ends whatever the status was).
    Status.UNKNOWN: 5,
    Status.WITHDRAWING: 6,
    Status.WITHDRAWN: 7,
    Status.TERMINATED: 8,
    Status.CEASED: 9,
}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a status holds: a sentence (`said`, in any language: depositary.domain.phrases),
    the acts it rests on, the rule applied, and, where
    the rule is the instrument's own clause as the register reads it, where that reading
    comes from and how sure it is (`basis`)."""

    said: Value
    acts: tuple[str, ...] = ()
    rule: str = ""
    basis: Provenance | None = None

    @property
    def text(self) -> str:
        """The sentence in English."""
        return str(self.said)

    def __str__(self) -> str:
        return f"{self.text} [{self.rule}]" if self.rule else self.text


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a status rests on: the weakest confidence of the facts its reasons cite (the
    acts and the clause as read) and their sources."""

    confidence: Confidence = Confidence.UNVERIFIED
    sources: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()  # readings not chosen where the sources disagree

    @classmethod
    def of(cls, provenances: Iterable[Provenance]) -> Evidence:
        found = list(provenances)
        sources = tuple(dict.fromkeys(p.source for p in found if p.source))
        conflicts = tuple(dict.fromkeys(c for p in found for c in p.conflicts))
        return cls(weakest(p.confidence for p in found), sources, conflicts)


# Evidence not computed (a row stored before evidence was kept): unverified. Frozen, so one
# value serves every such row.
NO_EVIDENCE = Evidence()


def combine(evidence: Iterable[Evidence], provenances: Iterable[Provenance] = ()) -> Evidence:
    """What several statuses and facts together rest on: the weakest confidence and every
    source."""
    facts = [Provenance(source, e.confidence, conflicts=e.conflicts)
             for e in evidence for source in e.sources or ("",)]
    return Evidence.of([*facts, *provenances])


@dataclass(frozen=True, slots=True)
class StatusInterval:
    """One participant's status for one instrument during a period, with its reasons."""

    participant: str
    status: Status
    period: Period
    reasons: tuple[Reason, ...]
    in_force_from: date | None = None  # the participant's own entry-into-force date
    evidence: Evidence = NO_EVIDENCE


@dataclass(frozen=True, slots=True)
class Candidate:
    """A status that some act or clause claims for a period, before overlaps are resolved."""

    status: Status
    start: date
    end: date | None
    reasons: tuple[Reason, ...]
    in_force_from: date | None = None


def flatten(participant: str, candidates: Iterable[Candidate]) -> list[StatusInterval]:
    """Resolve overlapping candidates into consecutive intervals, the strongest status
    winning on each stretch of days."""
    live = [c for c in candidates if c.end is None or c.start < c.end]
    if not live:
        return []
    bounds = sorted({c.start for c in live} | {c.end for c in live if c.end is not None})
    intervals: list[StatusInterval] = []
    for i, start in enumerate(bounds):
        end = bounds[i + 1] if i + 1 < len(bounds) else None
        covering = [c for c in live if c.start <= start and (c.end is None or start < c.end)]
        if not covering:
            continue
        best = max(covering, key=lambda c: (PRECEDENCE[c.status], c.start))
        previous = intervals[-1] if intervals else None
        if (
            previous is not None
            and previous.period.end == start
            and previous.status == best.status
            and previous.reasons == best.reasons
        ):
            intervals[-1] = StatusInterval(
                participant, best.status, Period(previous.period.start, end),
                best.reasons, best.in_force_from,
            )
        else:
            intervals.append(
                StatusInterval(
                    participant, best.status, Period(start, end), best.reasons, best.in_force_from
                )
            )
    return intervals


@dataclass(frozen=True, slots=True)
class Counts:
    """Derived counts for an instrument on a date (DESIGN.md §5 rule 12)."""

    signatories: int  # participants whose status is signatory
    contracting: int
    provisionally_applying: int
    parties: int
    unknown: int  # participants whose status the register cannot establish
    withdrawing: int  # still bound; `parties + withdrawing` is the number bound
    withdrawn: int
    terminated: int
    ceased: int
    signatures: int  # participants that had signed by the date, whatever came after
    consents: int  # instruments of consent received by the date
    still_needed: int | None  # instruments still needed for entry into force, if countable

    @classmethod
    def of(
        cls, statuses: Iterable[Status], *, signatures: int, consents: int,
        still_needed: int | None,
    ) -> Counts:
        """Counts from the statuses of a chart's rows and the other figures."""
        tally: dict[Status, int] = defaultdict(int)
        for status in statuses:
            tally[status] += 1
        return cls(
            signatories=tally[Status.SIGNATORY],
            contracting=tally[Status.CONTRACTING],
            provisionally_applying=tally[Status.PROVISIONALLY_APPLYING],
            parties=tally[Status.PARTY],
            unknown=tally[Status.UNKNOWN],
            withdrawing=tally[Status.WITHDRAWING],
            withdrawn=tally[Status.WITHDRAWN],
            terminated=tally[Status.TERMINATED],
            ceased=tally[Status.CEASED],
            signatures=signatures,
            consents=consents,
            still_needed=still_needed,
        )
