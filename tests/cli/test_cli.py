"""The CLI's mechanics on a small register: output shapes for scripts, errors for people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from depositary.cli import app

SAMPLE = Path(__file__).parent / "fixtures" / "sample.yaml"
runner = CliRunner()


def run(*args: str) -> Any:
    result = runner.invoke(app, ["--register", str(SAMPLE), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_instruments_json_lists_id_alias_title_kind_adopted() -> None:
    """`instruments --format json` gives the documented keys for every instrument."""
    found = run("instruments", "--format", "json")
    assert ["sample-convention", "sample-protocol"] == sorted(i["alias"] for i in found)
    assert {"id", "alias", "title", "kind", "adopted"} <= set(found[0])


def test_status_json_gives_each_participant_with_reasons() -> None:
    """`status --as-of` reports statuses, entry into force per participant and reasons."""
    chart = run("status", "sample-convention", "--as-of", "2001-06-01", "--format", "json")
    assert "2000-03-31" == chart["entry_into_force"]
    rows = {row["participant"]: row for row in chart["participants"]}
    assert {"FRA": "party", "DEU": "party", "ITA": "party"} == {
        code: row["status"] for code, row in rows.items()
    }
    assert "2001-03-31" == rows["ITA"]["in_force_from"]
    assert rows["FRA"]["reasons"], "every status carries its reasons"


def test_status_on_a_date_before_entry_into_force() -> None:
    """Before entry into force, consenting states are contracting, with no date yet."""
    chart = run("status", "sample-convention", "--as-of", "2000-02-10", "--format", "json")
    rows = {row["participant"]: row["status"] for row in chart["participants"]}
    assert {"FRA": "contracting"} == rows
    assert 1 == chart["counts"]["still_needed"]


def test_withdrawal_takes_effect_after_twelve_months() -> None:
    """A withdrawal notice received 2002-01-01 takes effect 2003-01-01 (VCLT 56(2))."""
    during = run("status", "sample-convention", "--as-of", "2002-12-31", "--format", "json")
    after = run("status", "sample-convention", "--as-of", "2003-01-01", "--format", "json")
    status = {r["participant"]: r["status"] for r in during["participants"]}
    assert "withdrawing" == status["DEU"]
    status = {r["participant"]: r["status"] for r in after["participants"]}
    assert "withdrawn" == status["DEU"]


def test_participant_json_lists_what_is_in_force() -> None:
    """`participant CODE` lists instruments in force with the date they bound it."""
    view = run("participant", "ITA", "--as-of", "2002-01-01", "--format", "json")
    assert "ITA" == view["participant"]
    assert [("sample-protocol", "2000-01-10"), ("sample-convention", "2001-03-31")] == sorted(
        ((h["instrument"], h["since"]) for h in view["in_force"]), key=lambda x: x[1]
    )


def test_changes_between_two_dates() -> None:
    """`changes` lists every change of status in the window, in date order."""
    found = run("changes", "--from", "2002-12-31", "--to", "2003-12-31", "--format", "json")
    assert [("2003-01-01", "DEU", "withdrawing", "withdrawn")] == [
        (c["date"], c["participant"], c["from"], c["to"]) for c in found
    ]


def test_csv_output_has_a_header_and_a_row_per_participant() -> None:
    """`--format csv` writes a header and one line per participant."""
    result = runner.invoke(
        app, ["--register", str(SAMPLE), "status", "sample-convention", "--format", "csv"]
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("participant,name,status")
    assert 4 == len(lines)


def test_unknown_instrument_is_a_clear_error() -> None:
    """An unknown alias exits 2 with a message naming it, and no traceback."""
    result = runner.invoke(app, ["--register", str(SAMPLE), "status", "no-such-treaty"])
    assert 2 == result.exit_code
    assert "no instrument 'no-such-treaty'" in result.output
    assert "Traceback" not in result.output


def test_malformed_date_is_a_clear_error() -> None:
    """A date that is not ISO 8601 is refused with the expected form."""
    result = runner.invoke(
        app, ["--register", str(SAMPLE), "status", "sample-convention", "--as-of", "1/2/2000"]
    )
    assert 2 == result.exit_code
    assert "YYYY-MM-DD" in result.output


def test_malformed_register_file_names_the_field(tmp_path: Path) -> None:
    """A register file with a bad field is refused with the field's path."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE.read_text().replace("count: 2", "count: -2"), encoding="utf-8")
    result = runner.invoke(app, ["--register", str(bad), "instruments"])
    assert 2 == result.exit_code
    assert "threshold.count" in result.output


def test_human_output_is_a_table() -> None:
    """The default output is a table a person reads, with the UN's column names."""
    result = runner.invoke(
        app, ["--register", str(SAMPLE), "status", "sample-convention", "--as-of", "2001-06-01"]
    )
    assert 0 == result.exit_code
    assert "Entry into force" in result.stdout
    assert "Italy (ITA)" in result.stdout


def test_notifications_list_every_act_with_its_number() -> None:
    """`notifications` gives one numbered notification per act, with its consequences."""
    found = run("notifications", "--instrument", "sample-convention", "--format", "json")
    assert ["1.2000", "4.2000", "5.2000", "1.2001", "1.2002"] == [n["number"] for n in found]
    assert ["DEU withdrawing from 2002-01-01", "DEU withdrawn from 2003-01-01"] == found[-1][
        "consequences"
    ]


def test_csv_cells_hold_no_python_reprs() -> None:
    """Mappings (titles by language) go into CSV as JSON, lists joined with "; "."""
    result = runner.invoke(app, ["--register", str(SAMPLE), "overview", "--format", "csv"])
    assert '{""en"": ""Sample Convention""' in result.stdout
    assert "{'en'" not in result.stdout


def test_dates_reversed_are_refused() -> None:
    """`changes --from` after `--to` is an error, not an empty answer."""
    result = runner.invoke(
        app, ["--register", str(SAMPLE), "changes", "--from", "2003-01-01", "--to", "2002-01-01"]
    )
    assert 2 == result.exit_code
    assert "comes after" in result.output


@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        ({}, ["export", "/nonexistent-dir/x.jsonl"], "cannot read or write"),
        ({"DEPOSITARY_DATABASE_URL": "nonsense"}, ["instruments"], "not a database URL"),
        ({"DEPOSITARY_DATABASE_URL": "mysql://x/y"}, ["instruments"], "not supported"),
        ({}, ["keys", "register", "clerk", "not a key!", "--as", "x"], "needs the role"),
        ({"DEPOSITARY_PASSWORD_HASHING": "weak"}, ["instruments"],
         "DEPOSITARY_PASSWORD_HASHING: Input should be 'rfc-9106-low-memory'"),
        ({"DEPOSITARY_SECURE_COOKIES": "maybe"}, ["serve"], "DEPOSITARY_SECURE_COOKIES"),
    ],
)
def test_bad_input_to_the_stored_register_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], args: list[str],
    message: str,
) -> None:
    """Wrong paths, database URLs, keys and settings exit 2 with a message, never a
    traceback."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, args)
    assert (2, True) == (result.exit_code, message in result.output), result.output


def test_a_corrupted_database_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that is not a SQLite database is reported, not a traceback."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path))
    (tmp_path / "register.sqlite3").write_bytes(b"not a database" * 400)
    result = runner.invoke(app, ["instruments"])
    assert 2 == result.exit_code
    assert "cannot use the register's database" in result.output
