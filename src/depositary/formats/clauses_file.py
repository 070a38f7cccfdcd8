"""The clauses format: an instrument's final clauses as YAML or JSON data.

Documented with examples in docs/clauses.md. Parsed by Pydantic into the domain's clause
values; anything malformed is reported with the path of the offending field.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PositiveInt,
    ValidationError,
    model_validator,
)

from depositary.domain.acts import CONSENT_KINDS
from depositary.domain.clauses import (
    AllPartiesOf,
    AllSignatories,
    AnyOf,
    Clauses,
    Counting,
    Delay,
    EntryIntoForce,
    LaterParticipants,
    NamedParticipants,
    NotBefore,
    NotEstablished,
    OnDate,
    OnDateIf,
    OnSignature,
    Organisations,
    Participation,
    PartiesFraction,
    ProvisionalApplication,
    Recorded,
    ReservationRule,
    Reservations,
    Share,
    SignatureEffect,
    TacitAcceptance,
    Threshold,
    Withdrawal,
)
from depositary.domain.periods import add_months
from depositary.domain.provenance import UNKNOWN, Confidence, Provenance
from depositary.formats.errors import FormatError
from depositary.formats.files import read_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CALENDAR_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _calendar_day(text: str | None) -> tuple[int, int] | None:
    """"06-30" as (6, 30); a day not in every year (02-29, 02-30) is refused by date()."""
    if text is None:
        return None
    month, day = int(text[:2]), int(text[3:])
    date(2001, month, day)
    return month, day


class DelaySpec(_Strict):
    """A delay: `months`, then `days`, then optionally the first day of the next month."""

    days: int = Field(0, ge=0)
    months: int = Field(0, ge=0)
    first_of_next_month: bool = False

    def to_domain(self) -> Delay:
        return Delay(self.days, self.months, self.first_of_next_month)


class ShareSpec(_Strict):
    percent: float = Field(gt=0, le=100)
    quantities: dict[str, float]
    label: str = "listed share"


class PartiesFractionSpec(_Strict):
    """"Three-fourths of the Parties" to another instrument, counted on its adoption or on
    each deposit."""

    fraction: str = Field(pattern=r"^[1-9][0-9]*/[1-9][0-9]*$")  # "3/4"
    instrument: str  # whose parties: an alias or a work URI
    counted: Literal["at-adoption", "at-each-deposit"]

    @model_validator(mode="after")
    def _proper(self) -> PartiesFractionSpec:
        numerator, denominator = (int(n) for n in self.fraction.split("/"))
        if numerator > denominator:
            raise ValueError(f"fraction: {self.fraction} is more than all the parties")
        return self

    def to_domain(self) -> PartiesFraction:
        numerator, denominator = (int(n) for n in self.fraction.split("/"))
        return PartiesFraction(numerator, denominator, self.instrument,
                               self.counted == "at-adoption")


class ThresholdSpec(DelaySpec):
    """The N-th instrument (`count`), or a fraction of another instrument's parties
    (`of_parties`); whose instruments count; a share of a listed quantity."""

    count: PositiveInt | None = None
    of_parties: PartiesFractionSpec | None = None
    share: ShareSpec | None = None
    organisations: Organisations = Organisations.COUNTED
    including: list[str] = []
    including_at_least: PositiveInt | None = None  # "at least three of" the `including`
    instruments: list[str] = []  # only these kinds count ("ratification")

    @model_validator(mode="after")
    def _count_or_fraction(self) -> ThresholdSpec:
        if (self.count is None) == (self.of_parties is None):
            raise ValueError("give `count` (the N-th instrument) or `of_parties` (a fraction "
                             "of another instrument's parties), not both, not neither")
        if unknown := sorted(set(self.instruments) - {k.value for k in CONSENT_KINDS}):
            raise ValueError(f"instruments: {unknown} are not instruments of consent (VCLT "
                             f"11: {', '.join(sorted(k.value for k in CONSENT_KINDS))})")
        if len(set(self.including)) != len(self.including):
            raise ValueError("including: a participant is named twice")
        if self.including_at_least is not None and not self.including:
            raise ValueError("including_at_least needs `including`: the participants of "
                             "whom at least that many must be among them")
        if self.including_at_least is not None and (
                self.including_at_least > len(self.including)):
            raise ValueError(f"including_at_least: at most the {len(self.including)} "
                             "participants of `including`")
        return self

    def to_threshold(self) -> Threshold:
        share = None
        if self.share is not None:
            share = Share(self.share.percent, dict(self.share.quantities), self.share.label)
        return Threshold(
            self.count or 0, self.to_domain(), share,
            Counting(self.organisations, tuple(self.including), self.including_at_least,
                     tuple(self.instruments)),
            self.of_parties.to_domain() if self.of_parties is not None else None,
        )


class NamedSpec(DelaySpec):
    participants: list[str] = Field(min_length=1)


class AllPartiesOfSpec(DelaySpec):
    instrument: str


class EntryIntoForceSpec(_Strict):
    """Exactly one of the rules; `any_of` combines several with "or"."""

    on_signature: Literal[True] | None = None
    on_date: date | None = None
    threshold: ThresholdSpec | None = None
    all_signatories: DelaySpec | None = None
    named: NamedSpec | None = None
    all_parties_of: AllPartiesOfSpec | None = None
    any_of: list[EntryIntoForceSpec] | None = Field(None, min_length=2)
    on_date_if: OnDateIfSpec | None = None
    tacit_acceptance: TacitAcceptanceSpec | None = None
    recorded: RecordedSpec | None = None
    # Not established: what is missing (the clause not read in any copy, ...).
    unknown: str | None = Field(None, min_length=1)
    # Beside the rule: "but in no case earlier than" this date.
    not_before: date | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if value == "on-signature" or value == "on_signature":
            return {"on_signature": True}
        if value == "unknown":
            return {"unknown": NotEstablished().missing}
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> EntryIntoForceSpec:
        rules = [name for name in type(self).model_fields if name != "not_before"]
        given = [name for name in rules if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one entry-into-force rule of: {', '.join(rules)} "
                             f"(and, beside it, `not_before`); got {given}")
        return self

    def to_domain(self) -> EntryIntoForce:
        rule = self._rule()
        return NotBefore(rule, self.not_before) if self.not_before is not None else rule

    def _rule(self) -> EntryIntoForce:
        if self.on_signature:
            return OnSignature()
        if self.on_date is not None:
            return OnDate(self.on_date)
        if self.threshold is not None:
            return self.threshold.to_threshold()
        if self.tacit_acceptance is not None:
            return self.tacit_acceptance.to_rule()
        if self.on_date_if is not None:
            when = self.on_date_if
            return OnDateIf(when.day, when.provided.to_domain(), when.otherwise.to_domain())
        if self.all_signatories is not None:
            return AllSignatories(self.all_signatories.to_domain())
        if self.named is not None:
            return NamedParticipants(tuple(self.named.participants), self.named.to_domain())
        if self.all_parties_of is not None:
            spec = self.all_parties_of
            return AllPartiesOf(spec.instrument, spec.to_domain())
        if self.recorded is not None:
            return Recorded(self.recorded.day, self.recorded.condition, self.recorded.met_day())
        if self.unknown is not None:
            return NotEstablished(self.unknown)
        assert self.any_of is not None
        return AnyOf(tuple(alt.to_domain() for alt in self.any_of))


class TacitAcceptanceSpec(DelaySpec):
    """Every party to `instrument` bound on `day` (or the delay after adoption) unless
    `objections` (or `objections_fraction` of the parties) object by then; an objector is
    not bound where `opt_out`."""

    instrument: str
    day: date | None = None
    objections: PositiveInt | None = None
    objections_fraction: str | None = Field(None, pattern=r"^[1-9][0-9]*/[1-9][0-9]*$")
    opt_out: bool = True

    def to_rule(self) -> TacitAcceptance:
        fraction = None
        if self.objections_fraction is not None:
            numerator, denominator = (int(n) for n in self.objections_fraction.split("/"))
            fraction = PartiesFraction(numerator, denominator, self.instrument, False)
        return TacitAcceptance(self.instrument, self.day, self.to_domain(), self.objections,
                               fraction, self.opt_out)


class RecordedSpec(_Strict):
    """In force on `day`, the date the record gives for a condition no act shows (a share
    of world tonnage, a class of States): `condition` says which, `met` (optional) the
    day the record says it was met."""

    day: date
    condition: str = Field(min_length=1)
    met: date | None = None
    # The delay the article puts between the condition and the entry into force ("twelve
    # months after the date on which ..."): the condition was then met that long before
    # `day`, by the article's own words.
    after: DelaySpec | None = None

    @model_validator(mode="after")
    def _met_first(self) -> RecordedSpec:
        if self.met is not None and self.after is not None:
            raise ValueError("give `met` (the day the record says the condition was met) or "
                             "`after` (the article's delay, from which it follows), not both")
        met = self.met_day()
        if met is not None and met > self.day:
            raise ValueError(f"met {met} is after the day in force {self.day}: a "
                             "condition is met before the treaty enters into force")
        return self

    def met_day(self) -> date | None:
        """The day the condition was met: the record's, or the article's delay before."""
        return self._met_by(self.after.to_domain()) if self.after is not None else self.met

    def _met_by(self, delay: Delay) -> date:
        """The one day `delay` after which is `day`."""
        if delay.first_of_next_month:
            raise ValueError("`after` with first_of_next_month fits many days: give `met`")
        met = add_months(self.day - timedelta(days=delay.days), -delay.months)
        if delay.apply(met) != self.day:
            raise ValueError(f"no day is {delay.describe()} {self.day} exactly (the end of "
                             "a shorter month): give `met`")
        return met


class OnDateIfSpec(_Strict):
    """On `day` provided the condition is met by then; otherwise a delay after it is."""

    day: date
    provided: EntryIntoForceSpec
    otherwise: DelaySpec = DelaySpec()


class ParticipationSpec(_Strict):
    open_to: list[str] | None = None
    accession: bool = True
    accession_needs_consent_of_parties: bool = False
    accession_delay: DelaySpec = DelaySpec()
    members_await: list[str] = []  # organisations whose members are bound only with them


class ProvisionalApplicationSpec(DelaySpec):
    from_signature: bool = False


class ReservationsSpec(_Strict):
    rule: ReservationRule = ReservationRule.FREE
    permitted: list[str] = []
    tacit_acceptance_months: int = Field(12, ge=0)


class WithdrawalSpec(DelaySpec):
    allowed: bool = True
    # Notice only once this long has passed since the instrument entered into force for
    # the participant (Basel Convention art. 27(1): three years, `months: 36`).
    after_in_force: DelaySpec | None = None
    # On a day of the calendar ("06-30"), for a notice received by another ("01-01") of the
    # same year or of the year before (ICRW art. XI; ICCAT art. XII(2)); no delay then.
    on: str | None = Field(None, pattern=CALENDAR_DAY)
    notice_by: str | None = Field(None, pattern=CALENDAR_DAY)
    notice_in: Literal["same-year", "year-before"] = "same-year"

    @model_validator(mode="before")
    @classmethod
    def _twelve_months_unless_stated(cls, value: Any) -> Any:
        """VCLT 56(2): twelve months' notice where the instrument states no period. A stated
        period replaces it whole: `days: 90` is ninety days, not a year and ninety days."""
        if isinstance(value, dict) and True in value:
            # YAML 1.1 reads an unquoted `on:` key as the boolean true.
            value = {("on" if key is True else key): v for key, v in value.items()}
        stated = {"months", "days", "first_of_next_month", "on"}
        if isinstance(value, dict) and not stated & set(value):
            return {**value, "months": 12}
        return value

    @model_validator(mode="after")
    def _a_day_with_its_deadline(self) -> WithdrawalSpec:
        if (self.on is None) != (self.notice_by is None):
            raise ValueError("withdrawal on a calendar day needs both `on` (the day it takes "
                             "effect) and `notice_by` (the day the notice must reach)")
        if self.on is not None and (self.months or self.days or self.first_of_next_month):
            raise ValueError("withdrawal `on` a calendar day takes no delay (months, days)")
        for day in (self.on, self.notice_by):
            _calendar_day(day)  # a day no year has (02-30): ValueError, named by pydantic
        return self

    def to_withdrawal(self) -> Withdrawal:
        return Withdrawal(
            self.allowed, self.to_domain(),
            self.after_in_force.to_domain() if self.after_in_force else None,
            _calendar_day(self.on), _calendar_day(self.notice_by),
            self.notice_in == "year-before",
        )




class ClausesSpec(_Strict):
    """An instrument's final clauses. Every field is optional; the defaults are the VCLT's
    residual rules (no entry-into-force clause: each bound from its own consent)."""

    entry_into_force: EntryIntoForceSpec | None = None
    later_entry_into_force: DelaySpec = DelaySpec()
    later_participants: LaterParticipants = LaterParticipants.AFTER_CONDITION
    later_date_stated: bool = False  # "or on any later date indicated in that instrument"
    # Whether a simple signature binds: "all", "none", or the listed participants (mixed
    # mode). Unset: "all" for an instrument in force on signature, else "none".
    signature: Literal["none", "all"] | list[str] | None = None
    participation: ParticipationSpec = ParticipationSpec()
    provisional_application: ProvisionalApplicationSpec | None = None
    reservations: ReservationsSpec = ReservationsSpec()
    withdrawal: WithdrawalSpec = WithdrawalSpec(months=12)
    source: str = ""  # short: the articles, cited with every reason ("Art. 8")
    note: str = ""  # commentary: the wording, what is uncertain
    # How sure the reading is and where it comes from (a source key or a citation);
    # unset, the instrument's own. The signature's effect may be a reading of its own.
    confidence: Confidence | None = None
    basis: str = ""
    signature_confidence: Confidence | None = None
    signature_basis: str = ""

    def to_domain(self, reading: Provenance = UNKNOWN) -> Clauses:
        """The clauses; `reading` is the provenance of the instrument they belong to, the
        default for the clauses' own."""
        signature = self.signature
        if signature is None:
            on_signature = self.entry_into_force is not None and self.entry_into_force.on_signature
            signature = "all" if on_signature else "none"
        if isinstance(signature, list):
            effect, binds = SignatureEffect.LISTED, tuple(signature)
        else:
            effect, binds = SignatureEffect(signature), ()
        p = self.participation
        pa = self.provisional_application
        return Clauses(
            entry_into_force=(
                self.entry_into_force.to_domain() if self.entry_into_force else None
            ),
            later_entry_into_force=self.later_entry_into_force.to_domain(),
            later_participants=self.later_participants,
            later_date_stated=self.later_date_stated,
            signature=effect,
            signature_binds=binds,
            participation=Participation(
                open_to=tuple(p.open_to) if p.open_to is not None else None,
                accession=p.accession,
                accession_needs_consent_of_parties=p.accession_needs_consent_of_parties,
                accession_delay=p.accession_delay.to_domain(),
                members_await=tuple(p.members_await),
            ),
            provisional_application=(
                ProvisionalApplication(pa.from_signature, pa.to_domain()) if pa else None
            ),
            reservations=Reservations(
                self.reservations.rule,
                tuple(self.reservations.permitted),
                self.reservations.tacit_acceptance_months,
            ),
            withdrawal=self.withdrawal.to_withdrawal(),
            source=self.source,
            provenance=Provenance(
                self.basis or reading.source, self.confidence or reading.confidence, self.note
            ),
            signature_provenance=Provenance(
                self.signature_basis or self.basis or reading.source, self.signature_confidence
            ) if self.signature_confidence is not None else None,
        )


def load_clauses_file(path: Path) -> Clauses:
    """Read an instrument's final clauses from YAML or JSON (docs/clauses.md): either the
    clauses mapping itself or a mapping with a `clauses:` key."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise FormatError(path, [f"(top level): expected a mapping of clauses, found {found}"])
    prefix = ""
    if "clauses" in data:
        if extra := sorted(str(key) for key in data if key != "clauses"):
            why = f"(top level): beside 'clauses' no other key is allowed; found {extra}"
            raise FormatError(path, [why])
        data, prefix = data["clauses"], "clauses."
    try:
        return ClausesSpec.model_validate(data).to_domain()
    except ValidationError as error:
        problems = FormatError.from_validation(path, error).problems
        raise FormatError(path, [prefix + p for p in problems]) from None


def clauses_payload(clauses: Clauses) -> dict[str, Any]:
    """The clauses as data in this format: what `ClausesSpec` reads back to the same
    value (for clauses built in code, such as those read from a treaty's text)."""
    data: dict[str, Any] = {}
    if clauses.entry_into_force is not None:
        data["entry_into_force"] = _rule_payload(clauses.entry_into_force)
    data["later_entry_into_force"] = _delay_payload(clauses.later_entry_into_force)
    data["later_participants"] = clauses.later_participants.value
    data["later_date_stated"] = clauses.later_date_stated
    if clauses.signature is SignatureEffect.LISTED:
        data["signature"] = list(clauses.signature_binds)
    else:
        data["signature"] = clauses.signature.value
    p = clauses.participation
    data["participation"] = {
        "open_to": list(p.open_to) if p.open_to is not None else None,
        "accession": p.accession,
        "accession_needs_consent_of_parties": p.accession_needs_consent_of_parties,
        "accession_delay": _delay_payload(p.accession_delay),
        "members_await": list(p.members_await),
    }
    if clauses.provisional_application is not None:
        pa = clauses.provisional_application
        data["provisional_application"] = {
            "from_signature": pa.from_signature, **_delay_payload(pa.delay)
        }
    r = clauses.reservations
    data["reservations"] = {
        "rule": r.rule.value, "permitted": list(r.permitted),
        "tacit_acceptance_months": r.tacit_acceptance_months,
    }
    data["withdrawal"] = {
        "allowed": clauses.withdrawal.allowed, **_delay_payload(clauses.withdrawal.delay)
    }
    if clauses.withdrawal.after_in_force is not None:
        data["withdrawal"]["after_in_force"] = _delay_payload(clauses.withdrawal.after_in_force)
    if (on := clauses.withdrawal.on) and (by := clauses.withdrawal.notice_by):
        year = "year-before" if clauses.withdrawal.notice_year_before else "same-year"
        data["withdrawal"] |= {"on": f"{on[0]:02}-{on[1]:02}", "notice_by":
                               f"{by[0]:02}-{by[1]:02}", "notice_in": year}
    if clauses.source:
        data["source"] = clauses.source
    reading = clauses.provenance
    if reading != UNKNOWN:
        data["confidence"] = reading.confidence.value
        if reading.source:
            data["basis"] = reading.source
        if reading.note:
            data["note"] = reading.note
    if clauses.signature_provenance is not None:
        data["signature_confidence"] = clauses.signature_provenance.confidence.value
        data["signature_basis"] = clauses.signature_provenance.source
    return data


def _delay_payload(delay: Delay) -> dict[str, Any]:
    return {
        "days": delay.days, "months": delay.months,
        "first_of_next_month": delay.first_of_next_month,
    }


def _rule_payload(rule: EntryIntoForce) -> Any:
    if isinstance(rule, OnSignature):
        return "on-signature"
    if isinstance(rule, OnDate):
        return {"on_date": rule.day.isoformat()}
    if isinstance(rule, Threshold):
        return {"threshold": _threshold_payload(rule)}
    if isinstance(rule, NotBefore):
        return {**_rule_payload(rule.rule), "not_before": rule.day.isoformat()}
    if isinstance(rule, TacitAcceptance):
        tacit: dict[str, Any] = {"instrument": rule.instrument, **_delay_payload(rule.delay),
                                 "opt_out": rule.opt_out}
        if rule.day is not None:
            tacit["day"] = rule.day.isoformat()
        if rule.objections is not None:
            tacit["objections"] = rule.objections
        if rule.objections_fraction is not None:
            f = rule.objections_fraction
            tacit["objections_fraction"] = f"{f.numerator}/{f.denominator}"
        return {"tacit_acceptance": tacit}
    if isinstance(rule, OnDateIf):
        return {"on_date_if": {"day": rule.day.isoformat(),
                               "provided": _rule_payload(rule.condition),
                               "otherwise": _delay_payload(rule.otherwise)}}
    if isinstance(rule, AllSignatories):
        return {"all_signatories": _delay_payload(rule.delay)}
    if isinstance(rule, NamedParticipants):
        return {"named": {"participants": list(rule.participants), **_delay_payload(rule.delay)}}
    if isinstance(rule, AllPartiesOf):
        return {"all_parties_of": {"instrument": rule.instrument, **_delay_payload(rule.delay)}}
    if isinstance(rule, Recorded):
        recorded = {"day": rule.day.isoformat(), "condition": rule.condition}
        return {"recorded": recorded | ({"met": rule.met.isoformat()} if rule.met else {})}
    if isinstance(rule, NotEstablished):
        return {"unknown": rule.missing}
    return {"any_of": [_rule_payload(alt) for alt in rule.alternatives]}


def _threshold_payload(rule: Threshold) -> dict[str, Any]:
    data: dict[str, Any] = {**_delay_payload(rule.delay)}
    if rule.fraction is not None:
        f = rule.fraction
        data["of_parties"] = {
            "fraction": f"{f.numerator}/{f.denominator}", "instrument": f.instrument,
            "counted": "at-adoption" if f.at_adoption else "at-each-deposit"}
    else:
        data["count"] = rule.count
    if rule.share is not None:
        data["share"] = {
            "percent": rule.share.percent, "quantities": dict(rule.share.quantities),
            "label": rule.share.label,
        }
    data["organisations"] = rule.counting.organisations.value
    data["including"] = list(rule.counting.including)
    if rule.counting.including_at_least is not None:
        data["including_at_least"] = rule.counting.including_at_least
    if rule.counting.instruments:
        data["instruments"] = list(rule.counting.instruments)
    return data
