"""The base of every spec in the register format: strict (an unknown field is an error,
named), frozen, and for facts, sourced."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from depositary.domain.periods import Period
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


class During(Spec):
    """A fact that holds from a day (`from`) until the first day it no longer does
    (`until`, exclusive); either may be unknown, and the end never comes before the start."""

    from_: date | None = Field(None, alias="from")
    until: date | None = None
    during: ClassVar[str] = "the period"  # what an error calls it

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        in_order(self.from_, self.until, self.during)
        return self

    def period(self) -> Period:
        return Period(self.from_, self.until)


def in_order(start: date | None, end: date | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"{what} ends ({end}) before it starts ({start})")
