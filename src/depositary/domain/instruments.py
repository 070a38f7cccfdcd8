"""Instruments: treaties, agreements, protocols, declarations, charters, decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from depositary.domain.clauses import NO_CLAUSES, Clauses
from depositary.domain.provenance import UNKNOWN, Provenance


class InstrumentKind(StrEnum):
    TREATY = "treaty"
    CONVENTION = "convention"
    AGREEMENT = "agreement"
    PROTOCOL = "protocol"
    DECLARATION = "declaration"
    CHARTER = "charter"
    DECISION = "decision"
    RULES_OF_PROCEDURE = "rules-of-procedure"
    MINUTES = "minutes"
    APPENDIX = "appendix"
    AMENDMENT = "amendment"


class RelationKind(StrEnum):
    PART_OF = "part_of"
    AMENDS = "amends"
    SUPPLEMENTS = "supplements"
    DEVELOPS = "develops"
    SUPERSEDES = "supersedes"
    IMPLEMENTS = "implements"
    ADOPTS = "adopts"  # a decision adopting another instrument (the 1993 Charter)


@dataclass(frozen=True, slots=True)
class Relation:
    kind: RelationKind
    target: str  # the related instrument's id


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its number, optional heading and paragraphs."""

    number: str
    paragraphs: tuple[str, ...]
    heading: str = ""


@dataclass(frozen=True, slots=True)
class Text:
    """The structured text of an instrument in one language."""

    language: str
    preamble: tuple[str, ...] = ()
    articles: tuple[Article, ...] = ()
    closing: tuple[str, ...] = ()
    authentic: bool = True
    provenance: Provenance = UNKNOWN


@dataclass(frozen=True, slots=True)
class Unsettled:
    """A question about an instrument the record leaves open: what is known and what is
    missing, about one participant (its consent or the date of its deposit) or, with no
    participant, about the instrument's general entry into force. From `since` (else from
    the participant's first act) the engine answers "unknown" instead of a status that
    would rest on the missing fact."""

    known: str
    missing: str
    participant: str | None = None
    since: date | None = None
    # Where the question closes: a stated day, else the participant's next consent after
    # `since` (its ratification settles whether it had signed), else never.
    until: date | None = None
    provenance: Provenance = UNKNOWN


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal instrument with its final clauses held as data.

    `id` is an Akoma Ntoso-style work URI (/akn/<country>/act/<kind>/<date>/<name>);
    `alias` is the short, stable name scripts use.
    """

    id: str
    alias: str
    kind: InstrumentKind
    titles: dict[str, str]
    adopted: date | None = None
    place: dict[str, str] = field(default_factory=dict)
    authentic_languages: tuple[str, ...] = ()
    working_language: str = ""  # the language the parties work in (Russian in the CIS)
    depositary: str = ""
    relations: tuple[Relation, ...] = ()
    texts: dict[str, Text] = field(default_factory=dict)
    clauses: Clauses = NO_CLAUSES
    terminated: date | None = None  # the day it ceased to bind anyone (VCLT 54, 59)
    termination_note: str = ""
    termination_provenance: Provenance = UNKNOWN  # where the end comes from, how sure
    provenance: Provenance = UNKNOWN
    unsettled: tuple[Unsettled, ...] = ()
    # Labels of authentic languages as the text names them, where the ISO code's name
    # differs ("Moldavian" in the Alma-Ata texts, recorded under the code ro).
    language_labels: dict[str, str] = field(default_factory=dict)

    def title(self, language: str = "en") -> str:
        return self.titles.get(language) or self.titles.get("en") or self.alias

    def related(self, kind: RelationKind) -> tuple[str, ...]:
        return tuple(r.target for r in self.relations if r.kind == kind)

    def unsettled_for(self, participant: str | None) -> tuple[Unsettled, ...]:
        return tuple(u for u in self.unsettled if u.participant == participant)
