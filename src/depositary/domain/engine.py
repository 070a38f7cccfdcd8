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
from functools import reduce

from depositary.domain.acts import NOTICE_KINDS, SIGNATURE_KINDS, Act, ActKind
from depositary.domain.clauses import TacitAcceptance
from depositary.domain.continuity import continuators, inherit
from depositary.domain.entry_into_force import (
    Consent,
    Facts,
    Outcome,
    PartiesOf,
    general_entry_into_force,
    unknown,
)
from depositary.domain.episodes import Episode, episodes_of
from depositary.domain.graphs import reached
from depositary.domain.instruments import Instrument, Unsettled
from depositary.domain.participant_entry import Context, cite, entry_into_force_for
from depositary.domain.participants import Participant
from depositary.domain.periods import Period
from depositary.domain.phrases import Phrase, Quote, joined, say
from depositary.domain.provenance import weaker
from depositary.domain.provisional import provisional
from depositary.domain.reservations import ReservationRecord, reservation_records
from depositary.domain.status import (
    Candidate,
    Counts,
    Evidence,
    Reason,
    Status,
    StatusInterval,
    flatten,
)
from depositary.domain.tacit import BoundFrom, bound_without_consent


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
    # False: the register cannot establish whether or when the instrument entered into
    # force (its clause is not established, or a deposit it needs is not found).
    entry_into_force_known: bool = True
    entry_into_force_evidence: Evidence | None = None  # what the general date rests on
    # The day the general condition was met (entry_into_force.Outcome.trigger): with the
    # date and its reason, what every participant's own date reads of the others.
    entry_into_force_trigger: date | None = None

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

    def parties_on(self, day: date) -> frozenset[str]:
        """The participants for which the instrument is in force on `day`."""
        return frozenset(row.participant for row in self.chart(day) if row.status.in_force)

    def periods_in_force(self) -> dict[str, list[Period]]:
        """Each participant's periods in force, consecutive intervals (party, then
        withdrawing) merged into one: what a tacit amendment of the instrument reads."""
        found: dict[str, list[Period]] = {}
        for code, intervals in self.intervals.items():
            merged: list[Period] = []
            for interval in (i for i in intervals if i.status.in_force):
                last = merged[-1] if merged else None
                if last is not None and last.end is not None and last.end == interval.period.start:
                    merged[-1] = Period(last.start, interval.period.end)
                else:
                    merged.append(interval.period)
            if merged:
                found[code] = merged
        return found

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

    def entered_into_force_by(self, day: date) -> bool:
        """True if the general entry into force came on or before `day`. Not "in force
        on `day`": whether the instrument is in force then (not terminated, not unknown)
        is decided in one place, the chart's state (`register.queries.State`)."""
        return self.entry_into_force is not None and self.entry_into_force <= day

    def still_needed(self, day: date) -> int | None:
        """Instruments still needed on `day` for entry into force; None if not countable
        (or not known)."""
        if not self.entry_into_force_known:
            return None
        return 0 if self.entered_into_force_by(day) else self._still_needed(day)

    def counts(self, day: date) -> Counts:
        """Counts by status on `day`; each equals the number of chart rows with it."""
        return Counts.of(
            (row.status for row in self.chart(day)),
            signatures=sum(1 for signed in self.signed.values() if signed <= day),
            consents=sum(1 for c in self.consents if c.received <= day),
            still_needed=self.still_needed(day),
        )

    def reservations_of(self, participant: str) -> list[ReservationRecord]:
        return [r for r in self.reservations if r.act.participant == participant]


def evaluate(
    instrument: Instrument,
    acts: Iterable[Act],
    participants: Mapping[str, Participant],
    parties_of: PartiesOf | None = None,
    heirs: Mapping[str, Sequence[str]] | None = None,
    bound_from: BoundFrom | None = None,
    previous: Evaluation | None = None,
    changed: Iterable[str] = (),
) -> Evaluation:
    """Compute the status of every participant in `instrument` from its clauses and acts.
    `heirs` are the participants' `continuators`, if the caller keeps them (a register
    evaluating thousands of instruments over the same participants); `bound_from`, each
    participant's periods in force under another instrument (the parties of a treaty that
    a tacit amendment binds).

    `previous` is the instrument's evaluation before the acts of the `changed`
    participants changed (an append): where what a participant's status reads of the
    others is the same (`_reusable`), the participants whose acts did not change keep
    their intervals, and only the changed ones and their continuators are evaluated. The
    answer is the same as without it (tests/domain/test_incremental.py)."""
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
                Consent(p, e.consent.received, e.consent.id, e.consent.kind.value, e.ends)
                for p, eps in own_episodes.items()
                for e in eps
            ),
            key=lambda c: (c.received, c.participant),
        )
    )
    outcome = _unsettled_general(instrument) or general_entry_into_force(
        clauses.entry_into_force,
        Facts(consents, signed, instrument.adopted, parties_of, clauses.later_entry_into_force,
              participants, ordered),
    )
    by_id = {act.id: act for act in ordered}
    general_reason = outcome.reason
    if general_reason is not None and general_reason.basis is None:
        # A signature counted as consent rests on the clauses' reading of signatures.
        by_signature = any(by_id[key].kind is ActKind.SIGNATURE
                           for key in general_reason.acts if key in by_id)
        basis = weaker(clauses.provenance, clauses.signature_basis) if by_signature else (
            clauses.provenance)
        general_reason = replace(
            general_reason, rule=cite(instrument, general_reason.rule), basis=basis
        )
    context = Context(
        instrument, outcome.day, general_reason, outcome.trigger, own_episodes, ordered,
        outcome.known, participants,
    )
    intervals: dict[str, tuple[StatusInterval, ...]] = {}
    kept = previous.intervals if previous is not None and _reusable(
        previous, instrument, outcome.day, general_reason, outcome.trigger, outcome.known,
    ) else None
    # A continuator's record copies its predecessor's acts, through every generation.
    affected = reached(changed, heirs)
    doubtful = {u.participant for u in instrument.unsettled if u.participant is not None}
    tacit = bound_without_consent(
        clauses.entry_into_force, outcome.day, general_reason, ordered, parties_of, bound_from,
    ) if isinstance(clauses.entry_into_force, TacitAcceptance) else {}
    for participant in sorted(all_acts.keys() | doubtful | tacit.keys()):
        if kept is not None and participant not in affected:
            if participant in kept:
                intervals[participant] = kept[participant]
            continue
        every = all_acts.get(participant, [])
        own = own_acts.get(participant, [])
        candidates = _candidates(participant, own, own_episodes.get(participant, []), context)
        candidates += _unsettled(instrument, participant, own, own_episodes.get(participant, []))
        candidates += tacit.get(participant, [])
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
            intervals[participant] = tuple(
                replace(interval, evidence=_evidence(interval.reasons, by_id))
                for interval in flat
            )
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
        entry_into_force_known=outcome.known,
        entry_into_force_evidence=(
            _evidence((general_reason,), by_id) if general_reason is not None else None
        ),
        entry_into_force_trigger=outcome.trigger,
    )


def _reusable(previous: Evaluation, instrument: Instrument, day: date | None,
              reason: Reason | None, trigger: date | None, known: bool) -> bool:
    """Whether a participant whose acts did not change keeps its intervals: the general
    date, its reason and its trigger are the same, and no clause makes one participant's
    status read another's acts (an accession every party consents to, VCLT 15; a member
    State bound once its organisation is; a tacit amendment's parties)."""
    participation = instrument.clauses.participation
    return (
        previous.instrument == instrument.id
        and (previous.entry_into_force, previous.entry_into_force_reason,
             previous.entry_into_force_trigger, previous.entry_into_force_known)
        == (day, reason, trigger, known)
        and not isinstance(instrument.clauses.entry_into_force, TacitAcceptance)
        and not participation.accession_needs_consent_of_parties
        and not participation.members_await
    )


def _unsettled_general(instrument: Instrument) -> Outcome | None:
    """The general entry into force is unknown where the record leaves it open."""
    open_questions = instrument.unsettled_for(None)
    if not open_questions:
        return None
    return unknown(Reason(
        joined(*map(_known_and_missing, open_questions), separator="; "),
        (), "", basis=reduce(weaker, (u.provenance for u in open_questions)),
    ))


def _known_and_missing(question: Unsettled) -> Phrase:
    """What the record says of an open question, and what it lacks: the record's words."""
    return say("unknown: %(known)s; missing: %(missing)s", known=Quote(question.known),
               missing=Quote(question.missing))


def _unsettled(
    instrument: Instrument, participant: str, own: Sequence[Act], episodes: Sequence[Episode]
) -> list[Candidate]:
    """"Unknown" where the record leaves the participant's status open: from the question's
    own date (else the participant's first act, which the reason then cites, else the
    adoption) to its stated end, else to the participant's next consent or notice, which
    settles it."""
    found = []
    settling = sorted([e.start for e in episodes]
                      + [a.received for a in own if a.kind in NOTICE_KINDS])
    for question in instrument.unsettled_for(participant):
        first = own[0] if own and question.since is None else None
        start = question.since or (first.received if first else instrument.adopted)
        if start is None:
            continue
        end = question.until or next((day for day in settling if day > start), None)
        found.append(Candidate(Status.UNKNOWN, start, end, (_open(question, first),)))
    return found


def _open(question: Unsettled, act: Act | None = None) -> Reason:
    return Reason(_known_and_missing(question), (act.id,) if act else (), "",
                  basis=question.provenance)


def _evidence(reasons: Sequence[Reason], acts: Mapping[str, Act]) -> Evidence:
    """The evidence of a status: the acts its reasons cite and the readings they apply."""
    cited = [acts[key] for reason in reasons for key in reason.acts if key in acts]
    readings = [reason.basis for reason in reasons if reason.basis is not None]
    return Evidence.of([a.provenance for a in cited] + readings)


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
    note = (say("the instrument terminated on %(day)s: %(note)s", day=end,
                note=Quote(instrument.termination_note)) if instrument.termination_note
            else say("the instrument terminated on %(day)s", day=end))
    kept.append(Candidate(Status.TERMINATED, end, None, (
        Reason(note, (), "VCLT 54, 59", instrument.termination_provenance),
    )))
    return kept


def _candidates(
    participant: str, own: Sequence[Act], episodes: Sequence[Episode], ctx: Context
) -> list[Candidate]:
    candidates: list[Candidate] = []
    clauses = ctx.instrument.clauses
    signature = next((a for a in own if a.kind in SIGNATURE_KINDS), None)
    if signature is not None and not clauses.established:
        assert clauses.entry_into_force is not None  # NotEstablished, not established
        why = Reason(
            say("%(act)s; whether it bound its author is unknown: %(rule)s",
                act=signature.describe(), rule=clauses.entry_into_force.describe()),
            (signature.id,), cite(ctx.instrument, "VCLT 12, 14"), clauses.provenance,
        )
        candidates.append(Candidate(Status.UNKNOWN, signature.received, None, (why,)))
        if not episodes:
            # A notice that states its own date of effect settles the end, whatever the
            # unread clause says of withdrawal.
            candidates += [
                Candidate(Status.WITHDRAWN, notice.effective, None, (Reason(
                    _takes_effect(notice, notice.effective),
                    (notice.id,), cite(ctx.instrument, "VCLT 54, 56(2)"), clauses.provenance,
                ),))
                for notice in own if notice.kind in NOTICE_KINDS and notice.effective
            ]
    elif signature is not None:
        # Only the clauses make a signature binding (VCLT 12); without that, consent comes
        # by a later act. No "subject to ratification" is claimed that no text states.
        why = Reason(
            say("%(act)s: the clauses do not make this signature binding",
                act=signature.describe()),
            (signature.id,), cite(ctx.instrument, "VCLT 12, 18"), clauses.provenance,
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
    clauses = ctx.instrument.clauses
    if act.kind is ActKind.SIGNATURE:
        consent_why = Reason(
            say("%(act)s: the clauses make its signature binding", act=act.describe()), (act.id,),
            cite(ctx.instrument, "VCLT 12(1)(a)"), clauses.signature_basis,
        )
    else:
        consent_why = Reason(act.describe(), (act.id,), "VCLT 16")
    in_force, why = entry_into_force_for(participant, episode, ctx)
    ends = episode.ends
    notice, effective = episode.notice, episode.notice_effective
    if not ctx.general_known:
        # Consent is recorded, but whether and when it bound is not: unknown until a
        # withdrawal whose date of effect is known (stated in it, or by a known clause).
        candidates = [Candidate(Status.UNKNOWN, episode.start, ends, (consent_why, why))]
        # Without a known withdrawal clause, only a date the notice states itself is known.
        known_end = effective if clauses.established else (notice.effective if notice else None)
        if notice is not None and known_end is not None and episode.revoked_by is None:
            left = Reason(_takes_effect(notice, known_end),
                          (notice.id,), cite(ctx.instrument, "VCLT 54, 56(2)"),
                          clauses.provenance)
            candidates.append(Candidate(Status.WITHDRAWN, known_end, following, (left,)))
        return candidates
    candidates = [
        Candidate(
            Status.CONTRACTING, episode.start, _earliest(in_force, ends),
            (consent_why, _pending(why, in_force, episode, ctx)),
        )
    ]
    if in_force is not None and (ends is None or in_force < ends):
        candidates.append(Candidate(Status.PARTY, in_force, ends, (consent_why, why), in_force))
    if notice is not None and effective is not None:
        notice_why = Reason(
            _takes_effect(notice, effective),
            (notice.id,), cite(ctx.instrument, "VCLT 54, 56(2)"), clauses.provenance,
        )
        # Withdrawing means bound and leaving: only while the instrument is in force for
        # it. A contracting participant that gives notice stays contracting until then.
        revoked = episode.revoked_by
        pending_until = revoked.received if revoked is not None else effective
        reasons: tuple[Reason, ...] = (notice_why,)
        if revoked is not None:
            # VCLT 68: the revocation acts from its receipt; the notice stood until then.
            reasons += (Reason(say("revoked by %(act)s", act=revoked.describe()), (revoked.id,),
                               "VCLT 68"),)
        if in_force is not None:
            start = max(notice.received, in_force)
            candidates.append(
                Candidate(Status.WITHDRAWING, start, pending_until, reasons, in_force)
            )
        if revoked is None:
            candidates.append(Candidate(Status.WITHDRAWN, effective, following, (notice_why,)))
    return candidates


def _takes_effect(notice: Act, day: date) -> Phrase:
    return say("%(act)s; takes effect %(day)s", act=notice.describe(), day=day)


def _pending(why: Reason, in_force: date | None, episode: Episode, ctx: Context) -> Reason:
    """Why a participant that has consented is not yet bound. While the instrument itself
    awaits its entry into force, the reason names the rule, not the date it will give:
    on the days this status covers, that date rests on acts others had not yet deposited,
    and an answer as of one of them must not tell it. A date that follows from the
    participant's own act alone (thirty days after its deposit, once the instrument is in
    force) is its declared effect, and the reason gives it."""
    if in_force is None or ctx.general is None or not (
        in_force == ctx.general and ctx.general > episode.start
    ):
        return why
    rule = ctx.instrument.clauses.entry_into_force
    return Reason(
        say("not yet in force: the instrument awaits its entry into force (%(rule)s)",
            rule=rule.describe()) if rule is not None else
        say("not yet in force: the instrument awaits its entry into force"), (),
        cite(ctx.instrument, "VCLT 24"), ctx.instrument.clauses.provenance,
    )


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
        (Reason(say("%(participant)s ceased to exist on %(day)s", participant=participant.code,
                    day=end), (), "succession", participant.provenance),),
    )


def _earliest(*days: date | None) -> date | None:
    present = [d for d in days if d is not None]
    return min(present) if present else None
