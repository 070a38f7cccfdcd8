"""Changes to a register's database as someone with access to it would make them, around
the program and its triggers (FINDINGS.md F2): for the tests that such changes are found."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from depositary.app.stored import StoredRegister
from depositary.log.entries import entry_hash


@contextmanager
def around_the_triggers(ledger: StoredRegister) -> Iterator[Connection]:
    """A transaction in which the log's append-only triggers do not fire."""
    with ledger.database.engine.begin() as connection:
        if ledger.database.dialect == "postgresql":
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        else:
            for trigger in ("update", "delete", "insert"):
                connection.exec_driver_sql(
                    f"DROP TRIGGER IF EXISTS entries_append_only_{trigger}")
        yield connection


def rewrite(ledger: StoredRegister, seq: int, old: str, new: str) -> None:
    """Rewrite an entry's payload and recompute the hash chain from it on, as F2(a) does:
    the chain holds again afterwards."""
    with around_the_triggers(ledger) as connection:
        connection.execute(text("UPDATE entries SET payload = replace(payload, :old, :new) "
                                "WHERE seq = :seq"), {"old": old, "new": new, "seq": seq})
        previous = connection.execute(text("SELECT hash FROM entries WHERE seq = :seq"),
                                      {"seq": seq - 1}).scalar()
        rows = connection.execute(text(
            "SELECT seq, kind, key, recorded_at, author, payload FROM entries "
            "WHERE seq >= :seq ORDER BY seq"), {"seq": seq}).all()
        for number, kind, key, at, author, payload in rows:
            digest = entry_hash(previous, number, kind, key, at, author, payload)
            connection.execute(text("UPDATE entries SET prev_hash = :p, hash = :h "
                                    "WHERE seq = :s"), {"p": previous, "h": digest, "s": number})
            previous = digest


def cut(ledger: StoredRegister, first: int) -> None:
    """Delete the entries from `first` on (F2(b)); the index and projections stay stale
    until a rebuild."""
    with around_the_triggers(ledger) as connection:
        connection.execute(text("DELETE FROM entry_subjects WHERE seq >= :s"), {"s": first})
        connection.execute(text("DELETE FROM entries WHERE seq >= :s"), {"s": first})
