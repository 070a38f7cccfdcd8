"""Each rejection of depositary.domain.admissibility, through Register.deposit: the error
names the rule, and the register is left exactly as it was."""

from __future__ import annotations

import pytest

from depositary.domain.acts import Act, ActKind
from depositary.domain.admissibility import ActRejected
from depositary.domain.clauses import (
    Clauses,
    Delay,
    OnDate,
    Participation,
    ReservationRule,
    Reservations,
    Threshold,
    Withdrawal,
)
from depositary.domain.engine import evaluate
from depositary.domain.status import Status
from depositary.register.register import Register
from tests.domain.builders import act, d, instrument, participant, register_with, status

K = ActKind

VCLST = instrument(
    "vclst",
    Clauses(entry_into_force=Threshold(15, Delay(days=30)), source="VCLST art. 49"),
    adopted="1978-08-23",
)
NUCLEAR = instrument(
    "nuclear-weapons-1991",
    Clauses(participation=Participation(open_to=("BLR", "KAZ", "RUS", "UKR"))),
    adopted="1991-12-21",
)
ROME = instrument(
    "rome-statute",
    Clauses(
        entry_into_force=Threshold(2),
        reservations=Reservations(ReservationRule.PROHIBITED),
        source="Rome Statute art. 120 (the threshold is lowered to 2 for brevity)",
    ),
    adopted="1998-07-17",
)
BUDAPEST = instrument(
    "budapest-convention",
    Clauses(reservations=Reservations(ReservationRule.LISTED, ("6(3)", "9(4)", "22(2)"))),
    adopted="2001-11-23",
)


def rejected(register: Register, item: Act) -> list[str]:
    """Deposit `item`, expect ActRejected, check the register did not change, and return
    the rules named."""
    key = item.instrument
    acts_before = register.acts()
    evaluation_before = register.evaluation(key)

    with pytest.raises(ActRejected) as raised:
        register.deposit(item)

    rules = [r.rule for r in raised.value.rejections]
    assert acts_before == register.acts()
    assert evaluation_before == register.evaluation(key)
    fresh = evaluate(
        register.instrument(key), register.acts(key), register.participants, register.parties_of
    )
    assert evaluation_before == fresh
    for rule in rules:
        assert f"[{rule}]" in str(raised.value)
    return rules


def rome() -> Register:
    register = register_with(ROME, codes=("FRA", "ITA", "USA", "SEN"))
    register.deposit(act("SEN", K.RATIFICATION, "1999-02-02", instrument="rome-statute"))
    register.deposit(act("ITA", K.RATIFICATION, "1999-07-26", instrument="rome-statute"))
    register.deposit(act("USA", K.SIGNATURE, "2000-12-31", instrument="rome-statute"))
    return register


def test_participant_that_no_longer_existed() -> None:
    """VCLT 6; state succession: the USSR (ceased 26 Dec 1991) cannot ratify on 15 Jan 1992."""
    register = register_with(VCLST, extra=[participant("SUN", exists_until="1991-12-26")])
    item = act("SUN", K.RATIFICATION, "1992-01-15", instrument="vclst")

    assert ["VCLT 6; state succession"] == rejected(register, item)


def test_participant_that_did_not_yet_exist() -> None:
    """VCLT 6; state succession: Slovakia (from 1 Jan 1993) cannot act on a 1992 date."""
    register = register_with(VCLST, extra=[participant("SVK", exists_from="1993-01-01")])
    item = act("SVK", K.ACCESSION, "1993-02-01", dated="1992-12-20", instrument="vclst")

    assert ["VCLT 6; state succession"] == rejected(register, item)


def test_instrument_closed_to_the_participant() -> None:
    """VCLT 15: the 1991 nuclear weapons agreement was open to four states; not Armenia."""
    register = register_with(NUCLEAR, codes=("ARM", "RUS"))
    rule = "VCLT 15; the instrument's participation clause"

    assert [rule] == rejected(
        register, act("ARM", K.RATIFICATION, "1992-02-01", instrument="nuclear-weapons-1991")
    )
    assert [rule] == rejected(
        register, act("ARM", K.SIGNATURE, "1991-12-21", instrument="nuclear-weapons-1991")
    )


def test_instrument_open_to_the_participant_admits_it() -> None:
    """VCLT 15: Russia, one of the four, may ratify."""
    register = register_with(NUCLEAR, codes=("RUS",))

    register.deposit(act("RUS", K.RATIFICATION, "1992-02-01", instrument="nuclear-weapons-1991"))

    assert 1 == len(register.acts("nuclear-weapons-1991"))


def test_reservation_prohibited() -> None:
    """VCLT 19(a), Rome Statute art. 120: France's reservation is rejected."""
    register = rome()
    register.deposit(act("FRA", K.RATIFICATION, "2000-06-09", instrument="rome-statute"))
    item = act("FRA", K.RESERVATION, "2000-06-09", instrument="rome-statute")

    assert ["VCLT 19(a)"] == rejected(register, item)


def test_reservation_outside_the_listed_articles() -> None:
    """VCLT 19(b), Convention on Cybercrime art. 42: a reservation to art. 2 is not listed."""
    register = register_with(BUDAPEST, codes=("XAA",))
    item = act("XAA", K.RESERVATION, "2006-01-10", refers_to="2", instrument="budapest-convention")

    assert ["VCLT 19(b)"] == rejected(register, item)


def test_reservation_stating_no_article_under_a_list() -> None:
    """VCLT 19(b): under a list, a reservation must name a listed article."""
    register = register_with(BUDAPEST, codes=("XAA",))
    item = act("XAA", K.RESERVATION, "2006-01-10", instrument="budapest-convention")

    assert ["VCLT 19(b)"] == rejected(register, item)


def test_withdrawal_by_a_signatory() -> None:
    """VCLT 54, 56: the United States, a mere signatory of the Rome Statute, cannot give
    notice of withdrawal (its letter of 6 May 2002 was no such notice)."""
    item = act("USA", K.WITHDRAWAL, "2002-05-06", instrument="rome-statute")

    assert ["VCLT 54, 56"] == rejected(rome(), item)


def test_denunciation_by_a_participant_not_involved() -> None:
    """VCLT 54, 56: a state with no act on the instrument cannot denounce it."""
    item = act("FRA", K.DENUNCIATION, "2003-01-10", instrument="rome-statute")

    assert ["VCLT 54, 56"] == rejected(rome(), item)


def test_second_notice_while_withdrawing() -> None:
    """VCLT 54, 56: a participant already withdrawing cannot give notice again."""
    register = rome()
    register.deposit(act("SEN", K.WITHDRAWAL, "2010-01-04", instrument="rome-statute"))
    item = act("SEN", K.WITHDRAWAL, "2010-06-01", instrument="rome-statute")

    assert ["VCLT 54, 56"] == rejected(register, item)


def test_duplicate_act_under_another_id() -> None:
    """Register: the same signature by the same state, same dates, is a duplicate."""
    item = act("USA", K.SIGNATURE, "2000-12-31", instrument="rome-statute", act_id="again")

    assert ["register"] == rejected(rome(), item)


def test_duplicate_consent_names_both_rules() -> None:
    """Register, VCLT 11: a ratification submitted twice is a duplicate and a second consent."""
    item = act("SEN", K.RATIFICATION, "1999-02-02", instrument="rome-statute", act_id="again")

    assert ["register", "VCLT 11"] == rejected(rome(), item)


def test_duplicate_act_id() -> None:
    """Register: an id already registered cannot be reused."""
    register = rome()
    existing = register.acts("rome-statute")[0]
    item = act("FRA", K.RATIFICATION, "2000-06-09", instrument="rome-statute", act_id=existing.id)

    assert ["register"] == rejected(register, item)


def test_received_before_dated() -> None:
    """VCLT 16, 78: a document cannot reach the depositary before the date it bears."""
    item = act(
        "FRA", K.RATIFICATION, "2000-06-09", dated="2000-06-10", instrument="rome-statute"
    )

    assert ["VCLT 16, 78"] == rejected(rome(), item)


def test_dated_before_adoption() -> None:
    """VCLT 10: no act can be dated before the text was adopted."""
    item = act("FRA", K.SIGNATURE, "1998-07-16", instrument="rome-statute")

    assert ["VCLT 10"] == rejected(rome(), item)


def test_effective_date_on_an_act_that_takes_effect_on_receipt() -> None:
    """Register (VCLT 16): a ratification cannot state an effective date of its own."""
    item = act(
        "FRA", K.RATIFICATION, "2000-06-09", effective="2000-01-01", instrument="rome-statute"
    )

    assert ["register"] == rejected(rome(), item)


def test_unknown_participant() -> None:
    """Register: a participant must be registered before it acts."""
    item = act("XZZ", K.RATIFICATION, "2000-06-09", instrument="rome-statute")

    assert ["register"] == rejected(rome(), item)


def test_reference_to_an_act_not_registered() -> None:
    """Register: an objection must refer to a registered reservation."""
    item = act("ITA", K.OBJECTION, "2001-01-10", refers_to="nothing", instrument="rome-statute")

    assert ["register"] == rejected(rome(), item)


def test_second_consent_while_bound() -> None:
    """VCLT 11: Senegal, already a party, cannot ratify again."""
    item = act("SEN", K.ACCESSION, "2005-01-10", instrument="rome-statute")

    assert ["VCLT 11"] == rejected(rome(), item)


def test_several_rejections_reported_together() -> None:
    """Every rule an act breaks is named, not just the first."""
    item = act(
        "USA", K.WITHDRAWAL, "2002-05-06", dated="2002-05-07", instrument="rome-statute"
    )

    assert ["VCLT 16, 78", "VCLT 54, 56"] == rejected(rome(), item)


def test_rejected_id_can_be_used_by_a_correct_act() -> None:
    """A rejected act leaves no trace: its id is free for the corrected act."""
    register = rome()
    wrong = act(
        "FRA", K.RATIFICATION, "2000-06-09", dated="2000-06-10", instrument="rome-statute",
        act_id="fra",
    )
    rejected(register, wrong)

    evaluation = register.deposit(
        act("FRA", K.RATIFICATION, "2000-06-09", instrument="rome-statute", act_id="fra")
    )

    assert Status.PARTY == status(evaluation, "FRA", "2000-06-09")


ICCPR = instrument(
    "iccpr",
    Clauses(
        entry_into_force=OnDate(d("1976-03-23")),
        withdrawal=Withdrawal(allowed=False),
        source="ICCPR art. 49; no withdrawal clause (HRC General Comment 26)",
    ),
    adopted="1966-12-16",
)


def test_withdrawal_from_a_treaty_without_a_withdrawal_clause() -> None:
    """VCLT 56(1): the DPRK's notice of withdrawal from the ICCPR (dated 23 Aug 1997,
    received 25 Aug 1997) could not be registered: the Covenant admits no withdrawal."""
    register = register_with(ICCPR, codes=("PRK",))
    register.deposit(act("PRK", K.ACCESSION, "1981-09-14", instrument="iccpr"))
    item = act("PRK", K.WITHDRAWAL, "1997-08-25", dated="1997-08-23", instrument="iccpr")

    assert any("VCLT 56" in rule for rule in rejected(register, item))


def test_a_notice_before_the_years_the_clause_requires_is_refused() -> None:
    """Basel Convention art. 27(1): a Party may withdraw "at any time after three years
    from the date on which this Convention has entered into force for a Party" (here an
    illustrative treaty: two instruments, in force 90 days after the second)."""
    basel_like = instrument("basel-like", Clauses(
        entry_into_force=Threshold(count=2, delay=Delay(days=90)),
        withdrawal=Withdrawal(delay=Delay(months=12), after_in_force=Delay(months=36)),
    ), adopted="1989-03-22")
    register = register_with(basel_like, codes=("XAA", "XBB"))
    register.deposit(act("XAA", K.RATIFICATION, "1992-02-06", instrument="basel-like"))
    register.deposit(act("XBB", K.RATIFICATION, "1992-02-06", instrument="basel-like"))
    early = act("XAA", K.WITHDRAWAL, "1995-05-05", instrument="basel-like")

    assert ["the instrument's withdrawal clause (VCLT 54(a))"] == rejected(register, early)
    with pytest.raises(ActRejected) as refused:
        register.deposit(early)
    assert ("basel-like admits withdrawal only 36 months after its entry into force for the "
            "participant; it entered into force for XAA on 1992-05-06, so notice may be given "
            "from 1995-05-06 (notice received 1995-05-05)") in str(refused.value)
    register.deposit(act("XAA", K.WITHDRAWAL, "1995-05-06", instrument="basel-like"))
    assert status(register.evaluation("basel-like"), "XAA", "1996-05-07") is Status.WITHDRAWN
    # Back as a party in 1997: three years from that day, not from 1992.
    register.deposit(act("XAA", K.RATIFICATION, "1997-01-01", instrument="basel-like"))
    again = act("XAA", K.WITHDRAWAL, "1998-06-01", instrument="basel-like")
    with pytest.raises(ActRejected) as refused:
        register.deposit(again)
    assert "it entered into force for XAA on 1997-01-01" in str(refused.value)


def test_accession_to_a_treaty_not_open_to_accession() -> None:
    """VCLT 15: without a clause providing for accession, a state cannot accede
    (illustrative treaty)."""
    closed = instrument(
        "no-accession", Clauses(participation=Participation(accession=False)), adopted="2000-01-01"
    )
    register = register_with(closed, codes=("XAA",))
    item = act("XAA", K.ACCESSION, "2001-01-10", instrument="no-accession")

    assert any("VCLT 15" in rule for rule in rejected(register, item))
