"""The base of every spec in the register format: strict (an unknown field is an error,
named), frozen, and for facts, sourced."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from depositary.domain.provenance import Confidence, Provenance


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sourced(Spec):
    """Every fact may say where it comes from (a key of `sources` or a citation) and how
    sure it is: V read in the primary text, S secondary source, U unverified."""

    source: str = ""
    confidence: Confidence = Confidence.UNVERIFIED
    note: str = ""
    # Where sources disagree: each reading not chosen, with its source ("1993-12-09:
    # be-tarask-georgia"). Shown beside the fact, never silently dropped.
    conflicts: list[str] = []

    def provenance(self, sources: dict[str, str]) -> Provenance:
        return Provenance(
            sources.get(self.source, self.source), self.confidence, self.note,
            tuple(self.conflicts),
        )


def in_order(start: date | None, end: date | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"{what} ends ({end}) before it starts ({start})")
