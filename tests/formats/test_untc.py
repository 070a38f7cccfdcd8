"""The UN status-table reader and the evaluation of a table with a clauses file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pycountry
import pytest

from depositary.app.table import evaluate_table
from depositary.domain.acts import ActKind
from depositary.domain.clauses import (
    AllSignatories,
    AnyOf,
    Clauses,
    Delay,
    OnDate,
    OnSignature,
    SignatureEffect,
    Threshold,
)
from depositary.domain.participants import ParticipantKind
from depositary.domain.status import Status
from depositary.formats.action_list import read_action_list
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.errors import FormatError
from depositary.formats.names import ORGANISATION_NAMES, resolve_participant
from depositary.formats.status_columns import ErrorKind, read_column
from depositary.formats.untc import (
    StatusTable,
    UnreadableTable,
    mtdsg_alias,
    parse_status_table,
    read_status_table,
)

ROOT = Path(__file__).resolve().parents[2]
CONSENT = '"Ratification, Accession(a), Succession(d)"'


def parse(text: str) -> StatusTable:
    return parse_status_table(text, "inline.csv", instrument="test-treaty")


def kinds(table: StatusTable) -> list[tuple[str, ActKind, date]]:
    return [(a.participant, a.kind, a.received) for a in table.acts]


# -- symbols and headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "cell", "kind"),
    [
        (CONSENT, "24 Jan 1983", ActKind.RATIFICATION),
        (CONSENT, "24 Jan 1983 a", ActKind.ACCESSION),
        (CONSENT, "24 Jan 1983 d", ActKind.SUCCESSION),
        ('"Ratification, Acceptance(A), Approval(AA)"', "24 Jan 1983 A", ActKind.ACCEPTANCE),
        ('"Ratification, Acceptance(A), Approval(AA)"', "24 Jan 1983 AA", ActKind.APPROVAL),
        ('"Formal confirmation(c), Ratification"', "24 Jan 1983 c", ActKind.FORMAL_CONFIRMATION),
        ('"Definitive signature(s), Ratification"', "24 Jan 1983 s", ActKind.DEFINITIVE_SIGNATURE),
        ('"Ratification, Consent to be bound(P)"', "24 Jan 1983 P", ActKind.NOTIFICATION),
        ('"Simplified procedure(p), Ratification"', "24 Jan 1983 p", ActKind.NOTIFICATION),
        ("Provisional application(n)", "24 Jan 1983 n", ActKind.PROVISIONAL_APPLICATION),
        ("Confirmation of signature ad referendum(C)", "24 Jan 1983 C", ActKind.SIGNATURE),
        ("Signature", "24 Jan 1983", ActKind.SIGNATURE),
        ('"Signature, Succession to signature(d)"', "24 Jan 1983 d", ActKind.SIGNATURE),
        ('"Signature, Signature ad referendum (s)"', "24 Jan 1983 s",
         ActKind.SIGNATURE_AD_REFERENDUM),
        ("Notification of non-provisional application under article 7 (1) (b)", "24 Jan 1983",
         ActKind.PROVISIONAL_APPLICATION_END),
        ("Provisional acceptance/accession", "24 Jan 1983", ActKind.PROVISIONAL_APPLICATION),
        ("Application", "24 Jan 1983", ActKind.NOTIFICATION),
        ('"Ratification, Notification(n)"', "24 Jan 1983 n", ActKind.NOTIFICATION),
    ],
)
def test_symbol_read_through_its_column(header: str, cell: str, kind: ActKind) -> None:
    """Each UN symbol, and a bare date, means the act its column header gives it."""
    table = parse(f"Participant,{header}\nGhana,{cell}\n")

    assert [("GHA", kind, date(1983, 1, 24))] == kinds(table)
    assert [] == table.errors


def test_bare_date_is_the_first_unmarked_item() -> None:
    """In "Approval(AA), Acceptance(A), Accession(a), Ratification" a bare date is a
    ratification, wherever the unmarked item stands."""
    column = read_column("Approval(AA), Acceptance(A), Accession(a), Ratification")

    assert column is not None
    assert ActKind.RATIFICATION == column.bare
    assert {"AA": ActKind.APPROVAL, "A": ActKind.ACCEPTANCE, "a": ActKind.ACCESSION} == dict(
        column.symbols
    )


def test_single_item_column_reads_a_bare_date_as_its_act() -> None:
    """A column with one marked item ("Signature ad referendum (s)") gives a bare date
    that item's meaning, as the UN writes such columns without the symbol."""
    table = parse("Participant,Signature ad referendum (s)\nChile,5 May 1986\n")

    assert [("CHL", ActKind.SIGNATURE_AD_REFERENDUM, date(1986, 5, 5))] == kinds(table)


def test_header_item_continues_after_a_lower_case_comma() -> None:
    """", as amended(A)" continues the item before it, so its symbol is an acceptance."""
    column = read_column(
        "Definitive signature of the Protocol, Acceptance ipso facto by virtue of article 10 (1)"
        " of the Convention of 12 September 1923, as amended(A)"
    )

    assert column is not None
    assert ActKind.DEFINITIVE_SIGNATURE == column.bare
    assert {"A": ActKind.ACCEPTANCE} == dict(column.symbols)


def test_columns_recording_no_act_are_listed_as_ignored() -> None:
    """Registration data and notifications no act kind models are ignored, and said so."""
    table = parse(
        "Participant,Resolution,Registration Date,Notification under article 25\n"
        "Albania,995 (X),14 Dec 1955,1 Jan 1986\n"
    )

    assert ("Resolution", "Registration Date", "Notification under article 25") == (
        table.ignored_columns
    )
    assert [] == kinds(table)
    assert [] == table.errors


def test_acts_are_received_on_the_table_date() -> None:
    """UN tables give deposit dates: `received` and `dated` are the table's date, and a
    succession states no date of its own."""
    table = parse(f"Participant,{CONSENT}\nCroatia,12 Oct 1992 d\n")

    [act] = table.acts
    assert (date(1992, 10, 12), date(1992, 10, 12), None) == (
        act.received, act.dated, act.effective
    )
    assert "test-treaty" == act.instrument


def test_provenance_names_file_row_and_cell() -> None:
    """Each act says where it was read: file and row, column and cell."""
    table = parse(f"Participant,Signature,{CONSENT}\nAlbania,,27 Jun 2001 a\n")

    [act] = table.acts
    assert "inline.csv row 2" == act.provenance.source
    assert f"column {CONSENT.strip(chr(34))!r}, cell '27 Jun 2001 a'" == act.provenance.note
    assert 2 == table.origins[act.id].row


def test_several_dates_and_footnote_marks_in_one_cell() -> None:
    """A cell may hold several dates; footnote marks after a date are skipped."""
    table = parse(f'Participant,{CONSENT}\nGermany 2\u00b3,"6 Mar 1992 4\n 3 Jan 1995 a [5]"\n')

    assert [
        ("DEU", ActKind.RATIFICATION, date(1992, 3, 6)),
        ("DEU", ActKind.ACCESSION, date(1995, 1, 3)),
    ] == kinds(table)
    assert [] == table.errors


def test_act_ids_stay_unique() -> None:
    """Two identical acts in one row get distinct ids."""
    table = parse(f'Participant,{CONSENT}\nGhana,"5 Feb 1990, 5 Feb 1990"\n')

    assert 2 == len({a.id for a in table.acts})


# -- bad rows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "kind", "message"),
    [
        ("24 Jan 1983 x", ErrorKind.SYMBOL, "unknown action symbol 'x'"),
        ("24 Jan 1983 n", ErrorKind.SYMBOL, "symbol 'n' is not declared by the header"),
        ("31 Feb 1983", ErrorKind.DATE, "not a calendar date: day is out of range for month"),
        ("24 Janvier 1983", ErrorKind.DATE, "unknown month 'Janvier'"),
        ("24/01/1983", ErrorKind.DATE, "cannot read '24/01/1983' as a date: '24 Jan 1983 a'"),
        ("pending", ErrorKind.DATE, "cannot read 'pending' as a date: '24 Jan 1983 a'"),
    ],
)
def test_bad_cell_is_a_row_error(cell: str, kind: ErrorKind, message: str) -> None:
    """A cell that cannot be read is reported with file, row, column and cell; the next row
    is still read."""
    table = parse(f"Participant,{CONSENT}\nGhana,{cell}\nChile,13 Aug 1990\n")

    [error] = table.errors
    assert ("inline.csv", 2, CONSENT.strip('"'), cell) == (
        error.file, error.row, error.column, error.cell
    )
    assert (kind, message) == (error.kind, error.message)
    assert [("CHL", ActKind.RATIFICATION, date(1990, 8, 13))] == kinds(table)


def test_bare_date_without_meaning_is_a_row_error() -> None:
    """A bare date in a column whose items are all marked, and several, is an error."""
    table = parse('Participant,"Definitive signature(s), Acceptance(A)"\nGhana,5 Feb 1990\n')

    assert [ErrorKind.SYMBOL] == [e.kind for e in table.errors]


def test_unknown_name_is_a_row_error() -> None:
    """A name with no code is reported, saying how to resolve it, and its row's acts are
    left out."""
    table = parse(f"Participant,{CONSENT}\nFreedonia,5 Feb 1990\nGhana,5 Feb 1990\n")

    [error] = table.errors
    assert (
        ErrorKind.PARTICIPANT,
        "no ISO 3166 code, built-in name or names-file entry for 'Freedonia': give it in a "
        "names file (docs/data-format.md, 'Names files') or its code in a Code column",
    ) == (error.kind, error.message)
    assert ["GHA"] == list(table.participants)


def test_participant_listed_twice_is_a_row_error() -> None:
    """Two rows resolving to one code: the second is reported, not merged."""
    table = parse(f"Participant,{CONSENT}\nTurkey,5 Feb 1990\nTürkiye,6 Feb 1990\n")

    assert [(ErrorKind.ROW, 3)] == [(e.kind, e.row) for e in table.errors]
    assert [("TUR", ActKind.RATIFICATION, date(1990, 2, 5))] == kinds(table)


def test_row_with_extra_cells_is_reported() -> None:
    """More cells than headers is a row error; the cells under headers are still read."""
    table = parse("Participant,Signature\nGhana,29 Jan 1990,extra\n")

    assert [ErrorKind.ROW] == [e.kind for e in table.errors]
    assert [("GHA", ActKind.SIGNATURE, date(1990, 1, 29))] == kinds(table)


@pytest.mark.parametrize("text", ["", "Country,Signature\nGhana,29 Jan 1990\n", "\n"])
def test_file_without_participant_column_is_refused(text: str) -> None:
    """A file whose first column is not 'Participant' is not a status table."""
    with pytest.raises(FormatError) as raised:
        parse(text)

    assert ["the first column must be headed 'Participant'"] == raised.value.problems


def test_unreadable_files_are_refused(tmp_path: Path) -> None:
    """A missing file and a file that is not UTF-8 raise FormatError, not OSError."""
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Participant\nCôte d'Ivoire\n".encode("latin-1"))

    with pytest.raises(FormatError):
        read_status_table(tmp_path / "missing.csv")
    with pytest.raises(FormatError):
        read_status_table(latin)


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ghana", "GHA"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Bahamas (The)", "BHS"),
        ("St. Kitts and Nevis", "KNA"),
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic Republic of the Congo", "COD"),
        ("Czechoslovakia", "CSK"),
        ("Yugoslavia", "YUG"),
        ("Serbia and Montenegro", "SCG"),
        ("German Democratic Republic", "DDR"),
        ("Union of Soviet Socialist Republics", "SUN"),
        ("State of Palestine", "PSE"),
        ("Holy See", "VAT"),
        ("Niue", "NIU"),
        ("Cook Islands", "COK"),
        ("Kosovo", "XKX"),
        ("Turkey", "TUR"),
        ("Swaziland", "SWZ"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Germany 2, 3", "DEU"),
    ],
)
def test_un_state_names_resolve(name: str, code: str) -> None:
    """UN names resolve to ISO 3166-1 or 3166-3 codes, or the commented overrides."""
    assert (code, ParticipantKind.STATE) == resolve_participant(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [("European Union", "EU"), ("European Community", "EU"), ("Andean Community", "ANDEAN")],
)
def test_organisations_resolve_to_acronyms(name: str, code: str) -> None:
    """Organisations take their acronym and the organisation kind."""
    assert (code, ParticipantKind.ORGANISATION) == resolve_participant(name)


def test_parenthetical_form_does_not_fall_back_to_another_state() -> None:
    """"Congo (Democratic Republic of the)" must not become the Republic of the Congo."""
    assert resolve_participant("Congo (Democratic Republic of the)") in {
        None, ("COD", ParticipantKind.STATE)
    }


def test_organisation_codes_are_not_state_codes() -> None:
    """No organisation's code is an ISO 3166 alpha-3 code, current or historic."""
    iso = {c.alpha_3 for c in pycountry.countries} | {
        c.alpha_3 for c in pycountry.historic_countries
    }

    assert set() == set(ORGANISATION_NAMES.values()) & iso


@pytest.mark.parametrize(
    ("stem", "alias"),
    [("4-11", "mtdsg-iv-11"), ("23-1", "mtdsg-xxiii-1"), ("10-2-b", "mtdsg-x-2-b"),
     ("XXVI-2-a", "mtdsg-xxvi-2-a"), ("19-34", "mtdsg-xix-34")],
)
def test_mtdsg_alias(stem: str, alias: str) -> None:
    """The alias is the MTDSG reference, chapter in Roman numerals."""
    assert alias == mtdsg_alias(stem)


# -- action lists ------------------------------------------------------------------------------

LIST_HEADER = "country_name,treaty_id,action_type,action_date,signature_date,mtdsg_no\n"


def test_action_list_gives_one_table_per_treaty(tmp_path: Path) -> None:
    """Rows of a list of actions become acts of the table of their MTDSG reference."""
    path = tmp_path / "list.csv"
    path.write_text(
        LIST_HEADER
        + "Ghana,att,Ratification,2013-10-01,2013-06-03,XXVI-8\n"
        + "Chile,att,,,2013-06-03,XXVI-8\n"
        + "Croatia,cwc,Succession,1995-05-23,,XXVI-3\n",
        encoding="utf-8",
    )

    tables = read_action_list(path)

    assert ["XXVI-8", "XXVI-3"] == list(tables)
    assert [
        ("GHA", ActKind.SIGNATURE, date(2013, 6, 3)),
        ("GHA", ActKind.RATIFICATION, date(2013, 10, 1)),
        ("CHL", ActKind.SIGNATURE, date(2013, 6, 3)),
    ] == kinds(tables["XXVI-8"])
    assert "mtdsg-xxvi-3" == tables["XXVI-3"].instrument


def test_action_list_bad_rows_are_errors(tmp_path: Path) -> None:
    """An unknown action type, a bad date or a date without a type is a row error."""
    path = tmp_path / "list.csv"
    path.write_text(
        LIST_HEADER
        + "Ghana,att,Adhesion,2013-10-01,,XXVI-8\n"
        + "Chile,att,Ratification,01/10/2013,,XXVI-8\n"
        + "Peru,att,,2013-10-01,,XXVI-8\n",
        encoding="utf-8",
    )

    table = read_action_list(path)["XXVI-8"]

    assert [(ErrorKind.SYMBOL, 2), (ErrorKind.DATE, 3), (ErrorKind.SYMBOL, 4)] == [
        (e.kind, e.row) for e in table.errors
    ]


def test_action_list_row_without_treaty_is_an_error(tmp_path: Path) -> None:
    """A row that names no treaty is reported under the table of unknown treaties."""
    path = tmp_path / "list.csv"
    path.write_text(LIST_HEADER + "Ghana,att,Ratification,2013-10-01,,\n", encoding="utf-8")

    table = read_action_list(path)[""]

    assert [(ErrorKind.ROW, 2, "mtdsg_no")] == [(e.kind, e.row, e.column) for e in table.errors]
    assert () == table.acts


def test_action_list_without_its_columns_is_refused(tmp_path: Path) -> None:
    """A list missing a required column is refused, naming the column."""
    path = tmp_path / "list.csv"
    path.write_text("country_name,action_type\nGhana,Ratification\n", encoding="utf-8")

    with pytest.raises(FormatError) as raised:
        read_action_list(path)

    assert "missing column 'action_date'" in raised.value.problems


# -- evaluation --------------------------------------------------------------------------------

TWO_INSTRUMENTS = Clauses(
    entry_into_force=Threshold(2, Delay(days=30)), later_entry_into_force=Delay(days=30)
)
SMALL_TABLE = (
    f"Participant,Signature,{CONSENT}\n"
    "Ghana,26 Jan 1990,5 Feb 1990\n"
    "Chile,26 Jan 1990,13 Aug 1990\n"
    "Peru,26 Jan 1990,4 Oct 1990\n"
    "Somalia,9 May 2002,\n"
    "Tuvalu,,22 Sep 1995 a\n"
)


def rows_by_code(clauses: Clauses, text: str, as_of: date) -> dict[str, tuple[str, date | None]]:
    result = evaluate_table(clauses, parse(text), as_of)
    return {r.code: (r.status.value, r.in_force_from) for r in result.rows}


def test_evaluation_gives_status_and_own_entry_into_force() -> None:
    """Each participant's status on the date and the date the treaty entered into force
    for it: the general date, or 30 days after its own instrument (VCLT 24(3))."""
    result = evaluate_table(TWO_INSTRUMENTS, parse(SMALL_TABLE), date(2000, 1, 1))

    assert date(1990, 9, 12) == result.entry_into_force
    assert {
        "CHL": ("party", date(1990, 9, 12)),
        "GHA": ("party", date(1990, 9, 12)),
        "PER": ("party", date(1990, 11, 3)),
        "SOM": ("not-involved", None),
        "TUV": ("party", date(1995, 10, 22)),
    } == {r.code: (r.status.value, r.in_force_from) for r in result.rows}


def test_contracting_participant_knows_its_coming_entry_into_force() -> None:
    """Before the general date, a contracting participant's row gives the date it will
    be bound; a signatory's gives none."""
    assert {
        "CHL": ("contracting", date(1990, 9, 12)),
        "GHA": ("contracting", date(1990, 9, 12)),
        "PER": ("signatory", None),
        "SOM": ("not-involved", None),
        "TUV": ("not-involved", None),
    } == rows_by_code(TWO_INSTRUMENTS, SMALL_TABLE, date(1990, 9, 1))


def test_consent_after_the_trigger_instrument_counts_as_later() -> None:
    """CRC art. 49(2): a state depositing "after the deposit of the twentieth instrument"
    is bound 30 days after its own deposit, even before the general date."""
    table = SMALL_TABLE.replace("4 Oct 1990", "4 Sep 1990")

    assert ("party", date(1990, 10, 4)) == rows_by_code(
        TWO_INSTRUMENTS, table, date(2000, 1, 1)
    )["PER"]


def test_late_signature_does_not_undo_entry_into_force() -> None:
    """Once every signatory has consented the instrument is in force; a state that signs
    a year later cannot make it not have been."""
    table = parse(
        f"Participant,Signature,{CONSENT}\n"
        "Armenia,22 Jan 1993,1 Mar 1993\nBelarus,22 Jan 1993,1 Apr 1993\nKazakhstan,1 Jan 1994,\n"
    )

    result = evaluate_table(Clauses(entry_into_force=AllSignatories()), table, date(1993, 6, 1))

    assert date(1993, 4, 1) == result.entry_into_force


def test_not_involved_participant_says_why() -> None:
    """A participant with no act yet on the date is not involved, with the reason."""
    result = evaluate_table(TWO_INSTRUMENTS, parse(SMALL_TABLE), date(1990, 1, 1))
    tuvalu = next(r for r in result.rows if r.code == "TUV")

    assert (Status.NOT_INVOLVED, ("no act of TUV received by 1990-01-01",)) == (
        tuvalu.status, tuvalu.reasons
    )


def test_act_the_register_refuses_is_a_row_error() -> None:
    """A second consent by a party is refused by the register (VCLT 11) and reported
    against its cell; the rest is evaluated."""
    table = parse(f'Participant,{CONSENT}\nGhana,"5 Feb 1990, 7 Mar 1991 a"\nChile,13 Aug 1990\n')

    result = evaluate_table(TWO_INSTRUMENTS, table, date(2000, 1, 1))

    [error] = result.errors
    assert (ErrorKind.REJECTED, 2, '5 Feb 1990, 7 Mar 1991 a') == (
        error.kind, error.row, error.cell
    )
    assert "VCLT 11" in error.message
    assert date(1990, 9, 12) == result.entry_into_force


def test_a_table_with_read_errors_is_not_evaluated() -> None:
    """A row that could not be read refuses the whole evaluation, naming each bad cell:
    its participant is not shown as not involved for want of the acts it holds."""
    table = parse(f"Participant,{CONSENT}\nFreedonia,5 Feb 1990\nGhana,31 Feb 1990\n")

    with pytest.raises(UnreadableTable) as raised:
        evaluate_table(TWO_INSTRUMENTS, table, date(2000, 1, 1))

    assert [str(e) for e in table.errors] == raised.value.problems
    assert 2 == len(raised.value.problems)


def test_evaluation_defaults_to_today() -> None:
    """Without a date, the evaluation is as of today."""
    assert date.today() == evaluate_table(Clauses(), parse(SMALL_TABLE), None).as_of


def test_act_kinds_keep_the_table_label() -> None:
    """An act's text keeps the symbol it was read from."""
    [act] = parse(f"Participant,{CONSENT}\nAlbania,27 Jun 2001 a\n").acts

    assert "accession (a)" == act.text


# -- clauses files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["un-convention-20th-instrument.yaml", "cis-agreement-on-signature.yaml", "cis-charter.yaml"],
)
def test_example_clauses_files_load(name: str) -> None:
    """Every example in docs/examples is a valid clauses file."""
    clauses = load_clauses_file(ROOT / "docs" / "examples" / name)

    assert clauses.source


def test_example_files_say_what_the_docs_say() -> None:
    """The examples hold the rules docs/clauses.md describes."""
    examples = ROOT / "docs" / "examples"
    crc = load_clauses_file(examples / "un-convention-20th-instrument.yaml")
    charter = load_clauses_file(examples / "cis-charter.yaml")

    assert Threshold(20, Delay(days=30)) == crc.entry_into_force
    assert Delay(days=30) == crc.later_entry_into_force
    on_signature = load_clauses_file(examples / "cis-agreement-on-signature.yaml")

    assert (OnSignature(), SignatureEffect.ALL) == (
        on_signature.entry_into_force, on_signature.signature
    )
    assert AnyOf((AllSignatories(), OnDate(date(1994, 1, 22)))) == charter.entry_into_force
    assert Delay(months=12) == charter.withdrawal.delay


def test_clauses_key_wraps_the_mapping(tmp_path: Path) -> None:
    """A file may hold the clauses under a `clauses:` key."""
    path = tmp_path / "wrapped.yaml"
    path.write_text("clauses:\n  entry_into_force: {threshold: {count: 3}}\n", encoding="utf-8")

    assert Threshold(3) == load_clauses_file(path).entry_into_force


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("entry_into_force: {threshold: {count: 0}}\n",
         "entry_into_force.threshold.count: Input should be greater than 0"),
        ("clauses:\n  withdrawal: {month: 12}\n",
         "clauses.withdrawal.month: Extra inputs are not permitted"),
        ("clauses: {}\ntitle: x\n",
         "(top level): beside 'clauses' no other key is allowed; found ['title']"),
        ("- 1\n", "(top level): expected a mapping of clauses, found a list"),
        ("", "(top level): expected a mapping of clauses, found an empty file"),
    ],
)
def test_malformed_clauses_file_names_the_field(tmp_path: Path, text: str, problem: str) -> None:
    """A malformed clauses file raises FormatError with the path of the bad field."""
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(FormatError) as raised:
        load_clauses_file(path)

    assert problem in raised.value.problems
