"""DESIGN.md §5 rule 13: every registered act produces a numbered depositary notification,
dated, with its consequences and recipients (VCLT 77(1)(e), 78)."""

from __future__ import annotations

from collections import Counter

import pytest

from depositary.app.bundled import load_commonwealth
from depositary.domain.notifications import Notification
from depositary.register import Register
from depositary.register import register as register_module


@pytest.fixture(scope="module")
def register() -> Register:
    return load_commonwealth()


def of(register: Register, act_id: str) -> Notification:
    return next(n for n in register.notifications if n.act == act_id)


def test_every_act_is_notified_once(register: Register) -> None:
    """VCLT 78: each registered act gives exactly one notification."""
    acts = [a.id for a in register.acts()]
    assert Counter(acts) == Counter(n.act for n in register.notifications)


def test_numbers_are_sequential_per_year_and_never_reused(register: Register) -> None:
    """Numbers run 1, 2, 3 ... within each year of receipt, with no gap and no repeat."""
    by_year: dict[str, list[int]] = {}
    for n in register.notifications:
        sequence, year = n.number.split(".")
        by_year.setdefault(year, []).append(int(sequence))
    assert all(numbers == list(range(1, len(numbers) + 1)) for numbers in by_year.values())


def test_withdrawal_notification_states_its_effect(register: Register) -> None:
    """Georgia's notice of 18 August 2008 is notified with its effect a year later (Art. 9)."""
    notice = next(
        a for a in register.acts("cis-charter") if a.participant == "GEO" and a.kind == "withdrawal"
    )
    assert ("GEO withdrawing from 2008-08-18", "GEO withdrawn from 2009-08-18") == tuple(
        map(str, of(register, notice.id).consequences))


def test_ratification_notification_and_recipients(register: Register) -> None:
    """Russia's Charter ratification, received 1993-07-20, is notified on that day to the
    states entitled to become parties; its consequences: contracting from receipt, party
    from the Charter's entry into force on 22 January 1994 (the date alternative)."""
    act = next(
        a for a in register.acts("cis-charter")
        if a.participant == "RUS" and a.kind == "ratification"
    )
    notification = of(register, act.id)
    assert act.received == notification.day
    assert ("RUS contracting from 1993-07-20", "RUS party from 1994-01-22") == tuple(
        map(str, notification.consequences))
    assert {"RUS", "UKR", "MDA", "TKM"} <= set(register.recipients(notification))


def test_the_act_that_brings_an_instrument_into_force_says_so(register: Register) -> None:
    """The first binding signature of the Strategic Forces Agreement puts it in force."""
    first = next(
        n for n in register.notifications
        if n.instrument == register.instrument("strategic-forces-agreement-1991").id
    )
    assert "strategic-forces-agreement-1991 enters into force on 1991-12-30" in map(
        str, first.consequences)


def test_a_register_keeps_a_bounded_number_of_evaluations_and_notices(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A register forgets the least recently used evaluations and notices beyond its limits
    (a world's register would hold gigabytes of them) and computes a forgotten one again,
    the same."""
    monkeypatch.setattr(register_module, "EVALUATIONS_KEPT", 2)
    monkeypatch.setattr(register_module, "NOTIFICATIONS_KEPT", 3)
    full = load_commonwealth()
    bounded = load_commonwealth()
    keys = sorted(full.instruments)
    assert len(keys) > 2
    first = bounded.evaluation(keys[0])
    assert bounded.evaluation(keys[0]) is first  # kept while among the last two used
    for key in keys[1:]:
        assert bounded.evaluation(key) == full.evaluation(key)
    again = bounded.evaluation(keys[0])
    assert again is not first and again == first  # forgotten, computed again the same
    assert bounded.notifications == full.notifications
