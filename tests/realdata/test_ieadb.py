"""The IEADB reader and the engine against IEADB's per-country entry into force.

Floors are set a little under the figures measured on the January 2026 dump (see
docs/real-data.md), so that a regression in the reader, the clause extractor or the
engine fails here.
"""

from __future__ import annotations

import gzip
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from depositary.domain.acts import ActKind
from depositary.domain.engine import evaluate
from depositary.formats import ieadb
from depositary.formats.clause_text import extract
from depositary.formats.clauses_library import Library
from depositary.realdata.ieadb_check import (
    ACTS_AGAINST_RECORD,
    COUNT_AGAINST_RECORD,
    DATA,
    HAND_CHECKED,
    NEVER_IN_FORCE_ON_ITS_ACTS,
    PARENTS_RULE,
    READING,
    UNEXPLAINED,
    Report,
    agreement_report,
    instrument_for,
    kind_of,
)

pytestmark = pytest.mark.realdata

ROWS = 125_887  # SOURCE.md
# Measured: 1,897 rows set aside (1.5%). 1,286 of them carry IEADB's own "unknown" date
# 1111-11-11 (1,262 are "Country EIF date unknown"), 239 an incomplete date, 366 name
# an entity with no ISO code (a German Land, a colony before independence). 2% leaves room
# for a new dump, not for a reader that starts dropping real acts.
MAX_ERROR_SHARE = 0.02
# The extractor's drafts (the clauses it reads from IEADB's notes, --drafts): a drafting
# aid's measure, kept so that a change to the extractor shows.
MIN_WITH_CLAUSE = 80  # measured 85
MIN_PAIRS = 560  # measured 594
MIN_EXACT = 0.81  # measured 495 / 594 = 83.3%
MIN_WITHIN_31_DAYS = 0.84  # measured 514 / 594 = 86.5%
MIN_GENERAL_EXACT = 0.80  # measured 58 / 68 = 85.3%


@pytest.fixture(scope="module")
def reading(ieadb_reading: ieadb.Reading) -> ieadb.Reading:
    return ieadb_reading


@pytest.fixture(scope="module")
def report(real_data: Path, ieadb_reading: ieadb.Reading) -> Report:
    """The check on the extractor's drafts."""
    return agreement_report(real_data, reading=ieadb_reading, drafts=True)


def test_reader_reads_every_row(reading: ieadb.Reading) -> None:
    """Every row is read; those set aside are few, counted, and none for an unknown action."""
    assert ROWS == reading.rows
    assert ROWS == reading.acts + reading.oracle_rows + sum(reading.not_acts.values()) + sum(
        reading.errors.values()
    )
    assert sum(reading.errors.values()) / reading.rows < MAX_ERROR_SHARE
    assert [] == [reason for reason in reading.errors if reason.startswith("action not known")]
    assert 4_384 == len(reading.agreements)


HEADER = (
    '"Mitch ID";"Treaty Name from Treaty Table";"Country (official name)";"Country (as '
    'entered)";"Action Type";Action;"Action Order";Year;Month;Day;field_date_incomplete_value;'
    'Notes;"Tacit Acceptance";Inclusion;"Signature Date";"Entry into force (EIF) Date";'
    '"Agreement Type - Level 3";"Agreement Type - Level 2";"Agreement Type - Level 1";Lineage;'
    'Sequence;"IEA Termination date";"Terminated by IEA#";"IEA Termination type"'
)


def _row(*fields: str) -> str:
    return ";".join([*fields, *[""] * (24 - len(fields))])


def test_malformed_rows_are_counted_not_raised(tmp_path: Path) -> None:
    """A short row, a bad id, an unknown action or an incomplete date is a counted error."""
    rows = [
        _row("7", "T", "Austria", "Austria", "Signature", "Signature", "1", "1990", "5", "2"),
        "7;short row",
        _row("x7", "T", "Austria", "Austria", "Signature", "Signature", "1", "1990", "5", "2"),
        _row("7", "T", "Austria", "Austria", "Frobnication", "Frobnication", "1", "1990", "5"),
        _row("7", "T", "Chad", "Chad", "Accession", "Accession", "2", "1993", "1", "1",
             "1993-**-**"),
        _row("7", "T", "Chad", "Chad", "Entry into force", "Entry into force", "3", "1111",
             "11", "11", "", "Country EIF date unknown"),
    ]
    banner = '"cite us"\n"described in"\n\n'
    with gzip.open(tmp_path / ieadb.MEMBERS, "wt", encoding="utf-8-sig") as stream:
        stream.write(banner + HEADER + "\n" + "\n".join(rows) + "\n")
    (tmp_path / ieadb.TREATIES).write_text(banner + '"IEA#";"Agreement Name"\n', "utf-8-sig")
    reading = ieadb.read(tmp_path)
    expected = {
        "wrong number of fields": 1,
        "no agreement id": 1,
        "action not known here: 'Frobnication'": 1,
        "incomplete date (field_date_incomplete_value)": 1,
        "unknown date (IEADB's 1111-11-11)": 1,
    }
    assert expected == dict(reading.errors)
    assert [ActKind.SIGNATURE] == [a.kind for a in reading.agreements["7"].acts]


def test_entry_into_force_rows_are_the_oracle_not_acts(reading: ieadb.Reading) -> None:
    """IEADB's derived "Entry into force" rows become per-participant dates, never acts."""
    nauru = reading.agreements["2934"]
    assert date(1982, 12, 4) == nauru.entry_into_force["PNG"]
    assert [] == [a for a in nauru.acts if "force" in a.text.lower()]


def test_withdrawal_carries_the_date_it_took_effect(reading: ieadb.Reading) -> None:
    """IEADB dates withdrawals by their effect, so the act states it as `effective`."""
    withdrawals = [
        a for agreement in reading.agreements.values() for a in agreement.acts
        if a.kind is ActKind.WITHDRAWAL
    ]
    assert withdrawals
    assert [] == [a for a in withdrawals if a.effective != a.received]


@pytest.mark.parametrize(
    ("official", "entered", "code"),
    [
        ("Russian Federation", "USSR", "SUN"),
        ("Russian Federation", "Russian Federation", "RUS"),
        ("Czechia", "Czechoslovakia", "CSK"),
        ("Serbia", "Yugoslavia", "YUG"),
        ("Germany, Former GDR", "German Democratic Republic", "DDR"),
        ("European Union", "European Economic Community", "EU"),
        ("Iran", "Iran", "IRN"),
        ("Germany (Bavaria)", "Bavaria", None),
    ],
)
def test_historic_names_keep_the_state_that_acted(
    official: str, entered: str, code: str | None
) -> None:
    """The name as entered keeps a dissolved state; the official name codes the rest."""
    assert code == ieadb.participant_code(official, entered)


def test_russia_continues_the_ussr() -> None:
    """The Russian Federation keeps the USSR's record (DESIGN.md §5 rule 11)."""
    assert "SUN" == ieadb.participant_record("RUS").continuator_of
    assert date(1991, 12, 26) == ieadb.participant_record("SUN").existence.end


def test_nauru_agreement_enters_into_force_on_its_real_date(reading: ieadb.Reading) -> None:
    """IEADB 2934: the fifth ratification (Palau, 4 Nov 1982) plus 30 days; Micronesia and
    the Marshall Islands ratified before independence and count among the five."""
    nauru = reading.agreements["2934"]
    found = extract("\n".join(nauru.texts))
    assert found is not None
    evaluation = evaluate(instrument_for(nauru, found), nauru.acts, reading.participants)
    assert date(1982, 12, 4) == evaluation.entry_into_force


def test_agreement_rate_stays_above_its_floor(report: Report) -> None:
    """On agreements with a drafted clause, the engine agrees with IEADB's dates."""
    assert report.origin == "drafted from IEADB's notes"
    assert "- clauses: drafted from IEADB's notes" in report.render()
    assert report.with_clause >= MIN_WITH_CLAUSE
    assert report.pairs >= MIN_PAIRS
    assert report.within(0) / report.pairs >= MIN_EXACT
    assert report.within(31) / report.pairs >= MIN_WITHIN_31_DAYS
    assert report.general_within(0) / len(report.general) >= MIN_GENERAL_EXACT


def test_every_disagreement_has_a_category(report: Report) -> None:
    """Each pair that differs is put in a category, and only those."""
    assert [] == [c for c in report.comparisons if (c.engine != c.ieadb) != bool(c.category)]
    assert "## Disagreements by category" in report.render()


def test_both_readings_of_thereafter_are_stated_not_guessed(report: Report) -> None:
    """IEADB 2899 ("Thereafter ... for any signing or acceding state"): Kiribati, which
    signed between the eighth signature and the entry into force, is bound with the others,
    as IEADB has it; where IEADB reads the other way (IEADB 5029, Serbia) the report names
    the reading, and no category says the format cannot state the clause."""
    kiribati = next(c for c in report.comparisons
                    if c.agreement == "2899" and c.participant == "KIR")
    assert kiribati.engine == kiribati.ieadb == date(1979, 8, 9)
    serbia = next(c for c in report.comparisons
                  if c.agreement == "5029" and c.participant == "SRB")
    assert "`later_participants: after-condition`" in serbia.category
    assert not [c for c in report.comparisons if "cannot" in c.category and "clause" in
                c.category]


# The check on the clauses library (the default): every treaty of the library the IEADB
# holds is either compared or listed as not computed with the reason.
MIN_LIBRARY_AGREEMENTS = 128  # measured 135 on 2026-12-03, third run (docs/real-data.md)
MIN_LIBRARY_PAIRS = 10_400  # measured 10,932
MIN_LIBRARY_EXACT = 0.78  # measured 8,883 / 10,932 = 81.3%
MIN_EXACT_AFTER_DATA = 0.90  # measured 8,883 / 9,581 = 92.7%


@pytest.fixture(scope="module")
def library_report(real_data: Path, ieadb_reading: ieadb.Reading) -> Report:
    return agreement_report(real_data, reading=ieadb_reading)


def test_the_library_check_reports_each_treaty_it_holds(
    library_report: Report, ieadb_reading: ieadb.Reading,
) -> None:
    library = Library.read()
    held = {n for e in library for n in e.ieadb if n in ieadb_reading.agreements}
    compared = {c.agreement for c in library_report.comparisons}
    not_computed = {a for a, _, _ in library_report.not_computed}
    stated = {n for e in library if e.clauses is not None for n in e.ieadb}
    assert compared <= stated and compared.isdisjoint(not_computed)
    assert held == compared | not_computed | {
        n for n in held if not ieadb_reading.agreements[n].entry_into_force}
    names = {e.name for e in library}
    assert all(why.split(":")[0] in names for _, _, why in library_report.not_computed)
    assert "## Not computed" in library_report.render()
    assert library_report.with_clause >= MIN_LIBRARY_AGREEMENTS
    assert library_report.pairs >= MIN_LIBRARY_PAIRS
    assert library_report.within(0) / library_report.pairs >= MIN_LIBRARY_EXACT
    assert library_report.exact_after_data() >= MIN_EXACT_AFTER_DATA


def test_the_library_check_writes_its_figures_as_json(
    library_report: Report, tmp_path: Path,
) -> None:
    summary = library_report.summary()
    assert {"agreements_with_clauses", "pairs", "exact", "within_a_day", "exceptions",
            "not_computed", "coverage_of_pairs"} <= set(summary)
    assert summary["clauses"] == "library"
    exceptions = summary["exceptions"]
    assert isinstance(exceptions, list)
    assert len(exceptions) == library_report.pairs - library_report.within(0)
    assert all(e["category"] and e["reason"] for e in exceptions)
    assert summary["coverage_of_pairs"] == round(
        library_report.pairs / library_report.all_pairs, 4)
    # Each exception is of one kind; the data exceptions' share is published beside the
    # exact rate on the pairs left once they are set aside.
    kinds = Counter(e["kind"] for e in exceptions)
    assert set(kinds) <= {DATA, READING, UNEXPLAINED}
    assert summary["data_exceptions"] == kinds[DATA] and summary["unexplained"] == kinds[
        UNEXPLAINED] and summary["reading_exceptions"] == kinds[READING]
    left = library_report.pairs - kinds[DATA]
    assert summary["exact_after_data_exceptions"] == round(library_report.within(0) / left, 4)


def test_the_depositarys_table_decides_between_the_acts_and_the_clause(
    library_report: Report,
) -> None:
    """UNCCD (IEADB 3188): the same clause on the UN's own table gives the record's date,
    26 December 1996; on the IEADB's acts another: the disagreement is the IEADB's data,
    said with that evidence. ICRW (IEADB 2621): the IEADB lists no Dutch or Norwegian
    ratification before 1960, so art. X(4)'s condition is never met on its acts, though
    the State Department's list dates the entry into force 10 November 1948."""
    unccd = {c.category for c in library_report.comparisons if c.agreement == "3188"}
    assert ACTS_AGAINST_RECORD in unccd and kind_of(ACTS_AGAINST_RECORD) == DATA
    whaling = [c for c in library_report.comparisons if c.agreement == "2621"]
    assert whaling and all(c.engine is None for c in whaling)
    assert NEVER_IN_FORCE_ON_ITS_ACTS in {c.category for c in whaling}


def test_acts_that_contradict_the_ieadbs_own_general_date_are_its_data(
    library_report: Report,
) -> None:
    """The Convention on the Physical Protection of Nuclear Material (IEADB 2911) entered
    into force on 8 February 1987, thirty days after the 21st instrument (art. 19(1)), as
    the IAEA's record and the IEADB's own general date say; the IEADB's acts reach the
    21st only in October 1988."""
    cppnm = [c for c in library_report.comparisons if c.agreement == "2911"]
    assert COUNT_AGAINST_RECORD in {c.category for c in cppnm}
    assert kind_of(COUNT_AGAINST_RECORD) == DATA


def test_a_later_party_dated_by_the_conventions_delay_is_the_ieadbs_data(
    library_report: Report,
) -> None:
    """The Bonn Amendment to CITES (IEADB 2895) enters into force for a later Party "60
    days after that Party deposits its instrument of acceptance" (CITES art. XVII(3)); the
    IEADB dates most of them 90 days after, the Convention's own delay (art. XXII(2))."""
    bonn = [c for c in library_report.comparisons
            if c.agreement == "2895" and c.category == PARENTS_RULE]
    assert len(bonn) >= 80 and kind_of(PARENTS_RULE) == DATA
    assert all(c.engine is not None and (c.ieadb - c.engine).days == 30 for c in bonn)


def test_a_second_source_says_which_date_the_engine_gives(library_report: Report) -> None:
    """HUGGO (the Global Governance Observatory's hand-checked memberships) dates many of
    the pairs compared; where its date is not the IEADB's, the report counts which of the
    two the engine gives (measured: 2,031 pairs, 261 differ, 42 HUGGO's, 153 IEADB's)."""
    second = library_report.second
    assert second is not None
    assert second.matched >= 1_500
    assert 0 < second.differ <= second.matched
    assert second.with_huggo + second.with_ieadb <= second.differ
    assert library_report.summary()["second_source"] == {
        "matched": second.matched, "differ": second.differ, "with_huggo": second.with_huggo,
        "with_ieadb": second.with_ieadb, "ieadb_is_ecolex": second.ieadb_is_ecolex}
    assert "## A second source: HUGGO's hand-checked dates" in library_report.render()
    # Where HUGGO's date is the engine's and not the IEADB's, the disagreement is the
    # IEADB's data, with HUGGO's date as the evidence.
    checked = [c for c in library_report.comparisons if c.category == HAND_CHECKED]
    assert len(checked) == second.with_huggo and kind_of(HAND_CHECKED) == DATA
