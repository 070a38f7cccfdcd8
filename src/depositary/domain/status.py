"""Statuses of a participant for an instrument, as intervals with their reasons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.periods import Period


class Status(StrEnum):
    """The status of a participant for an instrument on a date (DESIGN.md §2)."""

    NOT_INVOLVED = "not-involved"
    SIGNATORY = "signatory"  # signed, not bound (VCLT 18 obligations only)
    CONTRACTING = "contracting"  # consented, not yet in force for it (VCLT 2(1)(f))
    PROVISIONALLY_APPLYING = "provisionally-applying"  # VCLT 25
    PARTY = "party"  # in force for it (VCLT 2(1)(g))
    WITHDRAWING = "withdrawing"  # notice given, still bound (VCLT 56(2))
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"  # the instrument itself has terminated (VCLT 54, 59)
    CEASED = "ceased"  # the participant no longer exists

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
    Status.WITHDRAWING: 5,
    Status.WITHDRAWN: 6,
    Status.TERMINATED: 7,
    Status.CEASED: 8,
}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a status holds: a sentence, the acts it rests on, and the rule applied."""

    text: str
    acts: tuple[str, ...] = ()
    rule: str = ""

    def __str__(self) -> str:
        return f"{self.text} [{self.rule}]" if self.rule else self.text


@dataclass(frozen=True, slots=True)
class StatusInterval:
    """One participant's status for one instrument during a period, with its reasons."""

    participant: str
    status: Status
    period: Period
    reasons: tuple[Reason, ...]
    in_force_from: date | None = None  # the participant's own entry-into-force date


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
            withdrawing=tally[Status.WITHDRAWING],
            withdrawn=tally[Status.WITHDRAWN],
            terminated=tally[Status.TERMINATED],
            ceased=tally[Status.CEASED],
            signatures=signatures,
            consents=consents,
            still_needed=still_needed,
        )
