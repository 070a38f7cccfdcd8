"""The clause families of issue 15, each from the words of a real article: who counts
toward a threshold, thresholds relative to another instrument's parties, conditional and
bounded dates, later participants, and the reasons that say what happened."""

from __future__ import annotations

from datetime import date

import pytest

from depositary.domain.acts import ActKind as K
from depositary.domain.admissibility import ActRejected
from depositary.domain.clauses import (
    Clauses,
    Counting,
    Delay,
    LaterParticipants,
    NotBefore,
    OnDateIf,
    Organisations,
    Participation,
    PartiesFraction,
    Recorded,
    Share,
    TacitAcceptance,
    Threshold,
    Withdrawal,
)
from depositary.domain.participants import Member, Participant, ParticipantKind
from depositary.domain.periods import Period
from depositary.domain.status import Status
from tests.domain.builders import (
    act,
    d,
    in_force_from,
    instrument,
    register_with,
    run,
    status,
    table,
)


def organisation(code: str, *members: str, since: str = "1958-01-01") -> Participant:
    return Participant(code, ParticipantKind.ORGANISATION,
                       members=tuple(Member(m, Period(d(since))) for m in members))


# -- reasons that say what happened ------------------------------------------------------

def test_a_two_part_threshold_names_the_day_of_the_count_and_the_day_of_the_share() -> None:
    """Two instruments and 55% of the listed quantities (the Kyoto model): the 2nd arrived
    2020-01-02, 55% was reached 2020-02-01; in force 30 days later."""
    kyoto = instrument("two-part", Clauses(entry_into_force=Threshold(2, Delay(days=30), Share(
        55, {"FRA": 10, "DEU": 10, "ITA": 80}, "listed emissions"))))
    evaluation = run(kyoto, table("FRA:2020-01-01 DEU:2020-01-02 ITA:2020-02-01"))

    assert evaluation.entry_into_force == d("2020-03-02")
    assert evaluation.entry_into_force_reason is not None
    text = evaluation.entry_into_force_reason.text
    assert "the 2nd received 2020-01-02" in text
    assert "100.00% of the listed emissions reached 2020-02-01 (3 by that day)" in text
    assert text.endswith("in force 2020-03-02")


def test_a_succession_is_retroactive_only_when_it_reaches_back() -> None:
    treaty = instrument("any", Clauses(entry_into_force=Threshold(1)))
    back = run(treaty, [act("AAA", K.RATIFICATION, "1990-01-01"),
                        act("BBB", K.SUCCESSION, "1994-05-01", effective="1993-01-01")])
    same = run(treaty, [act("AAA", K.RATIFICATION, "1990-01-01"),
                        act("BBB", K.SUCCESSION, "1994-05-01", effective="1994-05-01")])

    assert "retroactively" in _reasons(back, "BBB", "1994-06-01")
    assert "retroactively" not in _reasons(same, "BBB", "1994-06-01")


def _reasons(evaluation, who: str, day: str) -> str:  # type: ignore[no-untyped-def]
    row = evaluation.status_on(who, d(day))
    assert row is not None
    return "; ".join(r.text for r in row.reasons)


# -- who counts toward a threshold -------------------------------------------------------

THREE = [*table("AAA:2001-01-01 BBB:2001-02-01"), act("EU", K.APPROVAL, "2001-03-01"),
         act("CCC", K.RATIFICATION, "2001-04-01")]


def test_instruments_by_states_only() -> None:
    """"... after the deposit of the third instrument ... by States": the EU's is not."""
    by_states = instrument("by-states", Clauses(entry_into_force=Threshold(
        3, counting=Counting(Organisations.NOT_COUNTED))))
    counted = instrument("counted", Clauses(entry_into_force=Threshold(3)))
    known = {"EU": organisation("EU", "FRA")}

    assert run(counted, THREE, known).entry_into_force == d("2001-03-01")
    assert run(by_states, THREE, known).entry_into_force == d("2001-04-01")


def test_an_organisations_instrument_is_not_additional_to_its_members() -> None:
    """Stockholm Convention art. 26(3): "any instrument deposited by a regional economic
    integration organization shall not be counted as additional to those deposited by
    member States of that organization"."""
    rule = Threshold(3, counting=Counting(Organisations.NOT_ADDITIONAL))
    treaty = instrument("stockholm-like", Clauses(entry_into_force=rule))

    # A member (BBB) had deposited: the EU's instrument adds nothing.
    members = {"EU": organisation("EU", "BBB")}
    assert run(treaty, THREE, members).entry_into_force == d("2001-04-01")
    # None of its members had: it counts.
    others = {"EU": organisation("EU", "ZZZ")}
    assert run(treaty, THREE, others).entry_into_force == d("2001-03-01")


def test_an_organisation_whose_members_are_not_known_makes_the_date_unknown() -> None:
    rule = Threshold(3, counting=Counting(Organisations.NOT_ADDITIONAL))
    treaty = instrument("stockholm-like", Clauses(entry_into_force=rule))
    evaluation = run(treaty, THREE, {"EU": organisation("EU")})

    assert evaluation.entry_into_force is None and not evaluation.entry_into_force_known
    assert evaluation.entry_into_force_reason is not None
    assert "whether the instrument of EU is additional" in (
        evaluation.entry_into_force_reason.text)
    # Where it does not matter (the 3rd State came the same day), the date is known.
    early = [*THREE[:2], act("EU", K.APPROVAL, "2001-04-01"),
             act("CCC", K.RATIFICATION, "2001-04-01")]
    assert run(treaty, early, {"EU": organisation("EU")}).entry_into_force == d("2001-04-01")


def test_named_states_must_be_among_them() -> None:
    """"six ratifications including those of" named states: three, including DDD's."""
    rule = Threshold(3, Delay(days=10), counting=Counting(including=("DDD",)))
    treaty = instrument("including", Clauses(entry_into_force=rule))
    evaluation = run(treaty, table("AAA:2001-01-01 BBB:2001-02-01 CCC:2001-03-01 "
                                   "DDD:2001-05-01"))

    assert evaluation.entry_into_force == d("2001-05-11")
    assert evaluation.still_needed(d("2001-04-01")) == 1  # DDD's, though three are in
    assert "including those of DDD" in evaluation.entry_into_force_reason.text  # type: ignore[union-attr]


def test_some_of_the_named_states_must_be_among_them() -> None:
    """IAEA Statute art. XXI.E: eighteen instruments, including those of "at least three"
    of the five States named: here three instruments, two of AAA, DDD and EEE."""
    rule = Threshold(3, counting=Counting(including=("AAA", "DDD", "EEE"),
                                          including_at_least=2))
    treaty = instrument("some-of", Clauses(entry_into_force=rule))
    evaluation = run(treaty, table("AAA:2001-01-01 BBB:2001-02-01 CCC:2001-03-01 "
                                   "DDD:2001-05-01"))

    assert evaluation.entry_into_force == d("2001-05-01")
    assert evaluation.still_needed(d("2001-04-01")) == 1
    assert "including those of at least 2 of AAA, DDD, EEE" in (
        evaluation.entry_into_force_reason.text)  # type: ignore[union-attr]


def test_only_ratifications_count_where_the_article_says_so() -> None:
    """NPT art. IX(3): in force after "ratification ... by forty other States signatory to
    this Treaty": an accession before that day does not count toward the forty."""
    rule = Threshold(2, counting=Counting(instruments=("ratification",)))
    treaty = instrument("ratifications", Clauses(entry_into_force=rule))
    acts = [*table("AAA:2001-01-01 CCC:2001-03-01"),
            *table("BBB:2001-02-01", kind=K.ACCESSION)]
    evaluation = run(treaty, acts)

    assert evaluation.entry_into_force == d("2001-03-01")
    assert "(instruments of ratification only)" in (
        evaluation.entry_into_force_reason.text)  # type: ignore[union-attr]
    assert run(instrument("any", Clauses(entry_into_force=Threshold(2))),
               acts).entry_into_force == d("2001-02-01")
    # Counted by instrument, not by participant: BBB's accession never counts, even once
    # it has withdrawn and ratified.
    again = [*table("AAA:2001-01-01"), *table("BBB:2001-02-01", kind=K.ACCESSION),
             act("BBB", K.WITHDRAWAL, "2002-01-01"), *table("BBB:2005-01-01")]
    assert run(treaty, again).entry_into_force == d("2005-01-01")


# -- thresholds relative to another instrument's parties ---------------------------------

def _parties(_instrument: str, day: date) -> frozenset[str]:
    """The parent's parties on a day: four at the amendment's adoption, eight from 2000."""
    base = frozenset({"AAA", "BBB", "CCC", "DDD"})
    later = frozenset({"EEE", "FFF", "GGG", "HHH"}) if day >= date(2000, 1, 1) else frozenset()
    return base | later


def test_three_fourths_of_the_parties_counted_at_adoption_or_at_each_deposit() -> None:
    """Basel Convention art. 17(5): "three-fourths of the Parties"; the fixed-time reading
    (parties on the amendment's adoption: 4, so 3 needed) and the current-time reading
    (parties on each deposit: 8 from 2000, so 6 needed)."""
    acts = table("AAA:2001-01-01 BBB:2001-02-01 CCC:2001-03-01 DDD:2001-04-01 "
                 "EEE:2001-05-01 FFF:2001-06-01")

    def amendment(at_adoption: bool) -> Clauses:
        return Clauses(entry_into_force=Threshold(delay=Delay(days=90), fraction=(
            PartiesFraction(3, 4, "parent", at_adoption=at_adoption))))

    fixed = run(instrument("fixed", amendment(True), adopted="1995-09-22"), acts,
                parties_of=_parties)
    current = run(instrument("current", amendment(False), adopted="1995-09-22"), acts,
                  parties_of=_parties)

    assert fixed.entry_into_force == d("2001-05-30")  # 3rd on 2001-03-01, + 90 days
    assert current.entry_into_force == d("2001-08-30")  # 6th on 2001-06-01, + 90 days
    assert fixed.entry_into_force_reason is not None
    assert "3 needed of 4 parties on 1995-09-22; the 3rd received 2001-03-01" in (
        fixed.entry_into_force_reason.text)
    assert "3/4 of those that were parties to parent on its adoption" in (
        fixed.entry_into_force_reason.text)


def test_a_fraction_of_parties_the_register_cannot_count_is_unknown() -> None:
    rule = Threshold(fraction=PartiesFraction(3, 4, "parent"))
    evaluation = run(instrument("x", Clauses(entry_into_force=rule), adopted="1995-09-22"),
                     table("AAA:2001-01-01"))

    assert not evaluation.entry_into_force_known and evaluation.still_needed(
        d("2002-01-01")) is None


# -- conditional and bounded dates -------------------------------------------------------

COPENHAGEN = Clauses(entry_into_force=OnDateIf(
    d("1994-01-01"), Threshold(3), Delay(days=90)), later_entry_into_force=Delay(days=90),
    later_participants=LaterParticipants.AFTER_ENTRY_INTO_FORCE)


def test_on_a_date_provided_the_condition_is_met_by_then() -> None:
    """Copenhagen Amendment art. 3(1): on 1 January 1994 provided twenty instruments have
    been deposited (three here); those that deposited by then are bound on the day."""
    evaluation = run(instrument("in-time", COPENHAGEN),
                     table("AAA:1993-03-01 BBB:1993-06-01 CCC:1993-09-01 DDD:1993-12-01"))

    assert evaluation.entry_into_force == d("1994-01-01")
    assert in_force_from(evaluation, "DDD", "1994-02-01") == d("1994-01-01")
    assert "the condition was met 1993-09-01, by 1994-01-01" in (
        evaluation.entry_into_force_reason.text)  # type: ignore[union-attr]


def test_otherwise_ninety_days_after_the_condition_is_met() -> None:
    """... "otherwise on the ninetieth day following the date on which this condition has
    been fulfilled"."""
    evaluation = run(instrument("late", COPENHAGEN),
                     table("AAA:1993-03-01 BBB:1993-06-01 CCC:1994-03-16"))

    assert evaluation.entry_into_force == d("1994-06-14")
    assert "met only 1994-03-16, after 1994-01-01" in (
        evaluation.entry_into_force_reason.text)  # type: ignore[union-attr]
    assert status(evaluation, "CCC", "1994-06-13") is Status.CONTRACTING


def test_a_condition_no_act_shows_is_dated_by_the_record() -> None:
    """MARPOL 73/78: a share of world tonnage no act shows. The record dates the condition
    (met 1982-10-02) and the entry into force (1983-10-02); a consent between the two
    takes effect three months after its own, not before the day in force (art. 15(2));
    one after the day, three months after its own."""
    marpol = instrument("tonnage", Clauses(
        entry_into_force=Recorded(d("1983-10-02"), "fleets of 50% of world tonnage",
                                  d("1982-10-02")),
        later_entry_into_force=Delay(months=3)))
    evaluation = run(marpol, table("AAA:1980-01-01 BBB:1983-08-01 CCC:1984-01-10"))

    assert evaluation.entry_into_force == d("1983-10-02")
    assert in_force_from(evaluation, "AAA", "1984-06-01") == d("1983-10-02")
    assert in_force_from(evaluation, "BBB", "1984-06-01") == d("1983-11-01")
    assert in_force_from(evaluation, "CCC", "1984-06-01") == d("1984-04-10")
    reason = evaluation.entry_into_force_reason
    assert reason is not None and reason.text == (
        "enters into force on 1983-10-02, the day the record gives for a condition no act "
        "shows (fleets of 50% of world tonnage), the condition met on 1982-10-02")


def test_a_withdrawal_takes_effect_on_the_calendar_day_its_notice_reached() -> None:
    """ICRW art. XI: a notice of 26 December 2016 ends participation on 30 June 2017; one
    of 2 January 2017 is too late for that year, and ends it on 30 June 2018."""
    whaling = instrument("icrw", Clauses(
        withdrawal=Withdrawal(delay=Delay(), on=(6, 30), notice_by=(1, 1))))
    acts = [*table("AAA:1950-01-01 BBB:1950-01-01"),
            act("AAA", K.WITHDRAWAL, "2016-12-26"), act("BBB", K.WITHDRAWAL, "2017-01-02")]
    evaluation = run(whaling, acts)

    assert status(evaluation, "AAA", "2017-06-29") is Status.WITHDRAWING
    assert status(evaluation, "AAA", "2017-06-30") is Status.WITHDRAWN
    assert status(evaluation, "BBB", "2018-06-29") is Status.WITHDRAWING
    assert status(evaluation, "BBB", "2018-06-30") is Status.WITHDRAWN


def test_not_before_a_date() -> None:
    """Chemical Weapons Convention art. XXI(1): "180 days after the date of the deposit of
    the 65th instrument ..., but in no case earlier than two years after its opening for
    signature" (13 January 1993)."""
    early = NotBefore(Threshold(2, Delay(days=180)), d("1995-01-13"))
    evaluation = run(instrument("cwc-like", Clauses(entry_into_force=early)),
                     table("AAA:1993-02-01 BBB:1993-03-01"))

    assert evaluation.entry_into_force == d("1995-01-13")
    assert evaluation.entry_into_force_reason is not None
    assert evaluation.entry_into_force_reason.text.endswith(
        "not before 1995-01-13: in force 1995-01-13")


# -- later participants ------------------------------------------------------------------

def test_thereafter_read_from_the_entry_into_force() -> None:
    """IEADB 2899, South Pacific Forum Fisheries Agency Convention: "30 days following the
    eighth signature. Thereafter it shall enter into force for any signing or acceding
    state thirty days after signature". Read from the entry into force, a state signing
    between the eighth signature and the entry into force is bound with the others."""
    def clauses(later: LaterParticipants) -> Clauses:
        return Clauses(entry_into_force=Threshold(2, Delay(days=30)),
                       later_entry_into_force=Delay(days=30), later_participants=later)

    acts = table("AAA:1979-07-10 BBB:1979-07-10 CCC:1979-07-12 DDD:1979-09-01",
                 K.DEFINITIVE_SIGNATURE)
    after_entry = run(instrument("ffa", clauses(LaterParticipants.AFTER_ENTRY_INTO_FORCE)), acts)
    after_condition = run(instrument("ffa", clauses(LaterParticipants.AFTER_CONDITION)), acts)

    assert after_entry.entry_into_force == d("1979-08-09")
    assert in_force_from(after_entry, "CCC", "1979-09-01") == d("1979-08-09")
    assert in_force_from(after_condition, "CCC", "1979-09-01") == d("1979-08-11")
    assert in_force_from(after_entry, "DDD", "1979-10-01") == d("1979-10-01")


def test_a_later_date_indicated_in_the_instrument() -> None:
    """"... on the thirtieth day after the deposit ... or on any later date indicated in
    that instrument": a later stated date holds; an earlier one does not."""
    clauses = Clauses(entry_into_force=Threshold(1), later_entry_into_force=Delay(days=30),
                      later_date_stated=True)
    treaty = instrument("stated", clauses)
    evaluation = run(treaty, [
        act("AAA", K.RATIFICATION, "2001-01-01"),
        act("BBB", K.RATIFICATION, "2001-03-01", effective="2001-06-01"),
        act("CCC", K.RATIFICATION, "2001-03-01", effective="2001-03-15"),
    ])

    assert in_force_from(evaluation, "BBB", "2001-07-01") == d("2001-06-01")
    assert in_force_from(evaluation, "CCC", "2001-07-01") == d("2001-03-31")
    assert "on the later date its instrument states, 2001-06-01" in _reasons(
        evaluation, "BBB", "2001-07-01")


def test_a_member_state_is_bound_only_with_its_organisation() -> None:
    """A member of an organisation whose instrument takes effect only when the
    organisation's does, and never if it never does."""
    clauses = Clauses(entry_into_force=Threshold(1),
                      participation=Participation(members_await=("EU",)))
    treaty = instrument("with-the-eu", clauses)
    known = {"EU": organisation("EU", "FRA")}
    alone = run(treaty, table("AAA:2001-01-01 FRA:2001-02-01"), known)
    together = run(treaty, [*table("AAA:2001-01-01 FRA:2001-02-01"),
                            act("EU", K.APPROVAL, "2001-05-01")], known)

    assert status(alone, "FRA", "2002-01-01") is Status.CONTRACTING
    assert "bound only once EU is, and EU is not bound" in _reasons(alone, "FRA", "2002-01-01")
    assert in_force_from(together, "FRA", "2001-06-01") == d("2001-05-01")
    assert in_force_from(together, "AAA", "2001-06-01") == d("2001-01-01")


# -- binding without individual consent -------------------------------------------------

PARENT_PARTIES = frozenset({"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"})


def _parent(_instrument: str, _day: date) -> frozenset[str]:
    return PARENT_PARTIES


def test_an_amendment_by_tacit_acceptance_binds_all_but_the_objectors() -> None:
    """SOLAS 1974 art. VIII(b)(vi)(2): deemed accepted on a date "unless, prior to that date,
    objections ... are communicated ... by more than one third of Contracting Governments";
    in force for all except those that objected."""
    rule = TacitAcceptance("solas", d("2003-07-01"), objections_fraction=PartiesFraction(
        1, 3, "solas", at_adoption=False))
    amendment = instrument("solas-amendment", Clauses(entry_into_force=rule),
                           adopted="2002-01-01")
    one = run(amendment, [act("BBB", K.OBJECTION_TO_INSTRUMENT, "2003-03-01")],
              parties_of=_parent)
    two = run(amendment, [act("BBB", K.OBJECTION_TO_INSTRUMENT, "2003-03-01"),
                          act("CCC", K.OBJECTION_TO_INSTRUMENT, "2003-06-30")],
              parties_of=_parent)

    assert one.entry_into_force == d("2003-07-01")
    assert {p for p in PARENT_PARTIES if status(one, p, "2003-07-01") is Status.PARTY} == (
        PARENT_PARTIES - {"BBB"})
    assert status(one, "BBB", "2004-01-01") is Status.NOT_INVOLVED
    assert "(1 objected by then, fewer than 2)" in _reasons(one, "AAA", "2003-07-01")
    assert two.entry_into_force is None
    assert "2 objected by 2003-07-01, at least 2 needed to stop it" in (
        two.entry_into_force_reason.text)  # type: ignore[union-attr]


def test_a_state_that_joins_after_the_day_is_bound_by_the_treaty_as_amended() -> None:
    """VCLT 40(5): a state that becomes a party to the treaty after the amendment took
    effect is a party to the treaty as amended: bound from its own first day in force. An
    objector stays out though it was a party before; a party of the day is bound from
    the day."""
    rule = TacitAcceptance("solas", d("2003-07-01"))  # no objection stops it
    amendment = instrument("solas-amendment", Clauses(entry_into_force=rule),
                           adopted="2002-01-01")
    periods = {code: [Period(d("1990-01-01"))] for code in PARENT_PARTIES}
    periods["AAA"] = [Period(d("1990-01-01"), d("2005-01-01"))]  # withdrew from the parent
    periods["GGG"] = [Period(d("2004-02-01"))]
    periods["HHH"] = [Period(d("2003-09-01"))]  # ratified before the day, objected in time
    evaluation = run(amendment, [act("BBB", K.OBJECTION_TO_INSTRUMENT, "2003-03-01"),
                                 act("HHH", K.OBJECTION_TO_INSTRUMENT, "2003-04-01")],
                     parties_of=_parent, bound_from=lambda _instrument: periods)

    assert status(evaluation, "GGG", "2004-01-31") is Status.NOT_INVOLVED
    assert in_force_from(evaluation, "GGG", "2004-02-01") == d("2004-02-01")
    assert "VCLT 40(5)" in _reasons(evaluation, "GGG", "2004-02-01")
    assert in_force_from(evaluation, "CCC", "2004-02-01") == d("2003-07-01")
    assert status(evaluation, "BBB", "2004-02-01") is Status.NOT_INVOLVED
    assert status(evaluation, "HHH", "2004-02-01") is Status.NOT_INVOLVED
    # Bound for as long as it is a party to the treaty it amends.
    assert status(evaluation, "AAA", "2004-12-31") is Status.PARTY
    assert status(evaluation, "AAA", "2005-01-01") is Status.NOT_INVOLVED


def test_an_organs_decision_binds_every_party_without_opt_out() -> None:
    """Montreal Protocol art. 2(9)(d): adjustments "shall be binding on all Parties" six
    months after the depositary communicates them; an objection changes nothing."""
    rule = TacitAcceptance("montreal", delay=Delay(months=6), opt_out=False)
    adjustment = instrument("adjustment", Clauses(entry_into_force=rule), adopted="1990-09-07")
    evaluation = run(adjustment, [act("BBB", K.OBJECTION_TO_INSTRUMENT, "1990-12-01")],
                     parties_of=_parent)

    assert evaluation.entry_into_force == d("1991-03-07")
    assert all(status(evaluation, p, "1991-03-07") is Status.PARTY for p in PARENT_PARTIES)


def test_objections_through_the_register_are_in_time_or_refused() -> None:
    """An objection is an act: registered before the amendment takes effect, refused after
    it, and refused where nothing binds without consent."""
    parent = instrument("parent", Clauses(), adopted="1990-01-01")
    amendment = instrument("tacit", Clauses(entry_into_force=TacitAcceptance(
        "parent", d("2003-07-01"))), adopted="2002-01-01")
    register = register_with(parent, amendment, codes=("AAA", "BBB", "CCC"))
    register.deposit_all([act("AAA", K.RATIFICATION, "1991-01-01", instrument=parent.id),
                          act("BBB", K.RATIFICATION, "1991-01-01", instrument=parent.id)])
    register.deposit(act("BBB", K.OBJECTION_TO_INSTRUMENT, "2003-06-01",
                         instrument=amendment.id))
    evaluation = register.evaluation("tacit")

    assert status(evaluation, "AAA", "2003-07-01") is Status.PARTY
    assert status(evaluation, "BBB", "2003-07-01") is Status.NOT_INVOLVED
    with pytest.raises(ActRejected, match="comes too late"):
        register.deposit(act("AAA", K.OBJECTION_TO_INSTRUMENT, "2003-07-01",
                             instrument=amendment.id))
    with pytest.raises(ActRejected, match="binds no one without consent"):
        register.deposit(act("AAA", K.OBJECTION_TO_INSTRUMENT, "1995-01-01",
                             instrument=parent.id))
    # A later party to the parent is a party to it as amended, from its own day: the
    # register gives the engine the parent's days, and a new act on the parent is seen.
    register.deposit(act("CCC", K.RATIFICATION, "2004-01-01", instrument=parent.id))
    joined = in_force_from(register.evaluation("parent"), "CCC", "2004-06-01")
    assert joined is not None and joined >= d("2004-01-01")
    assert in_force_from(register.evaluation("tacit"), "CCC", "2004-06-01") == joined
