"""The clauses of docs/examples, each a real treaty's final clauses quoted article by
article, evaluated on real deposits (UN Treaty Collection tables, IEADB), give the dates
the depositaries give (docs/clauses.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import (
    Clauses,
    Counting,
    Delay,
    LaterParticipants,
    OnDateIf,
    Organisations,
    Threshold,
)
from depositary.domain.continuity import continuators
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant
from depositary.domain.periods import Period
from depositary.domain.status import Status
from depositary.domain.tacit import BoundFrom
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
        parties_of: PartiesOf | None = None, bound_from: BoundFrom | None = None,
        ) -> Evaluation:
    treaty = Instrument(id=alias, alias=alias, kind=InstrumentKind.TREATY,
                        titles={"en": alias}, adopted=adopted, clauses=clauses)
    return evaluate(treaty, list(acts), {**participants, "EU": UNION}, parties_of,
                    bound_from=bound_from)


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


def test_budapest_treaty_takes_the_later_date_a_state_indicated(
    ieadb_reading: ieadb.Reading,
) -> None:
    """Art. 16(2): three months after a later State's deposit, unless its instrument
    indicates a later date. IEADB records every later State three months on but one:
    Sweden, which ratified on 23 June 1983 and is bound from 1 October 1983, the date it
    indicated (IEADB records the date of effect, not the instrument's words: the act here
    carries that date, as the depositary would receive it). Every State whose consent the
    clause alone governs gets IEADB's date."""
    agreement = ieadb_reading.agreements["2863"]
    clauses = load_clauses_file(EXAMPLES / "budapest-treaty.yaml")
    assert clauses.later_date_stated
    sweden = date(1983, 10, 1)
    acts = [replace(a, effective=sweden)
            if a.participant == "SWE" and a.kind is ActKind.RATIFICATION else a
            for a in agreement.acts]
    evaluation = run("budapest", clauses, acts, ieadb_reading.participants)

    assert evaluation.entry_into_force == date(1980, 8, 19)  # 3 months after Japan, 5th
    row = evaluation.status_on("SWE", sweden)
    assert row is not None and row.in_force_from == sweden == agreement.entry_into_force["SWE"]
    before = evaluation.status_on("SWE", date(1983, 9, 30))
    assert before is not None and before.status is not Status.PARTY
    # Every other State that ratified or acceded: IEADB's date, to the day.
    consents = {a.participant for a in agreement.acts
                if a.kind in (ActKind.RATIFICATION, ActKind.ACCESSION)}
    compared = {code: (evaluation.status_on(code, day), day)
                for code, day in agreement.entry_into_force.items() if code in consents}
    wrong = {code: (row.in_force_from if row else None, day)
             for code, (row, day) in compared.items()
             if row is None or row.in_force_from != day}
    assert not wrong and len(compared) >= 70


def ieadb_rows(real_data: Path, agreement: str) -> list[dict[str, str]]:
    """The IEADB's own rows of one agreement, as its file has them (the reader sets aside
    the rows of a tacit acceptance: they are the depositary's record, not acts)."""
    return [row for row in ieadb.member_rows(real_data / "ieadb")
            if row["Mitch ID"].strip() == agreement]


def test_marpol_annex_i_amendments_bind_every_party_but_the_objector(
    real_data: Path, ieadb_reading: ieadb.Reading,
) -> None:
    """MEPC.95(46): in force on 1 September 2002 for the Parties to MARPOL of that day
    (IEADB's 2874, each from its own entry into force), by tacit acceptance, except the
    United States, whose objection of 12 February 2002 the IEADB's note quotes. IEADB
    lists the same Parties as bound "based on pre-amendment" entry into force, the United
    States among them beside its objection: the objection is what the article reads."""
    marpol = ieadb_reading.agreements["2874"]
    day = date(2002, 9, 1)
    heirs = continuators(ieadb_reading.participants)  # the Russian Federation, the USSR's

    def parties_of(_instrument: str, on: date) -> frozenset[str]:
        return frozenset(heir for code, eif in marpol.entry_into_force.items() if eif <= on
                         for heir in heirs.get(code, [code]))

    def bound_from(_instrument: str) -> dict[str, list[Period]]:
        return {heir: [Period(eif)] for code, eif in marpol.entry_into_force.items()
                for heir in heirs.get(code, [code])}

    objection = Act("usa-objection-mepc-95-46", "amendments", "USA",
                    ActKind.OBJECTION_TO_INSTRUMENT, date(2002, 2, 12), date(2002, 2, 12))
    clauses = load_clauses_file(EXAMPLES / "marpol-annex-i-2001.yaml")
    evaluation = run("amendments", clauses, [objection], ieadb_reading.participants,
                     adopted=date(2001, 4, 27), parties_of=parties_of, bound_from=bound_from)

    rows = [(ieadb.participant_code(row["Country (official name)"].strip(),
                                    row["Country (as entered)"].strip()),
             date(int(row["Year"]), int(row["Month"]), int(row["Day"])), row["Action"])
            for row in ieadb_rows(real_data, "3340")]
    recorded = {code for code, _, action in rows
                if action.endswith("pre-amendment agreement action of Entry into force")}
    joined = {code: day for code, day, action in rows
              if action.endswith("post-amendment agreement action of Entry into force")}
    bound = {r.participant for r in evaluation.chart(day) if r.status is Status.PARTY}
    assert evaluation.entry_into_force == day
    assert bound == recorded - {"USA"} and len(bound) >= 110
    assert "USA" in parties_of("marpol", day) and "USA" not in bound
    assert not {r.participant for r in evaluation.chart(date(2002, 8, 31))
                if r.status is Status.PARTY}
    # A State that joined MARPOL after the day is a party to it as amended (VCLT 40(5)),
    # bound from its own entry into force: Guinea (accession 2 October 2002) from
    # 2 January 2003, and every other one on IEADB's date.
    assert joined["GIN"] == date(2003, 1, 2) and len(joined) >= 30
    found = {code: evaluation.status_on(code, day) for code, day in joined.items()}
    assert {code: (row.in_force_from if row else None) for code, row in found.items()} == (
        joined)
