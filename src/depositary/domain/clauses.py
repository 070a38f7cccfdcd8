"""An instrument's final clauses, held as data (DESIGN.md §5).

Each rule is a value; the engine (`depositary.domain.engine`) gives it meaning. Every
rule can describe itself, so a status can say which clause produced it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import TypeAlias

from depositary.domain.acts import CONSENT_KINDS, Act, ActKind
from depositary.domain.periods import shift
from depositary.domain.phrases import (
    N_,
    Joined,
    Ordinal,
    Phrase,
    Quote,
    Value,
    joined,
    say,
    say_n,
)
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

    def describe(self) -> Phrase:
        """The delay before what triggers it: "3 months after", "on"."""
        months = (say_n("%(n)d month", "%(n)d months", self.months, n=self.months)
                  if self.months else None)
        days = say_n("%(n)d day", "%(n)d days", self.days, n=self.days) if self.days else None
        period = (say("%(months)s and %(days)s", months=months, days=days)
                  if months and days else months or days)
        if self.first_of_next_month:
            if period is None:
                return say("the first day of the month following")
            return say("the first day of the month following %(period)s after", period=period)
        return say("on") if period is None else say("%(period)s after", period=period)


@dataclass(frozen=True, slots=True)
class OnSignature:
    """In force on signature, for each signatory whose signature binds it (VCLT 12, 24(2))."""

    def describe(self) -> Phrase:
        return say("enters into force on signature")


@dataclass(frozen=True, slots=True)
class OnDate:
    """In force on a fixed date, for those who have consented by then (VCLT 24(1))."""

    day: date

    def describe(self) -> Phrase:
        return say("enters into force on %(day)s for those that have consented", day=self.day)


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


class Organisations(StrEnum):
    """Whether an organisation's instrument counts toward a threshold."""

    COUNTED = "counted"  # as any other instrument
    NOT_COUNTED = "not-counted"  # "instruments deposited by States": only States count
    # "shall not be counted as additional to those deposited by member States of that
    # organization" (Stockholm Convention art. 26(3), Minamata Convention art. 31(3)): it
    # counts only where none of its member States' instruments does.
    NOT_ADDITIONAL = "not-additional"


@dataclass(frozen=True, slots=True)
class Counting:
    """Whose instruments count toward a threshold: organisations' or not, and the named
    participants whose instruments must be among them ("including those of", the CTBT's
    Annex 2)."""

    organisations: Organisations = Organisations.COUNTED
    including: tuple[str, ...] = ()
    # Of `including`, how many must be among them (None: all): "at least three of the
    # five States named" (IAEA Statute art. XXI.E).
    including_at_least: int | None = None
    # The kinds of instrument that count (empty: every instrument of consent): the NPT's
    # "ratification ... by forty other States signatory" counts no accession (art. IX(3)).
    instruments: tuple[str, ...] = ()

    def describe(self) -> Joined:
        """Whose instruments count, said after "instrument(s) of consent"."""
        parts: list[Phrase] = []
        if self.organisations is Organisations.NOT_COUNTED:
            parts.append(say(" by States"))
        elif self.organisations is Organisations.NOT_ADDITIONAL:
            parts.append(say(" (an organisation's not additional to its member States')"))
        if self.instruments:
            first, *others = (ActKind(kind).said for kind in self.instruments)
            kinds: Value = first
            for kind in others:
                kinds = say("%(kinds)s or %(kind)s", kinds=kinds, kind=kind)
            parts.append(say(" (instruments of %(kinds)s only)", kinds=kinds))
        if self.including and self.including_at_least is not None:
            parts.append(say(", including those of at least %(n)d of %(participants)s",
                             n=self.including_at_least, participants=", ".join(self.including)))
        elif self.including:
            parts.append(say(", including those of %(participants)s",
                             participants=", ".join(self.including)))
        return joined(*parts)

    def missing_included(self, counted: frozenset[str]) -> int:
        """How many more of `including` must be counted."""
        named = set(self.including)
        wanted = len(named) if self.including_at_least is None else self.including_at_least
        return max(0, wanted - len(named & counted))


@dataclass(frozen=True, slots=True)
class PartiesFraction:
    """A threshold stated as a fraction of the parties to another instrument: "three-
    fourths of the Parties" (Basel Convention art. 17(5)). Read on the instrument's
    adoption (the "fixed time" reading, which the Basel parties chose in decision BC-10/3:
    "acceptance of three-fourths of those parties that were parties at the time of the
    adoption of the amendment", so only their instruments count), or on each deposit (the
    "current time" reading: a fraction of the parties of that day, any party's instrument
    counting); the clause names which."""

    numerator: int
    denominator: int
    instrument: str  # whose parties
    at_adoption: bool = True

    def needed(self, parties: int) -> int:
        """The instruments needed when `parties` are parties: the fraction, rounded up."""
        return -(-self.numerator * parties // self.denominator)

    def describe(self) -> Phrase:
        fraction = f"{self.numerator}/{self.denominator}"
        if self.at_adoption:
            return say("%(fraction)s of those that were parties to %(instrument)s on its "
                       "adoption", fraction=fraction, instrument=self.instrument)
        return say("%(fraction)s of the parties to %(instrument)s (counted on each deposit)",
                   fraction=fraction, instrument=self.instrument)


@dataclass(frozen=True, slots=True)
class Threshold:
    """In force `delay` after receipt of the `count`-th instrument of consent (or of the
    `fraction` of another instrument's parties), and, with a `share`, once the consenting
    participants also hold its percentage (VCLT 24(1); the Kyoto Protocol art. 25 is the
    double-threshold model). `counting` says whose instruments count."""

    count: int = 0
    delay: Delay = Delay()
    share: Share | None = None
    counting: Counting = Counting()
    fraction: PartiesFraction | None = None

    def describe(self) -> Joined:
        if self.fraction is None:
            receipt = say("enters into force %(delay)s the receipt of the %(nth)s instrument "
                          "of consent", delay=self.delay.describe(), nth=Ordinal(self.count))
        else:
            receipt = say("enters into force %(delay)s the receipt of %(fraction)s instruments "
                          "of consent", delay=self.delay.describe(),
                          fraction=self.fraction.describe())
        share = () if self.share is None else (say(
            " and once consenting participants hold %(percent)s%% of the %(share)s",
            percent=format(self.share.percent, "g"), share=Quote(self.share.label)),)
        return joined(receipt, self.counting.describe(), *share)


@dataclass(frozen=True, slots=True)
class AllSignatories:
    """In force `delay` after all participants that signed have consented."""

    delay: Delay = Delay()

    def describe(self) -> Phrase:
        return say("enters into force %(delay)s the consent of all signatories",
                   delay=self.delay.describe())


@dataclass(frozen=True, slots=True)
class NamedParticipants:
    """In force `delay` after the named participants have all consented (the 1991 nuclear
    weapons agreement: 30 days after all four ratifications)."""

    participants: tuple[str, ...]
    delay: Delay = Delay()

    def describe(self) -> Phrase:
        return say("enters into force %(delay)s the consent of all of %(participants)s",
                   delay=self.delay.describe(), participants=", ".join(self.participants))


@dataclass(frozen=True, slots=True)
class AllPartiesOf:
    """In force `delay` after every party to another instrument (on this instrument's
    adoption) has consented: the unanimity amendment of the CIS Charter (VCLT 40(4))."""

    instrument: str
    delay: Delay = Delay()

    def describe(self) -> Phrase:
        return say("enters into force %(delay)s the consent of every party to %(instrument)s "
                   "(unanimity)", delay=self.delay.describe(), instrument=self.instrument)


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Alternatives: in force on the earliest date any of them gives (the CIS Charter:
    when all founders have deposited, or one year after adoption for those that have)."""

    alternatives: tuple[EntryIntoForce, ...]

    def describe(self) -> Joined:
        first, *others = (rule.describe() for rule in self.alternatives)
        return joined(first, *(say("or %(rule)s", rule=rule) for rule in others),
                      separator="; ")


@dataclass(frozen=True, slots=True)
class NotBefore:
    """A rule bounded below: "but in no case earlier than two years after its opening for
    signature" (Chemical Weapons Convention art. XXI(1)); the bound is stated as a date."""

    rule: EntryIntoForce
    day: date

    def describe(self) -> Phrase:
        return say("%(rule)s, not before %(day)s", rule=self.rule.describe(), day=self.day)


@dataclass(frozen=True, slots=True)
class OnDateIf:
    """On a date, provided a condition is met by then; otherwise `otherwise` after the day
    it is met: "on 1 January 1994, provided that at least twenty instruments ... have been
    deposited ...; in the event that this condition has not been fulfilled by that date,
    ... on the ninetieth day following the date on which it has been fulfilled" (the
    Copenhagen Amendment to the Montreal Protocol, art. 3(1))."""

    day: date
    condition: EntryIntoForce
    otherwise: Delay = Delay()

    def describe(self) -> Phrase:
        return say("enters into force on %(day)s provided the condition is met by then "
                   "(%(condition)s); otherwise %(delay)s the day it is met", day=self.day,
                   condition=self.condition.describe(), delay=self.otherwise.describe())


@dataclass(frozen=True, slots=True)
class TacitAcceptance:
    """Binding without individual consent: an amendment, or a decision of a treaty's
    organ, in force for every party to `instrument` on `day` (or `delay` after this
    instrument's adoption) unless by then objections reach `objections` (a count) or
    `objections_fraction` (of the parties), and never for a party that objected where
    `opt_out` allows it: MARPOL 73/78 art. 16(2)(f)-(g), SOLAS 1974 art. VIII(b)(vi)-(vii).
    Without an objection threshold or opt-out, a decision binding every party: the
    Montreal Protocol's adjustments (art. 2(9)(d))."""

    instrument: str  # whose parties are bound
    day: date | None = None
    delay: Delay = Delay()
    objections: int | None = None
    objections_fraction: PartiesFraction | None = None
    opt_out: bool = True

    def describe(self) -> Joined:
        binds = (say("binds every party to %(instrument)s from %(day)s",
                     instrument=self.instrument, day=self.day) if self.day else
                 say("binds every party to %(instrument)s %(delay)s its adoption",
                     instrument=self.instrument, delay=self.delay.describe()))
        parts = [binds]
        if self.objections is not None:
            parts.append(say_n(" unless %(n)d object by then", " unless %(n)d object by then",
                               self.objections, n=self.objections))
        elif self.objections_fraction is not None:
            fraction = "/".join(map(str, (self.objections_fraction.numerator,
                                          self.objections_fraction.denominator)))
            parts.append(say(" unless %(fraction)s of them object by then", fraction=fraction))
        if self.opt_out:
            parts.append(say(", except a party that objected"))
        return joined(*parts)


@dataclass(frozen=True, slots=True)
class Recorded:
    """In force on the day the treaty's record gives, because its condition is one no act
    shows: a share of the world's merchant tonnage (MARPOL 73/78 art. 15(1)), States each
    holding a nuclear installation (Convention on Nuclear Safety art. 31(1)), a quantity of
    oil received. The rule is the article's; only the day its condition was met, or the
    day it entered into force, is read in the record (the depositary's notice, the UN's
    status page) and named with its source. `met`: the day the condition was met, where
    the record gives it (VCLT 24(3) then dates those consenting between it and `day`)."""

    day: date
    condition: str
    met: date | None = None

    def describe(self) -> Phrase:
        if self.met:
            return say("enters into force on %(day)s, the day the record gives for a "
                       "condition no act shows (%(condition)s), the condition met on %(met)s",
                       day=self.day, condition=Quote(self.condition), met=self.met)
        return say("enters into force on %(day)s, the day the record gives for a condition "
                   "no act shows (%(condition)s)", day=self.day, condition=Quote(self.condition))


@dataclass(frozen=True, slots=True)
class NotEstablished:
    """The instrument's entry-into-force clause is not established: not read in any copy,
    or the copies read stop before it. The engine then says "unknown" rather than invent
    a rule (neither "in force on signature" nor "subject to ratification")."""

    missing: str = "the final clauses were not read in any copy"

    def describe(self) -> Phrase:
        return say("the entry-into-force clause is not established: %(missing)s",
                   missing=Quote(self.missing))


EntryIntoForce: TypeAlias = (
    OnSignature | OnDate | Threshold | AllSignatories | NamedParticipants | AllPartiesOf | AnyOf
    | NotBefore | OnDateIf | TacitAcceptance | Recorded | NotEstablished
)


def renamed(rule: EntryIntoForce, name: Callable[[str], str]) -> EntryIntoForce:
    """The rule with each instrument it reads (whose parties it counts or binds) passed
    through `name`: the one place that knows which rules read another instrument."""
    match rule:
        case AllPartiesOf() | TacitAcceptance():
            return replace(rule, instrument=name(rule.instrument))
        case Threshold(fraction=PartiesFraction() as fraction):
            return replace(rule, fraction=replace(fraction, instrument=name(fraction.instrument)))
        case AnyOf():
            return replace(rule, alternatives=tuple(renamed(a, name) for a in rule.alternatives))
        case NotBefore():
            return replace(rule, rule=renamed(rule.rule, name))
        case OnDateIf():
            return replace(rule, condition=renamed(rule.condition, name))
    return rule


def instruments_read(rule: EntryIntoForce | None) -> list[str]:
    """The instruments (ids or aliases) a rule reads, in the order it names them."""
    found: list[str] = []

    def note(instrument: str) -> str:
        found.append(instrument)
        return instrument

    if rule is not None:
        renamed(rule, note)
    return found


class SignatureEffect(StrEnum):
    """Whether a simple signature binds its author: the mixed mode of CIS agreements, in
    force on signature for some and on notification for others (VCLT 12(1))."""

    NONE = "none"  # a signature never binds; consent comes by a later act
    ALL = "all"  # every signature binds
    LISTED = "listed"  # binds the listed participants only


class LaterParticipants(StrEnum):
    """Whose consent takes effect by the clause for later participants (VCLT 24(3)): the
    two readings of "thereafter"."""

    # Consent after the condition was met (the N-th instrument): the Rome Statute's "after
    # the deposit of the 60th instrument" (art. 126(2)), VCLT 24(3) read alike.
    AFTER_CONDITION = "after-condition"
    # Consent after the general entry into force: "it shall enter into force 30 days
    # following the eighth signature. Thereafter ..." read from the entry into force.
    AFTER_ENTRY_INTO_FORCE = "after-entry-into-force"


@dataclass(frozen=True, slots=True)
class Participation:
    """Who may become a party, and on what terms (VCLT 15). `members_await` names
    organisations whose member States are bound only once the organisation itself is
    (and never if it never is): a member's instrument takes effect with the
    organisation's."""

    open_to: tuple[str, ...] | None = None  # None: any state
    accession: bool = True
    accession_needs_consent_of_parties: bool = False
    accession_delay: Delay = Delay()
    members_await: tuple[str, ...] = ()


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
    The VCLT default for a treaty silent on it is twelve months' notice. `after_in_force`:
    notice may be given only once this long has passed since the instrument entered into
    force for the participant ("at any time after three years from the date on which
    this Convention has entered into force for a Party", Basel Convention art. 27(1))."""

    allowed: bool = True
    delay: Delay = Delay(months=12)
    after_in_force: Delay | None = None
    # On a day of the calendar instead of a delay: "on June thirtieth of any year by giving
    # notice on or before January first of the same year" (ICRW art. XI), "on 31 December
    # of any year ... on or before 31 December of the preceding year" (ICCAT art. XII(2)).
    # `on` and `notice_by` are (month, day); `notice_year_before`: the deadline falls in
    # the year before the one the withdrawal takes effect in.
    on: tuple[int, int] | None = None
    notice_by: tuple[int, int] | None = None
    notice_year_before: bool = False

    def takes_effect(self, received: date) -> date:
        """The day a notice received on `received` takes effect."""
        if self.on is None or self.notice_by is None:
            return self.delay.apply(received)
        year = received.year
        while True:  # at most two years on: a deadline is once a year
            effect = date(year, *self.on)
            deadline = date(year - self.notice_year_before, *self.notice_by)
            if received <= deadline and received < effect:
                return effect
            year += 1

    def describe(self) -> Phrase:
        if self.on is None or self.notice_by is None:
            return say("%(delay)s the notice", delay=self.delay.describe())
        on, by = date(2001, *self.on), date(2001, *self.notice_by)
        if self.notice_year_before:
            return say("on %(on)s of a year, for a notice received by %(by)s of the year "
                       "before", on=say_day(on), by=say_day(by))
        return say("on %(on)s of a year, for a notice received by %(by)s of the same year",
                   on=say_day(on), by=say_day(by))


@dataclass(frozen=True, slots=True)
class Clauses:
    """The final clauses of one instrument.

    `entry_into_force` None: the instrument states none; it then binds each participant
    from its own consent (as the Alma-Ata Protocol: "from the moment of its ratification").
    """

    entry_into_force: EntryIntoForce | None = None
    later_entry_into_force: Delay = Delay()
    later_participants: LaterParticipants = LaterParticipants.AFTER_CONDITION
    # "or on any later date indicated in that instrument": a consent may state the later
    # date it takes effect (its `effective`), never an earlier one.
    later_date_stated: bool = False
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
    return str(Ordinal(n))


def say_day(day: date) -> Phrase:
    """A day of the year without its year: "30 June"."""
    return say(MONTHS[day.month - 1], day=day.day)


MONTHS = (
    N_("%(day)d January"), N_("%(day)d February"), N_("%(day)d March"), N_("%(day)d April"),
    N_("%(day)d May"), N_("%(day)d June"), N_("%(day)d July"), N_("%(day)d August"),
    N_("%(day)d September"), N_("%(day)d October"), N_("%(day)d November"),
    N_("%(day)d December"),
)
