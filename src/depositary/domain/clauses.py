"""An instrument's final clauses, held as data (DESIGN.md §5).

Each rule is a value; the engine (`depositary.domain.engine`) gives it meaning. Every
rule can describe itself, so a status can say which clause produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from depositary.domain.acts import CONSENT_KINDS, Act, ActKind
from depositary.domain.periods import shift
from depositary.domain.provenance import UNKNOWN, Provenance


@dataclass(frozen=True, slots=True)
class Delay:
    """A delay after a triggering date: months, then days, then optionally "on the first
    day of the month following". The zero delay means "on that date"."""

    days: int = 0
    months: int = 0
    first_of_next_month: bool = False

    def apply(self, day: date) -> date:
        return shift(
            day, days=self.days, months=self.months, first_of_next_month=self.first_of_next_month
        )

    def describe(self) -> str:
        parts = []
        if self.months:
            parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        if self.days:
            parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        text = " and ".join(parts) + " after" if parts else "on"
        if self.first_of_next_month:
            text = f"the first day of the month following {text.removesuffix(' after')} after"
            if not parts:
                text = "the first day of the month following"
        return text


@dataclass(frozen=True, slots=True)
class OnSignature:
    """In force on signature, for each signatory whose signature binds it (VCLT 12, 24(2))."""

    def describe(self) -> str:
        return "enters into force on signature"


@dataclass(frozen=True, slots=True)
class OnDate:
    """In force on a fixed date, for those who have consented by then (VCLT 24(1))."""

    day: date

    def describe(self) -> str:
        return f"enters into force on {self.day.isoformat()} for those that have consented"


@dataclass(frozen=True, slots=True)
class Share:
    """A weight listed in the instrument (an annex of emissions, contributions): the
    consenting participants must together hold at least `percent` of the total."""

    percent: float
    quantities: dict[str, float]
    label: str = "listed share"

    def total(self) -> float:
        return sum(self.quantities.values())

    def held(self, participants: set[str] | frozenset[str]) -> float:
        """The percentage of the listed total held by `participants`."""
        total = self.total()
        if total == 0:
            return 0.0
        return 100.0 * sum(self.quantities.get(p, 0.0) for p in participants) / total


@dataclass(frozen=True, slots=True)
class Threshold:
    """In force `delay` after receipt of the `count`-th instrument of consent, and, with a
    `share`, once the consenting participants also hold its percentage (VCLT 24(1); the
    Kyoto Protocol art. 25 is the double-threshold model)."""

    count: int
    delay: Delay = Delay()
    share: Share | None = None

    def describe(self) -> str:
        text = f"enters into force {self.delay.describe()} the receipt of the {ordinal(self.count)}"
        text += " instrument of consent"
        if self.share is not None:
            text += f" and once consenting participants hold {self.share.percent:g}% of the"
            text += f" {self.share.label}"
        return text


@dataclass(frozen=True, slots=True)
class AllSignatories:
    """In force `delay` after all participants that signed have consented."""

    delay: Delay = Delay()

    def describe(self) -> str:
        return f"enters into force {self.delay.describe()} the consent of all signatories"


@dataclass(frozen=True, slots=True)
class NamedParticipants:
    """In force `delay` after the named participants have all consented (the 1991 nuclear
    weapons agreement: 30 days after all four ratifications)."""

    participants: tuple[str, ...]
    delay: Delay = Delay()

    def describe(self) -> str:
        names = ", ".join(self.participants)
        return f"enters into force {self.delay.describe()} the consent of all of {names}"


@dataclass(frozen=True, slots=True)
class AllPartiesOf:
    """In force `delay` after every party to another instrument (on this instrument's
    adoption) has consented: the unanimity amendment of the CIS Charter (VCLT 40(4))."""

    instrument: str
    delay: Delay = Delay()

    def describe(self) -> str:
        return (
            f"enters into force {self.delay.describe()} the consent of every party to "
            f"{self.instrument} (unanimity)"
        )


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Alternatives: in force on the earliest date any of them gives (the CIS Charter:
    when all founders have deposited, or one year after adoption for those that have)."""

    alternatives: tuple[EntryIntoForce, ...]

    def describe(self) -> str:
        return "; or ".join(rule.describe() for rule in self.alternatives)


@dataclass(frozen=True, slots=True)
class NotEstablished:
    """The instrument's entry-into-force clause is not established: not read in any copy,
    or the copies read stop before it. The engine then says "unknown" rather than invent
    a rule (neither "in force on signature" nor "subject to ratification")."""

    missing: str = "the final clauses were not read in any copy"

    def describe(self) -> str:
        return f"the entry-into-force clause is not established: {self.missing}"


EntryIntoForce: TypeAlias = (
    OnSignature | OnDate | Threshold | AllSignatories | NamedParticipants | AllPartiesOf | AnyOf
    | NotEstablished
)


class SignatureEffect(StrEnum):
    """Whether a simple signature binds its author: the mixed mode of CIS agreements, in
    force on signature for some and on notification for others (VCLT 12(1))."""

    NONE = "none"  # a signature never binds; consent comes by a later act
    ALL = "all"  # every signature binds
    LISTED = "listed"  # binds the listed participants only


@dataclass(frozen=True, slots=True)
class Participation:
    """Who may become a party, and on what terms (VCLT 15)."""

    open_to: tuple[str, ...] | None = None  # None: any state
    accession: bool = True
    accession_needs_consent_of_parties: bool = False
    accession_delay: Delay = Delay()


@dataclass(frozen=True, slots=True)
class ProvisionalApplication:
    """Provisional application pending entry into force (VCLT 25): from signature (plus a
    delay) for every signatory, or from a participant's own notification."""

    from_signature: bool = False
    delay: Delay = Delay()


class ReservationRule(StrEnum):
    FREE = "free"
    PROHIBITED = "prohibited"
    LISTED = "listed"


@dataclass(frozen=True, slots=True)
class Reservations:
    """Reservations policy (VCLT 19) and tacit acceptance after 12 months (VCLT 20(5))."""

    rule: ReservationRule = ReservationRule.FREE
    permitted: tuple[str, ...] = ()  # the articles to which reservations may be made
    tacit_acceptance_months: int = 12


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """Withdrawal or denunciation: effective `delay` after receipt of the notice, or on a
    later date the notice states (VCLT 54, 56(2)); revocable before it takes effect (VCLT 68).
    The VCLT default for a treaty silent on it is twelve months' notice."""

    allowed: bool = True
    delay: Delay = Delay(months=12)


@dataclass(frozen=True, slots=True)
class Clauses:
    """The final clauses of one instrument.

    `entry_into_force` None: the instrument states none; it then binds each participant
    from its own consent (as the Alma-Ata Protocol: "from the moment of its ratification").
    """

    entry_into_force: EntryIntoForce | None = None
    later_entry_into_force: Delay = Delay()
    signature: SignatureEffect = SignatureEffect.NONE
    signature_binds: tuple[str, ...] = ()  # for SignatureEffect.LISTED
    participation: Participation = Participation()
    provisional_application: ProvisionalApplication | None = None
    reservations: Reservations = Reservations()
    withdrawal: Withdrawal = Withdrawal()
    source: str = ""  # the article(s) of the instrument these clauses come from
    # Where the reading of these clauses comes from and how sure it is; the signature's
    # effect may be a reading of its own (the Alma-Ata Protocol's mixed mode, U).
    provenance: Provenance = UNKNOWN
    signature_provenance: Provenance | None = None

    @property
    def established(self) -> bool:
        """False if the entry-into-force clause is not known (NotEstablished)."""
        return not isinstance(self.entry_into_force, NotEstablished)

    @property
    def signature_basis(self) -> Provenance:
        return self.signature_provenance or self.provenance

    def signature_binds_participant(self, participant: str) -> bool:
        """True if this participant's simple signature expresses its consent."""
        if self.signature is SignatureEffect.ALL:
            return True
        return self.signature is SignatureEffect.LISTED and participant in self.signature_binds

    def expresses_consent(self, act: Act) -> bool:
        """True if `act` is consent to be bound (VCLT 11): an instrument of consent, or a
        signature these clauses make binding for its author (VCLT 12; mixed mode)."""
        if act.kind in CONSENT_KINDS:
            return True
        return act.kind is ActKind.SIGNATURE and self.signature_binds_participant(act.participant)


# An instrument whose final clauses are not given (or not read): frozen, so one value
# serves every such instrument.
NO_CLAUSES = Clauses()


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
