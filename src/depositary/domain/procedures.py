"""Decision procedures as values, and the outcome each gives from the members' positions.

A body decides by the procedure it has chosen for the kind of question (DESIGN.md §6):
consensus in which a member may declare non-interest without blocking (the Commonwealth's
rule: Charter, Art. 23), unanimity, or a majority with a quorum. The outcome says whether
the draft is adopted, why, and whom it binds: exactly the members that agreed, with the
reservations or special opinions they attached. Joint decisions, where a decider acts in
agreement with some participants and in consultation with others, are in `joint.py`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Position(StrEnum):
    """A member's recorded position on a draft decision."""

    AGREE = "agree"
    AGREE_WITH_RESERVATION = "agree-with-reservation"  # or a special opinion (its text)
    OBJECT = "object"
    ABSTAIN = "abstain"
    NON_INTEREST = "non-interest"  # declared: does not block, is not bound
    ABSENT = "absent"

    @property
    def agrees(self) -> bool:
        return self in {Position.AGREE, Position.AGREE_WITH_RESERVATION}

    @property
    def present(self) -> bool:
        return self is not Position.ABSENT


@dataclass(frozen=True, slots=True)
class Stance:
    """A member's position with the text of its reservation or special opinion."""

    position: Position
    text: str = ""


@dataclass(frozen=True, slots=True)
class Consensus:
    """Adopted when no member present objects and at least one agrees. A member that
    declares non-interest (or abstains) does not block and is not bound."""

    quorum: Fraction = Fraction(0)  # share of the members that must be present
    source: str = ""  # the rule it applies (the Commonwealth's: Charter, Art. 23)
    kind: str = "consensus"


@dataclass(frozen=True, slots=True)
class Unanimity:
    """Adopted only when every member agrees: an absence or abstention blocks."""

    source: str = ""
    kind: str = "unanimity"


@dataclass(frozen=True, slots=True)
class Majority:
    """Adopted when the agreeing members are more than `threshold` of the votes cast
    (agree and object; abstentions and non-interest are not cast), with a quorum of the
    members present. Simple majority: threshold 1/2 (a tie fails); qualified: 2/3."""

    threshold: Fraction = Fraction(1, 2)
    quorum: Fraction = Fraction(1, 2)
    source: str = ""
    kind: str = "majority"

    @property
    def qualified(self) -> bool:
        return self.threshold > Fraction(1, 2)


Procedure = Consensus | Unanimity | Majority


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether a draft is adopted, why, and whom the decision binds."""

    adopted: bool
    reasons: tuple[str, ...]
    bound: tuple[str, ...] = ()  # the members that agreed
    reservations: tuple[tuple[str, str], ...] = ()  # (member, reservation or special opinion)


def decide(
    procedure: Procedure, members: Sequence[str], stances: Mapping[str, Stance]
) -> Outcome:
    """The outcome of a draft under `procedure`, from the positions of `members` (a member
    with no recorded position is absent). Positions of non-members are refused earlier,
    when they are recorded."""
    everyone = {m: stances.get(m, Stance(Position.ABSENT)) for m in sorted(members)}
    if not everyone:
        return Outcome(False, ("the body has no members on the session's date",))
    agreeing = tuple(m for m, s in everyone.items() if s.position.agrees)
    reservations = tuple(
        (m, s.text) for m, s in everyone.items()
        if s.position is Position.AGREE_WITH_RESERVATION and s.text
    )
    present = [m for m, s in everyone.items() if s.position.present]
    tally = _tally(everyone)
    if isinstance(procedure, Unanimity):
        missing = [m for m, s in everyone.items() if not s.position.agrees]
        if missing:
            return Outcome(False, (
                f"unanimity: not every member agreed ({_listing(missing, everyone)}); {tally}"
                + _cite(procedure.source),
            ))
        return Outcome(
            True, (f"unanimity: every member agreed; {tally}" + _cite(procedure.source),),
            agreeing, reservations,
        )
    quorum = procedure.quorum
    if Fraction(len(present), len(everyone)) < quorum:
        return Outcome(False, (
            f"{procedure.kind}: quorum not met: {len(present)} of {len(everyone)} members "
            f"present, {quorum} needed; {tally}" + _cite(procedure.source),
        ))
    if isinstance(procedure, Consensus):
        objecting = [m for m, s in everyone.items() if s.position is Position.OBJECT]
        if objecting:
            return Outcome(False, (
                f"consensus: blocked by the objection of {', '.join(objecting)}; {tally}"
                + _cite(procedure.source),
            ))
        if not agreeing:
            return Outcome(
                False, (f"consensus: no member agreed; {tally}" + _cite(procedure.source),)
            )
        reasons = [f"consensus: no member objected; {tally}" + _cite(procedure.source)]
        unbound = [m for m in everyone if m not in agreeing]
        if unbound:
            reasons.append(
                "not bound: " + _listing(unbound, everyone)
                + " (the decision binds only the members that agreed)"
            )
        return Outcome(True, tuple(reasons), agreeing, reservations)
    cast = [m for m, s in everyone.items() if s.position is Position.OBJECT or s.position.agrees]
    name = "qualified majority" if procedure.qualified else "simple majority"
    if not cast:
        return Outcome(False, (f"{name}: no vote cast; {tally}" + _cite(procedure.source),))
    share = Fraction(len(agreeing), len(cast))
    # A simple majority is more than half (a tie fails); a qualified one is at least its
    # share ("two thirds of the votes cast").
    passes = share >= procedure.threshold if procedure.qualified else share > procedure.threshold
    needed = f"at least {procedure.threshold}" if procedure.qualified else (
        f"more than {procedure.threshold}"
    )
    counted = f"{name}: {len(agreeing)} of {len(cast)} votes cast agreed"
    if passes:
        return Outcome(True, (
            f"{counted}, {needed}; {tally}" + _cite(procedure.source),
        ), agreeing, reservations)
    tie = " (a tie)" if share == Fraction(1, 2) and not procedure.qualified else ""
    return Outcome(False, (
        f"{counted}, not {needed}{tie}; {tally}" + _cite(procedure.source),
    ))


def _tally(everyone: Mapping[str, Stance]) -> str:
    counts: dict[Position, int] = {}
    for stance in everyone.values():
        counts[stance.position] = counts.get(stance.position, 0) + 1
    return ", ".join(f"{p.value} {counts[p]}" for p in Position if p in counts)


def _listing(members: Sequence[str], everyone: Mapping[str, Stance]) -> str:
    return ", ".join(f"{m} {everyone[m].position.value}" for m in members)


def _cite(source: str) -> str:
    return f" [{source}]" if source else ""
