"""Where a fact comes from and how sure we are of it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Confidence(StrEnum):
    """The confidence tags of cis/FACTS.md."""

    VERIFIED = "V"  # read in the cited primary text
    SECONDARY = "S"  # encyclopedia, news, a secondary compilation
    UNVERIFIED = "U"  # recalled or from a weak source; not checked


@dataclass(frozen=True, slots=True)
class Provenance:
    """The source of a fact and its confidence; every bundled fact carries one."""

    source: str = ""
    confidence: Confidence = Confidence.UNVERIFIED
    note: str = ""

    def cite(self) -> str:
        """A short citation for a reason string: 'source [V]'."""
        if not self.source:
            return ""
        return f"{self.source} [{self.confidence.value}]"


UNKNOWN = Provenance()
