"""The register's vocabulary in words, in every language of the interface: the kinds of
act, instrument and relation, a participant's status, an instrument's state on a date, a
member's category. The enums' values are the API's, not a reader's; these are the reader's.
Each table's English is a catalog id within its context (the same English word is one thing
for an act and another for an instrument: a declaration is an «заявление» made by a state,
a «декларация» adopted by states)."""

from __future__ import annotations

from collections.abc import Mapping

from depositary.locale import ptranslate


def NP_(context: str, message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Marks `message` in `context` for extraction; its `Vocabulary` translates it."""
    return message


class Vocabulary:
    """A table of the API's values and their English, within one catalog context."""

    def __init__(self, context: str, english: Mapping[str, str]) -> None:
        self.context = context
        self.english = english
        # Each language's table, made once: every page asks for a dozen of them.
        self._said: dict[str, Mapping[str, str]] = {}

    def __call__(self, value: str, language: str) -> str:
        """One value in `language`; a value the table lacks, as it is."""
        found = self.english.get(value)
        return value if found is None else ptranslate(language, self.context, found)

    def in_language(self, language: str) -> Mapping[str, str]:
        """The whole table in `language`, by value."""
        if language not in self._said:
            self._said[language] = {value: self(value, language) for value in self.english}
        return self._said[language]


ACT_KINDS = Vocabulary("act", {
    "signature": NP_("act", "signature"),
    "signature-ad-referendum": NP_("act", "signature ad referendum"),
    "definitive-signature": NP_("act", "definitive signature"),
    "concurrence": NP_("act", "concurrence"),
    "ratification": NP_("act", "ratification"),
    "acceptance": NP_("act", "acceptance"),
    "approval": NP_("act", "approval"),
    "accession": NP_("act", "accession"),
    "succession": NP_("act", "succession"),
    "formal-confirmation": NP_("act", "formal confirmation"),
    "notification": NP_("act", "notification"),
    "accession-consent": NP_("act", "accession consent"),
    "provisional-application": NP_("act", "provisional application"),
    "provisional-application-end": NP_("act", "provisional application end"),
    "reservation": NP_("act", "reservation"),
    "reservation-withdrawal": NP_("act", "reservation withdrawal"),
    "declaration": NP_("act", "declaration"),
    "declaration-withdrawal": NP_("act", "declaration withdrawal"),
    "objection": NP_("act", "objection"),
    "objection-withdrawal": NP_("act", "objection withdrawal"),
    "objection-to-instrument": NP_("act", "objection to instrument"),
    "withdrawal": NP_("act", "withdrawal"),
    "denunciation": NP_("act", "denunciation"),
    "notice-revocation": NP_("act", "notice revocation"),
    "ceased-to-exist": NP_("act", "ceased to exist"),
})

STATUSES = Vocabulary("status", {
    "not-involved": NP_("status", "not involved"),
    "signatory": NP_("status", "signatory"),
    "contracting": NP_("status", "contracting (not yet in force for it)"),
    "provisionally-applying": NP_("status", "applying provisionally"),
    "party": NP_("status", "party"),
    "unknown": NP_("status", "unknown: not established"),
    "withdrawing": NP_("status", "party, withdrawing"),
    "withdrawn": NP_("status", "withdrawn"),
    "terminated": NP_("status", "terminated"),
    "ceased": NP_("status", "ceased to exist"),
})

# Where an instrument stands on the date.
STATES = Vocabulary("state", {
    "not-yet-adopted": NP_("state", "not yet adopted"),
    "not-yet-in-force": NP_("state", "not yet in force"),
    "in-force": NP_("state", "in force"),
    "unknown": NP_("state", "unknown: not established"),
    "terminated": NP_("state", "terminated"),
})

# A member's category in a body (CIS Charter, arts. 7-8; decisions on associate membership
# and participation).
CATEGORIES = Vocabulary("category", {
    "founding-state": NP_("category", "founding state"),
    "signatory-state": NP_("category", "signatory state"),
    "acceding-state": NP_("category", "acceding state"),
    "member-state": NP_("category", "member state"),
    "associate-member": NP_("category", "associate member"),
    "participating-non-member": NP_("category", "participating non-member"),
    "observer": NP_("category", "observer"),
})

INSTRUMENT_KINDS = Vocabulary("instrument", {
    "treaty": NP_("instrument", "treaty"),
    "convention": NP_("instrument", "convention"),
    "agreement": NP_("instrument", "agreement"),
    "protocol": NP_("instrument", "protocol"),
    "declaration": NP_("instrument", "declaration"),
    "charter": NP_("instrument", "charter"),
    "decision": NP_("instrument", "decision"),
    "rules-of-procedure": NP_("instrument", "rules of procedure"),
    "minutes": NP_("instrument", "minutes"),
    "appendix": NP_("instrument", "appendix"),
    "amendment": NP_("instrument", "amendment"),
})

# How one instrument stands to another: "<this> <relation> <that>".
RELATION_KINDS = Vocabulary("relation", {
    "part_of": NP_("relation", "part of"),
    "amends": NP_("relation", "amends"),
    "supplements": NP_("relation", "supplements"),
    "develops": NP_("relation", "develops"),
    "supersedes": NP_("relation", "supersedes"),
    "implements": NP_("relation", "implements"),
    "adopts": NP_("relation", "adopts"),
})

# Where a reservation stands (VCLT 20(5), 21, 22).
RESERVATION_STATES = Vocabulary("reservation", {
    "pending": NP_("reservation", "pending"),
    "established": NP_("reservation", "established"),
    "rejected": NP_("reservation", "rejected"),
    "withdrawn": NP_("reservation", "withdrawn"),
})

# The general rules a reason cites after the instrument's own article: the Vienna
# Convention by its abbreviation, and the practice of succession.
RULES = Vocabulary("rule", {
    "VCLT": NP_("rule", "VCLT"),
    "succession": NP_("rule", "succession"),
    "succession practice": NP_("rule", "succession practice"),
    "state succession: continuity": NP_("rule", "state succession: continuity"),
    "the body's rules of procedure": NP_("rule", "the body's rules of procedure"),
    "register": NP_("rule", "register"),
    "state succession": NP_("rule", "state succession"),
    "the instrument's participation clause": NP_("rule", "the instrument's participation clause"),
    "the instrument's withdrawal clause (VCLT 54(a))": NP_(
        "rule", "the instrument's withdrawal clause (VCLT 54(a))"),
})

# A status in a word, inside a sentence ("signatory of the Charter since ..."); STATUSES
# is the chart's longer wording.
STATUS_WORDS = Vocabulary("status-word", {
    "not-involved": NP_("status-word", "not involved"),
    "signatory": NP_("status-word", "signatory"),
    "contracting": NP_("status-word", "contracting"),
    "provisionally-applying": NP_("status-word", "provisionally applying"),
    "party": NP_("status-word", "party"),
    "unknown": NP_("status-word", "unknown"),
    "withdrawing": NP_("status-word", "withdrawing"),
    "withdrawn": NP_("status-word", "withdrawn"),
    "terminated": NP_("status-word", "terminated"),
    "ceased": NP_("status-word", "ceased"),
})

# How a member takes part in the body's work (the Charter's "full participation").
PARTICIPATION = Vocabulary("participation", {"full": NP_("participation", "full")})

# What an event of the register records (depositary.domain.events).
EVENT_KINDS = Vocabulary("event", {
    "admission": NP_("event", "admission"),
    "associate-membership": NP_("event", "associate membership"),
    "observer-status": NP_("event", "observer status"),
    "withdrawal-from-body": NP_("event", "withdrawal from a body"),
    "recall-from-bodies": NP_("event", "recall from the bodies"),
    "membership-ends": NP_("event", "membership ends"),
    "appointment": NP_("event", "appointment"),
    "chairmanship": NP_("event", "chairmanship"),
    "decision": NP_("event", "decision"),
    "ratification-refused": NP_("event", "ratification refused"),
    "domestic-procedure": NP_("event", "domestic procedure"),
    "statement": NP_("event", "statement"),
})

# The language a rotation orders the names in, as "in %(language)s" says it ("next in the
# order of the names in ru": the code in English, «на русском языке» in Russian).
NAMES_IN = Vocabulary("names-in", {"ru": NP_("names-in", "ru"), "en": NP_("names-in", "en")})

# Where a chair's term comes from (shapes.councils.chairs_public).
CHAIR_TERMS = Vocabulary("chair-term", {
    "recorded": NP_("chair-term", "recorded"),
    "unknown": NP_("chair-term", "unknown"),
    "by the rule, not recorded": NP_("chair-term", "by the rule, not recorded"),
})

# How a post is held (depositary.domain.posts.Tenure).
TENURES = Vocabulary("tenure", {
    "acting": NP_("tenure", "acting"),
    "appointed": NP_("tenure", "appointed"),
})

# The roles of the depositary's staff (depositary.app.workflow).
ROLES = Vocabulary("role", {
    "administrator": NP_("role", "administrator"),
    "depositary-officer": NP_("role", "depositary officer"),
    "secretariat": NP_("role", "secretariat"),
})

# In what capacity a person acts for a participant (VCLT 7; depositary.domain.participants).
SEATS = Vocabulary("seat", {
    "head-of-state": NP_("seat", "head of State"),
    "head-of-government": NP_("seat", "head of Government"),
    "minister-for-foreign-affairs": NP_("seat", "minister for foreign affairs"),
    "minister": NP_("seat", "minister"),
    "plenipotentiary": NP_("seat", "plenipotentiary"),
})

# A member's position on a draft (depositary.domain.procedures.Position).
POSITIONS = Vocabulary("position", {
    "agree": NP_("position", "agree"),
    "agree-with-reservation": NP_("position", "agree with a reservation"),
    "object": NP_("position", "object"),
    "abstain": NP_("position", "abstain"),
    "non-interest": NP_("position", "non-interest"),
    "absent": NP_("position", "absent"),
})

# A body's decision procedure (depositary.domain.procedures.procedure_name; a joint
# decision's kind, depositary.domain.joint).
PROCEDURES = Vocabulary("procedure", {
    "consensus": NP_("procedure", "consensus"),
    "unanimity": NP_("procedure", "unanimity"),
    "simple majority": NP_("procedure", "simple majority"),
    "qualified majority": NP_("procedure", "qualified majority"),
    "joint": NP_("procedure", "joint decision"),
})
