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

from depositary.domain.acts import SIGNATURE_KINDS, Act, ActKind
from depositary.domain.continuity import continuators, inherit
from depositary.domain.entry_into_force import Consent, Facts, PartiesOf, general_entry_into_force
from depositary.domain.episodes import Episode, episodes_of
from depositary.domain.instruments import Instrument
from depositary.domain.participant_entry import Context, cite, entry_into_force_for
from depositary.domain.participants import Participant
from depositary.domain.periods import Period
from depositary.domain.provisional import provisional
from depositary.domain.reservations import ReservationRecord, reservation_records
from depositary.domain.status import Candidate, Counts, Reason, Status, StatusInterval, flatten


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

    def own_entry_into_force(self, interval: StatusInterval) -> date | None:
        """The date the instrument entered (or, for a participant that has consented, will
        enter) into force for the participant of `interval` (VCLT 24(3))."""
        if interval.in_force_from is not None:
            return interval.in_force_from
        if interval.status not in {Status.CONTRACTING, Status.PROVISIONALLY_APPLYING}:
            return None
        upcoming = (
            later for later in self.intervals.get(interval.participant, ())
            if later.status is Status.PARTY and later.period.start is not None
            and interval.period.start is not None and later.period.start > interval.period.start
        )
        party = next(upcoming, None)
        return party.in_force_from if party is not None else None

    def in_force_on(self, day: date) -> bool:
        return self.entry_into_force is not None and self.entry_into_force <= day

    def counts(self, day: date) -> Counts:
        """Counts by status on `day`; each equals the number of chart rows with it."""
        return Counts.of(
            (row.status for row in self.chart(day)),
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
    heirs: Mapping[str, Sequence[str]] | None = None,
) -> Evaluation:
    """Compute the status of every participant in `instrument` from its clauses and acts.
    `heirs` are the participants' `continuators`, if the caller keeps them (a register
    evaluating thousands of instruments over the same participants)."""
    clauses = instrument.clauses
    originals = sorted(acts, key=lambda a: a.sort_key)
    if heirs is None:
        heirs = continuators(participants)
    # The predecessor's ceasing to exist is its own, not its continuator's.
    copies = [
        replace(act, participant=heir)
        for act in originals
        if act.kind is not ActKind.CEASED
        for heir in heirs.get(act.participant, ())
    ]
    ordered = sorted([*originals, *copies], key=lambda a: a.sort_key)
    own_acts = _group(originals)
    all_acts = _group(ordered)

    # Entry into force counts each instrument once: a continuator's copies of its
    # predecessor's acts are the same instruments.
    own_episodes = {p: episodes_of(p, own, instrument) for p, own in own_acts.items()}
    signed = {
        p: min(a.received for a in own if a.kind in SIGNATURE_KINDS)
        for p, own in own_acts.items()
        if any(a.kind in SIGNATURE_KINDS for a in own)
    }
    consents = tuple(
        sorted(
            (
                Consent(p, e.consent.received, e.consent.id, e.ends)
                for p, eps in own_episodes.items()
                for e in eps
            ),
            key=lambda c: (c.received, c.participant),
        )
    )
    outcome = general_entry_into_force(
        clauses.entry_into_force,
        Facts(consents, signed, instrument.adopted, parties_of, clauses.later_entry_into_force),
    )
    general_reason = outcome.reason
    if general_reason is not None:
        general_reason = replace(general_reason, rule=cite(instrument, general_reason.rule))
    context = Context(
        instrument, outcome.day, general_reason, outcome.trigger, own_episodes, ordered
    )
    intervals: dict[str, tuple[StatusInterval, ...]] = {}
    for participant, every in all_acts.items():
        own = own_acts.get(participant, [])
        candidates = _candidates(participant, own, own_episodes.get(participant, []), context)
        known = participants.get(participant)
        predecessor = participants.get(known.continuator_of or "") if known else None
        if predecessor is not None and len(every) > len(own):
            inherited = _candidates(
                participant, every, episodes_of(participant, every, instrument), context
            )
            candidates += inherit(inherited, predecessor)
        ended = _ceased(participants.get(participant), every)
        if ended is not None and candidates:
            candidates.append(ended)
        candidates = _terminate(candidates, instrument)
        flat = flatten(participant, candidates)
        if flat:
            intervals[participant] = tuple(flat)
    consent_periods = {
        # From the receipt of the consent: a reservation made with a succession is made
        # with its consent, although the succession reaches back (VCLT 20(5)).
        p: [Period(e.consent.received, e.ends) for e in eps] for p, eps in own_episodes.items()
    }
    return Evaluation(
        instrument=instrument.id,
        entry_into_force=outcome.day,
        entry_into_force_reason=general_reason,
        intervals=intervals,
        reservations=reservation_records(ordered, clauses.reservations, consent_periods),
        consents=consents,
        signed=signed,
        _still_needed=outcome.still_needed,
    )


def _group(acts: Iterable[Act]) -> dict[str, list[Act]]:
    grouped: dict[str, list[Act]] = defaultdict(list)
    for act in acts:
        grouped[act.participant].append(act)
    return grouped


def _terminate(candidates: list[Candidate], instrument: Instrument) -> list[Candidate]:
    """An instrument that has terminated binds no one from its termination (VCLT 54)."""
    end = instrument.terminated
    if end is None or not candidates:
        return candidates
    kept = [
        replace(c, end=end if c.end is None or c.end > end else c.end)
        for c in candidates
        if c.start < end
    ]
    if not kept:
        return []  # everything it claims comes after the instrument ended
    note = f"the instrument terminated on {end.isoformat()}"
    if instrument.termination_note:
        note += f": {instrument.termination_note}"
    kept.append(Candidate(Status.TERMINATED, end, None, (Reason(note, (), "VCLT 54, 59"),)))
    return kept


def _candidates(
    participant: str, own: Sequence[Act], episodes: Sequence[Episode], ctx: Context
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
    candidates.extend(provisional(participant, own, signature, episodes, ctx))
    return candidates


def _episode_candidates(
    participant: str, episode: Episode, following: date | None, ctx: Context
) -> list[Candidate]:
    act = episode.consent
    if act.kind is ActKind.SIGNATURE:
        consent_why = Reason(
            f"{act.describe()}: the clauses make its signature binding", (act.id,),
            cite(ctx.instrument, "VCLT 12(1)(a)"),
        )
    else:
        consent_why = Reason(act.describe(), (act.id,), "VCLT 16")
    in_force, why = entry_into_force_for(participant, episode, ctx)
    ends = episode.ends
    candidates = [
        Candidate(
            Status.CONTRACTING, episode.start, _earliest(in_force, ends), (consent_why, why)
        )
    ]
    if in_force is not None and (ends is None or in_force < ends):
        candidates.append(Candidate(Status.PARTY, in_force, ends, (consent_why, why), in_force))
    notice, effective = episode.notice, episode.notice_effective
    if notice is not None and effective is not None:
        notice_why = Reason(
            f"{notice.describe()}; takes effect {effective.isoformat()}",
            (notice.id,), cite(ctx.instrument, "VCLT 54, 56(2)"),
        )
        # Withdrawing means bound and leaving: only while the instrument is in force for
        # it. A contracting participant that gives notice stays contracting until then.
        revoked = episode.revoked_by
        pending_until = revoked.received if revoked is not None else effective
        reasons: tuple[Reason, ...] = (notice_why,)
        if revoked is not None:
            # VCLT 68: the revocation acts from its receipt; the notice stood until then.
            reasons += (Reason(f"revoked by {revoked.describe()}", (revoked.id,), "VCLT 68"),)
        if in_force is not None:
            start = max(notice.received, in_force)
            candidates.append(
                Candidate(Status.WITHDRAWING, start, pending_until, reasons, in_force)
            )
        if revoked is None:
            candidates.append(Candidate(Status.WITHDRAWN, effective, following, (notice_why,)))
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
