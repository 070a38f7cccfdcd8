"""The derived rows the store keeps beside the log, as the engine and the register give
them: each instrument's status intervals and general entry into force; the status chart's
columns (for each instrument and participant, the signature, the consents, the
instruments counted for entry into force, the reservations), and the chart rebuilt from
them on any date, equal to the one a replay gives (tested); and the index of what each
entry is about. The store writes these rows (`app.ports`); it never computes them."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from depositary.app.ports import Index, ProjectionRow, Projections
from depositary.domain.acts import SIGNATURE_KINDS, Act, ActKind
from depositary.domain.engine import Evaluation
from depositary.domain.entry_into_force import Consent, Facts, general_entry_into_force
from depositary.domain.instruments import Instrument
from depositary.domain.participants import Participant
from depositary.domain.phrases import as_json, from_json
from depositary.domain.provenance import Confidence
from depositary.domain.reservations import Objection, ReservationRecord
from depositary.domain.status import NO_EVIDENCE, Evidence, Reason, Status
from depositary.locale.reasons import reason_in
from depositary.log.entries import Entry
from depositary.register.queries import (
    Chart,
    ChartRow,
    General,
    chart_on,
    reservations_on,
    withdrawn_span,
)

Resolver = Callable[[str], str]  # an instrument's id from its id or alias
T = TypeVar("T")


def projections_of(
    evaluated: Iterable[tuple[Evaluation, Instrument, Sequence[Act]]],
    only: Mapping[str, Collection[str] | None] | None = None,
) -> Projections:
    """The rows of instruments, each given with its evaluation and its acts; of an
    instrument `only` names participants for, those participants' rows alone (with its
    general row)."""
    rows = Projections([], [], [])
    for evaluation, instrument, acts in evaluated:
        some = (only or {}).get(instrument.id)
        rows.participations.extend(
            (instrument.id, row["participant"], row["data"])
            for row in rows_of(evaluation, instrument, acts, some)
        )
        rows.statuses.extend(projection_rows(evaluation, instrument, some))
        rows.general.append(general_row(evaluation))
    return rows


def rewritten(before: Evaluation | None, after: Evaluation,
              acting: Collection[str]) -> frozenset[str] | None:
    """The participants whose rows an append changes: those that acted, and those whose
    intervals, consents counted, signature or reservations' records the evaluation changed
    (an objection changes the reserving state's record). None where nothing was evaluated
    before: every row."""
    if before is None:
        return None
    found = set(acting)
    found.update(p for p in before.intervals.keys() | after.intervals.keys()
                 if before.intervals.get(p) is not after.intervals.get(p))
    found.update(p for p in before.signed.keys() | after.signed.keys()
                 if before.signed.get(p) != after.signed.get(p))
    for grouped in (_grouped(before.consents, after.consents, lambda c: c.participant),
                    _grouped(before.reservations, after.reservations,
                             lambda r: r.act.participant)):
        found.update(grouped)
    return frozenset(found)


def _grouped(before: Sequence[T], after: Sequence[T], owner: Callable[[T], str]) -> set[str]:
    """The owners whose items differ between `before` and `after`."""
    mine: dict[str, list[list[T]]] = defaultdict(lambda: [[], []])
    for side, items in enumerate((before, after)):
        for item in items:
            mine[owner(item)][side].append(item)
    return {code for code, (old, new) in mine.items() if old != new}


def projection_rows(evaluation: Evaluation, instrument: Instrument,
                    only: Collection[str] | None = None) -> Iterable[ProjectionRow]:
    listed = _listed(instrument)
    for participant, intervals in evaluation.intervals.items():
        if only is not None and participant not in only:
            continue
        for interval in intervals:
            yield (
                evaluation.instrument, participant, interval.status.value,
                interval.period.start, interval.period.end,
                evaluation.own_entry_into_force(interval),
                json.dumps([reason_json(r) for r in interval.reasons], ensure_ascii=False),
                *listed, evidence_json(interval.evidence),
            )


def general_row(evaluation: Evaluation) -> tuple[Any, ...]:
    """An instrument's row of `instrument_status`: its general entry into force, the
    reason, whether it is known, and the evidence of the clause's reading."""
    reason = evaluation.entry_into_force_reason
    evidence = evaluation.entry_into_force_evidence
    return (
        evaluation.instrument, evaluation.entry_into_force,
        json.dumps(reason_json(reason), ensure_ascii=False) if reason else None,
        evaluation.entry_into_force_known,
        evidence_json(evidence) if evidence else None,
    )


def _listed(instrument: Instrument) -> tuple[str, str, str, date | None]:
    """What a list of instruments shows, as the index of instruments holds it."""
    titles = json.dumps(instrument.titles, ensure_ascii=False, sort_keys=True)
    return instrument.alias, instrument.kind.value, titles, instrument.adopted


def index_of(
    log: Sequence[Entry], resolve: Resolver, payloads: Sequence[Mapping[str, Any]] | None = None
) -> Index:
    """The index rows of entries; `payloads` are their payloads, if the caller holds them
    parsed."""
    parsed = payloads if payloads is not None else [e.data() for e in log]
    return Index(
        [(e.seq, subject) for e, data in zip(log, parsed, strict=True)
         for subject in subjects_of(e.kind, e.key, data, resolve)],
        [index_row(e.key, data) for e, data in zip(log, parsed, strict=True)
         if e.kind == "instrument"],
    )


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
        # Under its kind too: a correction may move an act from another instrument, and
        # reading that one must find it (`corrections`).
        return [resolve(str(data["act"]["instrument"])), kind]
    if kind == "notification":
        return [str(data["instrument"]), kind]
    return [kind]


def rows_of(
    evaluation: Evaluation, instrument: Instrument, acts: Iterable[Act],
    only: Collection[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per participant with acts on the instrument (of the participants `only`
    names, if given)."""
    own: dict[str, list[Act]] = defaultdict(list)
    for act in sorted(acts, key=lambda a: a.sort_key):
        own[act.participant].append(act)
    counted: dict[str, list[list[str | None]]] = defaultdict(list)
    for c in evaluation.consents:
        counted[c.participant].append([c.received.isoformat(), _iso(c.ends), c.act, c.kind])
    codes = set(own) | set(counted) | set(evaluation.intervals)
    if only is not None:
        codes &= set(only)
    rows = []
    for code in sorted(codes):
        mine = own.get(code, [])
        rows.append({
            "participant": code,
            "data": json.dumps({
                "signatures": [a.received.isoformat() for a in mine if a.kind in SIGNATURE_KINDS],
                "consents": [
                    [a.id, a.kind.value, a.received.isoformat()]
                    for a in mine if instrument.clauses.expresses_consent(a)
                ],
                "counted": counted.get(code, []),
                "signed": _iso(evaluation.signed.get(code)),
                "reservations": [_reservation(r) for r in evaluation.reservations_of(code)],
            }, sort_keys=True),
        })
    return rows


@dataclass(frozen=True, slots=True)
class Interval:
    """A status row of the projection, parsed."""

    participant: str
    status: Status
    valid_from: date | None
    valid_to: date | None
    in_force_from: date | None
    reasons: tuple[Reason, ...]
    evidence: Evidence = NO_EVIDENCE

    def holds_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True, slots=True)
class Source:
    """What an instrument's status chart on any day is made of, read from the projections
    and parsed once: a chart on another day is a filter of it, not another read."""

    instrument: Instrument
    general: General
    intervals: tuple[Interval, ...]  # by participant
    signatures: Mapping[str, tuple[date, ...]]
    consents: Mapping[str, tuple[Act, ...]]
    reservations: Mapping[str, tuple[ReservationRecord, ...]]
    counted: tuple[Consent, ...]  # the instruments counted for entry into force
    signed: Mapping[str, date]
    participants: Mapping[str, Participant]


def source(
    instrument: Instrument, general: General,
    statuses: Iterable[Any], participations: Iterable[Any],
    participants: Mapping[str, Participant],
) -> Source:
    """The parsed source of an instrument's charts, from its projection rows."""
    data = {p.participant: json.loads(p.data) for p in participations}
    intervals = tuple(sorted((
        Interval(s.participant, Status(s.status), s.valid_from, s.valid_to, s.in_force_from,
                 tuple(map(reason_from, json.loads(s.reasons))), evidence_from(s.evidence))
        for s in statuses), key=lambda i: (i.participant, i.valid_from or date.min)))
    return Source(
        instrument=instrument, general=general, intervals=intervals,
        signatures={code: tuple(date.fromisoformat(d) for d in mine.get("signatures", []))
                    for code, mine in data.items()},
        consents={code: tuple(
            Act(act_id, instrument.id, code, ActKind(kind), on, on)
            for act_id, kind, received in mine.get("consents", [])
            for on in [date.fromisoformat(received)])
            for code, mine in data.items()},
        reservations={code: tuple(_record(x, instrument.id) for x in mine.get("reservations", []))
                      for code, mine in data.items()},
        counted=tuple(sorted((
            Consent(code, date.fromisoformat(c[0]), c[2],
                    c[3] if len(c) > 3 else "",  # a row projected before kinds were kept
                    date.fromisoformat(c[1]) if c[1] else None)
            for code, mine in data.items() for c in mine.get("counted", [])),
            key=lambda c: (c.received, c.participant))),
        signed={code: date.fromisoformat(mine["signed"])
                for code, mine in data.items() if mine.get("signed")},
        participants=participants,
    )


def chart(found: Source, as_of: date, language: str) -> Chart:
    """The status chart on `as_of` from the projections."""
    instrument = found.instrument
    rows = []
    for s in found.intervals:
        if not s.holds_on(as_of):
            continue
        signed = [d for d in found.signatures.get(s.participant, ()) if d <= as_of]
        consents = [c for c in found.consents.get(s.participant, ()) if c.received <= as_of]
        participant = found.participants.get(s.participant)
        in_force_from, in_force_until = withdrawn_span(
            s.status, s.valid_from,
            (i.in_force_from for i in found.intervals
             if i.participant == s.participant and i.valid_from is not None
             and s.valid_from is not None and i.valid_from < s.valid_from),
            s.in_force_from)
        rows.append(ChartRow(
            participant=s.participant,
            name=participant.name(as_of, language) if participant else s.participant,
            status=s.status,
            signature=signed[0] if signed else None,
            consent=consents[-1] if consents else None,
            in_force_from=in_force_from,
            in_force_until=in_force_until,
            reasons=tuple(reason_in(r, language) for r in s.reasons),
            reservations=reservations_on(found.reservations.get(s.participant, ()), as_of,
                                         language),
            evidence=s.evidence,
        ))
    general = found.general
    still_needed: int | None = None
    if general.known and general.day is not None and general.day <= as_of:
        still_needed = 0
    elif general.known:
        facts = Facts(found.counted, found.signed, instrument.adopted, None,
                      instrument.clauses.later_entry_into_force)
        still_needed = general_entry_into_force(
            instrument.clauses.entry_into_force, facts
        ).still_needed(as_of)
    return chart_on(
        instrument, as_of, language, general, rows,
        signatures=sum(1 for d in found.signed.values() if d <= as_of),
        consents=sum(1 for c in found.counted if c.received <= as_of),
        still_needed=still_needed,
    )


def reason_json(reason: Reason) -> dict[str, Any]:
    """A reason as the projections keep it: its sentence said in no language yet (to be
    said in the reader's), and its citation."""
    return {"said": as_json(reason.said), "rule": reason.rule}


def reason_from(stored: Any) -> Reason:
    """A reason kept by `reason_json`; a row projected before reasons were kept so holds
    the English sentence with its citation."""
    if isinstance(stored, str):
        return Reason(stored)
    return Reason(from_json(stored["said"]), (), stored["rule"])


def general_reason(stored: str | None) -> Reason | None:
    """The reason of an instrument's general entry into force, as its row keeps it."""
    if stored is None:
        return None
    return reason_from(json.loads(stored) if stored.startswith("{") else stored)


def evidence_json(evidence: Evidence) -> str:
    """An interval's evidence as the projection stores it."""
    return json.dumps({
        "confidence": evidence.confidence.value, "sources": list(evidence.sources),
        "conflicts": list(evidence.conflicts),
    }, ensure_ascii=False, sort_keys=True)


def evidence_from(stored: str | None) -> Evidence:
    """An interval's evidence as stored; a row written before evidence was kept (a
    register not rebuilt since) is unverified."""
    if not stored:
        return NO_EVIDENCE
    data = json.loads(stored)
    return Evidence(Confidence(data["confidence"]), tuple(data["sources"]),
                    tuple(data.get("conflicts", ())))


def _reservation(record: ReservationRecord) -> dict[str, Any]:
    return {
        "id": record.act.id, "participant": record.act.participant,
        "kind": record.act.kind.value, "text": record.act.text,
        "received": record.act.received.isoformat(), "late": record.late,
        "withdrawn_on": _iso(record.withdrawn_on),
        "objections": [[o.act.id, o.act.participant, o.act.received.isoformat(),
                        _iso(o.withdrawn_on)] for o in record.objections],
        "months": record.tacit_acceptance_months,
    }


def _record(data: Mapping[str, Any], instrument: str) -> ReservationRecord:
    day = date.fromisoformat(data["received"])
    act = Act(data["id"], instrument, data["participant"], ActKind(data["kind"]), day, day,
              text=data["text"])
    objections = tuple(
        Objection(
            Act(o[0], instrument, o[1], ActKind.OBJECTION, date.fromisoformat(o[2]),
                date.fromisoformat(o[2])),
            date.fromisoformat(o[3]) if o[3] else None,
        )
        for o in data["objections"]
    )
    withdrawn = date.fromisoformat(data["withdrawn_on"]) if data["withdrawn_on"] else None
    return ReservationRecord(act, data["late"], objections, withdrawn, data["months"])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
