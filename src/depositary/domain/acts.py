"""Acts: what a participant does to an instrument, as received by the depositary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.phrases import Joined, Phrase, Value, joined, say
from depositary.domain.provenance import UNKNOWN, Provenance


class ActKind(StrEnum):
    SIGNATURE = "signature"  # simple signature, subject to ratification (VCLT 14, 18)
    SIGNATURE_AD_REFERENDUM = "signature-ad-referendum"  # VCLT 12(2)(b)
    DEFINITIVE_SIGNATURE = "definitive-signature"  # consent by signature (VCLT 12)
    # A member's agreement to a decision its body adopted (the CIS's consensus with declared
    # non-interest): consent to be bound by the decision from its date, signed by no one.
    # Written only by the secretariat's `decide`, on the decision's own instrument.
    CONCURRENCE = "concurrence"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    FORMAL_CONFIRMATION = "formal-confirmation"  # an organisation's ratification
    NOTIFICATION = "notification"  # completion of domestic procedures (CIS practice)
    ACCESSION_CONSENT = "accession-consent"  # a party consents to another's accession
    PROVISIONAL_APPLICATION = "provisional-application"
    PROVISIONAL_APPLICATION_END = "provisional-application-end"
    RESERVATION = "reservation"
    RESERVATION_WITHDRAWAL = "reservation-withdrawal"
    DECLARATION = "declaration"
    DECLARATION_WITHDRAWAL = "declaration-withdrawal"
    OBJECTION = "objection"
    OBJECTION_WITHDRAWAL = "objection-withdrawal"
    # A party's objection to what would bind it without its consent: an amendment by tacit
    # acceptance (MARPOL art. 16(2)(f)), an organ's decision where the treaty allows an
    # opt-out. Counted against the amendment's entry into force; the objector is not bound.
    OBJECTION_TO_INSTRUMENT = "objection-to-instrument"
    WITHDRAWAL = "withdrawal"  # notice of withdrawal (VCLT 54, 56)
    DENUNCIATION = "denunciation"
    NOTICE_REVOCATION = "notice-revocation"  # VCLT 68
    CEASED = "ceased-to-exist"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")

    @property
    def said(self) -> Phrase:
        """The kind in words, in any language (the catalog's context "act":
        depositary.locale.labels)."""
        return Phrase(self.label, context="act")


# Acts that express consent to be bound (VCLT 11). A definitive signature is one; a simple
# signature is not, unless the instrument's clauses make it definitive for its author.
CONSENT_KINDS = frozenset(
    {
        ActKind.DEFINITIVE_SIGNATURE,
        ActKind.CONCURRENCE,
        ActKind.RATIFICATION,
        ActKind.ACCEPTANCE,
        ActKind.APPROVAL,
        ActKind.ACCESSION,
        ActKind.SUCCESSION,
        ActKind.FORMAL_CONFIRMATION,
        ActKind.NOTIFICATION,
    }
)
SIGNATURE_KINDS = frozenset(
    {ActKind.SIGNATURE, ActKind.SIGNATURE_AD_REFERENDUM, ActKind.DEFINITIVE_SIGNATURE}
)
NOTICE_KINDS = frozenset({ActKind.WITHDRAWAL, ActKind.DENUNCIATION})
# Acts that take effect on a date stated in them rather than on receipt.
EFFECTIVE_DATE_KINDS = frozenset(
    {ActKind.SUCCESSION, ActKind.WITHDRAWAL, ActKind.DENUNCIATION, ActKind.CEASED}
    | {ActKind.PROVISIONAL_APPLICATION, ActKind.PROVISIONAL_APPLICATION_END}
)
# Acts that refer to an earlier act (by id) or, for consent to accession, a participant.
REFERRING_KINDS = frozenset(
    {
        ActKind.RESERVATION_WITHDRAWAL,
        ActKind.DECLARATION_WITHDRAWAL,
        ActKind.OBJECTION,
        ActKind.OBJECTION_WITHDRAWAL,
        ActKind.NOTICE_REVOCATION,
        ActKind.ACCESSION_CONSENT,
    }
)

# Within one day, acts are processed in this fixed order, so that the result does not
# depend on the order the acts were given in. Each rank says why it comes where it does.
_DAY_ORDER = {
    # A signature precedes the consent that follows it the same day.
    ActKind.SIGNATURE: 0,
    ActKind.SIGNATURE_AD_REFERENDUM: 0,
    # A notice precedes a consent of the same day: that consent is a re-accession (the
    # Trinidad and Tobago model: denunciation and re-accession on one day).
    ActKind.WITHDRAWAL: 1,
    ActKind.DENUNCIATION: 1,
    ActKind.NOTICE_REVOCATION: 2,  # after the notice it revokes
    ActKind.DEFINITIVE_SIGNATURE: 3,
    ActKind.CONCURRENCE: 3,
    ActKind.RATIFICATION: 3,
    ActKind.ACCEPTANCE: 3,
    ActKind.APPROVAL: 3,
    ActKind.ACCESSION: 3,
    ActKind.SUCCESSION: 3,
    ActKind.FORMAL_CONFIRMATION: 3,
    ActKind.NOTIFICATION: 3,
    ActKind.ACCESSION_CONSENT: 4,  # after the accession it consents to
    ActKind.PROVISIONAL_APPLICATION: 5,
    ActKind.PROVISIONAL_APPLICATION_END: 6,
    # Reservations and declarations are made with the consent, objections to them after.
    ActKind.RESERVATION: 7,
    ActKind.DECLARATION: 7,
    ActKind.OBJECTION: 8,
    ActKind.RESERVATION_WITHDRAWAL: 9,
    ActKind.DECLARATION_WITHDRAWAL: 9,
    ActKind.OBJECTION_WITHDRAWAL: 9,
    ActKind.OBJECTION_TO_INSTRUMENT: 3,
    ActKind.CEASED: 10,  # last: whatever else a participant did that day, it did
}


@dataclass(frozen=True, slots=True)
class Act:
    """An act as received by the depositary.

    `dated` is the date on the document, `received` the date the depositary received it:
    consent takes effect on receipt (VCLT 16, 78). `effective` is a date the act itself
    states: the date of succession, a later date of withdrawal named in the notice.
    """

    id: str
    instrument: str
    participant: str
    kind: ActKind
    dated: date
    received: date
    effective: date | None = None
    person: str | None = None
    refers_to: str | None = None
    text: str = ""
    provenance: Provenance = UNKNOWN

    @property
    def sort_key(self) -> tuple[date, int, str, str]:
        """Receipt date, then the fixed order of kinds, then participant and id."""
        return (self.received, _DAY_ORDER[self.kind], self.participant, self.id)

    def describe(self) -> Joined:
        """'ratification received 1993-07-20 (dated 1993-04-15)'."""
        parts: list[Value] = [say("%(kind)s received %(day)s", kind=self.kind.said,
                                  day=self.received)]
        if self.dated != self.received:
            parts.append(say(" (dated %(day)s)", day=self.dated))
        if self.effective is not None:
            parts.append(say(", effective %(day)s", day=self.effective))
        return joined(*parts)
