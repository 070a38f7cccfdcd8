"""Continuity of states: a continuator keeps its predecessor's record (DESIGN.md §5
rule 11)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from depositary.domain.participants import Participant, continued_record
from depositary.domain.phrases import say
from depositary.domain.status import Candidate, Reason


def continuators(participants: Mapping[str, Participant]) -> dict[str, list[str]]:
    """Predecessor code → every participant that continues its record, directly or
    through another continuator."""
    heirs: dict[str, list[str]] = defaultdict(list)
    for code in participants:
        for predecessor in continued_record(code, participants)[1:]:
            heirs[predecessor].append(code)
    return heirs


def inherit(candidates: Sequence[Candidate], predecessor: Participant) -> list[Candidate]:
    """A continuator keeps its predecessor's record (the Russian Federation continues the
    USSR; DESIGN.md §5 rule 11): the statuses the predecessor's acts give it, from the day
    the predecessor ceased, so that one state is never counted twice."""
    handover = predecessor.existence.end
    why = Reason(
        say("continues the record of %(participant)s from %(day)s",
            participant=predecessor.code, day=handover) if handover else
        say("continues the record of %(participant)s", participant=predecessor.code),
        (), "state succession: continuity",
    )
    inherited = []
    for c in candidates:
        start = max(c.start, handover) if handover is not None else c.start
        if c.end is not None and c.end <= start:
            continue
        inherited.append(replace(c, start=start, reasons=(*c.reasons, why)))
    return inherited
