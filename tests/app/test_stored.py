"""The stored register on SQLite and PostgreSQL: the log, its chain, its projections."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from depositary.app import rebuilding
from depositary.app.bundled import load_commonwealth
from depositary.app.settings import Settings
from depositary.app.stored import Refusal, StoredRegister
from depositary.bootstrap import open_register
from depositary.domain.acts import Act, ActKind
from depositary.formats.register_file import act_item
from depositary.log.entries import EntryKind
from depositary.register import RegisterError
from depositary.store import database as database_module
from depositary.store.schema import entries


def statuses(ledger: StoredRegister, instrument: str, day: date) -> dict[str, str]:
    chart = ledger.register().evaluation(instrument).chart(day)
    return {row.participant: row.status.value for row in chart}


def tamper(ledger: StoredRegister, statement: str) -> None:
    """Change the database as an administrator would, with the triggers out of the way."""
    with ledger.database.engine.begin() as connection:
        if ledger.database.dialect == "postgresql":
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        else:
            connection.exec_driver_sql("DROP TRIGGER entries_append_only_update")
        connection.execute(text(statement))


def georgia_readmitted() -> Act:
    """An illustrative later act: Georgia accedes to the Charter again in 2030."""
    day = date(2030, 1, 15)
    return Act("geo-2030", "cis-charter", "GEO", ActKind.ACCESSION, day, day)


def test_first_use_loads_the_bundled_register(ledger: StoredRegister) -> None:
    """An empty database is given the bundled register; the stored register answers as the
    in-memory one does."""
    memory = load_commonwealth()
    day = date(2009, 8, 19)
    expected = {r.participant: r.status.value for r in memory.evaluation("cis-charter").chart(day)}
    assert expected == statuses(ledger, "cis-charter", day)
    assert len(memory.acts()) == sum(
        1 for e in ledger.database.entries() if e.kind == EntryKind.ACT
    )


def test_verify_passes_on_a_fresh_register(ledger: StoredRegister) -> None:
    """The chain holds and the projections equal a replay."""
    assert ledger.verify().ok


@pytest.mark.parametrize("statement", [
    "UPDATE entries SET author = 'someone else' WHERE seq = 3",
    "DELETE FROM entries WHERE seq = 3",
])
def test_the_database_refuses_to_change_the_log(ledger: StoredRegister, statement: str) -> None:
    """Triggers refuse UPDATE and DELETE on entries, whoever runs them."""
    with pytest.raises(DBAPIError, match="append-only"):
        ledger.database.execute_raw(statement)
    assert ledger.verify().ok


def test_verify_names_a_tampered_entry(ledger: StoredRegister) -> None:
    """An entry edited behind the triggers' back is found, by its number."""
    tamper(ledger, "UPDATE entries SET payload = replace(payload, '1993-07-20', '1993-07-21') "
                   "WHERE kind = 'act' AND payload LIKE '%1993-07-20%'")
    changed = next(e for e in ledger.database.entries() if "1993-07-21" in e.payload)
    found = ledger.verify()
    assert (changed.seq, "its content does not match its hash") == found.broken_entry


def test_verify_finds_a_tampered_projection(ledger: StoredRegister) -> None:
    """A projection edited in place no longer equals a replay; rebuild mends it."""
    with ledger.database.engine.begin() as connection:
        connection.execute(text(
            "UPDATE status_intervals SET status = 'party' WHERE participant = 'GEO' "
            "AND status = 'withdrawn'"
        ))
    assert "cis-charter" in (ledger.verify().projection_mismatch or "") or "belovezha" in (
        ledger.verify().projection_mismatch or ""
    )
    ledger.rebuild()
    assert ledger.verify().ok


def test_verify_finds_a_tampered_title_in_a_projection(ledger: StoredRegister) -> None:
    """The titles a participant's list shows are checked like its statuses."""
    with ledger.database.engine.begin() as connection:
        connection.execute(text(
            "UPDATE status_intervals SET titles = '{\"en\": \"Forged\"}' "
            "WHERE alias = 'cis-charter'"
        ))
    assert "cis-charter" in (ledger.verify().projection_mismatch or "")
    ledger.rebuild()
    assert ledger.verify().ok


def test_a_refused_act_writes_nothing(ledger: StoredRegister) -> None:
    """An act the engine refuses (the USSR acting in 1993) leaves the log as it was."""
    head = ledger.database.head()
    day = date(1993, 2, 1)
    bad = Act("sun-1993", "cis-charter", "SUN", ActKind.ACCESSION, day, day)
    with pytest.raises(Refusal, match="did not exist"):
        ledger.append([act_item(bad)], "clerk")
    assert head == ledger.database.head()


def test_a_refused_batch_leaves_a_register_handed_out_as_it_was(ledger: StoredRegister) -> None:
    """A reader's replay is not the appender's working copy: a batch refused after its
    participant was added cannot leave that participant in what a reader holds."""
    held = ledger.register()
    day = date(1993, 2, 1)
    batch = [
        ("participant", "MNG", {"code": "MNG", "names": [{"en": "Mongolia"}]}),
        act_item(Act("sun-1993", "cis-charter", "SUN", ActKind.ACCESSION, day, day)),
    ]
    with pytest.raises(Refusal, match="did not exist"):
        ledger.append(batch, "clerk")
    assert "MNG" not in held.participants
    assert "MNG" not in ledger.register().participants


def test_a_register_handed_out_is_a_snapshot(ledger: StoredRegister) -> None:
    """An append gives later readers the new register and leaves earlier ones theirs."""
    held = ledger.register()
    ledger.append([act_item(georgia_readmitted())], "clerk")
    day = date(2031, 1, 1)
    then = held.evaluation("cis-charter").status_on("GEO", day)
    now = ledger.register().evaluation("cis-charter").status_on("GEO", day)
    assert ("withdrawn", "party") == (
        then.status.value,  # type: ignore[union-attr]
        now.status.value,  # type: ignore[union-attr]
    )


def test_one_instrument_as_recorded_is_read_through_the_index(ledger: StoredRegister) -> None:
    """Bitemporal reading of one instrument replays only what the log held about it then,
    and gives what the whole past register gives; an instrument not yet registered then is
    unknown then."""
    before = ledger.database.head()
    assert before is not None
    ledger.append([act_item(georgia_readmitted())], "clerk")
    ledger.append([(EntryKind.INSTRUMENT, "/akn/test/act/treaty/2030-01-01/later", {
        "id": "/akn/test/act/treaty/2030-01-01/later", "alias": "later", "kind": "treaty",
        "titles": {"en": "A later treaty"}, "adopted": "2030-01-01", "clauses": {}})], "clerk")
    day = date(2031, 1, 1)
    assert ledger.database.recorded_by(before.recorded_at) == before.seq
    then = ledger.instrument_register("cis-charter", before.recorded_at)
    assert then.evaluation("cis-charter") == ledger.register(
        as_recorded=before.recorded_at).evaluation("cis-charter")
    assert "withdrawn" == then.evaluation("cis-charter").status_on(  # type: ignore[union-attr]
        "GEO", day).status.value
    assert "party" == ledger.instrument_register("cis-charter").evaluation(
        "cis-charter").status_on("GEO", day).status.value  # type: ignore[union-attr]
    assert len(then.instruments) < len(ledger.register().instruments)
    with pytest.raises(RegisterError, match="no instrument 'later'"):
        ledger.instrument_register("later", before.recorded_at).instrument("later")


def test_an_appended_act_updates_the_projections(ledger: StoredRegister) -> None:
    """A new act is in the log, the replay and the projections at once."""
    ledger.append([act_item(georgia_readmitted())], "clerk")
    assert "party" == statuses(ledger, "cis-charter", date(2031, 1, 1))["GEO"]
    assert ledger.verify().ok


def test_as_recorded_reads_the_register_as_it_stood(ledger: StoredRegister) -> None:
    """Bitemporal: on a legal date, as the register stood before an act was recorded."""
    before = ledger.database.head()
    assert before is not None
    ledger.append([act_item(georgia_readmitted())], "clerk")
    day = date(2031, 1, 1)
    then = ledger.register(as_recorded=before.recorded_at).evaluation("cis-charter")
    now = ledger.register().evaluation("cis-charter")
    assert ("withdrawn", "party") == (
        then.status_on("GEO", day).status.value,  # type: ignore[union-attr]
        now.status_on("GEO", day).status.value,  # type: ignore[union-attr]
    )


def test_a_correction_supersedes_an_act(ledger: StoredRegister) -> None:
    """A ratification recorded with the wrong receipt date is corrected by a new entry;
    the old entry stays in the log, the register reads the corrected act."""
    wrong = Act("kgz-x", "cis-charter", "KGZ", ActKind.DECLARATION, date(2030, 1, 1),
                date(2030, 1, 1), text="first wording")
    ledger.append([act_item(wrong)], "clerk")
    _, _, right = act_item(
        Act("kgz-x2", "cis-charter", "KGZ", ActKind.DECLARATION, date(2030, 1, 1),
            date(2030, 1, 2), text="corrected wording")
    )
    ledger.append([(EntryKind.CORRECTION, "kgz-x", {"supersedes": "kgz-x", "act": right})],
                  "clerk")
    register = ledger.register()
    texts = [a.text for a in register.acts("cis-charter") if a.participant == "KGZ"
             and a.kind is ActKind.DECLARATION]
    assert ["corrected wording"] == texts
    assert any(e.kind == EntryKind.ACT and e.key == "kgz-x" for e in ledger.database.entries())
    assert ledger.verify().ok


def test_export_and_restore_reproduce_every_entry(ledger: StoredRegister, tmp_path: Path) -> None:
    """An archive restored into an empty database gives the same entries, hashes and
    projections."""
    ledger.append([act_item(georgia_readmitted())], "clerk")
    archive = tmp_path / "register.jsonl"
    count = ledger.export(archive)
    header = json.loads(archive.read_text(encoding="utf-8").splitlines()[0])
    assert (count, ledger.database.head().hash) == (header["entries"], header["head"])  # type: ignore[union-attr]
    # Into SQLite from either engine: the archive does not depend on where it was made.
    other_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    restored = open_register(Settings(tmp_path, other_url), load_bundled=False)
    restored.restore(archive)
    assert ledger.database.entries() == restored.database.entries()
    assert ledger.database.stored_projections() == restored.database.stored_projections()


@pytest.mark.postgres
def test_restore_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    """The round trip from SQLite to PostgreSQL reproduces every entry and projection."""
    source = open_register(Settings(tmp_path, f"sqlite:///{tmp_path / 'a.sqlite3'}"))
    archive = tmp_path / "register.jsonl"
    source.export(archive)
    target = open_register(Settings(tmp_path, postgres_url), load_bundled=False)
    target.restore(archive)
    assert source.database.entries() == target.database.entries()
    assert source.database.stored_projections() == target.database.stored_projections()
    assert target.verify().ok


def test_restore_refuses_a_database_that_is_not_empty(ledger: StoredRegister,
                                                     tmp_path: Path) -> None:
    """Restoring on top of a register would fork it: refused."""
    archive = tmp_path / "register.jsonl"
    ledger.export(archive)
    with pytest.raises(Refusal, match="restore into an empty one"):
        ledger.restore(archive)


def test_restore_refuses_a_broken_archive(ledger: StoredRegister, tmp_path: Path) -> None:
    """An archive whose chain does not hold is refused, naming the entry."""
    archive = tmp_path / "register.jsonl"
    ledger.export(archive)
    lines = archive.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("Armenia", "Armenia!")
    archive.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty = open_register(Settings(tmp_path, f"sqlite:///{tmp_path / 'b.sqlite3'}"),
                        load_bundled=False)
    with pytest.raises(Refusal, match="entry 5 is broken"):
        empty.restore(archive)
    assert empty.database.head() is None


def test_entries_table_matches_the_schema(ledger: StoredRegister) -> None:
    """Every entry links to the one before it (the chain is stored, not recomputed)."""
    log = ledger.database.entries()
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(log))
    assert [c.name for c in entries.columns] == [
        "seq", "kind", "key", "recorded_at", "author", "payload", "prev_hash", "hash"
    ]


@pytest.mark.parametrize("code", ["GEO", "RUS", "UKR", "SUN"])
def test_participant_view_from_projections_equals_the_replay(ledger: StoredRegister,
                                                            code: str) -> None:
    """What is in force for a participant, read from the projections, is what the engine
    says on a full replay."""
    from depositary.locale.reasons import reason_in
    from depositary.register.queries import Holding, in_force_for

    def said(h: Holding) -> tuple[object, ...]:  # the reasons as a reader reads them
        return (h.instrument.alias, h.status, h.since,
                *(tuple(reason_in(r, language) for r in h.reasons) for language in ("en", "ru")))

    for day in (date(1991, 12, 22), date(1994, 6, 30), date(2009, 8, 19), date(2020, 1, 1)):
        fast = ledger.participant_view(code, day)
        full = in_force_for(ledger.register(), code, day)
        assert [said(h) for h in full.in_force] == [said(h) for h in fast.in_force]
        assert [(h.instrument.alias, h.status) for h in full.other] == [
            (h.instrument.alias, h.status) for h in fast.other
        ]
        assert full.events == fast.events


def test_one_instrument_read_through_the_index(ledger: StoredRegister) -> None:
    """Reading one instrument replays only its entries and gives the full replay's chart."""
    day = date(2009, 8, 19)
    part = ledger.instrument_register("cis-charter").evaluation("cis-charter").chart(day)
    full = ledger.register().evaluation("cis-charter").chart(day)
    assert full == part
    assert len(ledger.instrument_register("cis-charter").instruments) == 1


def test_rebuild_restores_the_index(ledger: StoredRegister) -> None:
    """The index of entries by instrument is derived: rebuild makes it again, the same."""
    before = ledger.database.entries_about(["/akn/cis/act/charter/1993-01-22/"
                                            "commonwealth-of-independent-states"])
    ledger.rebuild()
    after = ledger.database.entries_about(["/akn/cis/act/charter/1993-01-22/"
                                           "commonwealth-of-independent-states"])
    assert before == after and len(after) > 10


def test_every_act_has_its_stored_notification(ledger: StoredRegister) -> None:
    """Notifications are entries: one per act, numbered as the engine numbers them, with
    texts in Russian and English."""
    log = ledger.database.entries()
    stored = {e.data()["act"]: e for e in log if e.kind == EntryKind.NOTIFICATION}
    acts = [e.key for e in log if e.kind == EntryKind.ACT]
    assert sorted(acts) == sorted(stored)
    memory = {n.act: n.number for n in load_commonwealth().notifications}
    assert memory == {act: e.key for act, e in stored.items()}
    texts = stored[acts[0]].data()["texts"]
    assert texts["en"].startswith("Depositary notification")
    assert texts["ru"].startswith("Уведомление депозитария")


def test_a_new_act_takes_the_next_number_of_its_year(ledger: StoredRegister) -> None:
    """The next notification of a year follows the last, never skipping or reusing one."""
    first = act_item(georgia_readmitted())
    _, notification = ledger.append([first], "clerk")
    assert ("1.2030", "notification") == (notification.key, notification.kind)
    day = date(2030, 3, 1)
    second = Act("geo-2030-b", "cis-charter", "GEO", ActKind.DECLARATION, day, day, text="x")
    _, again = ledger.append([act_item(second)], "clerk")
    assert "2.2030" == again.key


def test_restore_refuses_an_archive_cut_short(ledger: StoredRegister, tmp_path: Path) -> None:
    """An archive missing its last entries no longer ends on the head its header names."""
    archive = tmp_path / "register.jsonl"
    ledger.export(archive)
    lines = archive.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0]) | {"entries": len(lines) - 11}
    archive.write_text("\n".join([json.dumps(header), *lines[1:-10]]) + "\n", encoding="utf-8")
    empty = open_register(Settings(tmp_path, f"sqlite:///{tmp_path / 'c.sqlite3'}"),
                        load_bundled=False)
    with pytest.raises(Refusal, match="cut short"):
        empty.restore(archive)


def test_an_act_received_before_later_ones_is_examined_in_order(ledger: StoredRegister) -> None:
    """A notice received earlier than one already registered may not make that one
    inadmissible: the log must always replay in receipt order (verify, restore)."""
    day = date(2030, 1, 15)
    ledger.append([act_item(georgia_readmitted())], "clerk")
    later = Act("geo-w2", "cis-charter", "GEO", ActKind.WITHDRAWAL, date(2032, 3, 1),
                date(2032, 3, 1))
    ledger.append([act_item(later)], "clerk")
    earlier = Act("geo-w1", "cis-charter", "GEO", ActKind.WITHDRAWAL, date(2031, 3, 1),
                  date(2031, 3, 1))
    with pytest.raises(Refusal, match="geo-w2"):
        ledger.append([act_item(earlier)], "clerk")
    assert day < date(2031, 3, 1) and ledger.verify().ok


@pytest.mark.parametrize(("statement", "found"), [
    ("INSERT INTO status_intervals SELECT * FROM status_intervals WHERE participant = 'GEO'",
     "differs from a fresh replay"),
    ("DELETE FROM entry_subjects WHERE seq IN (SELECT seq FROM entry_subjects LIMIT 2)",
     "index of entries"),
])
def test_verify_checks_every_derived_table(ledger: StoredRegister, statement: str,
                                          found: str) -> None:
    """A duplicated status row or a lost index row is found; rebuild mends both."""
    ledger.database.execute_raw(statement)
    assert found in (ledger.verify().projection_mismatch or "")
    ledger.rebuild()
    assert ledger.verify().ok


def test_status_chart_from_projections_equals_the_replay(ledger: StoredRegister) -> None:
    """Every instrument's status chart on key dates, read from the projections alone, is
    the chart a replay gives: statuses, cells, reasons, reservations and counts."""
    from depositary.register.queries import status_chart
    from depositary.shapes.charts import status_public

    register = ledger.register()
    days = [date(1991, 12, 22), date(1992, 6, 1), date(1994, 6, 30), date(2009, 8, 19),
            date(2020, 1, 1)]
    for instrument in register.instruments.values():
        for day in days:
            for language in ("en", "ru"):
                expected = status_public(status_chart(register, instrument.alias, day, language))
                actual = status_public(ledger.status_chart(instrument.alias, day, language))
                assert expected == actual, (instrument.alias, day)


def test_rebuild_instrument_by_instrument_gives_what_the_appends_wrote(
    ledger: StoredRegister, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild replays each instrument by itself (with the instruments its clauses
    read: the Commonwealth's amendments read the Charter's parties; the Russian Federation
    continues the USSR's record), page by page: it must write exactly the projections and
    the index that the whole-log appends wrote, a correction included. Small pages and
    groups, so that their edges fall everywhere."""
    monkeypatch.setattr(rebuilding, "PAGE", 7)
    monkeypatch.setattr(rebuilding, "GROUP", 3)
    monkeypatch.setattr(database_module, "_CHUNK", 2)  # statements split into many
    _, _, right = act_item(
        Act("kgz-x2", "cis-charter", "KGZ", ActKind.DECLARATION, date(2030, 1, 1),
            date(2030, 1, 2), text="corrected wording")
    )
    ledger.append([act_item(Act("kgz-x", "cis-charter", "KGZ", ActKind.DECLARATION,
                                date(2030, 1, 1), date(2030, 1, 1)))], "clerk")
    ledger.append([(EntryKind.CORRECTION, "kgz-x", {"supersedes": "kgz-x", "act": right})],
                  "clerk")
    ledger.append([act_item(georgia_readmitted())], "clerk")
    # A declaration recorded on the wrong instrument, corrected onto the right one (the
    # same id): both instruments change.
    ledger.append([act_item(Act("arm-d", "cis-charter", "ARM", ActKind.DECLARATION,
                                date(2030, 2, 1), date(2030, 2, 1)))], "clerk")
    _, _, moved = act_item(Act("arm-d", "councils-agreement-1991", "ARM", ActKind.DECLARATION,
                               date(2030, 2, 1), date(2030, 2, 1)))
    ledger.append([(EntryKind.CORRECTION, "arm-d", {"supersedes": "arm-d", "act": moved})],
                  "clerk")
    assert [] == [a for a in ledger.register().acts("cis-charter") if a.id == "arm-d"]
    # One instrument read through the index gives what the whole register gives, on both
    # sides of the move, now and as recorded before it.
    before_move = ledger.database.entries()[-3]  # the act's notification, before the fix
    for key in ("cis-charter", "councils-agreement-1991"):
        assert ledger.register().evaluation(key) == ledger.instrument_register(
            key).evaluation(key)
        assert ledger.register(before_move.recorded_at).evaluation(key) == (
            ledger.instrument_register(key, before_move.recorded_at).evaluation(key))
    database = ledger.database

    def derived() -> tuple[object, ...]:
        return (database.stored_projections(), database.stored_participations(),
                database.stored_index())

    before = derived()
    tamper(ledger, "DELETE FROM status_intervals WHERE participant = 'RUS'")
    assert derived() != before
    done: list[tuple[int, int]] = []
    count = ledger.rebuild(lambda n, total: done.append((n, total)))
    assert derived() == before
    assert count == len(ledger.register().instruments) == done[-1][0] == done[-1][1]
    assert ledger.verify().ok
    # A new participant redoes every instrument's projections, two instruments a DELETE.
    ledger.append([(EntryKind.PARTICIPANT, "XYZ", {"code": "XYZ", "kind": "state",
                                                   "names": [{"en": "Testland"}]})], "test")
    assert derived()[0] == before[0]
    assert ledger.verify().ok


def test_an_append_rewrites_only_the_rows_it_changes_and_verify_agrees(
    ledger: StoredRegister,
) -> None:
    """Issue 18, item 2: an act appended alone re-evaluates its author and writes its
    author's rows (and those of a state whose reservation it objects to), not the
    instrument's whole projection; the projections stay what a fresh replay gives. Acts
    one at a time on a treaty with reservations: consents, a reservation, an objection to
    it, a withdrawal, and the entry into force that changes everyone's rows."""
    key = "/akn/test/act/treaty/2030-01-01/reserved"
    ledger.append([(EntryKind.INSTRUMENT, key, {
        "id": key, "alias": "reserved", "kind": "treaty", "titles": {"en": "A treaty"},
        "adopted": "2030-01-01",
        "clauses": {"entry_into_force": {"threshold": {"count": 3, "days": 30}},
                    "withdrawal": {"months": 6}}})], "clerk")

    written: list[object] = []
    replace = ledger.database.replace_projections

    def recorded(connection: Any, instruments: Any, rows: Any, only: Any = None) -> None:
        written.append((only or {}).get(key, "whole"))
        replace(connection, instruments, rows, only)

    ledger.database.replace_projections = recorded  # type: ignore[method-assign]

    def deposit(code: str, kind: ActKind, day: str, **more: Any) -> object:
        act = Act(f"reserved/{code}/{kind.value}", "reserved", code, kind,
                  date.fromisoformat(day), date.fromisoformat(day), **more)
        ledger.append([act_item(act)], "clerk")
        # verify replays the log in a register of its own: the one appends extend is kept.
        assert ledger.verify().projection_mismatch is None, act.id
        return written[-1]

    deposit("KAZ", ActKind.RATIFICATION, "2030-02-01")
    assert {"ARM"} == deposit("ARM", ActKind.RATIFICATION, "2030-02-02")
    assert {"ARM"} == deposit("ARM", ActKind.RESERVATION, "2030-02-02",
                              text="A reservation (test).")
    # The third consent: in force for all, every row written again.
    assert {"ARM", "BLR", "KAZ"} == deposit("BLR", ActKind.RATIFICATION, "2030-03-01")
    assert {"KGZ"} == deposit("KGZ", ActKind.RATIFICATION, "2030-06-01")
    # An objection changes the record of the reservation it objects to.
    assert {"ARM", "KAZ"} == deposit("KAZ", ActKind.OBJECTION, "2030-06-02",
                                     refers_to="reserved/ARM/reservation")
    assert {"KGZ"} == deposit("KGZ", ActKind.WITHDRAWAL, "2031-01-01")
    assert {"MDA"} == deposit("MDA", ActKind.RATIFICATION, "2031-02-01")
