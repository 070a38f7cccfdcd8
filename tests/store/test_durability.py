"""Crash safety and concurrent writers, with real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from multiprocessing import get_context
from pathlib import Path

import pytest
import yaml

from depositary.app.settings import Settings
from depositary.app.stored import StoredRegister
from depositary.bootstrap import open_register
from depositary.domain.acts import Act, ActKind
from depositary.formats.register_file import act_item
from depositary.log.entries import EntryKind
from depositary.store.database import Database, StoreError

BATCH = 100


def big_register(path: Path, participants: int) -> Path:
    """A register file of one open convention and one accession per participant."""
    codes = [f"P{n:04d}" for n in range(participants)]
    data = {
        "participants": [{"code": c, "names": [{"en": f"State {c}"}]} for c in codes],
        "instruments": [{
            "id": "/akn/test/act/convention/2000-01-01/big", "alias": "big",
            "kind": "convention", "titles": {"en": "Big Convention"}, "adopted": "2000-01-01",
            "clauses": {"entry_into_force": {"threshold": {"count": 10, "days": 30}}},
        }],
        "acts": [
            {"instrument": "big", "participant": c, "kind": "accession",
             "dated": f"{2000 + n // 300}-{1 + n % 12:02d}-{1 + n % 28:02d}"}
            for n, c in enumerate(codes)
        ],
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_killed_import_keeps_exactly_the_committed_batches(
    database_url: str, tmp_path: Path
) -> None:
    """SIGKILL in the middle of a batched import: verify passes and the log ends on a
    batch boundary, nothing partial."""
    source = big_register(tmp_path / "big.yaml", 2000)
    ledger = open_register(Settings(tmp_path, database_url), load_bundled=False)
    env = {**os.environ, "DEPOSITARY_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "depositary.cli", "load", str(source), "--batch-size", str(BATCH)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        head = ledger.database.head()
        if head is not None and head.seq >= 3 * BATCH:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    log = ledger.database.entries()
    loaded = [e for e in log if e.kind != EntryKind.NOTIFICATION]
    assert 0 < len(loaded) < 4001, "the import finished before it was killed"
    assert 0 == len(loaded) % BATCH
    assert sum(e.kind == EntryKind.ACT for e in log) == sum(
        e.kind == EntryKind.NOTIFICATION for e in log
    )
    assert ledger.verify().ok


def _register_accessions(url: str, home: str, codes: list[str]) -> None:
    ledger = StoredRegister(open_register(Settings(Path(home), url), load_bundled=False).database)
    for code in codes:
        day = date(2001, 1, 1)
        ledger.append([act_item(Act(f"{code}-acc", "big", code, ActKind.ACCESSION, day, day))],
                      f"clerk {codes[0]}")


@pytest.mark.postgres
def test_concurrent_writers_never_break_the_chain(postgres_url: str, tmp_path: Path) -> None:
    """Four processes registering acts at once on PostgreSQL: every act is in, once, and
    the chain holds."""
    source = big_register(tmp_path / "big.yaml", 40)
    text = source.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["acts"] = data["acts"][:10]  # the rest will come from the writers
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    ledger = open_register(Settings(tmp_path, postgres_url), load_bundled=False)
    ledger.load_file(source, "setup")
    before = ledger.database.head()
    assert before is not None
    writers = [[f"P{n:04d}" for n in range(start, 40, 4)] for start in range(10, 14)]
    context = get_context("spawn")
    processes = [
        context.Process(target=_register_accessions, args=(postgres_url, str(tmp_path), codes))
        for codes in writers
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [0, 0, 0, 0] == [p.exitcode for p in processes]
    log = ledger.database.entries()
    assert before.seq + 30 * 2 == len(log)  # each act and its notification
    assert len({(e.kind, e.key) for e in log}) == len(log)
    numbers = sorted(int(e.key.split(".")[0]) for e in log if e.kind == EntryKind.NOTIFICATION
                     and e.key.endswith(".2001"))
    assert list(range(1, 31)) == numbers  # no number skipped, none used twice
    assert ledger.verify().ok


def test_sqlite_waits_for_the_disk_at_each_commit_unless_the_url_says_normal(
    tmp_path: Path,
) -> None:
    def synchronous(url: str) -> int:
        database = Database(url)
        with database.engine.connect() as connection:
            return int(connection.exec_driver_sql("PRAGMA synchronous").scalar_one())

    path = tmp_path / "register.sqlite3"
    assert synchronous(f"sqlite:///{path}") == 2  # FULL
    assert synchronous(f"sqlite:///{path}?synchronous=normal") == 1
    assert synchronous(f"sqlite:///{path}?synchronous=FULL") == 2
    # The same register either way: a process keeps what it read of it under one name.
    assert Database(f"sqlite:///{path}?synchronous=normal").url == f"sqlite:///{path}"


def test_an_unknown_synchronous_setting_is_refused_before_any_file_is_made(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new" / "register.sqlite3"
    with pytest.raises(StoreError, match=r"synchronous='off'.*full.*normal"):
        Database(f"sqlite:///{path}?synchronous=off")
    assert not path.parent.exists()
