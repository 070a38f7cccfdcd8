"""Whether the depositary may register an act: the checks that come before the engine.

Each check names the rule it applies. An act that fails is rejected whole and changes
nothing (the register only appends acts that pass).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from depositary.domain.acts import (
    CONSENT_KINDS,
    EFFECTIVE_DATE_KINDS,
    NOTICE_KINDS,
    REFERRING_KINDS,
    SIGNATURE_KINDS,
    Act,
    ActKind,
)
from depositary.domain.clauses import Delay, ReservationRule, TacitAcceptance
from depositary.domain.engine import Evaluation
from depositary.domain.instruments import Instrument, InstrumentKind
from depositary.domain.participants import Participant, continued_record
from depositary.domain.phrases import Phrase, PhrasedError, Value, cited, joined, say
from depositary.domain.status import Status
from depositary.domain.tacit import takes_effect


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why an act cannot be registered: the rule and a sentence a clerk can act on."""

    rule: str
    message: Value  # said in the reader's language (depositary.locale.reasons)

    @property
    def said(self) -> Value:
        """The sentence with its rule, in any language."""
        return cited(self.message, self.rule)

    def __str__(self) -> str:
        return str(self.said)


class ActRejected(PhrasedError):
    """Raised when an act fails examination; carries every rejection found."""

    def __init__(self, act: Act, rejections: Sequence[Rejection]) -> None:
        self.act = act
        self.rejections = tuple(rejections)
        super().__init__(say("act %(act)s rejected: %(rejections)s", act=act.id, rejections=joined(
            *(r.said for r in rejections), separator="; ")))


def examine(
    act: Act,
    instrument: Instrument,
    earlier: Sequence[Act],
    participants: Mapping[str, Participant],
    evaluation: Callable[[], Evaluation],
) -> list[Rejection]:
    """Every reason `act` cannot be registered on `instrument`, given the acts already
    registered and the engine's evaluation of them (asked for only when a check needs
    it); an empty list means admissible."""
    found: list[Rejection] = []
    participant = participants.get(act.participant)
    if participant is None:
        return [Rejection("register", say("unknown participant %(participant)s",
                                          participant=repr(act.participant)))]
    found += _dates(act, instrument, participant)
    found += _open_to(act, instrument)
    found += _clauses_allow(act, instrument)
    found += _duplicate(act, earlier)
    found += _reservation(act, instrument)
    # A continuator's record includes its predecessor's acts (rule 11).
    record = set(continued_record(participant.code, participants))
    found += _notice(act, instrument, evaluation, [a for a in earlier if a.participant in record])
    found += _reference(act, instrument, earlier, evaluation)
    return found


def _dates(act: Act, instrument: Instrument, participant: Participant) -> list[Rejection]:
    found = []
    if act.received < act.dated:
        found.append(Rejection(
            "VCLT 16, 78",
            say("received %(received)s before the date on the document, %(dated)s",
                received=act.received, dated=act.dated),
        ))
    if instrument.adopted is not None and act.dated < instrument.adopted:
        found.append(Rejection(
            "VCLT 10",
            say("dated %(dated)s, before the instrument was adopted on %(adopted)s",
                dated=act.dated, adopted=instrument.adopted),
        ))
    stated_later = instrument.clauses.later_date_stated and act.kind in CONSENT_KINDS
    if act.effective is not None and act.kind not in EFFECTIVE_DATE_KINDS and not stated_later:
        found.append(Rejection(
            "register", f"a {act.kind.label} takes effect on receipt; it cannot state a date "
            "(unless the clauses let a consent state a later one: `later_date_stated`)"
        ))
    elif (
        act.effective is not None
        and act.effective < act.received
        and act.kind not in {ActKind.SUCCESSION, ActKind.CEASED}
    ):
        # Only a succession reaches back (to the date of succession); anything else would
        # rewrite what the register already said about the past.
        found.append(Rejection(
            "VCLT 24(3), 56(2)",
            f"a {act.kind.label} cannot take effect ({act.effective}) before it is received "
            f"({act.received})",
        ))
    # A state that no longer exists cannot act; its continuator or successors act instead.
    for label, day in (("dated", act.dated), ("received", act.received)):
        if act.kind is not ActKind.CEASED and not participant.exists_on(day):
            span = participant.existence
            found.append(Rejection(
                "VCLT 6; state succession",
                say("%(participant)s did not exist on %(day)s (%(which)s); it existed from "
                    "%(start)s until %(end)s", participant=participant.code, day=day,
                    which=say("dated") if label == "dated" else say("received"),
                    start=span.start or say("time immemorial"), end=span.end or say("now")),
            ))
            break
    return found


def _open_to(act: Act, instrument: Instrument) -> list[Rejection]:
    open_to = instrument.clauses.participation.open_to
    if open_to is None or act.participant in open_to:
        return []
    if act.kind in CONSENT_KINDS or act.kind in SIGNATURE_KINDS:
        return [Rejection(
            "VCLT 15; the instrument's participation clause",
            say("%(instrument)s is open only to %(participants)s; no %(kind)s by "
                "%(participant)s can be registered", instrument=instrument.alias,
                participants=", ".join(open_to), kind=act.kind.said,
                participant=act.participant),
        )]
    return []


def _clauses_allow(act: Act, instrument: Instrument) -> list[Rejection]:
    clauses = instrument.clauses
    ended = instrument.terminated
    if ended is not None and act.received >= ended and act.kind is not ActKind.CEASED:
        return [Rejection(
            "VCLT 54, 59",
            say("%(instrument)s terminated on %(day)s; no act on it can be registered after "
                "that (%(kind)s received %(received)s)", instrument=instrument.alias,
                day=ended, kind=act.kind.said, received=act.received),
        )]
    if act.kind in NOTICE_KINDS and not clauses.withdrawal.allowed:
        return [Rejection(
            "VCLT 56(1)",
            say("%(instrument)s admits no withdrawal or denunciation; %(participant)s's notice "
                "cannot be registered", instrument=instrument.alias,
                participant=act.participant),
        )]
    if act.kind is ActKind.OBJECTION_TO_INSTRUMENT:
        return _objection_in_time(act, instrument)
    if act.kind is ActKind.CONCURRENCE and instrument.kind is not InstrumentKind.DECISION:
        return [Rejection(
            "the body's rules of procedure",
            say("%(instrument)s is a %(kind)s, not a body's decision: a concurrence is a "
                "member's agreement to a decision its body adopted, recorded with the decision",
                instrument=instrument.alias,
                kind=Phrase(instrument.kind.value.replace("-", " "), context="instrument")),
        )]
    if act.kind is ActKind.ACCESSION and not clauses.participation.accession:
        return [Rejection(
            "VCLT 15",
            say("%(instrument)s is not open to accession; %(participant)s can become a party "
                "only by signature and ratification", instrument=instrument.alias,
                participant=act.participant),
        )]
    return []


def _objection_in_time(act: Act, instrument: Instrument) -> list[Rejection]:
    """An objection counts only against what binds without consent, and only before it
    takes effect."""
    rule = instrument.clauses.entry_into_force
    if not isinstance(rule, TacitAcceptance):
        return [Rejection("VCLT 40", f"{instrument.alias} binds no one without consent: "
                                     "there is nothing to object to (consent is by acts)")]
    day = takes_effect(rule, instrument.adopted)
    if day is not None and act.received >= day:
        return [Rejection("VCLT 40", f"{instrument.alias} took effect on {day}: an objection "
                                     f"received {act.received} comes too late")]
    return []


def _duplicate(act: Act, earlier: Sequence[Act]) -> list[Rejection]:
    for other in earlier:
        if other.id == act.id:
            return [Rejection("register", say("an act with id %(id)s is already registered",
                                              id=repr(act.id)))]
        same = (other.participant, other.kind, other.dated, other.received, other.refers_to)
        if same == (act.participant, act.kind, act.dated, act.received, act.refers_to):
            return [Rejection(
                "register",
                say("duplicate of act %(id)s: the same %(kind)s by %(participant)s dated "
                    "%(dated)s, received %(received)s", id=other.id, kind=act.kind.said,
                    participant=act.participant, dated=act.dated, received=act.received),
            )]
    return []


def _reservation(act: Act, instrument: Instrument) -> list[Rejection]:
    if act.kind is not ActKind.RESERVATION:
        return []
    policy = instrument.clauses.reservations
    if policy.rule is ReservationRule.PROHIBITED:
        return [Rejection(
            "VCLT 19(a)", say("%(instrument)s prohibits reservations; %(id)s cannot be made",
                              instrument=instrument.alias, id=act.id)
        )]
    if policy.rule is ReservationRule.LISTED and act.refers_to not in policy.permitted:
        return [Rejection(
            "VCLT 19(b)",
            say("%(instrument)s permits reservations only to %(articles)s; this one is to "
                "%(article)s", instrument=instrument.alias,
                articles=", ".join(policy.permitted),
                article=act.refers_to or say("no stated article")),
        )]
    return []


def _notice(
    act: Act,
    instrument: Instrument,
    evaluation: Callable[[], Evaluation],
    record: Sequence[Act],
) -> list[Rejection]:
    if act.kind in NOTICE_KINDS:
        row = evaluation().status_on(act.participant, act.received)
        # Where the register cannot establish whether the participant is bound, its notice
        # is accepted: the state that gives it holds itself bound (and settles the question).
        bound = {Status.CONTRACTING, Status.PARTY, Status.UNKNOWN}
        if row is None or row.status not in bound:
            status = row.status if row else Status.NOT_INVOLVED
            hint = (
                say("; to stop applying it provisionally, register a "
                    "provisional-application-end (VCLT 25(2))") if row is not None
                and row.status is Status.PROVISIONALLY_APPLYING else ""
            )
            return [Rejection(
                "VCLT 54, 56",
                joined(say("%(participant)s is %(status)s on %(day)s: only a party or a "
                           "contracting participant can give notice of %(kind)s",
                           participant=act.participant, status=status.said, day=act.received,
                           kind=act.kind.said), hint),
            )]
        if row.status is not Status.UNKNOWN and (
                barred := _too_early(act, instrument, evaluation())) is not None:
            return [barred]
    clauses = instrument.clauses
    # Only a participant that has consented before needs the engine's view of it.
    has_consented = any(clauses.expresses_consent(a) for a in record)
    if clauses.expresses_consent(act) and has_consented:
        row = evaluation().status_on(act.participant, act.received)
        if row is not None and row.status in {Status.CONTRACTING, Status.PARTY}:
            return [Rejection(
                "VCLT 11",
                say("%(participant)s already consented to be bound (status %(status)s on "
                    "%(day)s)", participant=act.participant, status=row.status.said,
                    day=act.received),
            )]
    return []


def _too_early(act: Act, instrument: Instrument, evaluation: Evaluation) -> Rejection | None:
    """A notice given before the clause allows one: before the time it names after the
    instrument entered into force for the participant (the last time it did, for one that
    withdrew and came back), or before it entered into force."""
    wait = instrument.clauses.withdrawal.after_in_force
    if wait is None:
        return None
    starts = [i.in_force_from for i in evaluation.intervals.get(act.participant, ())
              if i.status.in_force and i.in_force_from is not None
              and i.in_force_from <= act.received]
    since = max(starts, default=None)
    if since is not None and act.received >= wait.apply(since):
        return None
    how_long = say("once it has entered into force") if wait == Delay() else say(
        "%(delay)s its entry into force", delay=wait.describe())
    found = (say("it entered into force for %(participant)s on %(day)s, so notice may be given "
                 "from %(from)s", participant=act.participant, day=since,
                 **{"from": wait.apply(since)}) if since is not None
             else say("it is not in force for %(participant)s", participant=act.participant))
    return Rejection(
        "the instrument's withdrawal clause (VCLT 54(a))",
        say("%(instrument)s admits %(kind)s only %(how_long)s for the participant; %(found)s "
            "(notice received %(received)s)", instrument=instrument.alias, kind=act.kind.said,
            how_long=how_long, found=found, received=act.received),
    )


# What each referring act may refer to, and whether it must be the author's own act.
_TARGETS: dict[ActKind, tuple[frozenset[ActKind], bool, str]] = {
    ActKind.RESERVATION_WITHDRAWAL: (frozenset({ActKind.RESERVATION}), True, "VCLT 22(1)"),
    ActKind.DECLARATION_WITHDRAWAL: (frozenset({ActKind.DECLARATION}), True, "VCLT 22(1)"),
    ActKind.OBJECTION_WITHDRAWAL: (frozenset({ActKind.OBJECTION}), True, "VCLT 22(2)"),
    ActKind.NOTICE_REVOCATION: (NOTICE_KINDS, True, "VCLT 68"),
    ActKind.OBJECTION: (frozenset({ActKind.RESERVATION, ActKind.DECLARATION}), False, "VCLT 20"),
}


def _reference(
    act: Act, instrument: Instrument, earlier: Sequence[Act], evaluation: Callable[[], Evaluation]
) -> list[Rejection]:
    """An act that refers to another must name one of the right kind: its author's own
    reservation, objection or notice to withdraw or revoke, or another's reservation to
    object to; a notice can be revoked only before it takes effect (VCLT 68)."""
    if act.kind not in REFERRING_KINDS:
        return []
    if act.refers_to is None:
        return [Rejection("register", f"a {act.kind.label} must name the act it refers to")]
    if act.kind is ActKind.ACCESSION_CONSENT:
        return []
    target = next((a for a in earlier if a.id == act.refers_to), None)
    if target is None:
        return [Rejection(
            "register", f"{act.kind.label} refers to {act.refers_to!r}, which is not registered"
        )]
    kinds, own, rule = _TARGETS[act.kind]
    if target.kind not in kinds:
        wanted = " or ".join(sorted(k.label for k in kinds))
        return [Rejection(rule, f"a {act.kind.label} refers to a {wanted}, not a "
                                f"{target.kind.label} ({target.id})")]
    if own and target.participant != act.participant:
        return [Rejection(rule, f"{act.participant} cannot make a {act.kind.label} of "
                                f"{target.participant}'s {target.kind.label}")]
    if not own and target.participant == act.participant:
        return [Rejection(rule, f"{act.participant} cannot object to its own "
                                f"{target.kind.label}")]
    if act.kind is ActKind.NOTICE_REVOCATION:
        takes_effect = instrument.clauses.withdrawal.takes_effect(target.received)
        takes_effect = max(takes_effect, target.effective or takes_effect)
        if act.received >= takes_effect:
            return [Rejection(rule, f"{target.id} took effect on {takes_effect}; a notice is "
                                    "revocable only until it takes effect")]
    objecting = act.kind is ActKind.OBJECTION
    if objecting and evaluation().status_on(act.participant, act.received) is None:
        return [Rejection(rule, f"{act.participant} has neither signed nor consented to the "
                                "instrument, so it cannot object")]
    return []
