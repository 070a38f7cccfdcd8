"""Invariants of the engine over random but valid histories of acts (Hypothesis).

Each history is built per participant the way a depositary receives acts: perhaps a
signature, perhaps a consent on or after it, perhaps a notice after the consent and a new
consent after the notice took effect, provisional application, reservations.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import example, given
from hypothesis import strategies as st

from depositary.domain.acts import CONSENT_KINDS, NOTICE_KINDS, Act, ActKind
from depositary.domain.clauses import (
    AllSignatories,
    AnyOf,
    Clauses,
    Counting,
    Delay,
    EntryIntoForce,
    LaterParticipants,
    NamedParticipants,
    NotBefore,
    OnDate,
    OnDateIf,
    OnSignature,
    Organisations,
    Participation,
    ProvisionalApplication,
    SignatureEffect,
    Threshold,
    Withdrawal,
)
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Member, Participant, ParticipantKind
from depositary.domain.status import Status
from tests.examples import examples

K = ActKind
BASE = date(2000, 1, 1)
STEP = 15  # days between possible dates, so that many acts share a day
CODES = ("XAA", "XAB", "XAC", "XAD", "XAE")
FAST = examples(30)

steps = st.integers(min_value=0, max_value=30)
days = steps.map(lambda n: BASE + timedelta(days=STEP * n))
delays = st.builds(
    Delay,
    days=st.sampled_from([0, 30, 60, 90]),
    months=st.sampled_from([0, 1, 12]),
    first_of_next_month=st.booleans(),
)
subsets = st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True).map(tuple)
CONSENTS = sorted(CONSENT_KINDS - {K.SUCCESSION, K.DEFINITIVE_SIGNATURE, K.CONCURRENCE})


thresholds = st.builds(
    Threshold, count=st.integers(min_value=1, max_value=4), delay=delays,
    # Whose instruments count: organisations' or not, named participants among them
    # (issue 15; XAE is an organisation of which XAA and XAB are members).
    counting=st.builds(Counting, organisations=st.sampled_from(list(Organisations)),
                       including=st.one_of(st.just(()), subsets)),
)
simple_rules: st.SearchStrategy[EntryIntoForce | None] = st.one_of(
    st.none(),
    st.just(OnSignature()),
    st.builds(OnDate, day=days),
    thresholds,
    st.builds(NamedParticipants, participants=subsets, delay=delays),
    st.builds(AllSignatories, delay=delays),
    # Bounded and conditional dates (issue 15).
    st.builds(NotBefore, rule=thresholds, day=days),
    st.builds(OnDateIf, day=days, condition=thresholds, otherwise=delays),
)
entry_rules = st.one_of(
    simple_rules,
    st.lists(simple_rules.filter(lambda r: r is not None), min_size=2, max_size=3).map(
        lambda rules: AnyOf(tuple(rules))  # type: ignore[arg-type]
    ),
)


def clause_sets(*, consented_accession: bool = True) -> st.SearchStrategy[Clauses]:
    return st.builds(
        Clauses,
        entry_into_force=entry_rules,
        later_entry_into_force=delays,
        later_participants=st.sampled_from(list(LaterParticipants)),
        signature=st.sampled_from(list(SignatureEffect)),
        signature_binds=subsets,
        participation=st.builds(
            Participation,
            accession_needs_consent_of_parties=st.booleans() if consented_accession else st.just(
                False
            ),
            accession_delay=delays,
        ),
        provisional_application=st.one_of(
            st.none(), st.builds(ProvisionalApplication, from_signature=st.booleans(), delay=delays)
        ),
        withdrawal=st.builds(Withdrawal, delay=delays),
    )


@st.composite
def participant_history(draw: st.DrawFn, code: str, clauses: Clauses) -> list[Act]:
    """One participant's acts, in the order a depositary could receive them."""
    acts: list[Act] = []

    def add(
        kind: ActKind, received: date, effective: date | None = None, refers_to: str | None = None
    ) -> Act:
        item = Act(
            id=f"{code}-{len(acts)}", instrument="t", participant=code, kind=kind,
            dated=received, received=received, effective=effective, refers_to=refers_to,
        )
        acts.append(item)
        return item

    def later(day: date, at_least: int = 0) -> date:
        return day + timedelta(days=STEP * (at_least + draw(st.integers(0, 8))))

    day = draw(days)
    if draw(st.booleans()):
        add(draw(st.sampled_from([K.SIGNATURE, K.DEFINITIVE_SIGNATURE])), day)
    if draw(st.booleans()):
        add(K.PROVISIONAL_APPLICATION, later(day))
        if draw(st.booleans()):
            add(K.PROVISIONAL_APPLICATION_END, later(day, 1))
    if draw(st.booleans()):
        consent_day = later(day)
        # A participant consents again in the same form (an accession stays an accession,
        # so that a change of kind cannot sidestep the parties' consent to it).
        consent_kind = draw(st.sampled_from(CONSENTS))
        add(consent_kind, consent_day)
        if draw(st.booleans()):  # on consent, or late
            add(K.RESERVATION, later(consent_day) if draw(st.booleans()) else consent_day)
        for _ in range(draw(st.integers(0, 2))):
            notice_day = later(consent_day, 1)
            stated = later(notice_day) if draw(st.booleans()) else None
            notice = add(draw(st.sampled_from(sorted(NOTICE_KINDS))), notice_day, effective=stated)
            due = clauses.withdrawal.delay.apply(notice_day)
            effective = max(due, stated) if stated else due
            if draw(st.booleans()):
                add(K.NOTICE_REVOCATION, later(notice_day), refers_to=notice.id)
                break
            consent_day = later(effective + timedelta(days=1))
            add(consent_kind, consent_day)
    if draw(st.booleans()):
        add(K.ACCESSION_CONSENT, draw(days), refers_to=draw(st.sampled_from(CODES)))
    return acts


@st.composite
def histories(
    draw: st.DrawFn, *, consented_accession: bool = True
) -> tuple[Instrument, list[Act]]:
    """An instrument with random clauses and a random but valid history of acts, with
    objections to reservations (some withdrawn later)."""
    clauses = draw(clause_sets(consented_accession=consented_accession))
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True))
    acts = [item for code in codes for item in draw(participant_history(code, clauses))]
    reservations = [a for a in acts if a.kind is K.RESERVATION]
    for n in range(draw(st.integers(0, 3)) if reservations else 0):
        target = draw(st.sampled_from(reservations))
        objector = draw(st.sampled_from([c for c in CODES if c != target.participant]))
        received = target.received + timedelta(days=STEP * draw(st.integers(0, 30)))
        objection = Act(
            f"objection-{n}", "t", objector, K.OBJECTION, received, received,
            refers_to=target.id,
        )
        acts.append(objection)
        if draw(st.booleans()):
            withdrawn = received + timedelta(days=STEP * draw(st.integers(1, 30)))
            acts.append(
                Act(
                    f"objection-{n}-withdrawal", "t", objector, K.OBJECTION_WITHDRAWAL,
                    withdrawn, withdrawn, refers_to=objection.id,
                )
            )
    return treaty_with(clauses), acts


def treaty_with(clauses: Clauses) -> Instrument:
    return Instrument(
        id="t", alias="t", kind=InstrumentKind.TREATY, titles={"en": "t"}, adopted=BASE,
        clauses=clauses,
    )


# XAE, an organisation whose members are XAA and XAB: what a threshold that counts
# organisations apart reads.
PARTICIPANTS = {"XAE": Participant("XAE", ParticipantKind.ORGANISATION, members=(
    Member("XAA"), Member("XAB")))}


def run(treaty: Instrument, acts: Iterable[Act]) -> Evaluation:
    return evaluate(treaty, list(acts), PARTICIPANTS)


def status(evaluation: Evaluation, who: str, day: date) -> Status:
    row = evaluation.status_on(who, day)
    return row.status if row is not None else Status.NOT_INVOLVED


def check_days(acts: Iterable[Act], *evaluations: Evaluation) -> list[date]:
    """Every day on which some status may change, and the day before each."""
    found = {BASE}
    for item in acts:
        found |= {item.received, *([item.effective] if item.effective else [])}
    for evaluation in evaluations:
        if evaluation.entry_into_force is not None:
            found.add(evaluation.entry_into_force)
        for rows in evaluation.intervals.values():
            for row in rows:
                found |= {d for d in (row.period.start, row.period.end) if d is not None}
    return sorted(found | {d - timedelta(days=1) for d in found})


def participants_of(acts: Iterable[Act]) -> set[str]:
    found = set()
    for item in acts:
        found.add(item.participant)
        if item.kind is K.ACCESSION_CONSENT and item.refers_to is not None:
            found.add(item.refers_to)
    return found


@FAST
@given(histories(), st.randoms(use_true_random=False))
def test_order_of_acts_does_not_matter(
    history: tuple[Instrument, list[Act]], rnd: random.Random
) -> None:
    """Acts received on the same day, given in any order, give the same evaluation."""
    treaty, acts = history
    shuffled = list(acts)
    rnd.shuffle(shuffled)

    assert run(treaty, acts) == run(treaty, shuffled)


@FAST
@given(histories(), steps)
def test_a_later_act_never_changes_the_past(
    history: tuple[Instrument, list[Act]], step: int
) -> None:
    """An act received after D changes no status on or before D (successions aside, which
    the strategy does not draw): a late signature, a revocation, a new consent."""
    treaty, acts = history
    cutoff = BASE + timedelta(days=STEP * step)
    known = [a for a in acts if a.received <= cutoff]
    before, after = run(treaty, known), run(treaty, acts)

    for day in (d for d in check_days(acts, before, after) if d <= cutoff):
        for who in participants_of(acts):
            assert (who, day, status(before, who, day)) == (who, day, status(after, who, day))


# A late reservation (2005-03-01), a timely objection (2005-10-01) withdrawn on 2007-01-10.
LATE_RESERVATION_OBJECTION_WITHDRAWN = (
    treaty_with(Clauses()),
    [
        Act("XAA-0", "t", "XAA", K.RATIFICATION, date(2001, 3, 1), date(2001, 3, 1)),
        Act("XAA-1", "t", "XAA", K.RESERVATION, date(2005, 3, 1), date(2005, 3, 1)),
        Act(
            "objection-0", "t", "XAB", K.OBJECTION, date(2005, 10, 1), date(2005, 10, 1),
            refers_to="XAA-1",
        ),
        Act(
            "objection-0-withdrawal", "t", "XAB", K.OBJECTION_WITHDRAWAL, date(2007, 1, 10),
            date(2007, 1, 10), refers_to="objection-0",
        ),
    ],
)


@FAST
@given(histories(), steps)
@example(LATE_RESERVATION_OBJECTION_WITHDRAWN, 156)  # cutoff 2006-05-30
def test_a_later_act_never_changes_a_reservation_s_past(
    history: tuple[Instrument, list[Act]], step: int
) -> None:
    """VCLT 20(5), 22(3): the state of a reservation on or before D is the same whatever
    acts are received after D."""
    treaty, acts = history
    cutoff = BASE + timedelta(days=STEP * step)
    before = run(treaty, [a for a in acts if a.received <= cutoff])
    after = run(treaty, acts)
    records = {r.act.id: r for r in after.reservations}

    for record in before.reservations:
        for day in (d for d in check_days(acts, before, after) if d <= cutoff):
            old, new = record.state_on(day), records[record.act.id].state_on(day)
            assert (record.act.id, day, old) == (record.act.id, day, new)


@FAST
@given(histories(), steps, steps)
def test_a_succession_received_later_changes_the_past_as_it_should(
    history: tuple[Instrument, list[Act]], back: int, forward: int
) -> None:
    """A succession received after D with effect before D makes its author involved on D
    (the one act that reaches back, by rule)."""
    treaty, acts = history
    cutoff = BASE + timedelta(days=STEP * 30)
    succession = Act(
        id="XSU-succession", instrument="t", participant="XSU", kind=K.SUCCESSION,
        dated=cutoff + timedelta(days=1 + forward), received=cutoff + timedelta(days=1 + forward),
        effective=cutoff - timedelta(days=back),
    )

    before, after = run(treaty, acts), run(treaty, [*acts, succession])

    assert Status.NOT_INVOLVED == status(before, "XSU", cutoff)
    assert Status.NOT_INVOLVED != status(after, "XSU", cutoff)
    assert status(after, "XSU", cutoff) in {Status.CONTRACTING, Status.PARTY}


def in_force_days(
    history: tuple[Instrument, list[Act]], statuses: set[Status]
) -> list[tuple[str, date, bool]]:
    """For each participant that gave notice and each day on which, with its notices, it
    had one of `statuses`: whether the instrument was in force for it without its own
    notices (another's withdrawal may rightly change it: one party fewer to consent)."""
    treaty, acts = history
    notices = {K.NOTICE_REVOCATION, *NOTICE_KINDS}
    with_notices = run(treaty, acts)
    found = []
    for who in sorted({a.participant for a in acts if a.kind in NOTICE_KINDS}):
        without = [a for a in acts if a.participant != who or a.kind not in notices]
        without_notices = run(treaty, without)
        found += [
            (who, day, status(without_notices, who, day).in_force)
            for day in check_days(acts, with_notices, without_notices)
            if status(with_notices, who, day) in statuses
        ]
    return found


# Accessions needing the parties' consent are left out of the two withdrawal properties:
# a renewed accession after one's own withdrawal is examined against the parties of its
# later date, which may rightly need fewer consents than the first.
@FAST
@given(histories(consented_accession=False))
def test_a_withdrawal_never_makes_a_non_party_a_party(
    history: tuple[Instrument, list[Act]],
) -> None:
    """VCLT 54, 56: a participant that gave notice is a party only on days on which it would
    have been one without the notice."""
    found = in_force_days(history, {Status.PARTY})

    assert [(who, day, True) for who, day, _ in found] == found


# A notice received while the instrument is not yet in force for its author (consent
# 2000-01-16, in force for it a month later; notice 2000-01-31, effective 2000-02-15).
NOTICE_BEFORE_OWN_ENTRY_INTO_FORCE = (
    treaty_with(
        Clauses(later_entry_into_force=Delay(months=1), withdrawal=Withdrawal(delay=Delay()))
    ),
    [
        Act("XAC-0", "t", "XAC", K.ACCEPTANCE, BASE, BASE),
        Act("XAD-0", "t", "XAD", K.ACCEPTANCE, date(2000, 1, 16), date(2000, 1, 16)),
        Act(
            "XAD-1", "t", "XAD", K.DENUNCIATION, date(2000, 1, 31), date(2000, 1, 31),
            effective=date(2000, 2, 15),
        ),
    ],
)


@FAST
@given(histories(consented_accession=False))
@example(NOTICE_BEFORE_OWN_ENTRY_INTO_FORCE)  # found by Hypothesis: withdrawing, not bound
def test_a_notice_never_puts_an_instrument_in_force(
    history: tuple[Instrument, list[Act]],
) -> None:
    """VCLT 24, 56(2): on no day is a participant withdrawing (still bound) unless the
    instrument would have been in force for it without the notice."""
    found = in_force_days(history, {Status.PARTY, Status.WITHDRAWING})

    assert [(who, day, True) for who, day, _ in found] == found


@FAST
@given(histories())
def test_counts_equal_the_chart(history: tuple[Instrument, list[Act]]) -> None:
    """counts(day) equals the number of chart rows with each status, on every day."""
    treaty, acts = history
    evaluation = run(treaty, acts)

    for day in check_days(acts, evaluation):
        tally = Counter(row.status for row in evaluation.chart(day))
        counts = evaluation.counts(day)
        expected = {
            Status.SIGNATORY: counts.signatories,
            Status.CONTRACTING: counts.contracting,
            Status.PROVISIONALLY_APPLYING: counts.provisionally_applying,
            Status.PARTY: counts.parties,
            Status.WITHDRAWING: counts.withdrawing,
            Status.WITHDRAWN: counts.withdrawn,
            Status.CEASED: counts.ceased,
        }
        assert expected == {s: tally.get(s, 0) for s in expected}
        assert counts.consents == sum(1 for c in evaluation.consents if c.received <= day)


@FAST
@given(histories())
def test_intervals_are_ordered_and_never_overlap(history: tuple[Instrument, list[Act]]) -> None:
    """A participant's intervals are non-empty, ordered, disjoint; only the last is open."""
    treaty, acts = history
    evaluation = run(treaty, acts)

    for who, rows in evaluation.intervals.items():
        assert all(row.participant == who for row in rows)
        for row in rows:
            assert row.period.start is not None
            assert row.period.end is None or row.period.start < row.period.end
        for earlier, later in pairwise(rows):
            assert earlier.period.end is not None
            assert later.period.start is not None
            assert earlier.period.end <= later.period.start
        assert all(row.period.end is not None for row in rows[:-1])


@FAST
@given(histories())
def test_in_force_only_after_general_entry_into_force(
    history: tuple[Instrument, list[Act]],
) -> None:
    """VCLT 24: no participant is a party before the instrument's general entry into force."""
    treaty, acts = history
    evaluation = run(treaty, acts)

    for rows in evaluation.intervals.values():
        for row in rows:
            if row.status is Status.PARTY:
                assert evaluation.entry_into_force is not None
                assert row.period.start is not None
                assert evaluation.entry_into_force <= row.period.start
