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

from depositary.domain.phrases import Joined, Phrase, Value, cited, joined, say, say_n


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

    @property
    def said(self) -> Phrase:
        """The position in words (depositary.locale.labels.POSITIONS)."""
        return Phrase(_POSITION_WORDS.get(self.value, self.value), context="position")


_POSITION_WORDS = {"agree-with-reservation": "agree with a reservation"}


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
    reasons: tuple[Value, ...]  # phrases (depositary.domain.phrases): `said` in English
    bound: tuple[str, ...] = ()  # the members that agreed
    reservations: tuple[tuple[str, str], ...] = ()  # (member, reservation or special opinion)

    @property
    def said(self) -> tuple[str, ...]:
        """The reasons in English (as the decision's entry in the log keeps them)."""
        return tuple(map(str, self.reasons))


def decide(
    procedure: Procedure, members: Sequence[str], stances: Mapping[str, Stance]
) -> Outcome:
    """The outcome of a draft under `procedure`, from the positions of `members` (a member
    with no recorded position is absent). Positions of non-members are refused earlier,
    when they are recorded."""
    everyone = {m: stances.get(m, Stance(Position.ABSENT)) for m in sorted(members)}
    if not everyone:
        return Outcome(False, (say("the body has no members on the session's date"),))
    agreeing = tuple(m for m, s in everyone.items() if s.position.agrees)
    reservations = tuple(
        (m, s.text) for m, s in everyone.items()
        if s.position is Position.AGREE_WITH_RESERVATION and s.text
    )
    present = [m for m, s in everyone.items() if s.position.present]
    tally = _tally(everyone)

    def by_rule(reason: Phrase) -> Value:  # the procedure's rule, as the record cites it
        return cited(reason, procedure.source)

    if isinstance(procedure, Unanimity):
        missing = [m for m, s in everyone.items() if not s.position.agrees]
        if missing:
            return Outcome(False, (by_rule(say(
                "unanimity: not every member agreed (%(missing)s); %(tally)s",
                missing=_listing(missing, everyone), tally=tally)),))
        return Outcome(True, (by_rule(say("unanimity: every member agreed; %(tally)s",
                                          tally=tally)),), agreeing, reservations)
    name = procedure_name(procedure)
    quorum = procedure.quorum
    if Fraction(len(present), len(everyone)) < quorum:
        return Outcome(False, (by_rule(say_n(
            "%(procedure)s: quorum not met: %(present)d of %(members)d member present, "
            "%(quorum)s needed; %(tally)s",
            "%(procedure)s: quorum not met: %(present)d of %(members)d members present, "
            "%(quorum)s needed; %(tally)s",
            len(everyone), procedure=name, present=len(present), members=len(everyone),
            quorum=str(quorum), tally=tally)),))
    if isinstance(procedure, Consensus):
        objecting = [m for m, s in everyone.items() if s.position is Position.OBJECT]
        if objecting:
            return Outcome(False, (by_rule(say(
                "consensus: blocked by the objection of %(members)s; %(tally)s",
                members=", ".join(objecting), tally=tally)),))
        if not agreeing:
            return Outcome(False, (by_rule(say("consensus: no member agreed; %(tally)s",
                                               tally=tally)),))
        reasons = [by_rule(say("consensus: no member objected; %(tally)s", tally=tally))]
        unbound = [m for m in everyone if m not in agreeing]
        if unbound:
            reasons.append(say(
                "not bound: %(members)s (the decision binds only the members that agreed)",
                members=_listing(unbound, everyone)))
        return Outcome(True, tuple(reasons), agreeing, reservations)
    cast = [m for m, s in everyone.items() if s.position is Position.OBJECT or s.position.agrees]
    if not cast:
        return Outcome(False, (by_rule(say("%(procedure)s: no vote cast; %(tally)s",
                                           procedure=name, tally=tally)),))
    share = Fraction(len(agreeing), len(cast))
    # A simple majority is more than half (a tie fails); a qualified one is at least its
    # share ("two thirds of the votes cast").
    passes = share >= procedure.threshold if procedure.qualified else share > procedure.threshold
    needed = (say("at least %(share)s", share=str(procedure.threshold)) if procedure.qualified
              else say("more than %(share)s", share=str(procedure.threshold)))
    counted: dict[str, Value] = {"procedure": name, "agreeing": len(agreeing),
                                 "cast": len(cast), "needed": needed, "tally": tally}
    if passes:
        return Outcome(True, (by_rule(say_n(
            "%(procedure)s: %(agreeing)d of %(cast)d vote cast agreed, %(needed)s; %(tally)s",
            "%(procedure)s: %(agreeing)d of %(cast)d votes cast agreed, %(needed)s; %(tally)s",
            len(cast), **counted)),), agreeing, reservations)
    if share == Fraction(1, 2) and not procedure.qualified:
        return Outcome(False, (by_rule(say_n(
            "%(procedure)s: %(agreeing)d of %(cast)d vote cast agreed, not %(needed)s "
            "(a tie); %(tally)s",
            "%(procedure)s: %(agreeing)d of %(cast)d votes cast agreed, not %(needed)s "
            "(a tie); %(tally)s",
            len(cast), **counted)),))
    return Outcome(False, (by_rule(say_n(
        "%(procedure)s: %(agreeing)d of %(cast)d vote cast agreed, not %(needed)s; %(tally)s",
        "%(procedure)s: %(agreeing)d of %(cast)d votes cast agreed, not %(needed)s; %(tally)s",
        len(cast), **counted)),))


def procedure_name(procedure: Procedure) -> Phrase:
    """The procedure's name ("simple majority"), within the catalogs' "procedure" context
    (depositary.locale.labels.PROCEDURES)."""
    if isinstance(procedure, Majority):
        return Phrase("qualified majority" if procedure.qualified else "simple majority",
                      context="procedure")
    return Phrase(procedure.kind, context="procedure")


def _tally(everyone: Mapping[str, Stance]) -> Joined:
    counts: dict[Position, int] = {}
    for stance in everyone.values():
        counts[stance.position] = counts.get(stance.position, 0) + 1
    return joined(*(say("%(position)s %(n)d", position=p.said, n=counts[p])
                    for p in Position if p in counts), separator=", ")


def _listing(members: Sequence[str], everyone: Mapping[str, Stance]) -> Joined:
    return joined(*(say("%(member)s %(position)s", member=m, position=everyone[m].position.said)
                    for m in members), separator=", ")
