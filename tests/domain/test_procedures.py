"""Decision procedures: each with its edge cases (docs/governance.md)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depositary.domain.joint import JointPosition, JointProcedure, authorise
from depositary.domain.procedures import (
    Consensus,
    Majority,
    Position,
    Stance,
    Unanimity,
    decide,
)

MEMBERS = ["ARM", "BLR", "KAZ", "RUS", "UKR"]
AGREE, OBJECT, ABSTAIN = Position.AGREE, Position.OBJECT, Position.ABSTAIN
NON_INTEREST, ABSENT = Position.NON_INTEREST, Position.ABSENT


def stances(**positions: Position) -> dict[str, Stance]:
    return {code: Stance(p) for code, p in positions.items()}


def everyone(position: Position) -> dict[str, Stance]:
    return {m: Stance(position) for m in MEMBERS}


def test_a_single_objection_blocks_consensus() -> None:
    outcome = decide(Consensus(), MEMBERS, {**everyone(AGREE), "UKR": Stance(OBJECT)})
    assert not outcome.adopted
    assert "blocked by the objection of UKR" in outcome.said[0]
    assert () == outcome.bound


def test_non_interest_does_not_block_and_leaves_that_state_unbound() -> None:
    outcome = decide(Consensus(), MEMBERS, {**everyone(AGREE), "UKR": Stance(NON_INTEREST)})
    assert outcome.adopted
    assert ("ARM", "BLR", "KAZ", "RUS") == outcome.bound
    assert "UKR non-interest" in outcome.said[1]


def test_consensus_binds_only_those_present_who_agreed() -> None:
    outcome = decide(Consensus(), MEMBERS, stances(ARM=AGREE, BLR=AGREE, RUS=ABSTAIN))
    assert outcome.adopted
    assert ("ARM", "BLR") == outcome.bound
    assert "KAZ absent" in outcome.said[1]


def test_consensus_needs_someone_to_agree() -> None:
    outcome = decide(Consensus(), MEMBERS, everyone(NON_INTEREST))
    assert not outcome.adopted
    assert "no member agreed" in outcome.said[0]


def test_a_quorum_not_met() -> None:
    procedure = Majority(quorum=Fraction(2, 3))
    outcome = decide(procedure, MEMBERS, stances(ARM=AGREE, BLR=AGREE, RUS=AGREE))
    assert not outcome.adopted
    assert "quorum not met: 3 of 5 members present, 2/3 needed" in outcome.said[0]


def test_a_tie_under_simple_majority_fails() -> None:
    outcome = decide(Majority(), MEMBERS, stances(ARM=AGREE, BLR=AGREE, KAZ=OBJECT, RUS=OBJECT,
                                                  UKR=ABSTAIN))
    assert not outcome.adopted
    assert "2 of 4 votes cast agreed, not more than 1/2 (a tie)" in outcome.said[0]


def test_a_qualified_majority_is_at_least_its_share() -> None:
    procedure = Majority(threshold=Fraction(2, 3))
    two_of_three = stances(ARM=AGREE, BLR=AGREE, KAZ=OBJECT, RUS=ABSTAIN, UKR=ABSENT)
    outcome = decide(procedure, MEMBERS, two_of_three)
    assert outcome.adopted
    assert "qualified majority: 2 of 3 votes cast agreed, at least 2/3" in outcome.said[0]
    three_of_five = stances(ARM=AGREE, BLR=AGREE, KAZ=AGREE, RUS=OBJECT, UKR=OBJECT)
    outcome = decide(procedure, MEMBERS, three_of_five)
    assert not outcome.adopted
    assert "3 of 5 votes cast agreed, not at least 2/3; " in outcome.said[0]


def test_unanimity_is_blocked_by_an_absence() -> None:
    outcome = decide(Unanimity(), MEMBERS, {**everyone(AGREE), "KAZ": Stance(ABSENT)})
    assert not outcome.adopted
    assert "KAZ absent" in outcome.said[0]
    assert decide(Unanimity(), MEMBERS, everyone(AGREE)).adopted


def test_a_reservation_travels_with_the_agreement() -> None:
    with_opinion = {**everyone(AGREE),
                    "UKR": Stance(Position.AGREE_WITH_RESERVATION, "advisory for Ukraine")}
    outcome = decide(Consensus(), MEMBERS, with_opinion)
    assert (("UKR", "advisory for Ukraine"),) == outcome.reservations
    assert "UKR" in outcome.bound


@given(st.lists(st.sampled_from(list(Position)), min_size=5, max_size=5))
def test_whoever_is_bound_agreed(positions: list[Position]) -> None:
    """Under every procedure, an adopted decision binds exactly the members that agreed."""
    recorded = {m: Stance(p) for m, p in zip(MEMBERS, positions, strict=True)}
    for procedure in (Consensus(), Unanimity(), Majority(), Majority(Fraction(2, 3))):
        outcome = decide(procedure, MEMBERS, recorded)
        agreed = tuple(m for m in MEMBERS if recorded[m].position.agrees)
        assert (agreed if outcome.adopted else ()) == outcome.bound
        if any(s.position is OBJECT for s in recorded.values()):
            assert not decide(Consensus(), MEMBERS, recorded).adopted


NUCLEAR = JointProcedure(
    "RUS", ("BLR", "KAZ", "UKR"), ("ARM",), window_days=3,
    condition="until nuclear weapons are eliminated on the territory of Belarus and Ukraine",
    source="Agreement on Joint Measures regarding Nuclear Weapons, Art. 4",
)
DAY = date(1992, 3, 1)


def concur(code: str, *, valid: bool = True, in_office: bool = True,
           position: Position = AGREE) -> JointPosition:
    return JointPosition(code, position, DAY, f"head-of-{code.lower()}", valid, in_office)


def all_required(**changed: JointPosition) -> list[JointPosition]:
    found = {c: concur(c) for c in ("RUS", "BLR", "KAZ", "UKR")}
    found.update(changed)
    return list(found.values())


def test_a_joint_decision_with_every_concurrence_and_the_window_passed() -> None:
    outcome = authorise(NUCLEAR, all_required(), {"ARM": date(1992, 2, 20)}, DAY)
    assert outcome.adopted, outcome.said
    assert "in agreement with BLR, KAZ, UKR" in outcome.said[0]


def test_a_joint_decision_with_a_required_concurrence_missing() -> None:
    positions = [p for p in all_required() if p.participant != "UKR"]
    outcome = authorise(NUCLEAR, positions, {"ARM": date(1992, 2, 1)}, DAY)
    assert not outcome.adopted
    assert ["no valid concurrence of UKR (a required participant) [Agreement on Joint "
            "Measures regarding Nuclear Weapons, Art. 4]"] == list(outcome.said)


def test_a_joint_decision_with_a_consultation_window_still_open() -> None:
    outcome = authorise(NUCLEAR, all_required(), {"ARM": date(1992, 2, 28)}, DAY)
    assert not outcome.adopted
    assert "the consultation window of ARM is open until 1992-03-02" in outcome.said[0]


def test_a_consulted_participant_that_answered_need_not_wait_out_its_window() -> None:
    answered = [*all_required(), concur("ARM", position=OBJECT)]
    outcome = authorise(NUCLEAR, answered, {"ARM": date(1992, 2, 29)}, DAY)
    assert outcome.adopted  # consulted, not required: its objection does not block


def test_a_consulted_participant_must_be_notified() -> None:
    outcome = authorise(NUCLEAR, all_required(), {}, DAY)
    assert not outcome.adopted
    assert "ARM (consulted) has not been notified" in outcome.said[0]


@pytest.mark.parametrize(("changed", "reason"), [
    (concur("KAZ", valid=False), "the signature of head-of-kaz for KAZ does not verify"),
    (concur("KAZ", in_office=False), "head-of-kaz did not hold the office that speaks for KAZ"),
])
def test_a_joint_decision_with_a_forged_or_out_of_office_signature(
    changed: JointPosition, reason: str,
) -> None:
    outcome = authorise(NUCLEAR, all_required(KAZ=changed), {"ARM": date(1992, 1, 1)}, DAY)
    assert not outcome.adopted
    assert reason in outcome.said[0]
    assert "no valid concurrence of KAZ" in outcome.said[1]


def test_a_joint_procedure_ends_with_its_condition() -> None:
    ended = JointProcedure("RUS", ("BLR",), condition="until the weapons are eliminated",
                           valid_until=date(1996, 11, 27))
    positions = [concur("RUS"), concur("BLR")]
    assert authorise(ended, positions, {}, DAY).adopted
    late = authorise(ended, positions, {}, date(1997, 1, 1))
    assert not late.adopted
    assert "ceased on 1996-11-27" in late.said[0]
