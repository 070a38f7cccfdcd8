"""Edge cases a second reader found: each was wrong once, and stays right."""

from __future__ import annotations

from pathlib import Path

import pytest

from depositary.domain.acts import ActKind
from depositary.domain.admissibility import ActRejected
from depositary.domain.clauses import (
    AllPartiesOf,
    Clauses,
    Delay,
    Participation,
    SignatureEffect,
    Threshold,
)
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.reservations import ReservationState
from depositary.domain.status import Status
from depositary.formats.clauses_file import load_clauses_file
from depositary.register import Register, RegisterError
from tests.domain.builders import act, d, instrument, participant, register_with, run, status
from tests.domain.test_rules import OP1_ICCPR as OP1

K = ActKind
S = Status

def rejected_rules(register: Register, *acts: object) -> list[str]:
    with pytest.raises(ActRejected) as raised:
        for item in acts:
            register.deposit(item)  # type: ignore[arg-type]
    return [r.rule for r in raised.value.rejections]


def test_re_accession_on_the_day_of_denunciation() -> None:
    """VCLT 54, 24(3): Trinidad and Tobago denounced the Optional Protocol on 26 May 1998
    and re-acceded the same day; bound again from 26 Aug 1998 (three months later)."""
    register = register_with(OP1, codes=("TTO",))
    register.deposit_all([
        act("TTO", K.ACCESSION, "1980-11-14", instrument="iccpr-op1"),
        act("TTO", K.DENUNCIATION, "1998-05-26", instrument="iccpr-op1"),
        act("TTO", K.ACCESSION, "1998-05-26", instrument="iccpr-op1"),
    ])
    evaluation = register.evaluation("iccpr-op1")
    assert [S.WITHDRAWING, S.PARTY] == [
        status(evaluation, "TTO", day) for day in ("1998-08-25", "1998-08-26")
    ]


def test_nothing_can_be_registered_after_termination() -> None:
    """VCLT 54, 59: an instrument that has terminated binds no one and takes no new act."""
    ended = Instrument(
        "/akn/x/act/treaty/1990-01-01/t", "t", InstrumentKind.TREATY, {"en": "t"},
        terminated=d("2000-01-01"),
    )
    register = register_with(ended, codes=("AAA", "BBB"))
    register.deposit(act("AAA", K.RATIFICATION, "1995-01-01", instrument="t"))
    assert ["VCLT 54, 59"] == rejected_rules(
        register, act("BBB", K.ACCESSION, "2001-01-01", instrument="t")
    )
    assert S.TERMINATED == status(register.evaluation("t"), "AAA", "2001-01-01")


@pytest.mark.parametrize(
    ("author", "kind", "target", "rule"),
    [
        ("BBB", K.RESERVATION_WITHDRAWAL, "res", "VCLT 22(1)"),  # another's reservation
        ("BBB", K.OBJECTION, "rat", "VCLT 20"),  # an objection to a ratification
        ("AAA", K.OBJECTION, "res", "VCLT 20"),  # objecting to its own reservation
    ],
)
def test_references_must_fit(author: str, kind: ActKind, target: str, rule: str) -> None:
    """A withdrawal of a reservation is its author's; an objection is to another's
    reservation (VCLT 20, 22)."""
    treaty = instrument("t", Clauses(entry_into_force=Threshold(1)))
    register = register_with(treaty, codes=("AAA", "BBB"))
    register.deposit_all([
        act("AAA", K.RATIFICATION, "2000-01-01", instrument="t", act_id="rat"),
        act("AAA", K.RESERVATION, "2000-01-01", instrument="t", act_id="res"),
        act("BBB", K.RATIFICATION, "2000-02-01", instrument="t"),
    ])
    item = act(author, kind, "2000-03-01", instrument="t", refers_to=target)
    assert [rule] == rejected_rules(register, item)


def test_revocation_after_the_notice_took_effect_is_refused() -> None:
    """VCLT 68: a notice may be revoked only before it takes effect."""
    register = register_with(OP1, codes=("TTO",))
    register.deposit_all([
        act("TTO", K.ACCESSION, "1980-11-14", instrument="iccpr-op1"),
        act("TTO", K.DENUNCIATION, "1998-05-26", instrument="iccpr-op1", act_id="notice"),
    ])
    late = act("TTO", K.NOTICE_REVOCATION, "1998-09-01", instrument="iccpr-op1",
               refers_to="notice")
    assert ["VCLT 68"] == rejected_rules(register, late)


def test_reservation_made_with_a_succession_is_not_late() -> None:
    """VCLT 20(5): Slovakia's reservation made with its notification of succession
    (received 28 May 1993, effective 1 Jan 1993) is not a late one: an objection does not
    defeat it."""
    treaty = instrument("t", Clauses(entry_into_force=Threshold(1)))
    register = register_with(treaty, codes=("AAA", "SVK"))
    register.deposit_all([
        act("AAA", K.RATIFICATION, "1990-01-01", instrument="t"),
        act("SVK", K.SUCCESSION, "1993-05-28", effective="1993-01-01", instrument="t"),
        act("SVK", K.RESERVATION, "1993-05-28", instrument="t", act_id="res"),
        act("AAA", K.OBJECTION, "1993-07-01", instrument="t", refers_to="res"),
    ])
    (record,) = register.evaluation("t").reservations_of("SVK")
    assert (False, ReservationState.ESTABLISHED) == (record.late, record.state_on(d("1995-01-01")))


def test_provisional_application_is_ended_by_its_own_act_not_a_notice() -> None:
    """VCLT 25(2): a state applying a treaty only provisionally ends that by notice of its
    intention not to become a party, not by a withdrawal from a treaty it is not bound by."""
    treaty = instrument("t", Clauses(entry_into_force=Threshold(5)))
    register = register_with(treaty, codes=("RUS",))
    register.deposit(act("RUS", K.PROVISIONAL_APPLICATION, "1994-12-17", instrument="t"))
    with pytest.raises(ActRejected) as raised:
        register.deposit(act("RUS", K.WITHDRAWAL, "2009-08-20", instrument="t"))
    assert "provisional-application-end" in str(raised.value)


def test_accession_needs_the_consent_of_parties_only() -> None:
    """VCLT 15: a state still contracting (not yet bound) is not asked to consent to an
    accession."""
    clauses = Clauses(
        entry_into_force=Threshold(2), later_entry_into_force=Delay(months=6),
        participation=Participation(accession_needs_consent_of_parties=True),
    )
    acts = [
        act("AAA", K.RATIFICATION, "2000-01-01"), act("BBB", K.RATIFICATION, "2000-01-01"),
        act("CCC", K.RATIFICATION, "2001-01-01"),  # contracting until 2001-07-01
        act("DDD", K.ACCESSION, "2001-02-01"),
        act("AAA", K.ACCESSION_CONSENT, "2001-02-05", refers_to="DDD", act_id="c1"),
        act("BBB", K.ACCESSION_CONSENT, "2001-02-06", refers_to="DDD", act_id="c2"),
    ]
    known = {code: participant(code) for code in ("AAA", "BBB", "CCC", "DDD")}
    assert S.PARTY == status(run(instrument("t", clauses), acts, known), "DDD", "2002-01-01")


def test_binding_signature_counts_as_consent_for_a_second_consent() -> None:
    """VCLT 11, mixed mode: a state bound by its signature cannot consent again."""
    clauses = Clauses(
        entry_into_force=Threshold(1), signature=SignatureEffect.LISTED, signature_binds=("BLR",)
    )
    register = register_with(instrument("t", clauses), codes=("BLR",))
    register.deposit(act("BLR", K.SIGNATURE, "1991-12-30", instrument="t"))
    assert ["VCLT 11"] == rejected_rules(
        register, act("BLR", K.NOTIFICATION, "1992-03-01", instrument="t")
    )


def test_withdrawal_period_in_days_replaces_the_twelve_months(tmp_path: Path) -> None:
    """A stated period replaces the VCLT 56(2) default whole: the Chemical Weapons
    Convention's 90 days (art. XVI(2)) are 90 days."""
    path = tmp_path / "cwc.yaml"
    path.write_text("withdrawal: {days: 90}\n", encoding="utf-8")
    assert Delay(days=90) == load_clauses_file(path).withdrawal.delay
    path.write_text("reservations: {rule: prohibited}\n", encoding="utf-8")
    assert Delay(months=12) == load_clauses_file(path).withdrawal.delay


def test_dependent_evaluations_are_recomputed_through_a_chain() -> None:
    """An act on c changes b (all parties of c) and so a (all parties of b)."""
    c = instrument("c", Clauses(entry_into_force=Threshold(1)), adopted="2000-01-01")
    b = instrument("b", Clauses(entry_into_force=AllPartiesOf("c")), adopted="2001-01-01")
    a = instrument("a", Clauses(entry_into_force=AllPartiesOf("b")), adopted="2002-01-01")
    register = register_with(c, b, a, codes=("AAA",))
    register.deposit(act("AAA", K.RATIFICATION, "2000-06-01", instrument="c"))
    register.deposit(act("AAA", K.RATIFICATION, "2001-06-01", instrument="b"))
    register.deposit(act("AAA", K.RATIFICATION, "2002-06-01", instrument="a"))
    assert d("2002-06-01") == register.evaluation("a").entry_into_force
    register.deposit(act("AAA", K.WITHDRAWAL, "2000-07-01", instrument="c"))
    fresh = register_with(c, b, a, codes=("AAA",))
    fresh.deposit_all(register.acts())
    assert fresh.evaluation("a").entry_into_force == register.evaluation("a").entry_into_force


def test_a_clause_must_refer_to_an_instrument_registered_before_it() -> None:
    """A rule that reads another instrument names one already registered: never itself, so
    no cycle can form."""
    selfish = instrument("s", Clauses(entry_into_force=AllPartiesOf("s")))
    register = Register()
    with pytest.raises(RegisterError, match="registered before it"):
        register.add_instrument(selfish)


def test_a_notice_with_a_far_future_date_is_no_traceback() -> None:
    """Dates near the calendar's end do not crash the engine's arithmetic."""
    treaty = instrument("t", Clauses(entry_into_force=Threshold(1)))
    register = register_with(treaty, codes=("AAA",))
    register.deposit(act("AAA", K.RATIFICATION, "2000-01-01", instrument="t"))
    register.deposit(act("AAA", K.WITHDRAWAL, "9999-06-01", instrument="t"))
    assert S.WITHDRAWING == status(register.evaluation("t"), "AAA", "9999-12-30")
