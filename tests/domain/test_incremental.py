"""An append re-evaluates only the participants whose acts changed (issue 18, item 2): the
register keeps the instrument's evaluation from before, and the engine reuses every other
participant's intervals where the general date, its reason and its trigger are unchanged
and no clause makes one participant's status read another's. The answer must be the one
a fresh evaluation gives, reasons and evidence included: checked here on random synthetic
worlds (every clause family of the world benchmark, withdrawals, successions, amendments)
and on the Commonwealth's register, act after act."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from depositary.app.bundled import commonwealth_items
from depositary.domain.acts import ActKind
from depositary.domain.continuity import continuators
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.status import Status
from depositary.log.entries import EntryKind
from depositary.register import Register
from depositary.register.replay import apply_items
from tests.domain.builders import act, participant, register_with
from tests.domain.test_rules import VCLT, VCLT_DEPOSITS, deposits
from tests.examples import examples

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import world_corpus


def afresh(register: Register, alias: str) -> Evaluation:
    """The instrument evaluated from nothing kept."""
    key = register.instrument(alias).id
    return evaluate(register.instruments[key], register.acts(key), register.participants,
                    register.parties_of, continuators(register.participants),
                    register.bound_from)


def test_an_evaluation_kept_aside_is_reused_only_for_the_unchanged() -> None:
    """The engine's reuse is real (the kept intervals are the same objects) and limited
    to the participants whose acts did not change."""
    register = Register()
    apply_items(register, commonwealth_items(), "bundled")
    charter = register.evaluation("cis-charter")
    participant = next(iter(charter.intervals))
    again = evaluate(register.instrument("cis-charter"), register.acts("cis-charter"),
                     register.participants, register.parties_of, None, register.bound_from,
                     charter, {participant})
    assert again == charter
    others = [code for code in charter.intervals if code != participant]
    assert all(again.intervals[code] is charter.intervals[code] for code in others)
    assert again.intervals[participant] is not charter.intervals[participant]


def test_a_predecessor_s_act_re_evaluates_its_continuator() -> None:
    """The USSR's accession to the VCLT, received after the register was evaluated, is
    the Russian Federation's record too (it continues the USSR): the continuator is
    evaluated again with its predecessor, not kept."""
    register = register_with(VCLT, extra=[
        participant("SUN", exists_until="1991-12-26"),
        participant("RUS", continuator_of="SUN"),
        *(participant(a.participant) for a in deposits(VCLT_DEPOSITS)),
    ])
    register.deposit_all(deposits(VCLT_DEPOSITS, "vclt"))
    before = register.evaluation("vclt")
    assert "RUS" not in before.intervals
    register.deposit(act("SUN", ActKind.ACCESSION, "1986-04-29", instrument="vclt"))
    after = register.evaluation("vclt")
    assert after == afresh(register, "vclt")
    assert after.status_on("RUS", date(1995, 1, 1)) is not None


def test_the_instrument_entering_into_force_re_evaluates_everyone() -> None:
    """Togo's accession of 28 Dec 1979, the VCLT's 35th instrument, brings the general
    entry into force: every earlier state becomes a party from 27 Jan 1980, none keeps
    the intervals of a convention not yet in force."""
    register = register_with(VCLT, extra=[participant(a.participant)
                                          for a in deposits(VCLT_DEPOSITS)])
    *earlier, togo, rwanda = deposits(VCLT_DEPOSITS, "vclt")
    register.deposit_all(earlier)
    assert register.evaluation("vclt").entry_into_force is None
    register.deposit(togo)
    after = register.evaluation("vclt")
    assert after == afresh(register, "vclt")
    assert after.status_on("NGA", date(1980, 1, 27)) is not None
    assert after.status_on("NGA", date(1980, 1, 27)).status is Status.PARTY
    register.deposit(rwanda)
    assert register.evaluation("vclt") == afresh(register, "vclt")


@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False))
@examples(6)
def test_appending_act_after_act_gives_the_fresh_evaluation(
    seed: int, order: random.Random,
) -> None:
    """A synthetic world with its latest acts held back, every instrument evaluated; then
    the acts appended one or two at a time, each instrument touched evaluated again from
    what was kept, and compared with a fresh evaluation."""
    entries = world_corpus.items(world_corpus.generate(900, seed=seed))
    latest: dict[str, int] = {}
    for n, (kind, _, data) in enumerate(entries):
        if kind == EntryKind.ACT:
            latest[data["instrument"]] = n
    held = sorted(order.sample(sorted(latest.values()), min(40, len(latest))))
    register = Register()
    apply_items(register, [e for n, e in enumerate(entries) if n not in set(held)], "world")
    for alias in latest:
        register.evaluation(alias)
    while held:
        batch = [entries[held.pop(0)] for _ in range(min(len(held), order.choice((1, 2))))]
        apply_items(register, batch, "world")
        for alias in {data["instrument"] for _, _, data in batch}:
            assert register.evaluation(alias) == afresh(register, alias), alias


def test_the_commonwealth_act_after_act_gives_the_fresh_evaluation() -> None:
    """The bundled register replayed one act at a time, every instrument it touches
    evaluated after each (successions, withdrawals, provisional application, reservations,
    unsettled records), against a fresh evaluation."""
    items = commonwealth_items()
    register = Register()
    apply_items(register, [e for e in items if e[0] != EntryKind.ACT
                           and e[0] not in EntryKind.COUNCILS], "bundled")
    acts = [e for e in items if e[0] == EntryKind.ACT]
    for entry in acts:
        apply_items(register, [entry], "bundled")
        alias = entry[2]["instrument"]
        assert register.evaluation(alias) == afresh(register, alias), entry[1]
