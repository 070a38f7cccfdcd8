"""Imports of real data through the ledger (skipped loudly without the real data)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from depositary.app.imports import plan_ieadb, plan_status_table
from depositary.app.stored import StoredRegister
from depositary.formats import ieadb
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.untc import read_status_table

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.realdata


def test_a_un_status_table_imports_and_answers(ledger: StoredRegister, real_data: Path) -> None:
    """The CRC's table with its clauses: stored, and in force on 2 September 1990."""
    table = read_status_table(real_data / "untc-zmjones" / "treaties" / "4-11.csv")
    clauses = load_clauses_file(ROOT / "docs" / "examples" / "un-convention-20th-instrument.yaml")
    plan = plan_status_table(table, clauses, ledger.register(), title="CRC",
                             adopted=date(1989, 11, 20))
    ledger.append(plan.items, "import")
    evaluation = ledger.register().evaluation(table.instrument)
    assert (date(1990, 9, 2), []) == (evaluation.entry_into_force, plan.refused)
    assert ledger.verify().ok


def test_ieadb_agreements_import_with_their_refusals_listed(
    empty_ledger: StoredRegister, ieadb_reading: ieadb.Reading,
) -> None:
    """A slice of the IEADB goes in through the ledger; acts the engine refuses are listed,
    not written, and the log verifies."""
    keep = sorted(ieadb_reading.agreements, key=int)[:60]
    reading = replace(ieadb_reading, agreements={k: ieadb_reading.agreements[k] for k in keep})
    plan = plan_ieadb(reading, empty_ledger.register())
    written = empty_ledger.append_in_batches(plan.items, "import", 500)
    register = empty_ledger.register()
    acts = sum(1 for kind, _, _ in plan.items if kind == "act")
    assert (len(plan.items) + acts, 60) == (written, plan.instruments)  # with notifications
    assert len(register.acts()) + len(plan.refused) == sum(
        len(reading.agreements[k].acts) for k in keep
    )
    assert empty_ledger.verify().ok
