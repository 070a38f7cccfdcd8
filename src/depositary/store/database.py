"""The SQL store: the log and the projections on SQLite or PostgreSQL.

Appends are serialised: SQLite by ``BEGIN IMMEDIATE``, PostgreSQL by a transaction-scoped
advisory lock, so two writers can never fork the chain or reuse a sequence number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url

from depositary.domain.engine import Evaluation
from depositary.register import Register
from depositary.register.entries import Entry
from depositary.store.participations import rows_of
from depositary.store.schema import (
    entries,
    entry_subjects,
    instrument_index,
    instrument_status,
    participations,
    status_intervals,
)

_LOCK_KEY = 0x4445504F  # "DEPO": the advisory lock that serialises appends on PostgreSQL

ProjectionRow = tuple[str, str, str, date | None, date | None, date | None, str]


class StoreError(ValueError):
    """A database this program cannot use; the message says why."""


class Database:
    """One register database."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect not in {"sqlite", "postgresql"}:
            raise StoreError(
                f"{self.dialect!r} databases are not supported: use SQLite or PostgreSQL"
            )
        if self.dialect == "sqlite" and parsed.database:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url)
        if self.dialect == "sqlite":
            _immediate_transactions(self.engine)

    def migrate(self) -> bool:
        """Bring the schema to the latest migration; True if it was created just now."""
        created = not self.is_initialised()
        config = Config()
        config.set_main_option("script_location", str(files("depositary.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return created

    def is_initialised(self) -> bool:
        return inspect(self.engine).has_table("entries")

    # -- the log -------------------------------------------------------------------------

    def head(self) -> Entry | None:
        with self.engine.connect() as connection:
            return _last(connection)

    def entries(
        self, recorded_until: str | None = None, connection: Connection | None = None
    ) -> list[Entry]:
        """The log in order, up to a transaction time if given; on `connection` when the
        caller holds the write transaction."""
        query = select(entries).order_by(entries.c.seq)
        if recorded_until is not None:
            query = query.where(entries.c.recorded_at <= recorded_until)
        with nullcontext(connection) if connection is not None else self.engine.connect() as c:
            return [Entry(**row._mapping) for row in c.execute(query)]

    @contextmanager
    def appending(self) -> Iterator[tuple[Connection, Entry | None]]:
        """A write transaction holding the append lock, with the current head entry."""
        with (
            self.engine.connect().execution_options(depositary_write=True) as connection,
            connection.begin(),
        ):
            if self.dialect == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            yield connection, _last(connection)

    @staticmethod
    def insert(connection: Connection, new: Sequence[Entry], resolve: Resolver) -> None:
        """Insert entries, with what each is about (`resolve` turns an instrument's alias
        into its id) so that one instrument can be read without the rest of the log."""
        if not new:
            return
        connection.execute(entries.insert(), [_as_row(e) for e in new])
        Database.index(connection, new, resolve)

    @staticmethod
    def index(connection: Connection, log: Sequence[Entry], resolve: Resolver) -> None:
        """Index what entries are about (a derived table, like the projections)."""
        subjects = [
            {"seq": e.seq, "subject": subject}
            for e in log for subject in subjects_of(e.kind, e.key, e.data(), resolve)
        ]
        if subjects:
            connection.execute(entry_subjects.insert(), subjects)
        aliases = [index_row(e.key, e.data()) for e in log if e.kind == "instrument"]
        if aliases:
            connection.execute(instrument_index.insert(), aliases)

    @staticmethod
    def drop_index(connection: Connection) -> None:
        connection.execute(entry_subjects.delete())
        connection.execute(instrument_index.delete())

    def entries_about(
        self, subjects: Iterable[str], key: str | None = None,
        skip: Iterable[str] = (), keys: Iterable[str] | None = None,
    ) -> list[Entry]:
        """The entries about these subjects (with this key, if given; without the kinds in
        `skip`), in log order."""
        query = (
            select(entries)
            .join(entry_subjects, entry_subjects.c.seq == entries.c.seq)
            .where(entry_subjects.c.subject.in_(list(subjects)))
            .order_by(entries.c.seq)
        )
        if key is not None:
            query = query.where(entries.c.key == key)
        if skip:
            query = query.where(entries.c.kind.not_in(list(skip)))
        if keys is not None:
            query = query.where(entries.c.key.in_(list(keys)))
        with self.engine.connect() as connection:
            return [Entry(**row._mapping) for row in connection.execute(query)]

    def instrument_id(self, key: str) -> str | None:
        """An instrument's id from its id or alias, from the index."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(instrument_index.c.instrument).where(
                    (instrument_index.c.alias == key) | (instrument_index.c.instrument == key)
                    | (instrument_index.c.alias == key.lower())
                )
            ).first()
        return str(found[0]) if found is not None else None

    @staticmethod
    def notification_counts(connection: Connection) -> dict[str, int]:
        """How many notifications each year has had: the next number follows."""
        counts: dict[str, int] = {}
        rows = connection.execute(select(entries.c.key).where(entries.c.kind == "notification"))
        for (key,) in rows:
            year = str(key).rpartition(".")[2]
            counts[year] = counts.get(year, 0) + 1
        return counts

    def chart_rows(self, instrument: str, day: date) -> tuple[list[Any], list[Any], Any]:
        """An instrument's status rows on `day`, its participations, its general date."""
        c = status_intervals.c
        with self.engine.connect() as connection:
            statuses = list(connection.execute(select(status_intervals).where(
                c.instrument == instrument,
                (c.valid_from.is_(None)) | (c.valid_from <= day),
                (c.valid_to.is_(None)) | (c.valid_to > day),
            )))
            rows = list(connection.execute(
                select(participations).where(participations.c.instrument == instrument)
            ))
            general = connection.execute(
                select(instrument_status).where(instrument_status.c.instrument == instrument)
            ).first()
        return statuses, rows, general

    def intervals_on(self, participant: str, day: date) -> list[Any]:
        """A participant's status rows holding on `day`, from the projection, each with its
        instrument's alias, kind, titles and adoption from the index (one read)."""
        c = status_intervals.c
        i = instrument_index.c
        query = select(
            status_intervals, i.alias, i.kind, i.titles, i.adopted
        ).join(instrument_index, i.instrument == c.instrument).where(
            c.participant == participant,
            (c.valid_from.is_(None)) | (c.valid_from <= day),
            (c.valid_to.is_(None)) | (c.valid_to > day),
        )
        with self.engine.connect() as connection:
            return list(connection.execute(query))

    # -- projections ---------------------------------------------------------------------

    @staticmethod
    def replace_projections(
        connection: Connection, evaluations: Mapping[str, Evaluation], register: Register
    ) -> None:
        """Write the projections of these instruments, replacing what was there."""
        if not evaluations:
            return
        keys = list(evaluations)
        connection.execute(status_intervals.delete().where(status_intervals.c.instrument.in_(keys)))
        connection.execute(instrument_status.delete().where(instrument_status.c.instrument.in_(keys)))
        connection.execute(participations.delete().where(participations.c.instrument.in_(keys)))
        chart_rows = [
            {"instrument": key, **row}
            for key, e in evaluations.items()
            for row in rows_of(e, register.instruments[key], register.acts(key))
        ]
        if chart_rows:
            connection.execute(participations.insert(), chart_rows)
        rows = [
            {
                "instrument": r[0], "participant": r[1], "status": r[2], "valid_from": r[3],
                "valid_to": r[4], "in_force_from": r[5], "reasons": r[6],
            }
            for evaluation in evaluations.values()
            for r in projection_rows(evaluation)
        ]
        if rows:
            connection.execute(status_intervals.insert(), rows)
        connection.execute(instrument_status.insert(), [
            {
                "instrument": key,
                "entry_into_force": e.entry_into_force,
                "reason": str(e.entry_into_force_reason) if e.entry_into_force_reason else None,
            }
            for key, e in evaluations.items()
        ])

    @staticmethod
    def clear_projections(connection: Connection) -> None:
        connection.execute(status_intervals.delete())
        connection.execute(instrument_status.delete())
        connection.execute(participations.delete())

    def stored_projections(self) -> tuple[list[ProjectionRow], dict[str, date | None]]:
        """Every status row (sorted, duplicates kept) and every general date."""
        with self.engine.connect() as connection:
            rows = sorted(
                (r.instrument, r.participant, r.status, r.valid_from, r.valid_to,
                 r.in_force_from, r.reasons)
                for r in connection.execute(select(status_intervals))
            )
            general = {
                r.instrument: r.entry_into_force
                for r in connection.execute(select(instrument_status))
            }
        return rows, general

    def stored_participations(self) -> list[tuple[str, str, str]]:
        with self.engine.connect() as connection:
            return sorted(
                (r.instrument, r.participant, r.data)
                for r in connection.execute(select(participations))
            )

    def stored_index(self) -> tuple[list[tuple[int, str]], list[tuple[Any, ...]]]:
        """The read indexes as stored: (seq, subject) rows and instrument index rows."""
        with self.engine.connect() as connection:
            subjects = sorted(
                (r.seq, r.subject) for r in connection.execute(select(entry_subjects))
            )
            index = sorted(
                (r.alias, r.instrument, r.kind, r.titles, r.adopted)
                for r in connection.execute(select(instrument_index))
            )
        return subjects, index

    def execute_raw(self, sql: str, **params: Any) -> None:
        """Run SQL as an administrator would, bypassing the application (tests, repairs)."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql(sql, tuple(params.values()) if params else ())


Resolver = Callable[[str], str]


def index_row(instrument: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The index row of an instrument entry's payload."""
    adopted = data.get("adopted")
    return {
        "alias": data["alias"], "instrument": instrument, "kind": data["kind"],
        "titles": json.dumps(data["titles"], ensure_ascii=False, sort_keys=True),
        "adopted": date.fromisoformat(adopted) if adopted else None,
    }


def subjects_of(kind: str, key: str, data: Mapping[str, Any], resolve: Resolver) -> list[str]:
    """What an entry is about: its instrument for instruments, acts and corrections; its
    kind for register-wide entries."""
    if kind == "instrument":
        return [key]
    if kind == "act":
        return [resolve(str(data["instrument"]))]
    if kind == "correction":
        return [resolve(str(data["act"]["instrument"]))]
    if kind == "notification":
        return [str(data["instrument"]), kind]
    return [kind]


def projection_rows(evaluation: Evaluation) -> Iterable[ProjectionRow]:
    for participant, intervals in evaluation.intervals.items():
        for interval in intervals:
            yield (
                evaluation.instrument, participant, interval.status.value,
                interval.period.start, interval.period.end,
                evaluation.own_entry_into_force(interval),
                json.dumps([str(r) for r in interval.reasons], ensure_ascii=False),
            )


def _last(connection: Connection) -> Entry | None:
    row = connection.execute(select(entries).order_by(entries.c.seq.desc()).limit(1)).first()
    return Entry(**row._mapping) if row is not None else None


def _as_row(entry: Entry) -> dict[str, Any]:
    return {
        "seq": entry.seq, "kind": entry.kind, "key": entry.key,
        "recorded_at": entry.recorded_at, "author": entry.author, "payload": entry.payload,
        "prev_hash": entry.prev_hash, "hash": entry.hash,
    }


def _immediate_transactions(engine: Engine) -> None:
    """SQLite: an append takes the write lock when its transaction begins, not at its
    first write, so concurrent appends wait for each other instead of failing midway;
    reads begin deferred and, in WAL mode, never wait for a writer."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below rule
        dbapi_connection.execute("PRAGMA busy_timeout = 30000")
        # Readers go on while a writer appends (and see only committed batches).
        dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get("depositary_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
