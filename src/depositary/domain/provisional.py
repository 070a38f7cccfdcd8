"""Provisional application pending entry into force (VCLT 25)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from depositary.domain.acts import Act, ActKind
from depositary.domain.episodes import Episode
from depositary.domain.participant_entry import Context, entry_into_force_for
from depositary.domain.phrases import say
from depositary.domain.status import Candidate, Reason, Status


def provisional(
    participant: str,
    own: Sequence[Act],
    signature: Act | None,
    episodes: Sequence[Episode],
    ctx: Context,
) -> list[Candidate]:
    """Provisional application (VCLT 25): from the participant's notification, or from
    signature where the clauses say so, until entry into force for it or its notice."""
    clause = ctx.instrument.clauses.provisional_application
    stops = [
        a.effective or a.received for a in own if a.kind is ActKind.PROVISIONAL_APPLICATION_END
    ]
    if episodes:
        in_force, _ = entry_into_force_for(participant, episodes[0], ctx)
        if in_force is not None:
            stops.append(in_force)
    starts: list[tuple[date, Reason]] = [
        (
            a.effective or a.received,
            Reason(a.describe(), (a.id,), "VCLT 25(1)"),
        )
        for a in own if a.kind is ActKind.PROVISIONAL_APPLICATION
    ]
    if clause is not None and clause.from_signature and signature is not None:
        start = clause.delay.apply(signature.received)
        starts.append(
            (start, Reason(
                say("provisional application %(delay)s signature (%(day)s)",
                    delay=clause.delay.describe(), day=signature.received),
                (signature.id,), "VCLT 25(1)(a)",
            ))
        )
    candidates = []
    for start, why in starts:
        end = min((s for s in stops if s > start), default=None)
        candidates.append(Candidate(Status.PROVISIONALLY_APPLYING, start, end, (why,)))
    return candidates
