"""The chair of a body by rotation: an order of the states that take their turn (their
names sorted in a chosen language, with that language's collation), a term (a number of
months, or calendar years), states that declined their turn skipped, and decisions that
name the chair for a term overriding the order.

The record comes first (DESIGN.md §6): who chaired is history, recorded as appointments
to the chair's post with their sources (`register.councils`). The rule here only proposes
the chair for terms the record has not reached yet, and every such term says so. The
Commonwealth: a decision of 2 April 1999 set rotation among the states for at most a year,
the previous and the next chair co-chairing; since 2010 terms are calendar years; the
order that practice follows is the Russian alphabetical one, associates and participating
states included, skipping states that decline (cis/AUDIT.md §3). No primary text of the
order was found, so the order is data, not law.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from pyuca import Collator  # type: ignore[import-untyped]

from depositary.domain.periods import add_months
from depositary.domain.phrases import Phrase, PhrasedError, Quote, Value, joined, say
from depositary.domain.provenance import UNKNOWN, Provenance


@cache
def _collator() -> Collator:
    # The Unicode Collation Algorithm with its default table: for Russian it orders
    # Ё with Е and is case-insensitive at the first level, as Russian dictionaries do.
    return Collator()


def collation_key(text: str) -> tuple[int, ...]:
    """The Unicode collation key of `text` (Russian: е, ё, ж; Я after ю; case second)."""
    key: tuple[int, ...] = _collator().sort_key(text)
    return key


@dataclass(frozen=True, slots=True)
class Override:
    """A decision naming the chair for a term beginning on `start` (and, if `end` is
    given, ending then instead of after the usual term)."""

    start: date
    participant: str
    end: date | None = None
    decision: str = ""  # what decided it (an instrument alias or an event's text)


@dataclass(frozen=True, slots=True)
class Declined:
    """A state that declines its turn from a date (Moldova from 2016; Ukraine from 2014)."""

    participant: str
    since: date
    source: str = ""


@dataclass(frozen=True, slots=True)
class Rotation:
    """The order and term of a body's chair."""

    language: str = "ru"
    term_months: int = 12
    start: date | None = None  # the first term starts here
    overrides: tuple[Override, ...] = ()
    co_chairs_from: date | None = None  # from then, the previous and the next chair co-chair
    source: str = ""
    calendar_years: bool = False  # each term runs from 1 January to 31 December
    declined: tuple[Declined, ...] = ()

    def declines(self, participant: str, day: date) -> Declined | None:
        return next(
            (d for d in self.declined if d.participant == participant and d.since <= day), None
        )

    def term_end(self, start: date) -> date:
        if self.calendar_years:
            return date(start.year + 1, 1, 1)
        return add_months(start, self.term_months)


@dataclass(frozen=True, slots=True)
class ChairTerm:
    """A term of the chair. `participant` None: the record names no chair for it (unknown).
    `recorded` False: the term is what the rule gives, not the record."""

    participant: str | None
    start: date
    end: date  # exclusive
    reason: Value
    co_chairs: tuple[str, ...] = ()  # the previous and the next chair, where the rule says so
    recorded: bool = False
    provenance: Provenance = UNKNOWN
    person: str | None = None  # who held it for the participant, where the record names one


Members = Callable[[date], Sequence[tuple[str, str]]]  # day → (code, name in the language)


def chairs(
    rotation: Rotation, members: Members, until: date, previous: str | None = None
) -> list[ChairTerm]:
    """The chair's terms from the rotation's start to `until`: at each term's start the
    next member in the order after the previous chair (`previous`, before the first term;
    members who left or declined are skipped, members who joined take their place in the
    order), unless a decision named the chair for that term."""
    if rotation.start is None:
        return []
    terms = _terms(rotation, members, until, previous)
    if rotation.co_chairs_from is None:
        return [t for t in terms if t.start < until]
    cut = rotation.co_chairs_from
    # The term after `until` is computed too, so that the last term knows its next chair;
    # the chair before the first term is `previous`.
    chain = [previous, *(t.participant for t in terms), None]
    return [
        replace(term, co_chairs=tuple(
            c for c in (chain[n], chain[n + 2]) if c is not None
        )) if term.start >= cut else term
        for n, term in enumerate(terms) if term.start < until
    ]


def _terms(
    rotation: Rotation, members: Members, until: date, first: str | None
) -> list[ChairTerm]:
    """The terms up to `until`, and the one after it."""
    assert rotation.start is not None
    terms: list[ChairTerm] = []
    day = rotation.start
    # The last chair's code and name (a chair before the first term has its name looked
    # up among the members).
    previous: tuple[str, str] | None = None
    if first is not None:
        previous = (first, dict(members(day)).get(first, first))
    decided = sorted(rotation.overrides, key=lambda o: o.start)
    while not terms or terms[-1].start < until:
        override = next((o for o in decided if o.start == day), None)
        everyone = sorted(members(day), key=lambda m: collation_key(m[1]))
        ordered = [m for m in everyone if rotation.declines(m[0], day) is None]
        if override is not None:
            chair = override.participant
            reason: Value = (say("named by %(decision)s", decision=Quote(override.decision))
                             if override.decision else say("named by a decision"))
            end = override.end or rotation.term_end(day)
        elif not ordered:
            break
        else:
            chair = _next_after(previous, ordered)
            names = [name for _, name in ordered]
            reason = joined(
                say("next in the order of the names in %(language)s of the states that take "
                    "their turn (%(names)s)", language=Phrase(rotation.language,
                                                               context="names-in"),
                    names=", ".join(names)),
                _declining(rotation, everyone, day),
                # The record's words (with citations of their own): quoted as they are.
                joined(" [", Quote(rotation.source), "]") if rotation.source else "",
            )
            end = rotation.term_end(day)
        # A decided term that starts before the computed end cuts the computed one short.
        upcoming = next((o.start for o in decided if day < o.start < end), None)
        end = upcoming or end
        if end <= day:  # an empty term would never move on
            raise PhrasedError(say("the chair's term from %(day)s ends on %(end)s: terms must "
                                   "last", day=day, end=end))
        terms.append(ChairTerm(chair, day, end, reason))
        previous = (chair, dict(everyone).get(chair, chair))
        day = end
    return terms


def _declining(rotation: Rotation, everyone: Sequence[tuple[str, str]], day: date) -> Value:
    declined = [(name, found) for code, name in everyone
                if (found := rotation.declines(code, day)) is not None]
    if not declined:
        return ""
    return say("; declining their turn: %(names)s", names=", ".join(
        name + (f" [{d.source}]" if d.source else "") for name, d in declined))


def _next_after(previous: tuple[str, str] | None, ordered: Sequence[tuple[str, str]]) -> str:
    """The member after the previous chair in the order, wrapping round; if the previous
    chair has left, the member whose name comes next after its name."""
    if previous is None:
        return ordered[0][0]
    after = collation_key(previous[1])
    following = [code for code, name in ordered if collation_key(name) > after]
    return following[0] if following else ordered[0][0]
