"""The clauses of docs/examples, each a real treaty's final clauses quoted article by
article, evaluated on real deposits (UN Treaty Collection tables, IEADB), give the dates
the depositaries give (docs/clauses.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path

import pytest

from depositary.domain.acts import Act
from depositary.domain.clauses import (
    Clauses,
    Counting,
    Delay,
    LaterParticipants,
    OnDateIf,
    Organisations,
    Threshold,
)
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant
from depositary.domain.status import Status
from depositary.formats import ieadb
from depositary.formats.action_list import read_action_list
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.names_file import default_names
from depositary.formats.untc import StatusTable, read_status_table

pytestmark = pytest.mark.realdata

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"

# The European Union with its member States over time, as the project ships it
# (src/depositary/data/names/european-union.yaml: the EU's own list of its countries).
UNION = default_names().participants["EU"]

PartiesOf = Callable[[str, date], frozenset[str]]


def run(alias: str, clauses: Clauses, acts: Iterable[Act],
        participants: Mapping[str, Participant], adopted: date | None = None,
        parties_of: PartiesOf | None = None) -> Evaluation:
    treaty = Instrument(id=alias, alias=alias, kind=InstrumentKind.TREATY,
                        titles={"en": alias}, adopted=adopted, clauses=clauses)
    return evaluate(treaty, list(acts), {**participants, "EU": UNION}, parties_of)


def parties(evaluation: Evaluation) -> PartiesOf:
    def of(_instrument: str, day: date) -> frozenset[str]:
        return frozenset(r.participant for r in evaluation.chart(day) if r.status.in_force)
    return of


@pytest.fixture(scope="module")
def un_tables(real_data: Path) -> Callable[[str], StatusTable]:
    def table(name: str) -> StatusTable:
        return read_status_table(real_data / "untc-zmjones" / "treaties" / f"{name}.csv")
    return table


@pytest.fixture(scope="module")
def disarmament(real_data: Path) -> dict[str, StatusTable]:
    return read_action_list(real_data / "untc-disarmament-2026" /
                            "arms_control_ratifications.csv")


def test_london_amendment_counts_no_organisation_as_additional(
    un_tables: Callable[[str], StatusTable],
) -> None:
    """On 1 January 1992 provided twenty instruments, otherwise ninety days after the
    twentieth; the European Community's not additional to its members': 10 August 1992.
    Counting the Community's approval, the date would be 8 July 1992."""
    table = un_tables("27-2-b")
    clauses = load_clauses_file(EXAMPLES / "london-amendment.yaml")
    evaluation = run("london", clauses, table.acts, table.participants)
    assert evaluation.entry_into_force == date(1992, 8, 10)
    assert evaluation.entry_into_force_reason is not None
    assert "met only 1992-05-12, after 1992-01-01" in evaluation.entry_into_force_reason.text

    assert isinstance(clauses.entry_into_force, OnDateIf)
    counted = OnDateIf(date(1992, 1, 1), Threshold(20), Delay(days=90))
    naive = run("london", Clauses(entry_into_force=counted), table.acts, table.participants)
    assert naive.entry_into_force == date(1992, 7, 8)


def test_minamata_convention(ieadb_reading: ieadb.Reading) -> None:
    """The fiftieth instrument on 18 May 2017, the Union's among them but not counted."""
    agreement = ieadb_reading.agreements["4971"]
    clauses = load_clauses_file(EXAMPLES / "minamata-convention.yaml")
    evaluation = run("minamata", clauses, agreement.acts, ieadb_reading.participants)

    assert evaluation.entry_into_force == date(2017, 8, 16) == (
        agreement.general_entry_into_force)
    assert evaluation.entry_into_force_reason is not None
    assert "the 50th received 2017-05-18 (51 by that day)" in (
        evaluation.entry_into_force_reason.text)
    counted = Clauses(entry_into_force=Threshold(50, Delay(days=90)))
    everyone = run("minamata", counted, agreement.acts, ieadb_reading.participants)
    assert everyone.entry_into_force_reason is not None
    assert "(52 by that day)" in everyone.entry_into_force_reason.text


def test_basel_ban_amendment_three_fourths_of_the_parties_of_1995(
    un_tables: Callable[[str], StatusTable], ieadb_reading: ieadb.Reading,
) -> None:
    """Three-fourths of the 88 parties of 22 September 1995 (66), only their instruments
    counting and the Union's not additional: Croatia's of 6 September 2019 is the 66th;
    in force 5 December 2019. The Convention's parties from the UN's table (deposit
    dates), the amendment's acceptances from IEADB (the UN table of 2015 stops short)."""
    basel = un_tables("27-3")
    convention = run("basel-convention", Clauses(
        entry_into_force=Threshold(20, Delay(days=90), counting=Counting(
            Organisations.NOT_ADDITIONAL)),
        later_entry_into_force=Delay(days=90)), basel.acts, basel.participants)
    clauses = load_clauses_file(EXAMPLES / "basel-ban-amendment.yaml")
    agreement = ieadb_reading.agreements["3225"]
    evaluation = run("ban", clauses, agreement.acts, ieadb_reading.participants,
                     adopted=date(1995, 9, 22), parties_of=parties(convention))

    assert len(parties(convention)("basel-convention", date(1995, 9, 22))) == 88
    assert evaluation.entry_into_force == date(2019, 12, 5)
    assert evaluation.entry_into_force_reason is not None
    assert "66 needed of 88 parties on 1995-09-22; the 66th received 2019-09-06" in (
        evaluation.entry_into_force_reason.text)
    last = {a.id: a for a in agreement.acts}[evaluation.entry_into_force_reason.acts[0]]
    assert last.participant == "HRV"


def test_chemical_weapons_convention_not_before_two_years(
    disarmament: dict[str, StatusTable],
) -> None:
    table = disarmament["XXVI-3"]
    clauses = load_clauses_file(EXAMPLES / "chemical-weapons-convention.yaml")
    assert run("cwc", clauses, table.acts, table.participants).entry_into_force == (
        date(1997, 4, 29))


def test_ctbt_is_not_in_force_without_every_annex_2_state(
    disarmament: dict[str, StatusTable],
) -> None:
    """Eight Annex 2 States have not ratified (China, Egypt, Iran, Israel and the United
    States signed; India, North Korea and Pakistan did not): not in force in 2026."""
    table = disarmament["XXVI-4"]
    clauses = load_clauses_file(EXAMPLES / "ctbt.yaml")
    evaluation = run("ctbt", clauses, table.acts, table.participants)

    assert evaluation.entry_into_force is None
    assert (evaluation.still_needed(date(2026, 1, 1)) or 0) >= 8


def test_ffa_convention_thereafter_from_the_entry_into_force(
    ieadb_reading: ieadb.Reading,
) -> None:
    """Kiribati signed two days after the eighth signature: bound with the others on
    9 August 1979, as IEADB records; Papua New Guinea acceded later, bound 30 days on."""
    agreement = ieadb_reading.agreements["2899"]
    clauses = load_clauses_file(EXAMPLES / "ffa-convention.yaml")
    assert clauses.later_participants is LaterParticipants.AFTER_ENTRY_INTO_FORCE
    evaluation = run("ffa", clauses, agreement.acts, ieadb_reading.participants)

    for code in ("COK", "FJI", "KIR", "NRU", "NZL", "SLB", "TON", "TUV", "WSM"):
        row = evaluation.status_on(code, date(1979, 8, 9))
        assert row is not None and row.in_force_from == agreement.entry_into_force[code], code
    row = evaluation.status_on("PNG", date(1980, 1, 1))
    assert row is not None and row.in_force_from == agreement.entry_into_force["PNG"]


def test_montreal_adjustments_bind_every_party_without_consent(
    un_tables: Callable[[str], StatusTable],
) -> None:
    """The 1990 adjustments bound every Party to the Protocol on 7 March 1991 (art.
    2(9)(d)), with no act of their own. The Protocol's parties from the UN's table, under
    its art. 16: on 1 January 1989 provided eleven instruments (its share of 1986
    consumption is not stated here: the register holds no such figures, and the Protocol
    was in force from that day), later Parties on the ninetieth day after deposit."""
    table = un_tables("27-2-a")
    protocol = run("montreal-protocol", Clauses(
        entry_into_force=OnDateIf(date(1989, 1, 1), Threshold(11, counting=Counting(
            Organisations.NOT_ADDITIONAL)), Delay(days=90)),
        later_entry_into_force=Delay(days=90),
        later_participants=LaterParticipants.AFTER_ENTRY_INTO_FORCE),
        table.acts, table.participants)
    assert protocol.entry_into_force == date(1989, 1, 1)
    clauses = load_clauses_file(EXAMPLES / "montreal-adjustments-1990.yaml")
    evaluation = run("adjustments", clauses, [], table.participants,
                     parties_of=parties(protocol))

    bound = {r.participant for r in evaluation.chart(date(1991, 3, 7))
             if r.status is Status.PARTY}
    on_the_day = parties(protocol)("montreal-protocol", date(1991, 3, 7))
    assert evaluation.entry_into_force == date(1991, 3, 7)
    assert bound == on_the_day and len(bound) > 60
    assert not {r.participant for r in evaluation.chart(date(1991, 3, 6))}
