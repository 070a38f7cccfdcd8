"""A database made by an earlier release is brought up to date in place: its derived
columns filled from what it holds, or, where only the engine can fill them, rebuilt from
the log when the register is opened, so that verify passes."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, text

from depositary.app.stored import StoredRegister
from depositary.domain.acts import Act, ActKind
from depositary.formats.register_file import act_item
from depositary.locale.reasons import reason_in
from depositary.log.entries import EntryKind


def test_an_earlier_schema_is_upgraded_and_its_projections_filled(ledger: StoredRegister) -> None:
    """An upgrade from 0003 gives the same answers, and verify passes."""
    before = ledger.participant_view("UKR", date(1995, 1, 1))
    ledger.database.downgrade("0003")
    columns = {c["name"] for c in inspect(ledger.database.engine).get_columns("status_intervals")}
    assert "alias" not in columns

    # 0008's evidence of each status needs the engine: opening the register (open_register
    # upgrades) rebuilds the projections after migrating past it.
    ledger.upgrade()

    report = ledger.verify()
    assert report.ok, report
    assert before == ledger.participant_view("UKR", date(1995, 1, 1))


def test_downgrading_and_upgrading_keeps_every_entry(ledger: StoredRegister) -> None:
    entries = ledger.database.entries()
    ledger.database.downgrade("0001")
    ledger.database.migrate()
    assert entries == ledger.database.entries()
    # 0003's table and 0008's evidence need the engine to fill them: verify says so, and
    # rebuild does it.
    report = ledger.verify()
    assert "differs from a fresh replay" in str(report.projection_mismatch)
    assert "run rebuild" in str(report.projection_mismatch)
    ledger.rebuild()
    assert ledger.verify().ok


def test_a_correction_logged_before_0007_is_indexed_by_the_upgrade(ledger: StoredRegister) -> None:
    """0007 indexes corrections under their kind: a register that logged one before it is
    upgraded in place, and verify agrees with the index."""
    _, _, right = act_item(Act("kgz-x", "cis-charter", "KGZ", ActKind.DECLARATION,
                               date(2030, 1, 1), date(2030, 1, 2), text="corrected"))
    ledger.append([act_item(Act("kgz-x", "cis-charter", "KGZ", ActKind.DECLARATION,
                                date(2030, 1, 1), date(2030, 1, 1)))], "clerk")
    ledger.append([(EntryKind.CORRECTION, "kgz-x", {"supersedes": "kgz-x", "act": right})],
                  "clerk")
    ledger.database.downgrade("0006")
    assert [] == ledger.database.entries_about(["correction"])
    ledger.upgrade()
    assert ["correction"] == [e.kind for e in ledger.database.entries_about(["correction"])]
    assert ledger.verify().ok


def test_opening_an_up_to_date_register_rebuilds_nothing(ledger: StoredRegister) -> None:
    """The rebuild after 0008 happens once, when the migration is applied: an up-to-date
    register opens without one (a rebuild writes the projections anew, the log stays)."""
    ledger.database.execute_raw("DELETE FROM instrument_status")
    ledger.upgrade()
    assert "differs from a fresh replay" in str(ledger.verify().projection_mismatch)


def test_a_register_from_before_0011_has_its_reasons_said_in_every_language(
        ledger: StoredRegister) -> None:
    """0011 keeps the reasons as phrases: rows written before hold English sentences, which
    no other language can say; the upgrade rebuilds them, and the Merkle tree (0009) is
    grown again with the same root, so appending and checkpoints work at once."""
    size = ledger.size()
    root = ledger.root(size)
    ledger.database.downgrade("0010")
    ledger.database.execute_raw("UPDATE status_intervals SET reasons = '[\"in English\"]'")
    ledger.database.execute_raw("DELETE FROM merkle_nodes")
    ledger.upgrade()
    report = ledger.verify()
    assert report.ok, report
    assert root == ledger.root(size)
    georgia = ledger.participant_view("GEO", date(2000, 1, 1), "ru")
    charter = next(h for h in georgia.in_force if h.instrument.alias == "cis-charter")
    assert "получено 1994-04-19: документ о присоединении [ВКПМД 16]" == reason_in(
        charter.reasons[0], "ru")
    ledger.append([act_item(Act("kgz-y", "cis-charter", "KGZ", ActKind.DECLARATION,
                                date(2030, 1, 1), date(2030, 1, 1)))], "clerk")
    latest = ledger.latest_checkpoint()
    assert latest is not None and latest.tree_size == ledger.size() > size
    assert ledger.verify().tree_mismatch is None


def test_a_register_from_the_first_schema_with_a_correction_is_indexed_once(
        ledger: StoredRegister) -> None:
    """The migrations fill no derived table with today's code (0002 once did, and 0007
    then indexed a correction a second time): from revision 0001 the upgrade rebuilds, and
    the index holds each subject of each entry once."""
    ledger.append([act_item(Act("kgz-z", "cis-charter", "KGZ", ActKind.DECLARATION,
                                date(2030, 1, 1), date(2030, 1, 1)))], "clerk")
    _, _, right = act_item(Act("kgz-z", "cis-charter", "KGZ", ActKind.DECLARATION,
                               date(2030, 1, 1), date(2030, 1, 2), text="corrected"))
    ledger.append([(EntryKind.CORRECTION, "kgz-z", {"supersedes": "kgz-z", "act": right})],
                  "clerk")
    ledger.database.downgrade("0001")
    ledger.database.migrate()  # the migrations alone, without the rebuild `upgrade` adds
    with ledger.database.engine.connect() as connection:
        repeated = connection.execute(text(
            "SELECT seq, subject FROM entry_subjects GROUP BY seq, subject "
            "HAVING count(*) > 1")).all()
    assert [] == repeated
    assert "run rebuild" in str(ledger.verify().projection_mismatch)
    ledger.rebuild()
    assert ["correction"] == [e.kind for e in ledger.database.entries_about(["correction"])]
    assert ledger.verify().ok


def test_the_schema_head_named_in_the_code_is_alembic_s(ledger: StoredRegister) -> None:
    """A database at SCHEMA_HEAD is not handed to Alembic: that must be the newest
    migration, or a register would never get a migration added after it."""
    from importlib.resources import files

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from depositary.store.database import SCHEMA_HEAD

    config = Config()
    config.set_main_option("script_location", str(files("depositary.store") / "migrations"))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_HEAD]
    assert ledger.database.revision() == SCHEMA_HEAD
