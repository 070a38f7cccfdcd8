"""The chair of a body by rotation: an order of the members (their names sorted in a
chosen language, with that language's collation), a term, non-members skipped, and
decisions that name the chair for a term overriding the order.

The Commonwealth: a decision of late 1993 gave every statutory body to one state for six
months (Russia, 1 January - 30 June 1994, then extended to the year's end); a decision of
2 April 1999 set rotation among the states for a term of at most one year. No rule on the
order was found in a primary text (cis/FACTS.md): in practice the heads agree on the next
chair. So the order is data, and a computed sequence is what the rule gives, not the
historical record; the recorded decisions override it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from pyuca import Collator  # type: ignore[import-untyped]

from depositary.domain.periods import add_months


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
class Rotation:
    """The order and term of a body's chair."""

    language: str = "ru"
    term_months: int = 12
    start: date | None = None  # the first term starts here
    overrides: tuple[Override, ...] = ()
    co_chairs_from: date | None = None  # from then, the previous and the next chair co-chair
    source: str = ""


@dataclass(frozen=True, slots=True)
class ChairTerm:
    participant: str
    start: date
    end: date  # exclusive
    reason: str
    co_chairs: tuple[str, ...] = ()  # the previous and the next chair, where the rule says so


Members = Callable[[date], Sequence[tuple[str, str]]]  # day → (code, name in the language)


def chairs(rotation: Rotation, members: Members, until: date) -> list[ChairTerm]:
    """The chair's terms from the rotation's start to `until`: at each term's start the
    next member in the order after the previous chair (members who left are skipped,
    members who joined take their place in the order), unless a decision named the
    chair for that term."""
    if rotation.start is None:
        return []
    terms = _terms(rotation, members, until)
    if rotation.co_chairs_from is None:
        return [t for t in terms if t.start < until]
    cut = rotation.co_chairs_from
    # The term after `until` is computed too, so that the last term knows its next chair.
    return [
        replace(term, co_chairs=tuple(
            t.participant for t in (terms[n - 1] if n else None,
                                    terms[n + 1] if n + 1 < len(terms) else None)
            if t is not None
        )) if term.start >= cut else term
        for n, term in enumerate(terms) if term.start < until
    ]


def _terms(rotation: Rotation, members: Members, until: date) -> list[ChairTerm]:
    """The terms up to `until`, and the one after it."""
    assert rotation.start is not None
    terms: list[ChairTerm] = []
    day = rotation.start
    previous: tuple[str, str] | None = None  # the last chair's code and name
    decided = sorted(rotation.overrides, key=lambda o: o.start)
    while not terms or terms[-1].start < until:
        override = next((o for o in decided if o.start == day), None)
        ordered = sorted(members(day), key=lambda m: collation_key(m[1]))
        if override is not None:
            chair, reason = override.participant, f"named by {override.decision or 'a decision'}"
            end = override.end or add_months(day, rotation.term_months)
        elif not ordered:
            break
        else:
            chair = _next_after(previous, ordered)
            names = [name for _, name in ordered]
            reason = (
                f"next in the order of the members' names in {rotation.language} "
                f"({', '.join(names)})" + (f" [{rotation.source}]" if rotation.source else "")
            )
            end = add_months(day, rotation.term_months)
        # A decided term that starts before the computed end cuts the computed one short.
        upcoming = next((o.start for o in decided if day < o.start < end), None)
        end = upcoming or end
        if end <= day:  # an empty term would never move on
            raise ValueError(f"the chair's term from {day} ends on {end}: terms must last")
        terms.append(ChairTerm(chair, day, end, reason))
        previous = (chair, dict(ordered).get(chair, chair))
        day = end
    return terms


def _next_after(previous: tuple[str, str] | None, ordered: Sequence[tuple[str, str]]) -> str:
    """The member after the previous chair in the order, wrapping round; if the previous
    chair has left, the member whose name comes next after its name."""
    if previous is None:
        return ordered[0][0]
    after = collation_key(previous[1])
    following = [code for code, name in ordered if collation_key(name) > after]
    return following[0] if following else ordered[0][0]
