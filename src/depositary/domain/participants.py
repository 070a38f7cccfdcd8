"""Participants (states and international organisations) with identity over time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

import pycountry

from depositary.domain.periods import Period
from depositary.domain.phrases import Phrase
from depositary.domain.provenance import UNKNOWN, Provenance


class ParticipantKind(StrEnum):
    STATE = "state"
    ORGANISATION = "organisation"


@dataclass(frozen=True, slots=True)
class Name:
    """A participant's name in one language during one period."""

    language: str
    text: str
    period: Period = field(default_factory=Period)
    short: str = ""


@dataclass(frozen=True, slots=True)
class Member:
    """A state's membership of an organisation during a period (the European Union's
    member States, each from its accession): what the clauses that treat an organisation
    and its members together read (a threshold where an organisation's instrument is not
    additional to its members', a member's consent awaiting the organisation's)."""

    participant: str
    period: Period = field(default_factory=Period)
    provenance: Provenance = UNKNOWN  # where the accession (and any leaving) comes from


@dataclass(frozen=True, slots=True)
class Participant:
    """A state or organisation that can act on instruments.

    `code` is ISO 3166-1 alpha-3 for existing states, ISO 3166-3 alpha-3 (e.g. SUN) for
    states that no longer exist, an alpha-3 code of ISO's user-assigned ranges for a state
    ISO does not code (XKX, Kosovo); organisations use their common acronym (EU, CIS), which
    is never an ISO 3166 code (docs/data-format.md, "Identifiers").
    A continuator (the Russian Federation for the USSR) keeps its predecessor's record;
    a successor takes part by its own acts of succession.
    """

    code: str
    kind: ParticipantKind = ParticipantKind.STATE
    names: tuple[Name, ...] = ()
    existence: Period = field(default_factory=Period)
    predecessors: tuple[str, ...] = ()
    continuator_of: str | None = None
    provenance: Provenance = UNKNOWN
    members: tuple[Member, ...] = ()  # an organisation's member States over time

    def members_on(self, day: date) -> frozenset[str]:
        """The organisation's members on `day` (none for a state)."""
        return frozenset(m.participant for m in self.members if m.period.contains(day))

    def exists_on(self, day: date) -> bool:
        """True if the participant existed on `day`."""
        return self.existence.contains(day)

    def name(self, on: date | None = None, language: str = "en", *, short: bool = True) -> str:
        """The participant's name on a date in a language, falling back to English, then
        to the code. Without a date, the latest name."""
        for lang in (language, "en"):
            candidates = [n for n in self.names if n.language == lang]
            if on is not None:
                dated = [n for n in candidates if n.period.contains(on)]
                candidates = dated or candidates
            if candidates:
                best = max(candidates, key=lambda n: n.period.start or date.min)
                return (best.short or best.text) if short else best.text
        return iso_name(self.code) or self.code

    def names_in(self, language: str) -> Sequence[Name]:
        """The name history in one language, oldest first."""
        found = [n for n in self.names if n.language == language]
        return sorted(found, key=lambda n: n.period.start or date.min)


# Memoised: pycountry's tables do not change while we run, and a chart asks for hundreds.
@lru_cache(maxsize=4096)
def iso_name(code: str) -> str | None:
    """The ISO 3166 English name of an alpha-3 code, current (3166-1) or historic (3166-3)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is not None:
        return str(getattr(country, "common_name", None) or country.name)
    historic = pycountry.historic_countries.get(alpha_3=code)
    return str(historic.name) if historic is not None else None


def is_iso_code(code: str) -> bool:
    """True for an ISO 3166-1 or ISO 3166-3 alpha-3 code."""
    return iso_name(code) is not None


def is_user_assigned(code: str) -> bool:
    """True for an alpha-3 code ISO 3166-1 leaves to its users (AAA-AAZ, QMA-QZZ, XAA-XZZ,
    ZZA-ZZZ, ISO 3166-1 section 5.1): ISO will never give one to a country, so a code chosen
    there for a state ISO does not code (XKX) stays unambiguous."""
    return len(code) == 3 and code.isascii() and code.isalpha() and code.isupper() and (
        code.startswith(("AA", "X", "ZZ")) or ("QMA" <= code <= "QZZ")
    )


class Role(StrEnum):
    HEAD_OF_STATE = "head-of-state"
    HEAD_OF_GOVERNMENT = "head-of-government"
    MINISTER_FOR_FOREIGN_AFFAIRS = "minister-for-foreign-affairs"
    MINISTER = "minister"
    PLENIPOTENTIARY = "plenipotentiary"

    @property
    def said(self) -> Phrase:
        """The capacity in words (depositary.locale.labels.SEATS)."""
        words = _SEAT_WORDS.get(self.value, self.value.replace("-", " "))
        return Phrase(words, context="seat")

    @property
    def needs_full_powers(self) -> bool:
        """VCLT 7(2)(a): heads of state and government and foreign ministers act without
        producing full powers; anyone else needs them."""
        return self not in {
            Role.HEAD_OF_STATE,
            Role.HEAD_OF_GOVERNMENT,
            Role.MINISTER_FOR_FOREIGN_AFFAIRS,
        }


_SEAT_WORDS = {"head-of-state": "head of State", "head-of-government": "head of Government"}


@dataclass(frozen=True, slots=True)
class Capacity:
    """The capacity in which a person acts for a participant during a period (VCLT 7)."""

    participant: str
    role: Role
    period: Period = field(default_factory=Period)
    title: str = ""
    provenance: Provenance = UNKNOWN  # where the period of office comes from


@dataclass(frozen=True, slots=True)
class Person:
    """A natural person who acts for participants (Popolo Person)."""

    id: str
    names: dict[str, str] = field(default_factory=dict)
    capacities: tuple[Capacity, ...] = ()
    provenance: Provenance = UNKNOWN

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.id

    def capacity_on(
        self, participant: str, day: date, role: Role | None = None
    ) -> Capacity | None:
        """The capacity in which this person could act for `participant` on `day` (in
        `role`, if given)."""
        for capacity in self.capacities:
            if capacity.participant == participant and capacity.period.contains(day) and (
                role is None or capacity.role is role
            ):
                return capacity
        return None


def continued_record(code: str, participants: Mapping[str, Participant]) -> list[str]:
    """The participant and every state whose record it continues, nearest first: Serbia,
    Serbia and Montenegro, Yugoslavia (continuity is transitive)."""
    chain = [code]
    seen = {code}
    current = participants.get(code)
    while current is not None and current.continuator_of and current.continuator_of not in seen:
        chain.append(current.continuator_of)
        seen.add(current.continuator_of)
        current = participants.get(current.continuator_of)
    return chain
