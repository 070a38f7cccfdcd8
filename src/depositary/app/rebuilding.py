"""The projections rebuilt from the log, instrument by instrument, in bounded memory.

The first pass reads the log a page at a time: it writes the index of what each entry is
about and the log's Merkle tree, and keeps only the participants, the persons, and each
instrument's place in the log and the instruments its clauses read. The second replays
each instrument by itself (its entry, acts and corrections, after the instruments its
clauses read) with the participants, evaluates it and writes its projections, a few
hundred instruments at a time. What a rebuild holds is one page and one group, not the
log: a whole-log replay of a world's two million acts would hold gigabytes. The
projections are those of a replay of the whole log, which `verify` compares them with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from depositary.app.ports import LogStore, Transaction
from depositary.app.projections import index_of, projections_of
from depositary.domain.acts import Act
from depositary.domain.clauses import instruments_read
from depositary.domain.engine import Evaluation
from depositary.domain.graphs import reached
from depositary.domain.instruments import Instrument
from depositary.formats.register_file import instrument_from
from depositary.log.entries import EntryKind
from depositary.register import Register
from depositary.register.replay import apply_items

PAGE = 5_000  # entries read at a time in the first pass
GROUP = 500  # instruments replayed and written at a time
# What one instrument's replay reads: the instrument, its acts and their corrections.
_OF_AN_INSTRUMENT = (EntryKind.INSTRUMENT, EntryKind.ACT, EntryKind.CORRECTION)

Items = list[tuple[str, str, dict[str, Any]]]


def rebuild(
    database: LogStore, connection: Transaction, source: str,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Replace the index, the log's Merkle tree and the projections with those the log
    gives, on `connection` (which holds the append lock). Returns the number of
    instruments."""
    database.clear_projections(connection)
    database.drop_index(connection)
    database.clear_tree(connection)
    people, reads = _index(database, connection, source)
    order = list(reads)  # in the order the log registered them: bases first
    for start in range(0, len(order), GROUP):
        group = order[start:start + GROUP]
        closures = {key: _closure(key, reads) for key in group}
        found = database.entries_by_subject(
            connection, sorted(set().union(*closures.values())), _OF_AN_INSTRUMENT)
        # Parsed once, though an instrument many others read is replayed with each.
        about = {k: [(e.seq, (e.kind, e.key, e.data())) for e in es] for k, es in found.items()}
        evaluated: list[tuple[Evaluation, Instrument, Sequence[Act]]] = []
        for key in group:
            register = people.with_people()
            # In log order: an instrument before those that read it, an act before the
            # correction that supersedes it.
            items: Items = [item for _, item in sorted(
                (pair for k in closures[key] for pair in about[k]), key=lambda pair: pair[0])]
            apply_items(register, items, source, admitted=len(items))
            evaluated.append((register.evaluation(key), register.instruments[key],
                              register.acts(key)))
        database.insert_projections(connection, projections_of(evaluated))
        if progress is not None:
            progress(start + len(group), len(order))
    return len(order)


def _index(
    database: LogStore, connection: Transaction, source: str
) -> tuple[Register, dict[str, set[str]]]:
    """The first pass: the index written page by page; the register of the participants
    and persons; each instrument's id (in log order) with the ids it must be replayed
    with: those its clauses read, and those a correction moved an act to or from."""
    people: Items = []
    ids: dict[str, str] = {}  # an instrument's id and alias → its id
    reads: dict[str, set[str]] = {}
    corrections: list[dict[str, Any]] = []  # few: kept whole

    def resolve(key: str) -> str:
        return ids.get(key) or ids.get(key.lower()) or key

    for page in database.pages(connection, PAGE):
        payloads = [entry.data() for entry in page]
        for entry, data in zip(page, payloads, strict=True):
            if entry.kind == EntryKind.INSTRUMENT:
                instrument = instrument_from(data)
                ids[instrument.id] = ids[instrument.alias] = instrument.id
                read = instruments_read(instrument.clauses.entry_into_force)
                reads[instrument.id] = {resolve(target) for target in read}
            elif entry.kind in (EntryKind.PARTICIPANT, EntryKind.PERSON, EntryKind.CAPACITY):
                people.append((entry.kind, entry.key, data))
            elif entry.kind == EntryKind.CORRECTION:
                corrections.append(data)
        database.index(connection, index_of(page, resolve, payloads))
        database.grow_tree(connection, page)
    # The two instruments of a moved act are replayed together, so that one loses the
    # act the other gains.
    for before, now in moves(
        corrections, lambda acts: database.act_instruments(connection, acts), resolve
    ):
        reads[before].add(now)
        reads[now].add(before)
    register = Register()
    apply_items(register, people, source, admitted=len(people))
    return register, reads


def moves(
    corrections: Iterable[Mapping[str, Any]],
    logged: Callable[[list[str]], Mapping[str, str]], resolve: Callable[[str], str],
) -> list[tuple[str, str]]:
    """(from, to) for each correction, in log order, that moved an act to another
    instrument (it had been recorded on the wrong one). `logged` gives the instrument of
    acts as the log registered them; `resolve` an instrument's id from its alias."""
    pending: list[tuple[str, str | None, str]] = []  # (act, its instrument if corrected, to)
    corrected: dict[str, str] = {}  # an act a correction brought in → its instrument
    for data in corrections:
        now, act = resolve(str(data["act"]["instrument"])), str(data["supersedes"])
        pending.append((act, corrected.get(act), now))
        corrected[str(data["act"]["id"])] = now
    found = logged([act for act, before, _ in pending if before is None])
    return [
        (was, now) for act, before, now in pending
        if (was := before or resolve(found.get(act, now))) != now
    ]


def _closure(key: str, reads: Mapping[str, Iterable[str]]) -> set[str]:
    """The instrument and every instrument it must be replayed with, directly or through
    others."""
    return reached([key], reads)
