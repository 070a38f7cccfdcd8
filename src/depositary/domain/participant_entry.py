"""Entry into force for one participant (VCLT 24(3)): the general date, the clause for
later participants, succession, and accession that needs every party's consent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import OnSignature
from depositary.domain.episodes import Episode
from depositary.domain.instruments import Instrument
from depositary.domain.status import Reason


@dataclass(frozen=True, slots=True)
class Context:
    """What the per-participant rules read: the instrument, the general date and the
    trigger (the day its condition was met), everyone's periods of consent, the acts."""

    instrument: Instrument
    general: date | None
    general_reason: Reason | None
    trigger: date | None
    episodes: Mapping[str, list[Episode]]
    acts: Sequence[Act]
    general_known: bool = True  # False: whether and when it entered into force is unknown
    # Each episode's entry into force, computed once (candidates and provisional
    # application both ask for it).
    computed: dict[int, tuple[date | None, Reason]] = field(default_factory=dict)


def entry_into_force_for(
    participant: str, episode: Episode, ctx: Context
) -> tuple[date | None, Reason]:
    """Entry into force for one participant (VCLT 24(3)): the general date for those that
    consented before it, else the clause for later participants; succession takes effect
    from the date of succession; an accession that needs every party's consent, from the
    last of those consents (VCLT 15)."""
    known = ctx.computed.get(id(episode))
    if known is not None:
        return known
    clauses = ctx.instrument.clauses
    act = episode.consent
    found: tuple[date | None, Reason]
    if not ctx.general_known and ctx.general_reason is not None:
        found = None, ctx.general_reason
    elif ctx.general is None:
        found = None, Reason("the instrument has not entered into force", (), "VCLT 24")
    elif act.kind is ActKind.ACCESSION and (
        clauses.participation.accession_needs_consent_of_parties
    ):
        found = _consented_accession(participant, episode, ctx)
    else:
        found = _by_clause(episode, ctx)
    ctx.computed[id(episode)] = found
    return found


def _by_clause(episode: Episode, ctx: Context) -> tuple[date | None, Reason]:
    """The date the clauses give a participant from its own consent alone."""
    clauses = ctx.instrument.clauses
    act = episode.consent
    assert ctx.general is not None
    general_reason = ctx.general_reason or Reason("general entry into force")
    if act.kind is ActKind.SUCCESSION:
        start = max(ctx.general, episode.start)
        return start, Reason(
            f"succession takes effect from {episode.start.isoformat()}, retroactively",
            (act.id,), "VCLT 24(3); succession practice",
        )
    if clauses.entry_into_force is None or isinstance(clauses.entry_into_force, OnSignature):
        # Each is bound by its own act: say so, rather than cite another's first consent.
        start = max(ctx.general, clauses.later_entry_into_force.apply(episode.start))
        how = (
            "in force on signature" if clauses.entry_into_force
            else "no entry-into-force clause"
        )
        return start, Reason(
            f"{how}: binds each participant "
            f"{clauses.later_entry_into_force.describe()} its own consent",
            (act.id,), cite(ctx.instrument, "VCLT 24(2)"), clauses.provenance,
        )
    if ctx.trigger is not None and episode.start <= ctx.trigger:
        return ctx.general, general_reason
    # VCLT 24(3): consent after the condition was met binds it by the clause for later
    # participants, never before the general date (the Rome Statute's art. 126(2)).
    own = clauses.later_entry_into_force.apply(episode.start)
    start = max(ctx.general, own)
    text = (
        f"for a participant consenting after the condition was met: "
        f"{clauses.later_entry_into_force.describe()} its consent"
    )
    # The general date is named only where it, not the participant's own act, gives the
    # day: a reason for a later participant then names no date that rests on others.
    if own < ctx.general:
        text += f", not before {ctx.general.isoformat()}"
    return start, Reason(text, (act.id,), cite(ctx.instrument, "VCLT 24(3)"), clauses.provenance)


def _consented_accession(
    participant: str, episode: Episode, ctx: Context
) -> tuple[date | None, Reason]:
    assert ctx.general is not None
    # The parties when it acceded: those for which the instrument was then in force by
    # their own consent (a contracting state still waiting is not yet a party).
    parties = {
        p for p, eps in ctx.episodes.items()
        if p != participant and any(
            (start := _by_clause(e, ctx)[0]) is not None and start <= episode.start
            and (e.ends is None or episode.start < e.ends)
            for e in eps
        )
    }
    consents = {
        a.participant: a for a in ctx.acts
        if a.kind is ActKind.ACCESSION_CONSENT and a.refers_to == participant
    }
    missing = sorted(parties - consents.keys())
    if missing:
        return None, Reason(
            f"accession awaits the consent of {', '.join(missing)}", (episode.consent.id,),
            "VCLT 15",
        )
    last = max((consents[p].received for p in parties), default=episode.start)
    delay = ctx.instrument.clauses.participation.accession_delay
    # Never before the instrument itself is in force.
    start = max(ctx.general, delay.apply(max(last, episode.start)))
    return start, Reason(
        f"accession consented by all {len(parties)} parties, the last on {last.isoformat()}",
        tuple(consents[p].id for p in sorted(parties)), "VCLT 15",
    )


def cite(instrument: Instrument, rule: str) -> str:
    """The instrument's own article first, then the general rule it applies."""
    source = instrument.clauses.source
    return f"{source}; {rule}" if source else rule
