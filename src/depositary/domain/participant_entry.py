"""Entry into force for one participant (VCLT 24(3)): the general date, the clause for
later participants, succession, and accession that needs every party's consent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import LaterParticipants, OnSignature
from depositary.domain.episodes import Episode
from depositary.domain.instruments import Instrument
from depositary.domain.participants import Participant
from depositary.domain.phrases import say, say_n
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
    participants: Mapping[str, Participant] = field(default_factory=dict)  # for members
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
        found = None, Reason(say("the instrument has not entered into force"), (), "VCLT 24")
    elif act.kind is ActKind.ACCESSION and (
        clauses.participation.accession_needs_consent_of_parties
    ):
        found = _consented_accession(participant, episode, ctx)
    else:
        found = _stated_later(episode, _by_clause(episode, ctx), ctx)
    found = _with_organisation(participant, episode, found, ctx)
    ctx.computed[id(episode)] = found
    return found


def _stated_later(episode: Episode, found: tuple[date | None, Reason],
                  ctx: Context) -> tuple[date | None, Reason]:
    """"Or on any later date indicated in that instrument": the date a consent states,
    where the clauses allow it and it is later than the clause's own (never earlier)."""
    start, why = found
    stated = episode.consent.effective
    if (not ctx.instrument.clauses.later_date_stated or stated is None or start is None
            or episode.consent.kind is ActKind.SUCCESSION):
        return found
    if stated <= start:
        return start, Reason(
            say("%(reason)s; the date its instrument states, %(day)s, is not later",
                reason=why.said, day=stated), why.acts, why.rule, why.basis)
    return stated, Reason(
        say("on the later date its instrument states, %(day)s (the clause alone gives "
            "%(start)s)", day=stated, start=start), (episode.consent.id,),
        cite(ctx.instrument, "VCLT 24(3)"), ctx.instrument.clauses.provenance)


def _with_organisation(participant: str, episode: Episode, found: tuple[date | None, Reason],
                       ctx: Context) -> tuple[date | None, Reason]:
    """A member State of an organisation the clauses name is bound only once the
    organisation is (and never if it never is)."""
    start, why = found
    awaited = [
        org for org in ctx.instrument.clauses.participation.members_await
        if (known := ctx.participants.get(org)) is not None
        and participant in known.members_on(episode.start)
    ]
    for org in awaited:
        bound = [
            entry_into_force_for(org, own, ctx)[0] for own in ctx.episodes.get(org, [])
            if own.ends is None or own.ends > episode.start
        ]
        day = min((b for b in bound if b is not None), default=None)
        if day is None:
            return None, Reason(
                say("a member State of %(organisation)s: bound only once %(organisation)s is, "
                    "and %(organisation)s is not bound", organisation=org),
                (episode.consent.id,), cite(ctx.instrument, "VCLT 24(3)"),
                ctx.instrument.clauses.provenance)
        if start is not None and day > start:
            start, why = day, Reason(
                say("a member State of %(organisation)s: bound from %(organisation)s's own entry "
                    "into force, %(day)s", organisation=org, day=day),
                (episode.consent.id,), cite(ctx.instrument, "VCLT 24(3)"),
                ctx.instrument.clauses.provenance)
    return start, why


def _by_clause(episode: Episode, ctx: Context) -> tuple[date | None, Reason]:
    """The date the clauses give a participant from its own consent alone."""
    clauses = ctx.instrument.clauses
    act = episode.consent
    assert ctx.general is not None
    general_reason = ctx.general_reason or Reason(say("general entry into force"))
    if act.kind is ActKind.SUCCESSION:
        start = max(ctx.general, episode.start)
        return start, Reason(
            say("succession takes effect from %(day)s, retroactively", day=episode.start)
            if episode.start < act.received else
            say("succession takes effect from %(day)s", day=episode.start),
            (act.id,), "VCLT 24(3); succession practice",
        )
    if clauses.entry_into_force is None or isinstance(clauses.entry_into_force, OnSignature):
        # Each is bound by its own act: say so, rather than cite another's first consent.
        start = max(ctx.general, clauses.later_entry_into_force.apply(episode.start))
        delay = clauses.later_entry_into_force.describe()
        return start, Reason(
            say("in force on signature: binds each participant %(delay)s its own consent",
                delay=delay) if clauses.entry_into_force else
            say("no entry-into-force clause: binds each participant %(delay)s its own consent",
                delay=delay),
            (act.id,), cite(ctx.instrument, "VCLT 24(2)"), clauses.provenance,
        )
    after_entry = clauses.later_participants is LaterParticipants.AFTER_ENTRY_INTO_FORCE
    later_from = ctx.general if after_entry else ctx.trigger
    if later_from is not None and episode.start <= later_from:
        return ctx.general, general_reason
    # VCLT 24(3): consent after the condition was met (or, as the clause reads
    # "thereafter", after the entry into force) binds it by the clause for later
    # participants, never before the general date (the Rome Statute's art. 126(2)).
    own = clauses.later_entry_into_force.apply(episode.start)
    start = max(ctx.general, own)
    delay = clauses.later_entry_into_force.describe()
    text = (say("for a participant consenting after the entry into force: %(delay)s its "
                "consent", delay=delay) if after_entry else
            say("for a participant consenting after the condition was met: %(delay)s its "
                "consent", delay=delay))
    # The general date is named only where it, not the participant's own act, gives the
    # day: a reason for a later participant then names no date that rests on others.
    if own < ctx.general:
        text = say("%(reason)s, not before %(day)s", reason=text, day=ctx.general)
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
            say("accession awaits the consent of %(participants)s",
                participants=", ".join(missing)), (episode.consent.id,),
            "VCLT 15",
        )
    last = max((consents[p].received for p in parties), default=episode.start)
    delay = ctx.instrument.clauses.participation.accession_delay
    # Never before the instrument itself is in force.
    start = max(ctx.general, delay.apply(max(last, episode.start)))
    return start, Reason(
        say_n("accession consented by all %(n)d parties, the last on %(day)s",
              "accession consented by all %(n)d parties, the last on %(day)s", len(parties),
              n=len(parties), day=last),
        tuple(consents[p].id for p in sorted(parties)), "VCLT 15",
    )


def cite(instrument: Instrument, rule: str) -> str:
    """The instrument's own article first, then the general rule it applies."""
    source = instrument.clauses.source
    return f"{source}; {rule}" if source else rule
