"""The stored register: the log in a database, replayed into the engine, with its
projections kept current. Every write (the bundled register, an import, a clerk's act,
a correction) goes through `StoredRegister.append`: examined in full by the engine first, then
written with its projections in one transaction, or not at all."""

from __future__ import annotations

import json
import re
import weakref
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from depositary.app import notices, rebuilding
from depositary.app.bundled import commonwealth_items
from depositary.app.passwords import Passwords
from depositary.app.ports import LogStore, ProjectionRow, Projections, Transaction
from depositary.app.projections import (
    Source,
    chart,
    evidence_from,
    general_reason,
    general_row,
    index_of,
    index_row,
    projection_rows,
    projections_of,
    reason_from,
    rewritten,
    rows_of,
    source,
    subjects_of,
)
from depositary.domain.bodies import Category
from depositary.domain.clauses import instruments_read
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant
from depositary.domain.periods import outside_calendar
from depositary.domain.phrases import PhrasedError, say
from depositary.domain.status import Status
from depositary.formats.errors import FormatError
from depositary.formats.register_file import (
    SIGNATURE_FIELDS,
    NewEntry,
    instrument_from,
    items,
    participant_from,
    read_register_file,
    signed_message,
)
from depositary.log import merkle, witnessing
from depositary.log.checkpoints import (
    Checkpoint,
    CheckpointError,
    Notary,
    from_json,
    parse,
)
from depositary.log.entries import (
    GENESIS,
    Entry,
    EntryKind,
    chain,
    first_broken,
)
from depositary.log.signatures import usable_keys, verifies
from depositary.register import Register, RegisterError
from depositary.register.lru import LruCache
from depositary.register.queries import (
    Chart,
    General,
    Holding,
    ParticipantView,
    as_of_holdings,
    chronological,
    in_force_for,
    participant_spans,
    status_chart,
)
from depositary.register.replay import apply_items

BUNDLED_AUTHOR = "depositary (bundled register)"
ARCHIVE = "depositary/archive@1"

CACHED_READS = 1024  # parsed projections of instruments and participants
CACHED_INSTRUMENTS = 64  # one-instrument registers, now or as recorded
_T = TypeVar("_T")


class Memory:
    """What a stored register keeps in its process between calls: one object per opened
    database, never shared through the module, each value checked against the log's head
    (or keyed by the stored value itself) so that it is never stale, and each bounded."""

    def __init__(self) -> None:
        # The replay of the whole log, with the hash of the entry it was replayed up to.
        self.replay: tuple[str, Register] | None = None
        # The replays `register()` has handed out. An append extends the kept replay in
        # place (a large import does not replay what it wrote batch after batch), but
        # never one of these: a reader holding it keeps the register it was given, and a
        # refused append, which may leave its working register half-changed, cannot
        # reach a reader.
        self.handed_out: weakref.WeakSet[Register] = weakref.WeakSet()
        # Parsed projections of the instruments last charted and of the participants
        # last asked about, with the head they were read at: (what, key) -> (head, value).
        # Bounded: a register of 100,000 instruments keeps the ones people look at.
        self.reads: LruCache[tuple[str, str], tuple[str | None, Any]] = LruCache(CACHED_READS)
        # One instrument's register (`instrument_register`), now or as recorded at a
        # time, by (instrument id, head hash or "#" and the last entry then).
        self.instruments: LruCache[tuple[str, str], Register] = LruCache(CACHED_INSTRUMENTS)
        # The notifications numbered in each year, as of a head: the next append need
        # not count every notification of the log again.
        self.numbered: tuple[str, dict[str, int]] | None = None
        # The log's name, once the database holds it: it never changes, and a checkpoint
        # signed at each append names it.
        self.origin: str | None = None
        # Instruments and participants as lists show them, memoised by their whole stored
        # value (a corrected title is a new key, never a stale answer): the same few
        # thousand recur in every participant's list, and a frozen dataclass is slow to
        # build.
        self.listed = lru_cache(maxsize=65536)(_listed)
        self.participant = lru_cache(maxsize=4096)(_participant)

    def forget(self, *, parsed: bool = False) -> None:
        """Drop the kept replay (and, if `parsed`, the memoised instruments and
        participants): what a benchmark of a cold read does."""
        self.replay = None
        if parsed:
            self.listed.cache_clear()
            self.participant.cache_clear()


@dataclass(frozen=True, slots=True)
class _Standing:
    """A participant's statuses in every instrument, as (valid from, valid to, holding)
    in the order a list shows them, and its events: its view on any day is a filter."""

    participant: Participant
    spans: tuple[tuple[date | None, date | None, Holding], ...]
    events: Register


# The last migration after which the projections must be rebuilt by the engine (0008:
# each status row's evidence, a general entry into force that may be unknown; 0011: the
# reasons kept as phrases, to be said in any language).
PROJECTIONS_CHANGED = "0011"


class Refusal(PhrasedError):
    """A write the ledger refused; nothing was written."""


NEW_ENTRIES = say("the new entries")  # what a refused append names as what it read


@dataclass(frozen=True, slots=True)
class Verification:
    """What `verify` found: None where that check passed."""

    entries: int
    broken_entry: tuple[int, str] | None
    replay_error: str | None
    projection_mismatch: str | None
    bad_signature: tuple[int, str] | None = None
    # The stored Merkle tree is not the log's, or a checkpoint the depositary signed no
    # longer matches the log.
    tree_mismatch: str | None = None
    checkpoint_mismatch: str | None = None

    @property
    def ok(self) -> bool:
        return not (
            self.broken_entry or self.replay_error or self.projection_mismatch
            or self.bad_signature or self.tree_mismatch or self.checkpoint_mismatch
        )


EMPTY_ON_PURPOSE = "empty"  # the marker `init --empty` leaves
ORIGIN = "origin"  # the marker naming the log in its checkpoints


class StoredRegister:
    def __init__(self, database: LogStore, notary: Notary | None = None,
                 origin: str | None = None, passwords: Passwords | None = None) -> None:
        self.database = database
        # The depositary's key, which signs a checkpoint of the log after every append;
        # without one (a ledger opened by a test or a script on a bare database) appends
        # are not checkpointed.
        self.notary = notary
        self._origin = origin
        self.passwords = passwords or Passwords()  # the desks' sign-in (accounts.py)
        self.memory = Memory()

    @property
    def origin(self) -> str:
        """The log's name in its checkpoints. Named once, when its first checkpoint is
        signed, and kept in the database (a restored log keeps its name): the name
        configured then (DEPOSITARY_ORIGIN), else one made from the first entry's hash,
        so that a register replaced by another is another log."""
        named = self.database.marker(ORIGIN)
        if named is not None:
            return named
        if self._origin is not None:
            return self._origin
        first = self.database.first_hash()
        return f"depositary/{first[:16]}" if first else "depositary/(empty)"

    def _name(self, connection: Transaction, first: Entry | None) -> str:
        """The log's name for a checkpoint signed on `connection` (holding the append
        lock), naming the log if it has no name yet; `first` is its first entry if this
        transaction writes it."""
        if self.memory.origin is not None:
            return self.memory.origin
        named = self.database.marker(ORIGIN)
        if named is None:
            first_hash = first.hash if first is not None else self.database.first_hash()
            named = self._origin or f"depositary/{(first_hash or '')[:16]}"
            self.database.mark_on(connection, ORIGIN, named)
        else:
            self.memory.origin = named  # kept only once committed by an earlier append
        return named

    def prepare(self, *, load_bundled: bool = True) -> None:
        """Make the database ready for use: migrate the schema, and give an empty log the
        bundled Commonwealth register, so every read works with no set-up, unless it was
        made empty on purpose (`init --empty`)."""
        self.upgrade()
        if load_bundled and self.database.head_hash() is None and (
            self.database.marker(EMPTY_ON_PURPOSE) is None
        ):
            self.load_bundled(only_if_empty=True)

    def upgrade(self) -> bool:
        """Bring the schema up to date; where a migration just applied changed what the
        projections carry and the rows cannot be filled without the engine, rebuild them
        from the log. True if the database was created just now."""
        before = self.database.revision()
        created = self.database.migrate()
        if not created and before is not None and before < PROJECTIONS_CHANGED:
            # Grows the Merkle tree too, for a log written before it existed (0009).
            self.rebuild()
        return created

    # -- reading -------------------------------------------------------------------------

    def register(self, as_recorded: str | None = None) -> Register:
        """The register replayed from the log; as it stood at transaction time
        `as_recorded` (ISO 8601) if given: bitemporal reading."""
        if as_recorded is not None:
            return self.past(self.database.recorded_by(transaction_time(as_recorded)))
        head = self.database.head_hash()  # tens of microseconds: asked on every read
        cached = self.memory.replay
        if head is not None and cached is not None and cached[0] == head:
            register = cached[1]
        else:
            log = self.database.entries()
            register = _replay(log, self.database.url)
            if log:  # kept under the entry it was replayed up to
                self.memory.replay = (log[-1].hash, register)
        self.memory.handed_out.add(register)
        return register

    def past(self, last: int) -> Register:
        """The register as the log's entries up to the one numbered `last` describe it
        (`LogStore.recorded_by` gives the number for a transaction time)."""
        return _replay(self.database.entries(up_to=last), self.database.url)

    def instrument_register(self, key: str, as_recorded: str | None = None) -> Register:
        """A register holding one instrument, the instruments its clauses read, their acts,
        and the participants and persons: what a status chart of that instrument needs,
        read through the index without replaying the rest of the log. As it stood at
        transaction time `as_recorded`, if given."""
        up_to = None
        if as_recorded is not None:
            up_to = self.database.recorded_by(transaction_time(as_recorded))
            version = f"#{up_to}" if up_to else None
        else:
            version = self.database.head_hash()
        wanted = self.database.instrument_id(key)
        if version is None or wanted is None:
            return self._unknown(key, as_recorded)
        place = (wanted, version)
        found = self.memory.instruments.find(place)
        if found is not None:
            return found
        # An instrument is read with those its clauses read, and with any a correction
        # moved one of its acts to or from.
        moved: dict[str, set[str]] = defaultdict(set)
        corrections = self.database.entries_about(["correction"], up_to=up_to)
        if corrections:
            with self.database.reading() as connection:
                for was, now in rebuilding.moves(
                    [e.data() for e in corrections],
                    lambda acts: self.database.act_instruments(connection, acts),
                    lambda alias: self.database.instrument_id(alias) or alias,
                ):
                    moved[was].add(now)
                    moved[now].add(was)
        seen: set[str] = set()
        todo, about = [wanted], []
        while todo:
            instrument = todo.pop()
            if instrument in seen:
                continue
            seen.add(instrument)
            todo += moved[instrument]
            # Notifications are about the instrument too, but a replay does not read them.
            for entry in self.database.entries_about([instrument], skip=_NOT_REPLAYED,
                                                     up_to=up_to):
                about.append(entry)
                if entry.kind == EntryKind.INSTRUMENT:
                    reads = instruments_read(instrument_from(entry.data()).clauses.entry_into_force)
                    todo += [self.database.instrument_id(t) or t for t in reads]
        if not any(e.kind == EntryKind.INSTRUMENT and e.key == wanted for e in about):
            return self._unknown(key, as_recorded)  # not registered yet then
        acts = [
            e.data() if e.kind == EntryKind.ACT else e.data()["act"]
            for e in about if e.kind in {EntryKind.ACT, EntryKind.CORRECTION}
        ]
        people = self.database.entries_about(["participant", "person", "capacity"],
                                             up_to=up_to)
        needed = _lineage({a["participant"] for a in acts}, people)
        persons = {a.get("person") for a in acts}
        wanted_entries = [
            e for e in people
            if (e.kind == EntryKind.PARTICIPANT and e.key in needed)
            or (e.kind in {EntryKind.PERSON, EntryKind.CAPACITY} and e.key in persons)
        ]
        read = sorted([*wanted_entries, *about], key=lambda e: e.seq)
        if up_to is not None:
            # As recorded at a time: the same entries read at any time after the last of
            # them, so every such time shares one replay.
            place = (wanted, f"#{read[-1].seq}")
            found = self.memory.instruments.find(place)
            if found is not None:
                return found
        register = _replay(read, self.database.url)
        self.memory.instruments.keep(place, register)
        return register

    def _unknown(self, key: str, as_recorded: str | None) -> Register:
        """An instrument the register does not hold: now, the register's own message
        (naming those it holds); as recorded at a time, said without replaying the log."""
        if as_recorded is None:
            return self.register()
        raise RegisterError(f"no instrument {key!r} in the register as recorded at "
                            f"{as_recorded}")

    def status_chart(self, key: str, day: date, language: str = "en") -> Chart:
        """The status chart of an instrument on a date, from the projections alone. The
        instrument's projection is read and parsed once per log head and kept: a chart on
        another day, or asked again, filters what is kept."""
        source = self._kept(("chart", key), lambda: self._chart_source(key))
        if source is None:
            return status_chart(self.register(), key, day, language)  # its error message
        return chart(source, day, language)

    def _chart_source(self, key: str) -> Source | None:
        found = self.database.chart_rows(key)
        if found is None:
            return None
        general = General(
            found.entry_into_force, general_reason(found.reason), found.known,
            evidence_from(found.evidence) if found.evidence else None,
        )
        return source(
            instrument_from(json.loads(found.instrument)), general,
            found.statuses, found.participations,
            {code: self.memory.participant(p) for code, p in found.participants},
        )

    def participant_view(self, code: str, day: date, language: str = "en") -> ParticipantView:
        """Everything in force for a participant on a date, from the projections: its
        statuses in every instrument are read and parsed once per log head and kept."""
        standing = self._standing_kept(code)
        if standing is None:
            return in_force_for(self.register(), code, day, language)  # its error message
        holdings = as_of_holdings(
            (h for start, end, h in standing.spans
             if (start is None or start <= day) and (end is None or day < end)), day)
        participant = standing.participant
        return ParticipantView(
            participant.code, participant.name(day, language), day,
            tuple(h for h in holdings if h.status.in_force),
            tuple(h for h in holdings if not h.status.in_force),
            language, tuple(standing.events.events_of(participant.code, day)),
        )

    def participant_spans(self, code: str) -> list[tuple[str, str, date | None, date | None]]:
        """Every status a participant has held in each instrument, as (instrument alias,
        status, from, until): its timeline across instruments, from the projections (the
        same kept reading as its view on any day)."""
        standing = self._standing_kept(code)
        if standing is None:
            return participant_spans(self.register(), code)  # its error message
        return [(h.instrument.alias, h.status.value, start, end)
                for start, end, h in standing.spans]

    def members(self, body: str, day: date) -> list[tuple[str, Category]]:
        """A body's members on a date with their categories (the reasons are the register's:
        `register().councils.membership`). The body's membership spans are computed once
        per log head and kept; each day filters them."""
        spans = self._kept(("members", body),
                           lambda: self.register().councils.membership_spans(body))
        return [
            (code, category) for code, category, start, end in spans or ()
            if (start is None or start <= day) and (end is None or day < end)
        ]

    def _standing_kept(self, code: str) -> _Standing | None:
        """A participant's standing, read and parsed once per log head and kept: its view
        on any day and its timeline are filters of it."""
        return self._kept(("participant", code.upper()), lambda: self._standing(code.upper()))

    def _standing(self, code: str) -> _Standing | None:
        entry, rows, events = self.database.participant_rows(code)
        if entry is None:
            return None
        participant = self.memory.participant(entry.payload)
        spans = sorted(
            (
                (since, until, Holding(
                    self.memory.listed(*listed), Status(status), since, in_force_from,
                    tuple(map(reason_from, json.loads(reasons))), evidence_from(evidence),
                ))
                for *listed, status, since, until, in_force_from, reasons, evidence in rows
            ),
            key=lambda span: chronological(span[2].instrument),
        )
        register = Register()
        register.add_participant(participant)
        mine = [e for e in events if participant.code in e.data().get("participants", [])]
        # An event may name other participants too (Belarus taking over Ukraine's chair).
        others = {c for e in mine for c in e.data().get("participants", [])} - {participant.code}
        for other in self.database.keyed("participant", sorted(others)):
            register.add_participant(self.memory.participant(other.payload))
        apply_items(register, as_items(mine), self.database.url)
        return _Standing(participant, tuple(spans), register)

    def _kept(self, what: tuple[str, str], load: Callable[[], _T | None]) -> _T | None:
        """What `load` reads from the projections, kept until the log moves (a few
        hundred of each per process; web workers ask from many threads)."""
        head, place = self.database.head_hash(), what
        kept = self.memory.reads.find(place)
        if kept is not None and kept[0] == head:
            found: _T = kept[1]
            return found
        loaded = load()
        if loaded is not None:
            self.memory.reads.keep(place, (head, loaded))
        return loaded

    # -- writing -------------------------------------------------------------------------

    def append(
        self, new: Sequence[NewEntry], author: str, *, signed: bool = False,
        only_if_empty: bool = False, check: Callable[[], None] | None = None,
    ) -> list[Entry]:
        """Append entries in one transaction, after the engine has examined the register
        with them in, and sign a checkpoint of the log they end. A refusal raises
        Refusal and writes nothing. Acts and positions carrying signatures come only
        through the workflow and the secretariat (`signed`); `only_if_empty` writes
        nothing if another process has written first (the bundled register's first load);
        `check` is a rule of the caller's that must hold on the log as it is when the
        append has the lock (the last administrator, a submission not yet made): it reads
        the database as usual, and raises Refusal to refuse."""
        if not signed and any(
            kind in {EntryKind.ACT, EntryKind.POSITION} and set(data) & set(SIGNATURE_FIELDS)
            for kind, _, data in new
        ):
            raise Refusal(
                "signed acts and positions enter the register only through act.register and "
                "position.record, which check their signatures"
            )
        for kind, key, data in new:
            problem = _unstorable(data)
            if problem is not None:
                raise Refusal(f"{kind} {key!r}: {problem}")
        with self.database.appending() as (connection, head):
            if only_if_empty and head is not None:
                return []
            if check is not None:
                check()
            current, before = self._examined(connection, head, new)
            counts, self.memory.numbered = self.memory.numbered, None
            if counts is None or head is None or counts[0] != head.hash:
                counts = ("", self.database.notification_counts(connection))
            new = _with_notifications(new, current, counts[1])
            written = chain(head, new, author)
            root = self.database.insert(connection, written, index_of(
                written, _resolver(current), [data for _, _, data in new]))
            touched = sorted(_touched(current, new))
            only = _rewritten(current, before, new)
            self.database.replace_projections(
                connection, touched, _projections(current, touched, only), only)
            if written and self.notary is not None:
                origin = self._name(connection, written[0] if head is None else None)
                self.database.add_checkpoints(
                    connection, [self.notary.sign(origin, written[-1].seq, root)])
        if written:
            self.memory.replay = (written[-1].hash, current)
            # The notifications of each year so far, for the next append's numbers.
            self.memory.numbered = (written[-1].hash, counts[1])
        return written

    def _examined(
        self, connection: Transaction, head: Entry | None, new: Sequence[NewEntry]
    ) -> tuple[Register, dict[str, Evaluation]]:
        """The register with the new entries in, or Refusal. The replay this process
        already holds of the same head is extended (a large import appends batch after
        batch without replaying what it wrote); otherwise, or when a correction must
        replace an earlier act, the whole log is replayed with the new entries as one.
        With it, the evaluations the extended register held of the instruments the new
        acts are on, from before them (`_rewritten`)."""
        before: dict[str, Evaluation] = {}
        cached, self.memory.replay = self.memory.replay, None
        correcting = any(kind == EntryKind.CORRECTION for kind, _, _ in new)
        try:
            if cached is not None and head is not None and cached[0] == head.hash and (
                not correcting and cached[1] not in self.memory.handed_out
            ):
                current = cached[1]
                before = _kept_evaluations(current, new)
                apply_items(current, new, NEW_ENTRIES)
            else:
                current = Register()
                logged = as_items(self.database.entries(connection=connection))
                apply_items(current, [*logged, *new], NEW_ENTRIES, admitted=len(logged))
            if correcting or _out_of_order(new, current):
                # An act received before acts already registered on its instrument, or a
                # correction, may make a later act inadmissible: examine the whole log in
                # receipt order, as verify and restore will.
                check = Register()
                everything = [*as_items(self.database.entries(connection=connection)), *new]
                apply_items(check, everything, NEW_ENTRIES)
                before = {}
            return current, before
        except FormatError as error:
            raise Refusal(error.said) from None

    def unrecorded(self, found: Sequence[NewEntry]) -> list[NewEntry]:
        """The entries whose kind and key the log does not hold yet. What the log holds is
        kept as recorded: an interchange format (Popolo) carries less than the register
        (no sources, no confidence), and a change is a correction, an entry of its own."""
        logged = {(e.kind, e.key) for e in self.database.entries()}
        return [item for item in found if (item[0], item[1]) not in logged]

    # -- checkpoints and proofs ----------------------------------------------------------

    def checkpoint(self, size: int | None = None) -> Checkpoint:
        """Sign a checkpoint of the log as it stands (on demand: `depositary checkpoint`),
        or of its first `size` entries (an export's)."""
        if self.notary is None:
            raise Refusal(
                "this ledger has no signing key: open it with bootstrap.open_register")
        with self.database.appending() as (connection, head):
            if head is None:
                raise Refusal("the log is empty: there is nothing to sign")
            size = head.seq if size is None else min(size, head.seq)
            root = merkle.root_of(size, lambda nodes: self._nodes(nodes, connection))
            signed = self.notary.sign(self._name(connection, None), size, root)
            self.database.add_checkpoints(connection, [signed])
        return signed

    def checkpoints(self, limit: int | None = None, before: int | None = None
                    ) -> list[Checkpoint]:
        """The checkpoints the depositary signed, newest first (each checked as read)."""
        return [parse(note, verifier)
                for note, verifier in self.database.checkpoints(limit, before)]

    def latest_checkpoint(self) -> Checkpoint | None:
        found = self.checkpoints(limit=1)
        return found[0] if found else None

    def size(self) -> int:
        head = self.database.head()
        return head.seq if head is not None else 0

    def root(self, size: int) -> bytes:
        """The root hash of the log's first `size` entries, from the stored tree."""
        self._within(size, "tree size")
        return merkle.root_of(size, self._nodes)

    def inclusion_proof(self, seq: int, size: int) -> list[bytes]:
        """The audit path of entry `seq` in the tree of the first `size` entries."""
        self._within(size, "tree size")
        if not 1 <= seq <= size:
            raise Refusal(f"entry {seq} is not among the first {size} entries")
        return merkle.inclusion_proof(seq - 1, size, self._nodes)

    def consistency_proof(self, old: int, new: int) -> list[bytes]:
        """The proof that the log's first `old` entries are the tree of `old` inside the
        tree of `new`."""
        self._within(new, "to")
        if not 1 <= old <= new:
            raise Refusal(f"from {old} to {new}: a consistency proof needs 1 <= from <= to")
        return merkle.consistency_proof(old, new, self._nodes)

    def _within(self, size: int, name: str) -> None:
        held = self.size()
        if not 1 <= size <= held:
            raise Refusal(f"{name} {size}: the log holds {held} entries (1 to {held})")

    def _nodes(self, wanted: Sequence[merkle.Node], connection: Transaction | None = None
               ) -> dict[merkle.Node, bytes]:
        if connection is not None:
            found = self.database.tree_nodes_on(connection, wanted)
        else:
            found = self.database.tree_nodes(wanted)
        if len(found) != len(wanted):
            raise Refusal("the log's Merkle tree is incomplete: run `depositary rebuild`")
        return found

    def append_in_batches(
        self, new: Sequence[NewEntry], author: str, batch_size: int,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Append in batches of `batch_size` entries, each batch its own transaction: a
        crash keeps exactly the batches committed before it. Returns the entries written."""
        written = 0
        for start in range(0, len(new), batch_size):
            written += len(self.append(new[start:start + batch_size], author))
            if progress is not None:
                progress(written, len(new))
        if len(new) > batch_size:
            self.database.analyse()
        return written

    def load_file(
        self, path: Path, author: str, batch_size: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Append a register file; in batches if `batch_size` is given."""
        new = items(read_register_file(path))
        return self.append_in_batches(new, author, batch_size or max(len(new), 1), progress)

    def load_bundled(self, *, only_if_empty: bool = False) -> list[Entry]:
        return self.append(commonwealth_items(), BUNDLED_AUTHOR, only_if_empty=only_if_empty)

    def export(self, path: Path) -> int:
        """Write the whole log as JSON Lines: a header, then one entry a line with its
        hash chain. The header carries the checkpoints the depositary signed of it, the
        last of them of the whole archive (signed now if need be), so that a copy cut
        short, with its header rewritten, is refused by `restore`. Returns the number of
        entries."""
        log = self.database.entries()
        kept = [c for c in self.checkpoints() if c.tree_size <= len(log)]
        if log and self.notary is not None and (
                not kept or kept[0].tree_size != len(log)):
            kept.insert(0, self.checkpoint(len(log)))
        header = {"format": ARCHIVE, "entries": len(log),
                  "head": log[-1].hash if log else GENESIS,
                  "checkpoints": [c.as_json() for c in reversed(kept)]}
        with path.open("w", encoding="utf-8") as out:
            out.write(json.dumps(header) + "\n")
            for entry in log:
                out.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        return len(log)

    def restore(self, path: Path, checkpoints: Sequence[Checkpoint] = ()) -> int:
        """Import an archive into an empty database: every entry, hash and transaction
        time as it was, the projections replayed from them, and the checkpoints it
        carries. The archive must hold all that each checkpoint it carries, and each of
        `checkpoints` (a published one), covered: a copy cut short is refused."""
        log, carried = _read_archive(path)
        broken = first_broken(log)
        if broken is not None:
            raise Refusal(f"{path}: entry {broken[0]} is broken: {broken[1]}")
        tree = merkle.MemoryTree(bytes.fromhex(e.hash) for e in log)
        for checkpoint in [*carried, *checkpoints]:
            problem = witnessing.difference(checkpoint, log, tree, tree)
            if problem is not None:
                raise Refusal(f"{path}: {problem}")
        try:
            register = _replay(log, str(path), examine=True)
        except FormatError as error:
            raise Refusal(str(error)) from None
        with self.database.appending() as (connection, head):
            if head is not None:
                raise Refusal(
                    f"the database already holds {head.seq} entries: restore into an empty one"
                )
            self.database.insert(connection, log, index_of(log, _resolver(register)))
            everything = list(register.instruments)
            self.database.replace_projections(
                connection, everything, _projections(register, everything))
            self.database.add_checkpoints(connection, carried)
            if carried:
                self.database.mark_on(connection, ORIGIN, carried[-1].origin)
        self.memory.origin = None  # named by the archive's checkpoints, or by the next append
        return len(log)

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Recompute the index and every projection from the log, instrument by instrument
        in bounded memory (`rebuilding`); returns the number of instruments."""
        with self.database.appending() as (connection, _head):
            count = rebuilding.rebuild(self.database, connection, self.database.url, progress)
        self.database.analyse()
        return count

    def verify(self, checkpoints: Sequence[Checkpoint] = ()) -> Verification:
        """Check the hash chain, every act's signatures and notification, that the stored
        projections equal a fresh replay and the stored Merkle tree the log's, and that
        the log still holds what every checkpoint covered: those the depositary signed
        and kept, and `checkpoints` given from outside (a published one, a witness's)."""
        log = self.database.entries()
        broken = first_broken(log)
        unreadable = _first_unreadable(log)
        tree = merkle.MemoryTree(bytes.fromhex(e.hash) for e in log)
        stored = self.database.stored_tree()
        tree_mismatch = None if stored == tree.nodes else (
            "the stored Merkle tree differs from the log's (run rebuild)")
        signed = self._signed_mismatch(log, tree, stored, checkpoints)
        if unreadable is not None:
            return Verification(len(log), broken or unreadable, None, None, None,
                                tree_mismatch, signed)
        try:
            register = _replay(log, self.database.url, examine=True)
        except FormatError as error:
            return Verification(len(log), broken, str(error), None, None, tree_mismatch,
                                signed)
        mismatch = _compare(self.database, register, log) or _numbering(log)
        return Verification(len(log), broken, None, mismatch, _first_bad_signature(log),
                            tree_mismatch, signed)

    def _signed_mismatch(
        self, log: Sequence[Entry], tree: merkle.MemoryTree,
        stored: dict[merkle.Node, bytes], given: Sequence[Checkpoint],
    ) -> str | None:
        """The first checkpoint, given or kept, that the log no longer extends, and why."""
        def nodes(wanted: Sequence[merkle.Node]) -> dict[merkle.Node, bytes]:
            return {node: stored[node] for node in wanted if node in stored}

        for note, verifier in self.database.checkpoints():
            try:
                given = [*given, parse(note, verifier)]
            except CheckpointError as error:
                return f"a checkpoint the depositary kept does not verify: {error}"
        for checkpoint in given:
            if log and checkpoint.origin != self.origin:
                return (f"the checkpoint of {checkpoint.origin} ({checkpoint.tree_size} "
                        f"entries) is not of this log, {self.origin}: the register was "
                        "replaced by another")
        # Entries gone are named against the largest checkpoint (all that is gone); a
        # rewritten entry against the smallest that no longer holds (the first change).
        beyond = [c for c in given if c.tree_size > len(log)]
        if beyond:
            return witnessing.difference(max(beyond, key=lambda c: c.tree_size), log, tree,
                                         nodes)
        for checkpoint in sorted(given, key=lambda c: c.tree_size):
            problem = witnessing.difference(checkpoint, log, tree, nodes)
            if problem is not None:
                return problem
        return None


def refuse_emptied(database: LogStore) -> None:
    """Refuse a register file emptied to nothing: never taken for a new register."""
    emptied = database.emptied_file()
    if emptied is not None:
        raise Refusal(
            f"the register file {emptied} is empty (0 bytes): it was emptied, or its "
            "creation failed. Restore it from an export (`depositary restore`) and "
            "check it against a published checkpoint, or remove the file to begin a "
            "new register"
        )


def _read_archive(path: Path) -> tuple[list[Entry], list[Checkpoint]]:
    """The entries of an archive and the checkpoints its header carries (each checked
    against the key it names), after checking the header against the entries."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise Refusal(f"{path}: cannot be read: {error}") from None
    try:
        header = json.loads(lines[0]) if lines else {}
        if not isinstance(header, dict) or header.get("format") != ARCHIVE:
            raise Refusal(f"{path}: not a depositary archive (no {ARCHIVE!r} header)")
        log = [Entry(**json.loads(line)) for line in lines[1:] if line.strip()]
    except (json.JSONDecodeError, TypeError) as error:
        raise Refusal(f"{path}: a line is not an archived entry: {error}") from None
    if (log[-1].hash if log else GENESIS) != header.get("head"):
        raise Refusal(f"{path}: its last entry is not the head its header names: "
                          "the archive is cut short or altered")
    if len(log) != header.get("entries"):
        said = header.get("entries")
        raise Refusal(f"{path}: holds {len(log)} entries, its header says {said}")
    try:
        carried = [from_json(c) for c in header.get("checkpoints") or []]
    except CheckpointError as error:
        raise Refusal(f"{path}: a checkpoint in its header: {error}") from None
    return log, sorted(carried, key=lambda c: c.tree_size)


def _lineage(codes: set[str], people: Sequence[Entry]) -> set[str]:
    """The participants an instrument's replay needs: those that acted, the states whose
    record they continue, and the states that continue theirs (continuity, rule 11)."""
    continues = {
        e.key: e.data().get("continuator_of") for e in people if e.kind == EntryKind.PARTICIPANT
    }
    needed = set(codes)
    while True:
        more = {continues.get(c) for c in needed} | {
            heir for heir, predecessor in continues.items() if predecessor in needed
        }
        more = {c for c in more if c} - needed
        if not more:
            return needed
        needed |= more


def _with_notifications(
    new: Sequence[NewEntry], register: Register, counts: dict[str, int]
) -> list[NewEntry]:
    """Each registered act followed by its notification, numbered on from the last number
    of its year (the lock held by the caller keeps numbers from being skipped or reused)."""
    result: list[NewEntry] = []
    for kind, key, data in new:
        result.append((kind, key, data))
        act_id = key if kind == EntryKind.ACT else (
            data["act"].get("id") if kind == EntryKind.CORRECTION else None
        )
        notification = register.notification_of(act_id) if act_id else None
        if act_id is None or notification is None:
            continue
        act = register.act(act_id)
        assert act is not None  # a notification is only of a registered act
        year = str(act.received.year)
        counts[year] = counts.get(year, 0) + 1
        number = f"{counts[year]}.{year}"
        result.append((
            EntryKind.NOTIFICATION, number, notices.payload(number, act, notification, register)
        ))
    return result


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")


def _unstorable(value: Any, field: str = "") -> str | None:
    """What in a new entry's payload the register does not take, naming the field: a NUL
    character (PostgreSQL cannot store it, and no text needs it), or a date outside the
    calendar the engine computes with (`outside_calendar`). Checked on every write, since
    an entry once appended cannot be removed; a replay reads whatever the log holds."""
    if isinstance(value, str):
        if "\x00" in value:
            return f"{field or 'a field'}: a NUL character (U+0000) is not accepted"
        found = _ISO_DAY.match(value)
        if found:
            try:
                problem = outside_calendar(date(*(int(part) for part in found.groups())))
            except ValueError:
                return None  # not a date after all: the format's own check names it
            return f"{field}: {problem}" if problem else None
        return None
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list | tuple):
        items = ((f"[{n}]", item) for n, item in enumerate(value))
    else:
        return None
    for key, item in items:
        name = f"{field}.{key}" if field and not str(key).startswith("[") else f"{field}{key}"
        if "\x00" in str(key):
            return f"{field or 'a field'}: a NUL character (U+0000) is not accepted"
        problem = _unstorable(item, name)
        if problem is not None:
            return problem
    return None


def _first_unreadable(log: Sequence[Entry]) -> tuple[int, str] | None:
    for entry in log:
        try:
            entry.data()
        except ValueError:
            return entry.seq, "its payload is not JSON"
    return None


def _numbering(log: Sequence[Entry]) -> str | None:
    """Every act (and every corrected act) has one notification, numbered 1, 2, 3 ...
    within its year."""
    acts = [e.key for e in log if e.kind == EntryKind.ACT] + [
        e.data()["act"]["id"] for e in log if e.kind == EntryKind.CORRECTION
    ]
    notified = [e.data()["act"] for e in log if e.kind == EntryKind.NOTIFICATION]
    if sorted(acts) != sorted(notified):
        missing = sorted(set(acts) ^ set(notified)) or ["(an act notified twice)"]
        return f"notifications do not match the acts one to one: {missing[0]}"
    by_year: dict[str, list[int]] = defaultdict(list)
    for entry in log:
        if entry.kind == EntryKind.NOTIFICATION:
            number, _, year = entry.key.partition(".")
            by_year[year].append(int(number))
    for year, numbers in sorted(by_year.items()):
        if numbers != list(range(1, len(numbers) + 1)):
            return f"notification numbers of {year} skip or repeat: {numbers[:12]}"
    return None


def _first_bad_signature(log: Sequence[Entry]) -> tuple[int, str] | None:
    """The first registered act whose delegate's signature or depositary's
    countersignature, or the first signed position, does not verify with a key its
    signer could use when it was made."""
    submissions = {e.key: e for e in log if e.kind == EntryKind.SUBMISSION}
    for entry in log:
        data = entry.data()
        if entry.kind not in {EntryKind.ACT, EntryKind.POSITION} or "signature" not in data:
            continue
        message = signed_message(data)
        made = submissions.get(entry.key, entry)
        checks: tuple[tuple[Any, Any, Entry, str], ...] = (
            (data.get("signed_by"), data.get("signature"), made, "signature"),
        )
        if entry.kind == EntryKind.ACT:  # a registered act is countersigned as well
            checks += ((data.get("countersigned_by"), data.get("countersignature"), entry,
                        "countersignature"),)
        for person, signature, when, what in checks:
            day = date.fromisoformat(when.recorded_at[:10])
            keys = usable_keys(log, str(person), day, before=when.seq)
            if not signature or not any(verifies(k, message, signature) for k in keys):
                return entry.seq, f"its {what} by {person} does not verify"
    return None


def _projections(register: Register, instruments: Iterable[str],
                 only: Mapping[str, Collection[str] | None] | None = None) -> Projections:
    """The derived rows of these instruments of the register (of the participants `only`
    names for an instrument, if it does)."""
    return projections_of(
        ((register.evaluation(key), register.instruments[key], register.acts(key))
         for key in instruments), only)


def _kept_evaluations(register: Register, new: Sequence[NewEntry]) -> dict[str, Evaluation]:
    """The evaluations the register holds, computed already, of the instruments the new
    acts are on."""
    found = {}
    for kind, _, data in new:
        if kind == EntryKind.ACT and str(data.get("instrument")) in register:
            key = register.instrument(str(data["instrument"])).id
            kept = register.kept_evaluation(key)
            if kept is not None:
                found[key] = kept
    return found


def _rewritten(register: Register, before: Mapping[str, Evaluation],
               new: Sequence[NewEntry]) -> dict[str, frozenset[str] | None]:
    """Of each instrument the new acts are on and whose evaluation from before them is
    known, the participants whose rows change (projections.rewritten); the others'
    rows are all written again."""
    acting: dict[str, set[str]] = defaultdict(set)
    for kind, _, data in new:
        if kind in {EntryKind.PARTICIPANT, EntryKind.CORRECTION}:
            return {}  # a record continued or an act replaced: every row written again
        if kind != EntryKind.ACT:
            continue
        acting[register.instrument(str(data["instrument"])).id].add(str(data["participant"]))
    return {key: rewritten(before.get(key), register.evaluation(key), codes)
            for key, codes in acting.items()}


def _resolver(register: Register) -> Callable[[str], str]:
    return lambda key: register.instrument(key).id


# Entries that record what happened around the register but change no status: a replay
# need not read them.
_NOT_REPLAYED = EntryKind.WORKFLOW | {EntryKind.NOTIFICATION}


def as_items(log: Iterable[Entry]) -> list[NewEntry]:
    return [(e.kind, e.key, e.data()) for e in log if e.kind not in _NOT_REPLAYED]


def _replay(log: Iterable[Entry], source: str, *, examine: bool = False) -> Register:
    """The register the log describes. Its acts were examined when they were written, so
    a replay trusts them, unless `examine` (verify, restore: a log from elsewhere)."""
    register = Register()
    items = as_items(log)
    apply_items(register, items, source, admitted=0 if examine else len(items))
    return register


def _out_of_order(new: Sequence[NewEntry], register: Register) -> bool:
    """True if a new act was received before an act already logged on its instrument."""
    new_acts = {key for kind, key, _ in new if kind == EntryKind.ACT}
    if not new_acts:
        return False
    # Only the instruments the new acts are on: a single act reads its own, not the log.
    instruments = {
        found.instrument for key in new_acts if (found := register.act(key)) is not None
    }
    for instrument in instruments:
        acts = register.acts(instrument)
        latest = max((a.received for a in acts if a.id not in new_acts), default=date.min)
        if any(a.received < latest for a in acts if a.id in new_acts):
            return True
    return False


def _touched(register: Register, new: Sequence[NewEntry]) -> set[str]:
    """The instruments whose projections the new entries change, with their dependants. A
    new participant may continue another's record: then every instrument is redone."""
    redo_all = {EntryKind.PARTICIPANT, EntryKind.CORRECTION}
    if any(kind in redo_all for kind, _, _ in new) and register.acts():
        return set(register.instruments)
    direct = set()
    for kind, key, data in new:
        if kind == EntryKind.INSTRUMENT:
            direct.add(key)
        elif kind == EntryKind.ACT:
            direct.add(register.instrument(data["instrument"]).id)
        elif kind == EntryKind.CORRECTION:
            direct.add(register.instrument(data["act"]["instrument"]).id)
    return {dependant for key in direct for dependant in register.dependants(key)}


def _compare(database: LogStore, register: Register, log: Sequence[Entry]) -> str | None:
    """The first derived table that differs from what the log gives: the statuses and
    general entry into force of each instrument (with their evidence; duplicates count),
    then the read indexes."""
    stored, general = database.stored_projections()
    by_instrument: dict[str, list[ProjectionRow]] = defaultdict(list)
    for row in stored:
        by_instrument[row[0]].append(row)
    for key in sorted(register.instruments):
        evaluation: Evaluation = register.evaluation(key)
        fresh = sorted(projection_rows(evaluation, register.instruments[key]))
        mine = by_instrument.get(key, [])
        if fresh != mine or general.get(key) != general_row(evaluation):
            alias = register.instruments[key].alias
            return (f"the stored projection of {alias} differs from a fresh replay of the log "
                    "(run rebuild)")
    extra = {row[0] for row in stored} - set(register.instruments)
    if extra:
        return f"the projections hold instruments the log does not: {sorted(extra)[0]}"
    expected_charts = sorted(
        (key, row["participant"], row["data"])
        for key in register.instruments
        for row in rows_of(
            register.evaluation(key), register.instruments[key], register.acts(key)
        )
    )
    if database.stored_participations() != expected_charts:
        return "the status charts' columns differ from a fresh replay of the log (run rebuild)"
    subjects, index = database.stored_index()
    resolve = _resolver(register)
    expected_subjects = sorted(
        (e.seq, subject) for e in log for subject in subjects_of(e.kind, e.key, e.data(), resolve)
    )
    if subjects != expected_subjects:
        return "the index of entries by subject differs from the log (run rebuild)"
    expected_index = sorted(
        tuple(index_row(e.key, e.data()).values()) for e in log if e.kind == EntryKind.INSTRUMENT
    )
    if index != expected_index:
        return "the index of instruments differs from the log (run rebuild)"
    return None


def transaction_time(moment: str) -> str:
    """A transaction time given by a user, as the log writes it (ISO 8601, UTC)."""
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        raise Refusal(
            f"{moment!r} is not an ISO 8601 date or time (2026-11-27 or 2026-11-27T10:00)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if len(moment) == 10:  # a day: the end of it
        parsed = parsed.replace(hour=23, minute=59, second=59, microsecond=999999)
    try:
        in_utc = parsed.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+14:00 is before the calendar's first day
        in_utc = None
    if in_utc is None or outside_calendar(in_utc.date()):
        problem = outside_calendar(parsed.date()) or "outside the calendar"
        raise Refusal(f"{moment!r}: {problem}")
    return in_utc.isoformat(timespec="microseconds")


def _listed(
    instrument: str, alias: str, kind: str, titles: str, adopted: date | None
) -> Instrument:
    """An instrument as a list shows it, from a status row (its clauses are not read);
    memoised per stored register (`Memory.listed`)."""
    return Instrument(
        id=instrument, alias=alias, kind=InstrumentKind(kind), titles=json.loads(titles),
        adopted=adopted,
    )


def _participant(payload: str) -> Participant:
    """A participant from its entry's canonical payload; memoised per stored register
    (`Memory.participant`): a chart reads hundreds."""
    return participant_from(json.loads(payload))


def utc_today() -> date:
    """The depositary's day: UTC, as the log's transaction times are."""
    return datetime.now(UTC).date()
