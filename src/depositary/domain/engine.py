"""The status engine: from an instrument's clauses and acts, every participant's status on
every date, as intervals with reasons (DESIGN.md §5).

Pure: takes immutable values, returns immutable values. The order in which acts are given
does not matter: they are processed by receipt date and a fixed order of kinds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from depositary.domain.acts import CONSENT_KINDS, NOTICE_KINDS, SIGNATURE_KINDS, Act, ActKind
from depositary.domain.entry_into_force import (
    Consent,
    Facts,
    PartiesOf,
    general_entry_into_force,
)
from depositary.domain.instruments import Instrument
from depositary.domain.participants import Participant
from depositary.domain.reservations import ReservationRecord, reservation_records
from depositary.domain.status import Candidate, Counts, Reason, Status, StatusInterval, flatten


@dataclass(slots=True)
class Episode:
    """One period of consent: from an instrument of consent to the withdrawal, if any."""

    consent: Act
    notice: Act | None = None
    notice_effective: date | None = None
    revoked_by: Act | None = None

    @property
    def start(self) -> date:
        """Consent takes effect on receipt (VCLT 16); succession from its own date
        (VCLT succession practice: retroactive to the date of succession)."""
        if self.consent.kind is ActKind.SUCCESSION and self.consent.effective is not None:
            return self.consent.effective
        return self.consent.received

    @property
    def ends(self) -> date | None:
        return self.notice_effective if self.notice is not None else None


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The engine's answer for one instrument: general entry into force, every
    participant's intervals, reservations, and counts on any date."""

    instrument: str
    entry_into_force: date | None
    entry_into_force_reason: Reason | None
    intervals: Mapping[str, tuple[StatusInterval, ...]]
    reservations: tuple[ReservationRecord, ...]
    consents: tuple[Consent, ...]
    signed: Mapping[str, date]
    _still_needed: Callable[[date], int | None] = field(repr=False, compare=False)

    def status_on(self, participant: str, day: date) -> StatusInterval | None:
        """The participant's status interval on `day`; None if not involved."""
        for interval in self.intervals.get(participant, ()):
            if interval.period.contains(day):
                return interval
        return None

    def chart(self, day: date) -> list[StatusInterval]:
        """Every involved participant's status on `day`, by participant code."""
        rows = (self.status_on(p, day) for p in sorted(self.intervals))
        return [row for row in rows if row is not None]

    def in_force_on(self, day: date) -> bool:
        return self.entry_into_force is not None and self.entry_into_force <= day

    def counts(self, day: date) -> Counts:
        """Counts by status on `day`; each equals the number of chart rows with it."""
        tally: dict[Status, int] = defaultdict(int)
        for row in self.chart(day):
            tally[row.status] += 1
        return Counts(
            signatories=tally[Status.SIGNATORY],
            contracting=tally[Status.CONTRACTING],
            provisionally_applying=tally[Status.PROVISIONALLY_APPLYING],
            parties=tally[Status.PARTY],
            withdrawing=tally[Status.WITHDRAWING],
            withdrawn=tally[Status.WITHDRAWN],
            ceased=tally[Status.CEASED],
            signatures=sum(1 for signed in self.signed.values() if signed <= day),
            consents=sum(1 for c in self.consents if c.received <= day),
            still_needed=0 if self.in_force_on(day) else self._still_needed(day),
        )

    def reservations_of(self, participant: str) -> list[ReservationRecord]:
        return [r for r in self.reservations if r.act.participant == participant]


def evaluate(
    instrument: Instrument,
    acts: Iterable[Act],
    participants: Mapping[str, Participant],
    parties_of: PartiesOf | None = None,
) -> Evaluation:
    """Compute the status of every participant in `instrument` from its clauses and acts."""
    clauses = instrument.clauses
    ordered = sorted(_with_continuators(acts, participants), key=lambda a: a.sort_key)
    by_participant: dict[str, list[Act]] = defaultdict(list)
    for act in ordered:
        by_participant[act.participant].append(act)

    episodes = {p: _episodes(p, own, instrument) for p, own in by_participant.items()}
    signed = {
        p: min(a.received for a in own if a.kind in SIGNATURE_KINDS)
        for p, own in by_participant.items()
        if any(a.kind in SIGNATURE_KINDS for a in own)
    }
    consents = tuple(
        sorted(
            (
                Consent(p, e.consent.received, e.consent.id, e.ends)
                for p, eps in episodes.items()
                for e in eps
            ),
            key=lambda c: (c.received, c.participant),
        )
    )
    outcome = general_entry_into_force(
        clauses.entry_into_force,
        Facts(consents, frozenset(signed), instrument.adopted, parties_of),
    )
    intervals: dict[str, tuple[StatusInterval, ...]] = {}
    for participant, own in by_participant.items():
        context = _Context(instrument, outcome.day, outcome.reason, episodes, ordered)
        candidates = _candidates(participant, own, episodes[participant], context)
        ended = _ceased(participants.get(participant), own)
        if ended is not None and candidates:
            candidates.append(ended)
        flat = flatten(participant, candidates)
        if flat:
            intervals[participant] = tuple(flat)
    first_consent = {p: eps[0].start for p, eps in episodes.items() if eps}
    return Evaluation(
        instrument=instrument.id,
        entry_into_force=outcome.day,
        entry_into_force_reason=outcome.reason,
        intervals=intervals,
        reservations=reservation_records(ordered, clauses.reservations, first_consent),
        consents=consents,
        signed=signed,
        _still_needed=outcome.still_needed,
    )


def _with_continuators(acts: Iterable[Act], participants: Mapping[str, Participant]) -> list[Act]:
    """A continuator keeps its predecessor's record (the Russian Federation continues the
    USSR): the predecessor's acts count as the continuator's too (DESIGN.md §5 rule 11)."""
    continuators: dict[str, list[str]] = defaultdict(list)
    for participant in participants.values():
        if participant.continuator_of is not None:
            continuators[participant.continuator_of].append(participant.code)
    result = []
    for act in acts:
        result.append(act)
        for heir in continuators.get(act.participant, ()):
            result.append(replace(act, participant=heir))
    return result


def _episodes(participant: str, own: Sequence[Act], instrument: Instrument) -> list[Episode]:
    """Split a participant's acts into periods of consent, each ended by a withdrawal that
    took effect; a notice revoked before it takes effect ends nothing (VCLT 68)."""
    clauses = instrument.clauses
    episodes: list[Episode] = []
    for act in own:
        current = episodes[-1] if episodes else None
        if current is not None and current.ends is not None and current.ends <= act.received:
            current = None  # the previous consent has ended by withdrawal
        binds = act.kind in CONSENT_KINDS or (
            act.kind is ActKind.SIGNATURE and clauses.signature_binds_participant(participant)
        )
        if binds and current is None:
            episodes.append(Episode(consent=act))
        elif act.kind in NOTICE_KINDS and current is not None and current.notice is None:
            current.notice = act
            due = clauses.withdrawal.delay.apply(act.received)
            current.notice_effective = max(due, act.effective) if act.effective else due
        elif (
            act.kind is ActKind.NOTICE_REVOCATION
            and current is not None
            and current.notice_effective is not None
            and act.received < current.notice_effective
        ):
            current.revoked_by = act
            current.notice = None
            current.notice_effective = None
    return episodes


@dataclass(frozen=True, slots=True)
class _Context:
    instrument: Instrument
    general: date | None
    general_reason: Reason | None
    episodes: Mapping[str, list[Episode]]
    acts: Sequence[Act]


def _candidates(
    participant: str, own: Sequence[Act], episodes: Sequence[Episode], ctx: _Context
) -> list[Candidate]:
    candidates: list[Candidate] = []
    signature = next((a for a in own if a.kind in SIGNATURE_KINDS), None)
    if signature is not None:
        why = Reason(
            f"{signature.describe()}; a signature subject to ratification does not bind",
            (signature.id,), "VCLT 14, 18",
        )
        candidates.append(Candidate(Status.SIGNATORY, signature.received, None, (why,)))
    for index, episode in enumerate(episodes):
        following = episodes[index + 1].start if index + 1 < len(episodes) else None
        candidates.extend(_episode_candidates(participant, episode, following, ctx))
    candidates.extend(_provisional(participant, own, signature, episodes, ctx))
    return candidates


def _entry_into_force_for(
    participant: str, episode: Episode, ctx: _Context
) -> tuple[date | None, Reason]:
    """Entry into force for one participant (VCLT 24(3)): the general date for those that
    consented before it, else the clause for later participants; succession takes effect
    from the date of succession; an accession that needs every party's consent, from the
    last of those consents (VCLT 15)."""
    clauses = ctx.instrument.clauses
    act = episode.consent
    if ctx.general is None:
        return None, Reason("the instrument has not entered into force", (), "VCLT 24")
    general_reason = ctx.general_reason or Reason("general entry into force")
    if act.kind is ActKind.ACCESSION and clauses.participation.accession_needs_consent_of_parties:
        return _consented_accession(participant, episode, ctx)
    if act.kind is ActKind.SUCCESSION:
        start = max(ctx.general, episode.start)
        return start, Reason(
            f"succession takes effect from {episode.start.isoformat()}, retroactively",
            (act.id,), "VCLT 24(3); succession practice",
        )
    if episode.start <= ctx.general:
        return ctx.general, general_reason
    start = clauses.later_entry_into_force.apply(episode.start)
    return start, Reason(
        f"for a later participant: {clauses.later_entry_into_force.describe()} its consent",
        (act.id,), "VCLT 24(3)",
    )


def _consented_accession(
    participant: str, episode: Episode, ctx: _Context
) -> tuple[date | None, Reason]:
    assert ctx.general is not None
    parties = {
        p for p, eps in ctx.episodes.items()
        if p != participant and any(
            max(e.start, ctx.general) <= episode.start
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
    start = delay.apply(max(last, episode.start))
    return start, Reason(
        f"accession consented by all {len(parties)} parties, the last on {last.isoformat()}",
        tuple(consents[p].id for p in sorted(parties)), "VCLT 15",
    )


def _episode_candidates(
    participant: str, episode: Episode, following: date | None, ctx: _Context
) -> list[Candidate]:
    consent_why = Reason(episode.consent.describe(), (episode.consent.id,), "VCLT 16")
    in_force, why = _entry_into_force_for(participant, episode, ctx)
    ends = episode.ends
    candidates = [
        Candidate(
            Status.CONTRACTING, episode.start, _earliest(in_force, ends), (consent_why, why)
        )
    ]
    if in_force is not None and (ends is None or in_force < ends):
        candidates.append(Candidate(Status.PARTY, in_force, ends, (consent_why, why), in_force))
    if episode.notice is not None and ends is not None:
        notice_why = Reason(
            f"{episode.notice.describe()}; takes effect {ends.isoformat()}",
            (episode.notice.id,), "VCLT 54, 56(2)",
        )
        candidates.append(
            Candidate(Status.WITHDRAWING, episode.notice.received, ends, (notice_why,), in_force)
        )
        candidates.append(Candidate(Status.WITHDRAWN, ends, following, (notice_why,)))
    return candidates


def _provisional(
    participant: str,
    own: Sequence[Act],
    signature: Act | None,
    episodes: Sequence[Episode],
    ctx: _Context,
) -> list[Candidate]:
    """Provisional application (VCLT 25): from the participant's notification, or from
    signature where the clauses say so, until entry into force for it or its notice."""
    clause = ctx.instrument.clauses.provisional_application
    stops = [a.received for a in own if a.kind is ActKind.PROVISIONAL_APPLICATION_END]
    if episodes:
        in_force, _ = _entry_into_force_for(participant, episodes[0], ctx)
        if in_force is not None:
            stops.append(in_force)
    starts: list[tuple[date, Reason]] = [
        (
            a.effective or a.received,
            Reason(f"{a.describe()}", (a.id,), "VCLT 25(1)"),
        )
        for a in own if a.kind is ActKind.PROVISIONAL_APPLICATION
    ]
    if clause is not None and clause.from_signature and signature is not None:
        start = clause.delay.apply(signature.received)
        starts.append(
            (start, Reason(
                f"provisional application {clause.delay.describe()} signature "
                f"({signature.received.isoformat()})", (signature.id,), "VCLT 25(1)(a)",
            ))
        )
    candidates = []
    for start, why in starts:
        end = min((s for s in stops if s > start), default=None)
        candidates.append(Candidate(Status.PROVISIONALLY_APPLYING, start, end, (why,)))
    return candidates


def _ceased(participant: Participant | None, own: Sequence[Act]) -> Candidate | None:
    """A participant that no longer exists has ceased for every instrument (DESIGN.md §5
    rule 11: a dissolved predecessor ceases)."""
    act = next((a for a in own if a.kind is ActKind.CEASED), None)
    if act is not None:
        day = act.effective or act.received
        return Candidate(Status.CEASED, day, None, (Reason(act.describe(), (act.id,)),))
    if participant is None or participant.existence.end is None:
        return None
    end = participant.existence.end
    return Candidate(
        Status.CEASED, end, None,
        (Reason(f"{participant.code} ceased to exist on {end.isoformat()}", (), "succession"),),
    )


def _earliest(*days: date | None) -> date | None:
    present = [d for d in days if d is not None]
    return min(present) if present else None
