"""The UN status tables as scraped by others: every file read, every symbol known, every
name resolved, and entry into force computed as it happened.

Data: untc-zmjones (324 tables, March 2015) and untc-disarmament-2026 (12 treaties of
chapter XXVI, February 2026), read from DEPOSITARY_REAL_DATA; see each SOURCE.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from depositary.app.table import evaluate_table
from depositary.cli import app
from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import Clauses, Delay, Threshold
from depositary.domain.participants import Name, Participant, ParticipantKind
from depositary.formats.action_list import read_action_list
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.untc import StatusTable, read_status_table

pytestmark = pytest.mark.realdata

ROOT = Path(__file__).resolve().parents[2]
CRC_CLAUSES = ROOT / "docs" / "examples" / "un-convention-20th-instrument.yaml"

# Bounds, from a full run and the data's own SOURCE.md. Both snapshots are fixed files, so
# the bounds are exact rather than loose: a change means the reader or pycountry changed.
ZMJONES_FILES = 324
ZMJONES_ROWS = 23_757  # SOURCE.md: "23,757 participant rows"
# Every one of the 31,420 "D Mon YYYY" cells is accounted for: 30,986 become acts, and the
# other 434 sit in the nine columns below, which record no act the engine models.
ZMJONES_ACTS = 30_986
IGNORED_COLUMNS = {
    ("1-2.csv", "Resolution"),  # I-2: GA resolutions admitting members, with UNTS data
    ("1-2.csv", "Date of Adoption"),
    ("1-2.csv", "Registration Date"),
    ("1-2.csv", "Registration Number"),
    ("1-2.csv", "UNTS Volume"),
    ("1-2.csv", "UNTS Page"),
    ("10-9.csv", "Notification under article 25"),  # UNIDO: agreeing to entry into force
    ("14-7.csv", "Notification under article 21 (1)"),  # ICGEB Statutes
    ("2-1.csv", "Extension"),  # General Act: extending an accession to further chapters
}
# All 233 names resolve (ISO 3166 or the override tables), and no cell is unreadable:
# the bound is zero. A rename in a pycountry release would show here first; the fix is a
# line in names.STATE_NAMES, not a looser bound.
MAX_ROW_ERRORS = 0
DISARMAMENT_ROWS = 1_541  # SOURCE.md: "1,541 rows covering 12 treaties"


@pytest.fixture(scope="module")
def zmjones(real_data: Path) -> dict[str, StatusTable]:
    files = sorted((real_data / "untc-zmjones" / "treaties").glob("*.csv"))
    return {path.name: read_status_table(path) for path in files}


@pytest.fixture(scope="module")
def disarmament(real_data: Path) -> dict[str, StatusTable]:
    path = real_data / "untc-disarmament-2026" / "arms_control_ratifications.csv"
    return read_action_list(path)


def report(name: str, tables: dict[str, StatusTable]) -> Counter[str]:
    """Print the counts a reader of the test log wants, and return the errors by kind."""
    errors = Counter(error.kind.value for t in tables.values() for error in t.errors)
    kinds = Counter(act.kind.value for t in tables.values() for act in t.acts)
    names = {code for t in tables.values() for code in t.participants}
    print(
        f"\n{name}: {len(tables)} tables, {sum(t.rows for t in tables.values())} rows, "
        f"{sum(len(t.acts) for t in tables.values())} acts, {len(names)} participants; "
        f"row errors by kind {dict(errors) or 'none'}; acts by kind {dict(kinds)}"
    )
    return errors


def test_every_zmjones_table_parses(zmjones: dict[str, StatusTable]) -> None:
    """All 324 tables are read: every row, every dated cell an act or in an ignored column."""
    errors = report("untc-zmjones", zmjones)

    assert ZMJONES_FILES == len(zmjones)
    assert ZMJONES_ROWS == sum(t.rows for t in zmjones.values())
    assert ZMJONES_ACTS == sum(len(t.acts) for t in zmjones.values())
    assert IGNORED_COLUMNS == {(n, c) for n, t in zmjones.items() for c in t.ignored_columns}
    assert MAX_ROW_ERRORS >= sum(errors.values())


def test_every_zmjones_symbol_is_recognised(zmjones: dict[str, StatusTable]) -> None:
    """Each symbol the data holds is one its column declares, read as its own act."""
    symbols = Counter(
        act.text.rpartition("(")[2].rstrip(")") for t in zmjones.values() for act in t.acts
    )
    unknown = [str(e) for t in zmjones.values() for e in t.errors if e.kind == "unknown-symbol"]
    print(f"\nsymbols read: {dict(symbols)}")

    assert [] == unknown
    # Exactly SOURCE.md's counts, plus the two symbols it does not list: "p" (UNCLOS Part XI
    # simplified procedure) and "C" (confirmation of a signature ad referendum, XIV-7).
    source_md = {"a": 7090, "A": 3010, "d": 1243, "P": 384, "s": 291, "AA": 197, "n": 99, "c": 10}
    assert {**source_md, "p": 16, "C": 2} == {s: n for s, n in symbols.items() if s != "no symbol"}


def test_every_zmjones_name_resolves(zmjones: dict[str, StatusTable]) -> None:
    """Every participant name of the UN tables gets an ISO 3166 code or an override."""
    unresolved = Counter(
        e.cell for t in zmjones.values() for e in t.errors
        if e.kind == "unknown-participant"
    )
    codes = {code for t in zmjones.values() for code in t.participants}
    print(f"\n{len(codes)} participant codes; unresolved names: {dict(unresolved) or 'none'}")

    assert {} == dict(unresolved)
    assert {"EU", "KOR", "PRK", "COD", "COG", "VAT", "PSE", "NIU", "COK"} <= codes


def test_every_disarmament_table_parses(disarmament: dict[str, StatusTable]) -> None:
    """The twelve chapter XXVI treaties are read without an error."""
    errors = report("untc-disarmament-2026", disarmament)

    assert 12 == len(disarmament)
    assert DISARMAMENT_ROWS == sum(t.rows for t in disarmament.values())
    assert MAX_ROW_ERRORS >= sum(errors.values())


def test_crc_enters_into_force_on_2_september_1990(real_data: Path) -> None:
    """The CRC (IV-11): 30 days after the 20th instrument (art. 49(1)), as docs/clauses.md
    shows it."""
    table = read_status_table(real_data / "untc-zmjones" / "treaties" / "4-11.csv")

    result = evaluate_table(load_clauses_file(CRC_CLAUSES), table, date(1990, 8, 15))
    ghana = next(row for row in result.rows if row.code == "GHA")

    assert (334, 196, 0) == (len(table.acts), len(table.participants), len(table.errors))
    assert date(1990, 9, 2) == result.entry_into_force
    assert ("contracting", date(1990, 9, 2)) == (ghana.status.value, ghana.in_force_from)
    assert () == result.errors


VCLT = Clauses(  # VCLT art. 84: 30th day after the 35th instrument, or after a later one's own
    entry_into_force=Threshold(35, Delay(days=30)), later_entry_into_force=Delay(days=30)
)


def test_vclt_needs_the_predecessor_row_the_un_removed(real_data: Path) -> None:
    """The VCLT (XXIII-1) entered into force on 27 January 1980. Today's table lacks the
    former Yugoslavia's row (its ratification of 27 August 1970 is a footnote on the UN
    page), so the 35th instrument in the table is Rwanda's of 3 January 1980; with it
    restored, the 35th is Togo's of 28 December 1979 and the date is the historic one."""
    table = read_status_table(real_data / "untc-zmjones" / "treaties" / "23-1.csv")
    day = date(1970, 8, 27)
    sfry = Act("yug-ratification", table.instrument, "YUG", ActKind.RATIFICATION, day, day)
    yugoslavia = Participant("YUG", names=(Name("en", "Yugoslavia"),))
    restored = replace(
        table, acts=(*table.acts, sfry), participants={**table.participants, "YUG": yugoslavia}
    )

    assert date(1980, 2, 2) == evaluate_table(VCLT, table, date(1985, 1, 1)).entry_into_force
    assert date(1980, 1, 27) == evaluate_table(VCLT, restored, date(1985, 1, 1)).entry_into_force


# Final clauses of four chapter XXVI treaties, from their texts, with the dates the UN gives
# for their entry into force.
DISARMAMENT_CLAUSES = {
    # Chemical Weapons Convention art. XXI(1): 180 days after the 65th instrument (and not
    # before 13 January 1995, which the 65th's date passes anyway).
    "XXVI-3": (Threshold(65, Delay(days=180)), date(1997, 4, 29)),
    # Ottawa Convention art. 17(1): the first day of the sixth month after the month of the
    # 40th instrument.
    "XXVI-5": (Threshold(40, Delay(months=5, first_of_next_month=True)), date(1999, 3, 1)),
    # Convention on Cluster Munitions art. 17(1): likewise, after the 30th.
    "XXVI-6": (Threshold(30, Delay(months=5, first_of_next_month=True)), date(2010, 8, 1)),
    # Arms Trade Treaty art. 22(1): 90 days after the 50th.
    "XXVI-8": (Threshold(50, Delay(days=90)), date(2014, 12, 24)),
    # Treaty on the Prohibition of Nuclear Weapons art. 15(1): 90 days after the 50th.
    "XXVI-9": (Threshold(50, Delay(days=90)), date(2021, 1, 22)),
}


@pytest.mark.parametrize("reference", sorted(DISARMAMENT_CLAUSES))
def test_disarmament_treaties_enter_into_force_when_they_did(
    disarmament: dict[str, StatusTable], reference: str
) -> None:
    """Recent deposits, where no predecessor row is missing, give the historic dates."""
    rule, expected = DISARMAMENT_CLAUSES[reference]

    result = evaluate_table(Clauses(entry_into_force=rule), disarmament[reference], None)

    assert expected == result.entry_into_force
    assert () == result.errors


def test_the_eu_row_is_an_organisation_with_its_members(real_data: Path) -> None:
    """The Convention on the Rights of Persons with Disabilities (IV-15): the European
    Union's formal confirmation of 23 December 2010 ("c") is an organisation's act, and the
    shipped data gives its 27 members on that day (the United Kingdom in, Croatia not yet)."""
    table = read_status_table(real_data / "untc-zmjones" / "treaties" / "4-15.csv")
    eu = table.participants["EU"]
    [confirmation] = [a for a in table.acts if a.participant == "EU" and a.kind is not
                      ActKind.SIGNATURE]
    members = eu.members_on(confirmation.received)

    assert (ParticipantKind.ORGANISATION, ActKind.FORMAL_CONFIRMATION) == (
        eu.kind, confirmation.kind
    )
    assert date(2010, 12, 23) == confirmation.received
    assert (27, True, False) == (len(members), "GBR" in members, "HRV" in members)


def test_a_real_table_with_a_bad_date_is_refused(real_data: Path, tmp_path: Path) -> None:
    """The CRC's table with one date mistyped (Ghana's "5 Feb 1990" as "5 Fbe 1990"): the
    evaluation fails with exit 2 naming that cell, and prints no participant."""
    text = (real_data / "untc-zmjones" / "treaties" / "4-11.csv").read_text(encoding="utf-8")
    mistyped = tmp_path / "4-11.csv"
    ghana = "Ghana,29 Jan 1990,5 Feb 1990"
    assert ghana in text
    mistyped.write_text(text.replace(ghana, ghana.replace("Feb", "Fbe")), encoding="utf-8")

    result = CliRunner().invoke(app, ["evaluate", "--clauses", str(CRC_CLAUSES), "--table",
                                      str(mistyped), "--format", "csv"])

    assert 2 == result.exit_code
    assert "" == result.stdout
    assert (f"{mistyped} row 68, column 'Ratification, Acceptance(A), Accession(a), "
            "Succession(d)', cell '5 Fbe 1990': unknown month 'Fbe' [bad-date]") in result.stderr
