"""Where a fact comes from and how sure we are of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Confidence(StrEnum):
    """The confidence tags of cis/FACTS.md."""

    VERIFIED = "V"  # read in the cited primary text
    SECONDARY = "S"  # encyclopedia, news, a secondary compilation
    UNVERIFIED = "U"  # recalled or from a weak source; not checked

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Confidence.VERIFIED: "read in the primary text",
    Confidence.SECONDARY: "from a secondary source",
    Confidence.UNVERIFIED: "unverified",
}
_STRENGTH = {Confidence.VERIFIED: 2, Confidence.SECONDARY: 1, Confidence.UNVERIFIED: 0}


def weakest(confidences: Iterable[Confidence]) -> Confidence:
    """The weakest of `confidences`: a status is as sure as the least sure fact it rests
    on. With none given, verified: a status that rests on no recorded fact (the rule of
    a convention applied to nothing) asserts nothing uncertain."""
    return min(confidences, key=_STRENGTH.__getitem__, default=Confidence.VERIFIED)


@dataclass(frozen=True, slots=True)
class Provenance:
    """The source of a fact and its confidence; every bundled fact carries one."""

    source: str = ""
    confidence: Confidence = Confidence.UNVERIFIED
    note: str = ""
    # Where sources disagree: the readings not chosen, each with its source. The chosen
    # one is the fact; these stay visible beside it.
    conflicts: tuple[str, ...] = ()

    def cite(self) -> str:
        """A short citation for a reason string: 'source [V]'."""
        if not self.source:
            return ""
        return f"{self.source} [{self.confidence.value}]"


UNKNOWN = Provenance()


def weaker(first: Provenance, second: Provenance) -> Provenance:
    """The less sure of two provenances (the first where they are as sure)."""
    return second if _STRENGTH[second.confidence] < _STRENGTH[first.confidence] else first
