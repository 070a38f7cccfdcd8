"""Bodies (Popolo `Organization`) and their members on any date, derived from the
instruments' statuses and the bodies' decisions, with reasons.

The Commonwealth's categories (Charter, Art. 7 and 8): the founding states signed and
ratified the Agreement of 8 December 1991 and its Protocol of 21 December; member states
are those that assumed the Charter's obligations; associate members and observers are so
by decision of the Council of Heads of State. A founding state that never became a party
to the Charter (Ukraine) keeps taking part without being a member state: a participating
non-member. De facto participation (Ukraine recalled its representatives from the
statutory bodies in 2018) is kept apart from the status under the instruments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.events import Event, EventKind
from depositary.domain.joint import JointProcedure
from depositary.domain.participants import Role
from depositary.domain.procedures import Consensus, Procedure
from depositary.domain.provenance import UNKNOWN, Provenance
from depositary.domain.rotation import Rotation
from depositary.domain.status import Status, StatusInterval


class Category(StrEnum):
    FOUNDING_STATE = "founding-state"
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


@dataclass(frozen=True, slots=True)
class Member:
    """A participant's standing in a body on a date, with the reasons."""

    participant: str
    category: Category
    reasons: tuple[str, ...]
    participation: str = "full"  # de facto: "recalled" when it recalled its representatives


@dataclass(frozen=True, slots=True)
class Former:
    participant: str
    reasons: tuple[str, ...]


StatusOf = Callable[[str, str, date], StatusInterval | None]  # instrument, participant, day


def members_on(
    rule: MembershipRule, day: date, candidates: Iterable[str], status_of: StatusOf,
    charter_in_force: date | None, events: Iterable[Event], titles: Mapping[str, str],
) -> tuple[list[Member], list[Former]]:
    """Who belongs to the community on `day`, in which category and why; and who has left."""
    decided = [e for e in events if e.day <= day]
    members: list[Member] = []
    former: list[Former] = []
    for code in sorted(set(candidates)):
        founding = _strongest(
            (i, status_of(i, code, day)) for i in rule.founding
        )
        charter = status_of(rule.charter, code, day) if rule.charter else None
        recalled = _last(decided, code, {EventKind.RECALL_FROM_BODIES})
        participation = (
            f"recalled from the statutory bodies on {recalled.day}" if recalled else "full"
        )
        ended = _last(decided, code, {EventKind.MEMBERSHIP_ENDS})
        associate = _last(decided, code, {EventKind.ASSOCIATE_MEMBERSHIP})
        observer = _last(decided, code, {EventKind.OBSERVER_STATUS})
        admitted = _last(decided, code, {EventKind.ADMISSION})
        if ended is not None and all(
            e is None or e.day <= ended.day for e in (associate, observer, admitted)
        ) and (charter is None or not charter.status.in_force):
            # Its membership ended by decision and nothing since has given it a standing.
            former.append(Former(code, (f"{ended.text} ({ended.day})",)))
            continue
        cite_charter = f" [{rule.charter_source}]" if rule.charter_source else ""
        cite_founding = f" [{rule.founding_source}]" if rule.founding_source else ""
        if charter is not None and charter.status.in_force and rule.charter:
            members.append(Member(code, Category.MEMBER_STATE, (
                f"party to {titles.get(rule.charter, rule.charter)} on {day} "
                f"(since {charter.period.start})" + cite_charter,
            ), participation))
        elif associate is not None and (ended is None or ended.day < associate.day):
            members.append(Member(code, Category.ASSOCIATE_MEMBER, (
                f"associate member by decision of {associate.day}: {associate.text}",
            ), participation))
        elif observer is not None:
            members.append(Member(code, Category.OBSERVER, (
                f"observer by decision of {observer.day}: {observer.text}",
            ), participation))
        elif founding is None and admitted is not None:
            members.append(Member(code, Category.MEMBER_STATE, (
                f"admitted by decision of {admitted.day}: {admitted.text}",
                "not yet a party to the charter",
            ), participation))
        elif founding is not None:
            instrument, interval = founding
            relation = "signatory of" if interval.status is Status.SIGNATORY else (
                f"{interval.status.value} to"
            )
            held = (
                f"{relation} {titles.get(instrument, instrument)} since {interval.period.start}"
            )
            if charter_in_force is not None and charter_in_force <= day:
                members.append(Member(code, Category.PARTICIPATING_NON_MEMBER, (
                    held + cite_founding,
                    f"not a party to {titles.get(rule.charter or '', rule.charter)}, in force "
                    f"since {charter_in_force}: not a member state" + cite_charter,
                ), participation))
            else:
                members.append(Member(
                    code, Category.FOUNDING_STATE, (held + cite_founding,), participation
                ))
        else:
            left = [
                f"{s.status.value} from {titles.get(i, i)} since {s.period.start}"
                for i in (*rule.founding, *([rule.charter] if rule.charter else []))
                if (s := status_of(i, code, day)) is not None and s.status is Status.WITHDRAWN
            ]
            if left:
                former.append(Former(code, tuple(left)))
    return members, former


def _strongest(
    found: Iterable[tuple[str, StatusInterval | None]],
) -> tuple[str, StatusInterval] | None:
    """The founding instrument in which the participant stands highest: party, then
    signatory (a withdrawal from any of them ends its standing)."""
    best: tuple[str, StatusInterval] | None = None
    rank = {
        Status.PARTY: 4, Status.WITHDRAWING: 4, Status.PROVISIONALLY_APPLYING: 3,
        Status.CONTRACTING: 2, Status.SIGNATORY: 1,
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
