"""Imports of real treaty data into the stored register, through the same write path as a
single act. Each treaty's acts are screened by the engine first: an act it refuses (a
duplicate row, a withdrawal by a state not bound) is reported and left out, the rest is
appended, so one bad row of a third party's table does not stop an import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from depositary.domain.acts import Act
from depositary.domain.admissibility import ActRejected
from depositary.domain.clauses import Clauses, Delay, Withdrawal, instruments_read
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant
from depositary.domain.uri import WorkUri
from depositary.formats import ieadb
from depositary.formats.clause_text import extract
from depositary.formats.clauses_file import clauses_payload
from depositary.formats.register_file import NewEntry, act_item, participant_item
from depositary.formats.untc import StatusTable, require_readable
from depositary.log.entries import EntryKind
from depositary.register import Register


@dataclass
class ImportPlan:
    """The entries to append, and what was left out and why."""

    items: list[NewEntry] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    instruments: int = 0


def plan_status_table(
    table: StatusTable, clauses: Clauses, known: Register, *, title: str = "",
    adopted: date | None = None,
) -> ImportPlan:
    """A UN-style status table as entries: its new participants, the treaty with the
    clauses given, and the acts the engine admits. A table with cells or names that could
    not be read is refused whole (UnreadableTable), as an evaluation refuses it."""
    require_readable(table)
    instrument = Instrument(
        id=str(WorkUri("un", "treaty", adopted, table.instrument)),
        alias=table.instrument, kind=InstrumentKind.TREATY,
        titles={"en": title or table.instrument}, adopted=adopted, clauses=clauses,
        depositary="Secretary-General of the United Nations",
    )
    plan = ImportPlan()
    _add_participants(plan, table.participants.values(), known)
    _add_instrument(plan, instrument, table.acts, {**known.participants, **table.participants},
                    known,
                    note="imported from a UN Treaty Collection status table")
    return plan


def plan_ieadb(reading: ieadb.Reading, known: Register) -> ImportPlan:
    """The IEADB as entries: its participants, every agreement (with the clauses its
    notes state, where they can be read; otherwise none, which the instrument's note says),
    and the acts the engine admits."""
    plan = ImportPlan()
    _add_participants(plan, reading.participants.values(), known)
    everyone = {**known.participants, **reading.participants}
    for agreement in reading.agreements.values():
        found = extract("\n".join(agreement.texts))
        clauses = found.clauses if found is not None else Clauses()
        # IEADB dates a withdrawal by the day it took effect: no notice period on top.
        clauses = replace(clauses, withdrawal=Withdrawal(delay=Delay()))
        instrument = Instrument(
            id=agreement.instrument, alias=f"ieadb-{agreement.id}",
            kind=InstrumentKind.AGREEMENT, titles={"en": agreement.name},
            adopted=agreement.concluded, clauses=clauses,
        )
        note = "imported from the IEADB; " + (
            "clauses drafted from its notes by the extractor (`depositary clauses draft`), "
            "not read against the treaty" if found is not None
            else "its final clauses are not stated in the IEADB, so none are applied"
        )
        _add_instrument(plan, instrument, agreement.acts, everyone, known, note=note)
    return plan


def _add_participants(
    plan: ImportPlan, participants: Iterable[Participant], known: Register
) -> None:
    plan.items += [participant_item(p) for p in participants if p.code not in known.participants]


def _read_by(instrument: Instrument, known: Register) -> list[Instrument]:
    """The instruments of `known` that `instrument`'s clause reads, directly or through
    others, those read first; one it names that `known` lacks is left for the register to
    refuse, naming it."""
    found: list[Instrument] = []
    for target in instruments_read(instrument.clauses.entry_into_force):
        if target in known:
            read = known.instrument(target)
            found += [i for i in _read_by(read, known) if i not in found]
            if read not in found:
                found.append(read)
    return found


def _add_instrument(
    plan: ImportPlan, instrument: Instrument, acts: Iterable[Act],
    participants: Mapping[str, Participant], known: Register, *, note: str,
) -> None:
    screen = Register()
    for p in participants.values():
        screen.add_participant(p)
    # The instruments its clauses read (the treaty an amendment amends), with their acts,
    # as the register holds them: what its own acts are examined against.
    for needed in _read_by(instrument, known):
        screen.add_instrument(needed)
        screen.deposit_all(list(known.acts(needed.id)))
    screen.add_instrument(instrument)

    def refuse(error: ActRejected) -> None:
        plan.refused.append(f"{instrument.alias}: {error}")

    screen.deposit_all(list(acts), on_rejection=refuse)
    payload: dict[str, Any] = {
        "id": instrument.id, "alias": instrument.alias, "kind": instrument.kind.value,
        "titles": dict(instrument.titles), "clauses": clauses_payload(instrument.clauses),
        "note": note,
    }
    if instrument.adopted is not None:
        payload["adopted"] = instrument.adopted.isoformat()
    if instrument.depositary:
        payload["depositary"] = instrument.depositary
    plan.items.append((EntryKind.INSTRUMENT, instrument.id, payload))
    plan.items.extend(act_item(a) for a in sorted(screen.acts(), key=lambda a: a.sort_key))
    plan.instruments += 1
