"""Bodies (Popolo `Organization`) and their members on any date, derived from the
instruments' statuses and the bodies' decisions, with reasons.

The Commonwealth's categories (Charter, Art. 7 and 8): the founding states signed and
ratified the Agreement of 8 December 1991 and its Protocol of 21 December (a state that
signed and has not ratified is a signatory state, not a full participant); member states
are those that assumed the Charter's obligations, and a founding state that signed the
Charter remains a founding state until it ratifies (the reading of Art. 7 practice
applied, stated in the register's data); associate members and observers are so by
decision or declaration. A founding state that never signed the Charter (Ukraine) keeps
taking part without being a member state: a participating non-member. A state that
joined by accession (Georgia) is an acceding state until it assumes the Charter's
obligations. De facto participation (Ukraine recalled its representatives from the
statutory bodies in 2018; Azerbaijan's parliament refused ratification in 1992) is kept
apart from the status under the instruments.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from depositary.domain.events import Event, EventKind
from depositary.domain.joint import JointProcedure
from depositary.domain.participants import Role
from depositary.domain.phrases import Phrase, Quote, Value, joined, say
from depositary.domain.procedures import Consensus, Procedure
from depositary.domain.provenance import UNKNOWN, Provenance
from depositary.domain.rotation import Rotation
from depositary.domain.status import NO_EVIDENCE, Evidence, Status, StatusInterval, combine


class Category(StrEnum):
    FOUNDING_STATE = "founding-state"
    # Signed the founding instruments, not (yet) a party to them: Azerbaijan until its
    # ratification of September 1993 (its parliament had refused in October 1992).
    SIGNATORY_STATE = "signatory-state"
    # Joined the founding instruments by accession, or admitted by decision, and not (yet)
    # a member state under the charter: Georgia from December 1993 until its ratification.
    ACCEDING_STATE = "acceding-state"
    MEMBER_STATE = "member-state"
    ASSOCIATE_MEMBER = "associate-member"
    PARTICIPATING_NON_MEMBER = "participating-non-member"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class MembershipRule:
    """Members on a date as a rule over instrument statuses: the signatories and parties
    of the founding instruments, member states by the charter, the rest by decision."""

    founding: tuple[str, ...]  # instrument ids: signatories or parties found the community
    charter: str | None = None  # instrument id: its parties are member states
    founding_source: str = ""
    charter_source: str = ""
    # The reading of the charter's membership article applied, in words (the register's
    # data says which; docs/governance.md).
    charter_reading: str = ""


@dataclass(frozen=True, slots=True)
class Body:
    """A body with its founding instruments, its membership rule, its procedures by kind
    of question, and the rotation of its chair."""

    alias: str
    names: dict[str, str]
    founded_by: tuple[str, ...] = ()  # instrument ids
    membership: MembershipRule | None = None
    procedures: tuple[tuple[str, Procedure | JointProcedure], ...] = (("default", Consensus()),)
    rotation: Rotation | None = None
    chair_post: str | None = None
    seat: Role | None = None  # who sits for each member: its head of state, of government
    provenance: Provenance = UNKNOWN

    def name(self, language: str = "en") -> str:
        return self.names.get(language) or self.names.get("en") or self.alias

    def procedure(self, question: str = "default") -> Procedure | JointProcedure:
        found = dict(self.procedures)
        return found.get(question) or found["default"]


# Taking part in the body's work, as a member does (the default).
FULL = Phrase("full", context="participation")


@dataclass(frozen=True, slots=True)
class Member:
    """A participant's standing in a body on a date, with the reasons."""

    participant: str
    category: Category
    reasons: tuple[Value, ...]
    # De facto: "full", "recalled from the statutory bodies on ...", or "none: ..." where
    # the state stays away (a parliament refused ratification).
    participation: Value = FULL
    evidence: Evidence = NO_EVIDENCE  # of the statuses and decisions the standing rests on


@dataclass(frozen=True, slots=True)
class Former:
    participant: str
    reasons: tuple[Value, ...]


StatusOf = Callable[[str, str, date], StatusInterval | None]  # instrument, participant, day
# A charter not yet binding the participant but on its way: it signed it, or has consented,
# or the register cannot say (a signature of unknown date).
_PENDING = {Status.SIGNATORY, Status.CONTRACTING, Status.PROVISIONALLY_APPLYING, Status.UNKNOWN}


def members_on(
    rule: MembershipRule, day: date, candidates: Iterable[str], status_of: StatusOf,
    charter_in_force: date | None, events: Iterable[Event], titles: Mapping[str, Value],
    founders: Collection[str] = (),
) -> tuple[list[Member], list[Former]]:
    """Who belongs to the community on `day`, in which category and why; and who has left.
    `founders` signed the founding instruments (the others joined them by accession)."""
    decided = [e for e in events if e.day <= day]
    members: list[Member] = []
    former: list[Former] = []
    cite_charter = f" [{rule.charter_source}]" if rule.charter_source else ""
    cite_founding = f" [{rule.founding_source}]" if rule.founding_source else ""
    reading = (say(" (%(reading)s)", reading=Quote(rule.charter_reading))
               if rule.charter_reading else "")
    charter_title = titles.get(rule.charter or "", rule.charter or "")
    charter_binding = charter_in_force is not None and charter_in_force <= day
    for code in sorted(set(candidates)):
        before = len(members)
        founding = _strongest(
            (i, status_of(i, code, day)) for i in rule.founding
        )
        charter = status_of(rule.charter, code, day) if rule.charter else None
        recalled = _last(decided, code, {EventKind.RECALL_FROM_BODIES})
        participation: Value = (
            say("recalled from the statutory bodies on %(day)s", day=recalled.shown_date)
            if recalled else FULL
        )
        ended = _last(decided, code, {EventKind.MEMBERSHIP_ENDS})
        associate = _last(decided, code, {EventKind.ASSOCIATE_MEMBERSHIP})
        observer = _last(decided, code, {EventKind.OBSERVER_STATUS})
        admitted = _last(decided, code, {EventKind.ADMISSION})
        if ended is not None and all(
            e is None or e.day <= ended.day for e in (associate, observer, admitted)
        ) and (charter is None or not charter.status.in_force):
            # Its membership ended by decision and nothing since has given it a standing.
            former.append(Former(code, (say("%(event)s (%(day)s)", event=Quote(ended.text),
                                                day=ended.shown_date),)))
            continue
        if charter is not None and charter.status.in_force and rule.charter:
            members.append(Member(code, Category.MEMBER_STATE, (joined(
                say("party to %(instrument)s on %(day)s (since %(start)s)",
                    instrument=charter_title, day=day, start=str(charter.period.start)),
                cite_charter, reading),
            ), participation))
        elif associate is not None and (ended is None or ended.day < associate.day):
            members.append(Member(code, Category.ASSOCIATE_MEMBER, (
                say("associate member from %(day)s: %(event)s", day=associate.shown_date,
                    event=Quote(associate.text)),
            ), participation))
        elif observer is not None:
            members.append(Member(code, Category.OBSERVER, (
                say("observer from %(day)s: %(event)s", day=observer.shown_date,
                    event=Quote(observer.text)),
            ), participation))
        elif founding is not None:
            instrument, interval = founding
            title = titles.get(instrument, instrument)
            if interval.status in {Status.PARTY, Status.WITHDRAWING}:
                held = joined(say("party to %(instrument)s since %(start)s", instrument=title,
                                  start=str(interval.period.start)), cite_founding)
                members.append(_party(code, held, code in founders, charter, charter_binding,
                                      charter_title, joined(cite_charter, reading), participation))
            else:
                refused = _last(decided, code, {EventKind.RATIFICATION_REFUSED})
                if refused is not None and refused.day >= (interval.period.start or date.min):
                    participation = say("none: %(event)s (%(day)s)", event=Quote(refused.text),
                                        day=refused.shown_date)
                members.append(Member(code, Category.SIGNATORY_STATE, (joined(
                    say("%(status)s of %(instrument)s since %(start)s; not a party: not a full "
                        "participant", status=interval.status.said, instrument=title,
                        start=str(interval.period.start)), cite_founding),
                ), participation))
        elif admitted is not None:
            members.append(Member(code, Category.ACCEDING_STATE, (
                say("admitted by decision of %(day)s: %(event)s", day=admitted.shown_date,
                    event=Quote(admitted.text)),
                say("not yet a party to the founding instruments"),
            ), participation))
        else:
            left = [
                say("%(status)s from %(instrument)s since %(start)s", status=s.status.said,
                    instrument=titles.get(i, i), start=str(s.period.start))
                for i in (*rule.founding, *([rule.charter] if rule.charter else []))
                if (s := status_of(i, code, day)) is not None and s.status is Status.WITHDRAWN
            ]
            if left:
                former.append(Former(code, tuple(left)))
        if len(members) > before:
            used = [i.evidence for i in (founding[1] if founding else None, charter) if i]
            mine = [e.provenance for e in decided if code in e.participants
                    and e.kind in _STANDING]
            members[-1] = replace(members[-1], evidence=combine(used, mine))
    return members, former


# The events that give a standing in the body.
_STANDING = {
    EventKind.ADMISSION, EventKind.ASSOCIATE_MEMBERSHIP, EventKind.OBSERVER_STATUS,
    EventKind.RECALL_FROM_BODIES, EventKind.RATIFICATION_REFUSED,
}


def _party(
    code: str, held: Value, founder: bool, charter: StatusInterval | None, binding: bool,
    charter_title: Value, cite: Value, participation: Value,
) -> Member:
    """A party to the founding instruments that is not a member state (yet)."""
    if charter is not None and charter.status in _PENDING:
        pending = joined(say(
            "%(status)s of %(instrument)s since %(start)s: a member state on assuming its "
            "obligations", status=charter.status.said, instrument=charter_title,
            start=str(charter.period.start)), cite)
        category = Category.FOUNDING_STATE if founder else Category.ACCEDING_STATE
        return Member(code, category, (held, pending), participation)
    if not founder:
        return Member(code, Category.ACCEDING_STATE, (
            joined(held, say(" (by accession)")),
            joined(say("not a party to %(instrument)s", instrument=charter_title), cite),
        ), participation)
    if binding:
        return Member(code, Category.PARTICIPATING_NON_MEMBER, (
            held, joined(say("not a party to %(instrument)s, in force: not a member state",
                             instrument=charter_title), cite),
        ), participation)
    return Member(code, Category.FOUNDING_STATE, (held,), participation)


def _strongest(
    found: Iterable[tuple[str, StatusInterval | None]],
) -> tuple[str, StatusInterval] | None:
    """The founding instrument in which the participant stands highest: party, then
    signatory (a withdrawal from any of them ends its standing)."""
    best: tuple[str, StatusInterval] | None = None
    rank = {
        Status.PARTY: 4, Status.WITHDRAWING: 4, Status.PROVISIONALLY_APPLYING: 3,
        Status.CONTRACTING: 2, Status.SIGNATORY: 1, Status.UNKNOWN: 1,
    }
    for instrument, interval in found:
        if interval is None:
            continue
        if interval.status in {Status.WITHDRAWN, Status.CEASED, Status.TERMINATED}:
            return None
        if rank.get(interval.status, 0) > (rank.get(best[1].status, 0) if best else 0):
            best = (instrument, interval)
    return best


def _last(events: Iterable[Event], code: str, kinds: set[EventKind]) -> Event | None:
    found = [e for e in events if e.kind in kinds and code in e.participants]
    return max(found, key=lambda e: e.day) if found else None
