"""Small builders for domain tests: participants, instruments and acts in one line each.

Status tables are written the way the UN prints them, as "CODE:YYYY-MM-DD" cells, so a
test can carry a real treaty's deposit dates without a page of constructor calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from depositary.domain.acts import Act, ActKind
from depositary.domain.clauses import Clauses
from depositary.domain.engine import Evaluation, evaluate
from depositary.domain.entry_into_force import PartiesOf
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant
from depositary.domain.periods import Period
from depositary.domain.status import Status
from depositary.domain.tacit import BoundFrom
from depositary.register.register import Register


def d(text: str) -> date:
    """An ISO date: d("1990-09-02")."""
    return date.fromisoformat(text)


def participant(
    code: str,
    *,
    exists_from: str | None = None,
    exists_until: str | None = None,
    continuator_of: str | None = None,
    predecessors: tuple[str, ...] = (),
) -> Participant:
    """A state; `exists_until` is the first day on which it no longer exists."""
    existence = Period(
        d(exists_from) if exists_from else None, d(exists_until) if exists_until else None
    )
    return Participant(
        code=code, existence=existence, continuator_of=continuator_of, predecessors=predecessors
    )


def participants(*codes: str, extra: Iterable[Participant] = ()) -> dict[str, Participant]:
    """Participants by code: plain states for `codes`, plus `extra` as given."""
    found = {code: participant(code) for code in codes}
    found.update({p.code: p for p in extra})
    return found


def instrument(
    alias: str,
    clauses: Clauses | None = None,
    *,
    adopted: str | None = None,
    kind: InstrumentKind = InstrumentKind.TREATY,
    title: str = "",
) -> Instrument:
    """An instrument with an Akoma Ntoso-style id built from its alias."""
    return Instrument(
        id=f"/akn/un/act/{kind.value}/{adopted or 'undated'}/{alias}",
        alias=alias,
        kind=kind,
        titles={"en": title or alias},
        adopted=d(adopted) if adopted else None,
        clauses=clauses or Clauses(),
    )


def act(
    who: str,
    kind: ActKind,
    received: str,
    *,
    dated: str | None = None,
    effective: str | None = None,
    refers_to: str | None = None,
    instrument: str = "",
    act_id: str | None = None,
) -> Act:
    """An act; `dated` defaults to the receipt date, the id to who-kind-received."""
    return Act(
        id=act_id or f"{who}-{kind.value}-{received}",
        instrument=instrument,
        participant=who,
        kind=kind,
        dated=d(dated or received),
        received=d(received),
        effective=d(effective) if effective else None,
        refers_to=refers_to,
    )


def table(cells: str, kind: ActKind = ActKind.RATIFICATION, instrument: str = "") -> list[Act]:
    """Acts of one kind from "CODE:YYYY-MM-DD" cells separated by whitespace."""
    found = []
    for cell in cells.split():
        code, received = cell.split(":")
        found.append(act(code, kind, received, instrument=instrument))
    return found


def run(
    treaty: Instrument,
    acts: Iterable[Act],
    known: Mapping[str, Participant] | None = None,
    parties_of: PartiesOf | None = None,
    bound_from: BoundFrom | None = None,
) -> Evaluation:
    """The engine's evaluation of `treaty` under `acts`."""
    return evaluate(treaty, list(acts), known or {}, parties_of, bound_from=bound_from)


def status(evaluation: Evaluation, who: str, day: str) -> Status:
    """The participant's status on a day, NOT_INVOLVED where it has none."""
    row = evaluation.status_on(who, d(day))
    return row.status if row is not None else Status.NOT_INVOLVED


def in_force_from(evaluation: Evaluation, who: str, day: str) -> date | None:
    """The participant's own entry-into-force date, as the row on `day` gives it."""
    row = evaluation.status_on(who, d(day))
    return row.in_force_from if row is not None else None


def register_with(
    *instruments: Instrument, codes: Iterable[str] = (), extra: Iterable[Participant] = ()
) -> Register:
    """A register holding the instruments and the participants, no acts yet."""
    register = Register()
    for known in participants(*codes, extra=extra).values():
        register.add_participant(known)
    for treaty in instruments:
        register.add_instrument(treaty)
    return register
