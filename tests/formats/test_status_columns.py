"""The columns a status table may carry beyond the UN's (docs/clauses.md, "How a table is
read"): a participant's code, a succession's date of effect, withdrawals and denunciations
with their dates of effect, a re-accession, several dates in one cell; and the refusal of
a table whose cells cannot be read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from depositary.app.imports import plan_status_table
from depositary.app.table import evaluate_table
from depositary.cli import app
from depositary.domain.acts import ActKind
from depositary.domain.clauses import Clauses, Delay, Threshold, Withdrawal
from depositary.domain.participants import ParticipantKind
from depositary.domain.status import Status
from depositary.formats.status_columns import ErrorKind, effect_column
from depositary.formats.untc import StatusTable, UnreadableTable, parse_status_table
from depositary.register import Register

CONSENT = '"Ratification, Accession(a), Succession(d)"'
# Three months' notice, as the ICCPR's Optional Protocol (art. 12(1)).
CLAUSES = Clauses(
    entry_into_force=Threshold(2, Delay(days=30)), later_entry_into_force=Delay(days=30),
    withdrawal=Withdrawal(delay=Delay(months=3)),
)
CRC_CLAUSES = Path(__file__).parents[2] / "docs" / "examples" / "un-convention-20th-instrument.yaml"
runner = CliRunner()


def parse(text: str) -> StatusTable:
    return parse_status_table(text, "inline.csv", instrument="test-treaty")


def acts(table: StatusTable) -> list[tuple[str, ActKind, date, date | None]]:
    return [(a.participant, a.kind, a.received, a.effective) for a in table.acts]


def status_on(table: StatusTable, code: str, day: date) -> tuple[Status, date | None]:
    row = next(r for r in evaluate_table(CLAUSES, table, day).rows if r.code == code)
    return row.status, row.in_force_from


# -- a participant's code ---------------------------------------------------------------------


def test_the_code_column_wins_over_the_name() -> None:
    """A Code column gives the participant's identifier; the name is kept as written."""
    table = parse(f"Participant,Code,{CONSENT}\nGhana (Republic of),GHA,5 Feb 1990\n")

    assert [("GHA", ActKind.RATIFICATION, date(1990, 2, 5), None)] == acts(table)
    assert "Ghana (Republic of)" == table.participants["GHA"].name()
    assert [] == table.errors


def test_a_code_resolves_a_name_no_table_knows() -> None:
    """A name nobody resolves is read by its code; an empty name takes the code's own."""
    table = parse(f"Participant,Code,{CONSENT}\nFreedonia,XKX,5 Feb 1990\n,EU,6 Feb 1990\n")

    assert ["XKX", "EU"] == list(table.participants)
    assert ("European Union", ParticipantKind.ORGANISATION) == (
        table.participants["EU"].name(), table.participants["EU"].kind
    )
    assert 28 == len(table.participants["EU"].members_on(date(2015, 1, 1)))


def test_an_empty_code_falls_back_to_the_name() -> None:
    """Rows without a code are read by their names."""
    table = parse(f"Participant,Code,{CONSENT}\nGhana,,5 Feb 1990\n")

    assert ["GHA"] == list(table.participants)


def test_an_unknown_code_is_a_row_error() -> None:
    """A code that neither ISO 3166 nor a names table gives is reported against its cell."""
    table = parse(f"Participant,Code,{CONSENT}\nGhana,GHX,5 Feb 1990\n")

    [error] = table.errors
    assert (ErrorKind.PARTICIPANT, "Code", "GHX") == (error.kind, error.column, error.cell)
    assert "'GHX' is not a code of ISO 3166 alpha-3" in error.message
    assert () == table.acts


# -- a succession's date of effect ------------------------------------------------------------


@pytest.mark.parametrize("header", ["Succession effective", "Date of effect of succession",
                                    "date of effect of the Succession"])
def test_a_succession_takes_effect_on_its_stated_date(header: str) -> None:
    """The column gives the succession its date of effect, before its notification: the
    successor is a party from that date (rule 11), not from its deposit."""
    table = parse(
        f"Participant,{CONSENT},{header}\nGhana,5 Feb 1990,\nChile,6 Feb 1990,\n"
        "Croatia,12 Oct 1992 d,8 Oct 1991\n"
    )

    assert ("HRV", ActKind.SUCCESSION, date(1992, 10, 12), date(1991, 10, 8)) == acts(table)[2]
    assert (Status.PARTY, date(1991, 10, 8)) == status_on(table, "HRV", date(1992, 1, 1))
    assert "by column" in table.acts[2].provenance.note


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ghana,5 Feb 1990,8 Oct 1991",
         "1 date(s) of effect for 0 succession(s) in the row"),
        ('Croatia,12 Oct 1992 d,"8 Oct 1991; 9 Oct 1991"',
         "2 date(s) of effect for 1 succession(s) in the row"),
    ],
)
def test_dates_of_effect_without_their_acts_are_row_errors(row: str, message: str) -> None:
    """Each date of effect belongs to one act of its kind in the row, or it is an error."""
    table = parse(f"Participant,{CONSENT},Succession effective\n{row}\n")

    [error] = table.errors
    assert (ErrorKind.EFFECT, "Succession effective") == (error.kind, error.column)
    assert error.message.startswith(message)


def test_a_date_of_effect_takes_no_symbol() -> None:
    """A symbol in a date-of-effect column is not declared by its header."""
    table = parse(f"Participant,{CONSENT},Succession effective\nCroatia,12 Oct 1992 d,"
                  "8 Oct 1991 d\n")

    assert [(ErrorKind.SYMBOL, "symbol 'd' is not declared by the header")] == [
        (e.kind, e.message) for e in table.errors
    ]


# -- withdrawals, denunciations, re-accession ------------------------------------------------

WITHDRAWING = (
    f"Participant,{CONSENT},Denunciation,Denunciation effective\n"
    "Ghana,5 Feb 1990,,\n"
    "Chile,6 Feb 1990,,\n"
    "Jamaica,3 Oct 1975,23 Oct 1997,\n"
    "Peru,4 Oct 1980,1 Jun 2000,1 Jan 2001\n"
)


def test_a_denunciation_is_received_on_its_date_and_takes_effect_by_the_clause() -> None:
    """A notice in a Denunciation column takes effect after the clause's notice period
    (three months) when the table states no date of effect."""
    table = parse(WITHDRAWING)

    assert ("JAM", ActKind.DENUNCIATION, date(1997, 10, 23), None) == acts(table)[3]
    assert Status.WITHDRAWING == status_on(table, "JAM", date(1998, 1, 22))[0]
    assert Status.WITHDRAWN == status_on(table, "JAM", date(1998, 1, 23))[0]


def test_a_stated_date_of_effect_is_the_end() -> None:
    """A later date of effect named in the notice ends participation then (VCLT 56(2))."""
    table = parse(WITHDRAWING)

    assert ("PER", ActKind.DENUNCIATION, date(2000, 6, 1), date(2001, 1, 1)) == acts(table)[5]
    assert Status.WITHDRAWING == status_on(table, "PER", date(2000, 12, 31))[0]
    assert Status.WITHDRAWN == status_on(table, "PER", date(2001, 1, 1))[0]


def test_withdrawal_columns_read_each_notice() -> None:
    """A Withdrawal column and its dates of effect, paired in the order received."""
    table = parse(
        f"Participant,{CONSENT},Withdrawal,Withdrawal effective\n"
        'Ghana,"5 Feb 1990; 1 Mar 2005 a","1 Jan 2000; 1 Jan 2010","1 Jul 2000; 1 Jul 2010"\n'
    )

    assert [
        ("GHA", ActKind.RATIFICATION, date(1990, 2, 5), None),
        ("GHA", ActKind.ACCESSION, date(2005, 3, 1), None),
        ("GHA", ActKind.WITHDRAWAL, date(2000, 1, 1), date(2000, 7, 1)),
        ("GHA", ActKind.WITHDRAWAL, date(2010, 1, 1), date(2010, 7, 1)),
    ] == acts(table)


def test_a_re_accession_in_the_same_cell_is_a_new_consent() -> None:
    """Denounced, then acceded again: a party, withdrawn, then a party again."""
    table = parse(
        f"Participant,{CONSENT},Denunciation,Denunciation effective\n"
        "Ghana,5 Feb 1990,,\n"
        'Trinidad and Tobago,"14 Nov 1980 a; 26 Aug 1998 a",26 May 1998,26 Aug 1998\n'
    )

    assert Status.PARTY == status_on(table, "TTO", date(1998, 5, 25))[0]
    assert Status.WITHDRAWING == status_on(table, "TTO", date(1998, 8, 25))[0]
    # The denunciation took effect: bound again 30 days after the new accession.
    assert (Status.CONTRACTING, date(1998, 9, 25)) == status_on(table, "TTO", date(1998, 8, 26))
    assert (Status.PARTY, date(1998, 9, 25)) == status_on(table, "TTO", date(1999, 1, 1))


def test_a_re_accession_in_a_later_column() -> None:
    """A later column headed for the re-accession reads the same as the same cell."""
    table = parse(
        f"Participant,{CONSENT},Denunciation,Re-accession(a)\n"
        "Ghana,5 Feb 1990,,\nGuyana,10 May 1993 a,5 Jan 1999,5 Jan 1999\n"
    )

    assert [ActKind.ACCESSION, ActKind.DENUNCIATION, ActKind.ACCESSION] == [
        a.kind for a in table.acts if a.participant == "GUY"
    ]
    # The notice precedes the same-day accession (acts._DAY_ORDER): a re-accession, in
    # force for Guyana once the denunciation has taken effect.
    assert (Status.WITHDRAWING, date(1993, 6, 9)) == status_on(table, "GUY", date(1999, 3, 1))
    assert (Status.PARTY, date(1999, 2, 4)) == status_on(table, "GUY", date(1999, 4, 5))


# -- several dates in one cell ----------------------------------------------------------------


@pytest.mark.parametrize("cell", ['"6 Mar 1992; 3 Jan 1995 a"', '"6 Mar 1992\n3 Jan 1995 a"',
                                  '"6 Mar 1992 ;3 Jan 1995 a;"'])
def test_several_dates_in_a_cell_are_each_an_act(cell: str) -> None:
    """Dates separated by ';' or a new line, each with its own symbol, are separate acts,
    in the order written."""
    table = parse(f"Participant,{CONSENT}\nGermany,{cell}\n")

    assert [
        ("DEU", ActKind.RATIFICATION, date(1992, 3, 6), None),
        ("DEU", ActKind.ACCESSION, date(1995, 1, 3), None),
    ] == acts(table)
    assert [] == table.errors


def test_one_bad_date_among_several_is_reported() -> None:
    """A cell whose second date cannot be read is an error, its cell named."""
    table = parse(f'Participant,{CONSENT}\nGermany,"6 Mar 1992; 31 Feb 1995 a"\n')

    [error] = table.errors
    assert (ErrorKind.DATE, "6 Mar 1992; 31 Feb 1995 a") == (error.kind, error.cell)


@pytest.mark.parametrize(
    ("header", "kind"),
    [("Succession effective", ActKind.SUCCESSION), ("Withdrawal effective", ActKind.WITHDRAWAL),
     ("Date of effect of denunciation", ActKind.DENUNCIATION), ("Succession(d)", None),
     ("Withdrawal", None), ("Effective", None)],
)
def test_date_of_effect_headers(header: str, kind: ActKind | None) -> None:
    """Only the documented headers give dates of effect."""
    found = effect_column(header)

    assert kind == (found.kind if found else None)


# -- a table that cannot be read is refused ---------------------------------------------------

BAD = f"Participant,Signature,{CONSENT}\nGhana,26 Jan 1990,5 Feb 1990\nChile,26 Jan 1990,pending\n"


def test_evaluate_refuses_a_table_with_a_bad_date(tmp_path: Path) -> None:
    """`depositary evaluate` fails (exit 2) listing each bad cell (file, row, column, cell,
    rule), and writes no result rows."""
    table = tmp_path / "bad.csv"
    table.write_text(BAD, encoding="utf-8")

    result = runner.invoke(app, ["evaluate", "--clauses", str(CRC_CLAUSES), "--table",
                                 str(table), "--format", "csv"])

    assert 2 == result.exit_code
    assert "" == result.stdout
    assert (f"{table} row 3, column 'Ratification, Accession(a), Succession(d)', cell "
            "'pending': cannot read 'pending' as a date: '24 Jan 1983 a' [bad-date]"
            ) in result.stderr
    assert "nothing was evaluated" in result.stderr
    assert "Traceback" not in result.output


def test_evaluate_refuses_an_unknown_name_unless_a_names_file_gives_it(tmp_path: Path) -> None:
    """An unknown participant is an error too; a names file resolves it."""
    table = tmp_path / "t.csv"
    table.write_text(f"Participant,{CONSENT}\nGhana,5 Feb 1990\nFreedonia,6 Feb 1990\n",
                     encoding="utf-8")
    names = tmp_path / "names.yaml"
    names.write_text("participants:\n  - {code: XFR, names: [{en: Freedonia}]}\n",
                     encoding="utf-8")
    command = ["evaluate", "--clauses", str(CRC_CLAUSES), "--table", str(table),
               "--as-of", "2000-01-01", "--format", "csv"]

    refused = runner.invoke(app, command)
    resolved = runner.invoke(app, [*command, "--names", str(names)])

    assert 2 == refused.exit_code
    assert "'Freedonia'" in refused.stderr and "[unknown-participant]" in refused.stderr
    assert 0 == resolved.exit_code, resolved.output
    assert ["GHA", "XFR"] == [line.split(",")[0] for line in resolved.stdout.splitlines()[1:]]


def test_evaluate_reports_a_bad_names_file(tmp_path: Path) -> None:
    """A names file that breaks a rule is refused with its field's path (exit 2)."""
    table = tmp_path / "t.csv"
    table.write_text(f"Participant,{CONSENT}\nGhana,5 Feb 1990\n", encoding="utf-8")
    names = tmp_path / "names.yaml"
    names.write_text("participants:\n  - {code: CAN, kind: organisation}\n", encoding="utf-8")

    result = runner.invoke(app, ["evaluate", "--clauses", str(CRC_CLAUSES), "--table",
                                 str(table), "--names", str(names)])

    assert 2 == result.exit_code
    assert "participants.0: Value error, CAN is an ISO 3166 alpha-3 code" in result.stderr


def test_an_import_refuses_a_table_with_a_bad_date() -> None:
    """Importing a table read in part is refused as its evaluation is."""
    with pytest.raises(UnreadableTable) as raised:
        plan_status_table(parse(BAD), CLAUSES, Register())

    assert ["inline.csv row 3"] == [p.partition(",")[0] for p in raised.value.problems]


def test_rejected_acts_are_still_warnings(tmp_path: Path) -> None:
    """An act the register refuses (a second consent, VCLT 11) is listed on standard error
    and the rest is evaluated: the table was read, the register judged it."""
    table = tmp_path / "t.csv"
    table.write_text(f'Participant,{CONSENT}\nGhana,"5 Feb 1990; 7 Mar 1991 a"\n',
                     encoding="utf-8")

    result = runner.invoke(app, ["evaluate", "--clauses", str(CRC_CLAUSES), "--table",
                                 str(table), "--format", "csv"])

    assert 0 == result.exit_code
    assert "warning:" in result.stderr and "[rejected]" in result.stderr
    assert result.stdout.startswith("participant,")
