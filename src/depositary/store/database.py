"""The SQL store: the log and the projections on SQLite or PostgreSQL.

Appends are serialised: SQLite by ``BEGIN IMMEDIATE``, PostgreSQL by a transaction-scoped
advisory lock, so two writers can never fork the chain or reuse a sequence number.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Select,
    Table,
    create_engine,
    event,
    inspect,
    or_,
    select,
    text,
)
from sqlalchemy.engine import make_url

from depositary.app.ports import ChartRows, Index, ProjectionRow, Projections, StoreError
from depositary.log import merkle
from depositary.log.checkpoints import Checkpoint
from depositary.log.entries import Entry
from depositary.store.accounts import Accounts
from depositary.store.schema import (
    checkpoints,
    entries,
    entry_subjects,
    instrument_index,
    instrument_status,
    markers,
    merkle_nodes,
    participations,
    status_intervals,
)

_SYNCHRONOUS = ("full", "normal")  # SQLite's durability settings a URL may choose
_CHUNK = 500  # instruments per DELETE: far below any engine's limit on parameters
_LOCK_KEY = 0x4445504F  # "DEPO": the advisory lock that serialises appends on PostgreSQL

_PROJECTION_COLUMNS = (
    "instrument", "participant", "status", "valid_from", "valid_to", "in_force_from",
    "reasons", "alias", "kind", "titles", "adopted", "evidence",
)


# The newest migration in migrations/versions (tests/store/test_migrations.py checks it is
# Alembic's head): a database already there is not handed to Alembic at each start.
SCHEMA_HEAD = "0011"
_HEAD_HASH = "SELECT hash FROM entries ORDER BY seq DESC LIMIT 1"


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
        synchronous = "full"
        if self.dialect == "sqlite":
            synchronous = str(parsed.query.get("synchronous", "full")).lower()
            if synchronous not in _SYNCHRONOUS:
                raise StoreError(
                    f"synchronous={synchronous!r} in the SQLite URL: give full (each "
                    "append is on disk when it returns, the default) or normal (an append "
                    "survives a crash of the program, not a power cut)"
                )
            if "synchronous" in parsed.query:
                # The same register whatever the setting: what a process keeps of a
                # database (its replay, its reads) is kept under this name.
                parsed = parsed.difference_update_query(["synchronous"])
                self.url = parsed.render_as_string(hide_password=False)
            if parsed.database:
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # A web worker serves up to 40 requests at once (the thread pool's limit), each
        # holding a connection for its reads: the pool must not be the narrower door.
        self.engine: Engine = create_engine(parsed, pool_size=5, max_overflow=35)
        if self.dialect == "sqlite":
            _immediate_transactions(self.engine, synchronous)
        self._watch: Connection | None = None
        self._watch_lock = threading.Lock()
        self._file = (Path(parsed.database).expanduser()
                      if self.dialect == "sqlite" and parsed.database else None)
        self.accounts = Accounts(self.engine)

    def emptied_file(self) -> Path | None:
        """The SQLite file, if it exists and holds nothing at all (0 bytes): a register
        emptied by someone, or whose creation failed before SQLite wrote a page. A new
        register is a file that does not exist yet."""
        if self._file is not None and self._file.is_file() and self._file.stat().st_size == 0:
            return self._file
        return None

    def migrate(self) -> bool:
        """Bring the schema to the latest migration; True if it was created just now."""
        if self.revision() == SCHEMA_HEAD:
            return False  # Alembic would read every migration script to find nothing to do
        created = not self.is_initialised()
        with self._migrations() as config:
            command.upgrade(config, "head")
        return created

    def downgrade(self, revision: str) -> None:
        """Take the schema back to an earlier migration (to run an earlier release)."""
        with self._migrations() as config:
            command.downgrade(config, revision)

    @contextmanager
    def _migrations(self) -> Iterator[Config]:
        config = Config()
        config.set_main_option("script_location", str(files("depositary.store") / "migrations"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            yield config

    def analyse(self) -> None:
        """Refresh the query planner's statistics after a bulk write: until autovacuum
        comes round, PostgreSQL plans a freshly imported register from guesses (it took
        France's 431 rows for 23 and scanned where an index would do)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("ANALYZE")

    def is_initialised(self) -> bool:
        return inspect(self.engine).has_table("entries")

    # -- the log -------------------------------------------------------------------------

    def head(self) -> Entry | None:
        with self.engine.connect() as connection:
            return _last(connection)

    def head_hash(self) -> str | None:
        """The newest entry's hash, on a connection kept for this question alone: asked
        before every cached answer, so it must cost tens of microseconds, not a pool
        checkout. Each read ends its transaction, so the next sees new commits."""
        with self._watch_lock:
            if self._watch is None:
                self._watch = self.engine.connect()
            try:
                found = self._watch.exec_driver_sql(_HEAD_HASH).scalar()
                self._watch.rollback()
            except Exception:
                self._watch.invalidate()  # a dropped connection: a fresh one next time
                self._watch = None
                raise
            return str(found) if found is not None else None

    def entries(
        self, up_to: int | None = None, connection: Connection | None = None
    ) -> list[Entry]:
        """The log in order, up to the entry numbered `up_to` if given; on `connection`
        when the caller holds the write transaction."""
        query = select(entries).order_by(entries.c.seq)
        if up_to is not None:
            query = query.where(entries.c.seq <= up_to)
        with nullcontext(connection) if connection is not None else self.engine.connect() as c:
            return [Entry(*row) for row in c.execute(query).all()]

    def entries_between(self, first: int, last: int) -> list[Entry]:
        """The entries numbered `first` to `last`, in order."""
        query = (select(entries).where(entries.c.seq >= first, entries.c.seq <= last)
                 .order_by(entries.c.seq))
        with self.engine.connect() as connection:
            return [Entry(*row) for row in connection.execute(query).all()]

    @staticmethod
    def pages(connection: Connection, size: int) -> Iterator[list[Entry]]:
        """The log in order, `size` entries at a time: a pass over a large log holds one
        page, not the whole log."""
        after = 0
        while True:
            page = [Entry(*row) for row in connection.execute(
                select(entries).where(entries.c.seq > after).order_by(entries.c.seq).limit(size)
            ).all()]
            if not page:
                return
            yield page
            after = page[-1].seq

    @staticmethod
    def entries_by_subject(
        connection: Connection, subjects: Sequence[str], kinds: Iterable[str]
    ) -> dict[str, list[Entry]]:
        """The entries of these kinds about each subject, in log order, through the index."""
        found: dict[str, list[Entry]] = {subject: [] for subject in subjects}
        for start in range(0, len(subjects), _CHUNK):
            query = (
                select(entry_subjects.c.subject, entries)
                .join(entries, entries.c.seq == entry_subjects.c.seq)
                .where(entry_subjects.c.subject.in_(list(subjects[start:start + _CHUNK])))
                .where(entries.c.kind.in_(list(kinds)))
                .order_by(entries.c.seq)
            )
            for subject, *entry in connection.execute(query).all():
                found[subject].append(Entry(*entry))
        return found

    @staticmethod
    def act_instruments(connection: Connection, acts: Sequence[str]) -> dict[str, str]:
        """The instrument (as its act entry names it) of each of these acts of the log."""
        found: dict[str, str] = {}
        for start in range(0, len(acts), _CHUNK):
            rows = connection.execute(
                select(entries.c.key, entries.c.payload).where(entries.c.kind == "act")
                .where(entries.c.key.in_(list(acts[start:start + _CHUNK])))
            ).all()
            found |= {key: str(json.loads(payload)["instrument"]) for key, payload in rows}
        return found

    def recorded_by(self, recorded_until: str) -> int:
        """The number of the last entry the log held at a transaction time (0 if none):
        entries are numbered from 1 without gaps, and `chain` never lets their times go
        backwards, so it is also how many it held, and two times between the same two
        entries read the same register. A reading as recorded then reads the entries up
        to this number (`up_to`), never by time again: an entry committed meanwhile with
        a time before a future T is not read under the number of the one before it."""
        query = (select(entries.c.seq).where(entries.c.recorded_at <= recorded_until)
                 .order_by(entries.c.recorded_at.desc(), entries.c.seq.desc()).limit(1))
        with self.engine.connect() as connection:
            found = connection.execute(query).scalar()
        return int(found) if found is not None else 0

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for several reads that must see one state of the database."""
        with self.engine.connect() as connection:
            yield connection

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
    def insert(connection: Connection, new: Sequence[Entry], index: Index) -> bytes:
        """Insert entries, with what each is about (`index`, so that one instrument can be
        read without the rest of the log), and into the log's Merkle tree. Returns the
        tree's root hash after them."""
        if not new:
            return merkle.EMPTY_ROOT
        _insert_rows(connection, entries, [
            (e.seq, e.kind, e.key, e.recorded_at, e.author, e.payload, e.prev_hash, e.hash)
            for e in new
        ])
        Database.index(connection, index)
        return Database.grow_tree(connection, new)

    @staticmethod
    def index(connection: Connection, index: Index) -> None:
        """Index what entries are about (a derived table, like the projections)."""
        _insert_rows(connection, entry_subjects, index.subjects)
        _insert_rows(connection, instrument_index, [
            tuple(row[column.name] for column in instrument_index.columns)
            for row in index.instruments
        ])

    @staticmethod
    def drop_index(connection: Connection) -> None:
        connection.execute(entry_subjects.delete())
        connection.execute(instrument_index.delete())

    def entries_about(
        self, subjects: Iterable[str], key: str | None = None, skip: Iterable[str] = (),
        up_to: int | None = None,
    ) -> list[Entry]:
        """The entries about these subjects (with this key, if given; without the kinds in
        `skip`; up to the entry numbered `up_to`, if given), in log order."""
        query = _about(subjects)
        if key is not None:
            query = query.where(entries.c.key == key)
        if skip:
            query = query.where(entries.c.kind.not_in(list(skip)))
        if up_to is not None:
            query = query.where(entries.c.seq <= up_to)
        with self.engine.connect() as connection:
            return [Entry(*row) for row in connection.execute(query).all()]

    def keyed(self, kind: str, keys: Iterable[str]) -> list[Entry]:
        """The entries of this kind with these keys (participants by code), in log order."""
        with self.engine.connect() as connection:
            return _keyed(connection, kind, keys)

    def latest_of_kind(self, kind: str, limit: int) -> list[Entry]:
        """The last `limit` entries of a kind, newest first (the home page's notifications,
        without reading the thousands before them): a backward walk of the log's key,
        which stops as soon as it has them."""
        query = (select(entries).where(entries.c.kind == kind)
                 .order_by(entries.c.seq.desc()).limit(limit))
        with self.engine.connect() as connection:
            return [Entry(**row._mapping) for row in connection.execute(query)]

    def instrument_id(self, key: str) -> str | None:
        """An instrument's id from its id or alias, from the index."""
        with self.engine.connect() as connection:
            return _instrument_id(connection, key)

    @staticmethod
    def notification_counts(connection: Connection) -> dict[str, int]:
        """How many notifications each year has had: the next number follows."""
        counts: dict[str, int] = {}
        rows = connection.execute(select(entries.c.key).where(entries.c.kind == "notification"))
        for (key,) in rows:
            year = str(key).rpartition(".")[2]
            counts[year] = counts.get(year, 0) + 1
        return counts

    def chart_rows(self, key: str) -> ChartRows | None:
        """What an instrument's status charts are made of, on every day, in one connection
        (None if no instrument has this id or alias)."""
        c, i, g = status_intervals.c, instrument_index.c, instrument_status.c
        with self.engine.connect() as connection:
            head = connection.execute(
                select(i.instrument, entries.c.payload, g.entry_into_force, g.reason, g.known,
                       g.evidence)
                .join(entries, (entries.c.key == i.instrument) & (entries.c.kind == "instrument"))
                .outerjoin(instrument_status, g.instrument == i.instrument)
                .where(_named(key))
            ).first()
            if head is None:
                return None
            statuses = connection.execute(
                select(c.participant, c.status, c.valid_from, c.valid_to, c.in_force_from,
                       c.reasons, c.evidence).where(c.instrument == head.instrument)
            ).all()
            rows = connection.execute(
                select(participations.c.participant, participations.c.data)
                .where(participations.c.instrument == head.instrument)
            ).all()
            named = connection.execute(
                select(entries.c.key, entries.c.payload)
                .where(entries.c.kind == "participant")
                .where(entries.c.key.in_(
                    select(c.participant).where(c.instrument == head.instrument)))
                .order_by(entries.c.seq)
            ).all()
        return ChartRows(
            head.payload, head.entry_into_force, head.reason,
            head.known is not False,  # an instrument with no projection row yet: known
            head.evidence, statuses, rows, named,
        )

    def participant_rows(
        self, participant: str
    ) -> tuple[Entry | None, Sequence[Any], list[Entry]]:
        """What a participant's views are made of, on every day, in one connection: its
        entry; all its status rows as (instrument, alias, kind, titles, adopted, status,
        valid_from, valid_to, in_force_from, reasons, evidence); the events."""
        c = status_intervals.c
        with self.engine.connect() as connection:
            entry = next(iter(_keyed(connection, "participant", [participant])), None)
            if entry is None:
                return None, [], []
            statuses = connection.execute(select(
                c.instrument, c.alias, c.kind, c.titles, c.adopted,
                c.status, c.valid_from, c.valid_to, c.in_force_from, c.reasons, c.evidence,
            ).where(c.participant == participant)).all()
            events = [Entry(**row._mapping) for row in connection.execute(_about(["event"]))]
        return entry, statuses, events

    # -- projections ---------------------------------------------------------------------

    @staticmethod
    def replace_projections(
        connection: Connection, instruments: Sequence[str], rows: Projections,
        only: Mapping[str, Collection[str] | None] | None = None,
    ) -> None:
        """Write the projections of these instruments, replacing what was there: of an
        instrument `only` names participants for, those participants' rows alone (and its
        general row), as `rows` holds them."""
        if not instruments:
            return
        some = {key: codes for key, codes in (only or {}).items()
                if codes is not None and key in instruments}
        whole = [key for key in instruments if key not in some]
        for table in (status_intervals, participations):
            _delete_of(connection, table, whole)
            for key, codes in some.items():
                _delete_participants(connection, table, key, sorted(codes))
        _delete_of(connection, instrument_status, list(instruments))
        Database.insert_projections(connection, rows)

    @staticmethod
    def insert_projections(connection: Connection, rows: Projections) -> None:
        """Write the projections of instruments that have none."""
        _insert_rows(connection, participations, rows.participations)
        _insert_rows(connection, status_intervals, rows.statuses)
        _insert_rows(connection, instrument_status, rows.general)

    @staticmethod
    def clear_projections(connection: Connection) -> None:
        connection.execute(status_intervals.delete())
        connection.execute(instrument_status.delete())
        connection.execute(participations.delete())

    def revision(self) -> str | None:
        """The schema's migration (Alembic's revision id); None before the first."""
        if not inspect(self.engine).has_table("alembic_version"):
            return None
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def stored_projections(
        self,
    ) -> tuple[list[ProjectionRow], dict[str, tuple[Any, ...]]]:
        """Every status row (sorted, duplicates kept) and every instrument's general row
        (as `general_row` gives it: date, reason, known, evidence)."""
        with self.engine.connect() as connection:
            rows = sorted(
                tuple(r) for r in connection.execute(
                    select(*(status_intervals.c[name] for name in _PROJECTION_COLUMNS))
                )
            )
            general = {
                r.instrument: tuple(r) for r in connection.execute(select(instrument_status))
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

    # -- the Merkle tree, the checkpoints, the markers ----------------------------------

    @staticmethod
    def grow_tree(connection: Connection, new: Sequence[Entry]) -> bytes:
        """Add the new entries to the log's Merkle tree; the root hash after them."""
        size = new[0].seq - 1 if new else 0
        wanted = merkle.frontier(size)
        held = _FRONTIERS.get(new[0].prev_hash) if new else None
        if held is None:
            held = _nodes(connection, wanted)
        if len(held) != len(wanted):
            raise StoreError("the log's Merkle tree is incomplete: run `depositary rebuild`")
        grown = dict(merkle.grow(size, [held[node] for node in wanted],
                                 (bytes.fromhex(e.hash) for e in new)))
        _insert_rows(connection, merkle_nodes, [
            (level, index, digest.hex()) for (level, index), digest in grown.items()
        ])
        every = held | grown
        if new:
            _keep_frontier(new[-1].hash, {
                node: every[node] for node in merkle.frontier(size + len(new))})
        return merkle.root_of(size + len(new), lambda nodes: {n: every[n] for n in nodes})

    @staticmethod
    def clear_tree(connection: Connection) -> None:
        connection.execute(merkle_nodes.delete())

    def tree_nodes(self, wanted: Sequence[merkle.Node]) -> dict[merkle.Node, bytes]:
        """Stored nodes of the Merkle tree (those not stored are left out)."""
        with self.engine.connect() as connection:
            return _nodes(connection, wanted)

    @staticmethod
    def tree_nodes_on(connection: Connection, wanted: Sequence[merkle.Node]
                      ) -> dict[merkle.Node, bytes]:
        return _nodes(connection, wanted)

    def stored_tree(self) -> dict[merkle.Node, bytes]:
        """The whole stored tree, for `verify` to compare with the log's."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(merkle_nodes)).all()
        return {(level, index): bytes.fromhex(digest) for level, index, digest in rows}

    @staticmethod
    def add_checkpoints(connection: Connection, signed: Sequence[Checkpoint]) -> None:
        if signed:
            connection.execute(checkpoints.insert(), [
                {"tree_size": c.tree_size, "root_hash": c.root_hash.hex(),
                 "signed_at": c.signed_at, "note": c.note, "verifier": c.verifier}
                for c in signed
            ])

    def checkpoints(self, limit: int | None = None, before: int | None = None
                    ) -> list[tuple[str, str]]:
        """The signed checkpoints, newest first, as (note, verifier key); those of tree
        sizes below `before` if given."""
        query = select(checkpoints.c.note, checkpoints.c.verifier).order_by(
            checkpoints.c.tree_size.desc(), checkpoints.c.id.desc())
        if before is not None:
            query = query.where(checkpoints.c.tree_size < before)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            return [(str(note), str(verifier)) for note, verifier in connection.execute(query)]

    def first_hash(self) -> str | None:
        """The hash of the log's first entry: what names a log that was given no name."""
        with self.engine.connect() as connection:
            return connection.execute(
                select(entries.c.hash).where(entries.c.seq == 1)).scalar()

    def marker(self, name: str) -> str | None:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(markers.c.value).where(markers.c.name == name)).scalar()
        return str(found) if found is not None else None

    def mark(self, name: str, value: str) -> None:
        with self.engine.begin() as connection:
            Database.mark_on(connection, name, value)

    @staticmethod
    def mark_on(connection: Connection, name: str, value: str) -> None:
        connection.execute(markers.delete().where(markers.c.name == name))
        connection.execute(markers.insert(), {"name": name, "value": value})

    def execute_raw(self, sql: str, **params: Any) -> None:
        """Run SQL as an administrator would, bypassing the application (tests, repairs)."""
        with self.engine.begin() as connection:
            connection.exec_driver_sql(sql, tuple(params.values()) if params else ())


def _last(connection: Connection) -> Entry | None:
    row = connection.execute(select(entries).order_by(entries.c.seq.desc()).limit(1)).first()
    return Entry(**row._mapping) if row is not None else None


def _insert_rows(
    connection: Connection, table: Table, rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert rows, given in the table's column order, through the driver's executemany:
    in the rebuild of a large log SQLAlchemy's per-row parameter processing costs more
    than the inserts. On SQLite a date is written as ISO text, as SQLAlchemy's Date does."""
    if not rows:
        return
    mark = _marker(connection)
    names = ", ".join(f'"{column.name}"' for column in table.columns)
    marks = ", ".join(mark for _ in table.columns)
    dated = [n for n, column in enumerate(table.columns) if isinstance(column.type, Date)]
    if connection.dialect.name == "sqlite" and dated:
        rows = [_iso_dates(row, dated) for row in rows]
    connection.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)


def _marker(connection: Connection) -> str:
    """The driver's parameter marker, for SQL sent to it directly: ? for sqlite3, %s for
    psycopg."""
    return "?" if connection.dialect.paramstyle == "qmark" else "%s"


def _delete_participants(connection: Connection, table: Table, instrument: str,
                         codes: Sequence[str]) -> None:
    """Delete these participants' rows of one instrument."""
    mark = _marker(connection)
    for start in range(0, len(codes), _CHUNK):
        keys = tuple(codes[start:start + _CHUNK])
        connection.exec_driver_sql(
            f'DELETE FROM "{table.name}" WHERE instrument = {mark} AND participant IN '
            f'({", ".join(mark for _ in keys)})', (instrument, *keys))


def _delete_of(connection: Connection, table: Table, instruments: Sequence[str]) -> None:
    """Delete the rows of these instruments, a few hundred at a time: a new participant
    that continues a record redoes every instrument, more than SQLite takes as the
    parameters of one statement."""
    mark = _marker(connection)
    for start in range(0, len(instruments), _CHUNK):
        keys = tuple(instruments[start:start + _CHUNK])
        connection.exec_driver_sql(
            f'DELETE FROM "{table.name}" WHERE instrument IN ({", ".join(mark for _ in keys)})',
            keys,
        )


def _iso_dates(row: tuple[Any, ...], dated: Sequence[int]) -> tuple[Any, ...]:
    found = list(row)
    for n in dated:
        if found[n] is not None:
            found[n] = found[n].isoformat()
    return tuple(found)


def _immediate_transactions(engine: Engine, synchronous: str) -> None:
    """SQLite: an append takes the write lock when its transaction begins, not at its
    first write, so concurrent appends wait for each other instead of failing midway;
    reads begin deferred and, in WAL mode, never wait for a writer. `synchronous` is
    SQLite's: full waits for the disk at each commit (about 3 ms here), normal only at
    checkpoints."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below rule
        dbapi_connection.execute("PRAGMA busy_timeout = 30000")
        # Readers go on while a writer appends (and see only committed batches).
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        dbapi_connection.execute(f"PRAGMA synchronous = {synchronous.upper()}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get("depositary_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _about(subjects: Iterable[str]) -> Select[Any]:
    """The entries about these subjects, in log order."""
    return (
        select(entries)
        .join(entry_subjects, entry_subjects.c.seq == entries.c.seq)
        .where(entry_subjects.c.subject.in_(list(subjects)))
        .order_by(entries.c.seq)
    )


def _instrument_id(connection: Connection, key: str) -> str | None:
    found = connection.execute(select(instrument_index.c.instrument).where(_named(key))).first()
    return str(found[0]) if found is not None else None


def _named(key: str) -> ColumnElement[bool]:
    """The index row of the instrument with this id or alias (aliases are lower case)."""
    i = instrument_index.c
    return (i.alias == key) | (i.instrument == key) | (i.alias == key.lower())


# The frontier of the tree each log ends, by the hash of its last entry: the next append
# grows the tree from it without asking the database. Keyed by the hash, which fixes every
# entry before it, so a frontier is never another log's (and one a rolled-back append
# grew is never asked for).
_FRONTIERS: dict[str, dict[merkle.Node, bytes]] = {}
_FRONTIERS_KEPT = 16
_FRONTIERS_LOCK = threading.Lock()


def _keep_frontier(last: str, nodes: dict[merkle.Node, bytes]) -> None:
    with _FRONTIERS_LOCK:
        _FRONTIERS[last] = nodes
        while len(_FRONTIERS) > _FRONTIERS_KEPT:  # the oldest first (dicts keep their order)
            del _FRONTIERS[next(iter(_FRONTIERS))]


def _nodes(connection: Connection, wanted: Sequence[merkle.Node]) -> dict[merkle.Node, bytes]:
    """The stored nodes among `wanted`. Asked level by level (`level = ? AND idx IN
    (...)`): SQLite answers a row-value IN, `(level, idx) IN (...)`, by scanning the whole
    table, which made every append cost in proportion to the log (issue 18)."""
    found: dict[merkle.Node, bytes] = {}
    n = merkle_nodes.c
    for start in range(0, len(wanted), _CHUNK // 2):
        by_level: dict[int, list[int]] = {}
        for level, index in wanted[start:start + _CHUNK // 2]:
            by_level.setdefault(level, []).append(index)
        if not by_level:
            continue
        rows = connection.execute(select(n.level, n.idx, n.hash).where(or_(*(
            (n.level == level) & n.idx.in_(indexes) for level, indexes in by_level.items()))))
        found |= {(level, index): bytes.fromhex(digest) for level, index, digest in rows}
    return found


def _keyed(connection: Connection, kind: str, keys: Iterable[str]) -> list[Entry]:
    """The entries of this kind with these keys, in log order."""
    query = select(entries).where(entries.c.key.in_(list(keys)), entries.c.kind == kind)
    return [Entry(**row._mapping) for row in connection.execute(query.order_by(entries.c.seq))]
