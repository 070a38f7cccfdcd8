"""Posts and appointments (Popolo `Post`, and `Membership` with a `post`): offices that
exist apart from their holders, held by persons acting or appointed, from a date to a date,
by a decision."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.periods import Period
from depositary.domain.phrases import Phrase, PhrasedError, say
from depositary.domain.provenance import UNKNOWN, Provenance


class Tenure(StrEnum):
    ACTING = "acting"  # pending a decision (Shaposhnikov, 21 December 1991)
    APPOINTED = "appointed"


@dataclass(frozen=True, slots=True)
class Renaming:
    """A post's names from a date (the Executive Secretary, "Secretary General" from 2023)."""

    since: date
    names: dict[str, str]


@dataclass(frozen=True, slots=True)
class Post:
    """An office: the Commander-in-Chief of the Border Troops, the Chair of a Council."""

    alias: str
    names: dict[str, str]
    body: str | None = None  # the body it belongs to, if any
    single_holder: bool = True
    provenance: Provenance = UNKNOWN
    renamed: tuple[Renaming, ...] = ()

    def name(self, language: str = "en", day: date | None = None) -> str:
        """The post's name on `day` (its latest name if no day is given)."""
        names = self.names
        for renaming in sorted(self.renamed, key=lambda r: r.since):
            if day is None or renaming.since <= day:
                names = renaming.names
        return names.get(language) or names.get("en") or self.alias


@dataclass(frozen=True, slots=True)
class Appointment:
    """A person holding a post during a period, acting or appointed, by a decision; or a
    participant holding it (a state chairing a council), the person being whoever sits
    for that participant on the day (`person` None)."""

    post: str
    person: str | None
    period: Period
    tenure: Tenure = Tenure.APPOINTED
    decision: str = ""  # the instrument or decision that appointed (its alias or text)
    on_behalf_of: str | None = None  # the participant it holds the post for (a chair)
    # False: the period ends by the day given (sources disagree), or, with no end, the end
    # is not known at all: a holder with no known end is not "still in office".
    end_known: bool = True
    provenance: Provenance = UNKNOWN
    co_chairs: tuple[str, ...] = ()  # participants co-chairing the term, as recorded

    @property
    def holder(self) -> str:
        """Who holds it, for a message: the person, else the participant."""
        return self.person or self.on_behalf_of or "?"


class AppointmentError(PhrasedError):
    """An appointment the register refuses, naming the rule."""


def holders_on(appointments: Iterable[Appointment], post: str, day: date) -> list[Appointment]:
    """Who holds `post` on `day`."""
    return [a for a in appointments if a.post == post and a.period.contains(day)]


def check_appointment(post: Post, new: Appointment, existing: Iterable[Appointment]) -> None:
    """Refuse a second holder of a single-holder post over any common day."""
    if not post.single_holder:
        return
    for held in existing:
        if held.post == new.post and _overlap(held.period, new.period):
            raise AppointmentError(say(
                "%(post)s has a single holder: %(holder)s from %(start)s overlaps %(held)s "
                "(%(span)s)", post=post.alias, holder=new.holder,
                start=new.period.start or say("an unknown day"), held=held.holder,
                span=_span(held.period)))


def _overlap(a: Period, b: Period) -> bool:
    starts_before_b_ends = b.end is None or a.start is None or a.start < b.end
    ends_after_b_starts = a.end is None or b.start is None or b.start < a.end
    return starts_before_b_ends and ends_after_b_starts


def _span(period: Period) -> Phrase:
    unknown, endless = say("an unknown day"), say("no recorded end")
    return say("%(start)s to %(end)s", start=period.start or unknown, end=period.end or endless)
