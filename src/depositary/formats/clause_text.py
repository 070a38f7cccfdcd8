"""Read an entry-into-force clause from English treaty prose, where a common formula occurs.

The extractor is deliberately narrow: a sentence counts only if its subject is the
instrument itself ("This Convention", "The present Agreement", "It") and the whole of its
predicate matches one known formula. Anything else about the instrument's entry into force
(a qualifier such as "including", a share of tonnage, two alternatives, a formula not
known here) makes the whole result None: a wrong clause is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from depositary.domain.clauses import (
    AllSignatories,
    Clauses,
    Delay,
    EntryIntoForce,
    LaterParticipants,
    OnDate,
    OnSignature,
    SignatureEffect,
    Threshold,
)
from depositary.domain.phrases import N_
from depositary.formats.errors import FormatError

# -- numbers, in words or digits -----------------------------------------------------------

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_UNITS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
]
_ORDINAL_TENS = [t.removesuffix("y") + "ieth" for t in _TENS]  # twentieth ... ninetieth
_VALUES: dict[str, int] = {
    **{w: n for n, w in enumerate(_UNITS)},
    **{w: n for n, w in enumerate(_ORDINAL_UNITS)},
    **{w: 20 + 10 * n for n, w in enumerate(_TENS)},
    **{w: 20 + 10 * n for n, w in enumerate(_ORDINAL_TENS)},
}
_WORD = "|".join(sorted([*_VALUES, "hundredth", "hundred"], key=len, reverse=True))
_TOKEN = rf"(?:\d+(?:st|nd|rd|th)?|(?:{_WORD}))\b"
# "fifteenth", "15th", "sixty-first", "one hundred and fiftieth", "thirty (30)" (the figure
# in brackets is dropped before matching).
NUMBER = rf"{_TOKEN}(?:(?:\s+and\s+|\s+|-){_TOKEN}){{0,4}}"


def number(text: str) -> int | None:
    """The value of a cardinal or ordinal number in words or digits; None if malformed."""
    tokens = [t for t in re.split(r"[\s-]+", text.strip().lower()) if t and t != "and"]
    if len(tokens) == 1 and (digits := re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", tokens[0])):
        return int(digits.group(1))
    total = 0
    for token in tokens:
        if token in ("hundred", "hundredth"):
            if total >= 10:
                return None
            total = max(total, 1) * 100
        elif token in _VALUES and (
            total % 100 == 0 or (total % 10 == 0 and _VALUES[token] < 10)
        ):
            total += _VALUES[token]
        else:
            return None
    return total


# -- the parts of a sentence ---------------------------------------------------------------

_VERB = re.compile(
    r"\b(?:shall|will)\s+(?:enter|come)\s+into\s+force\b|\b(?:enters|comes)\s+into\s+force\b"
)
_INSTRUMENT = (
    r"(?:agreement|convention|protocol(?: of amendment)?|treaty|arrangement|memorandum"
    r"(?: of understanding)?|constitution|decision|statutes?|charter|accord|regulations?|"
    r"understanding)"
)
# The subject: optional numbering, an optional scope ("For each State ... ,", "Thereafter"),
# then the instrument itself. Nothing else may stand before the verb.
_SUBJECT = re.compile(
    rf"""(?:\(\w+\)\s*|article\s+[\w.()]+\s*|[ivx\d]+(?:\(\w\))?\s+)*
    (?P<scope>(?:thereafter|subsequently|(?:in\s+respect\s+of|with\s+respect\s+to|for)
        \s+(?:each|any|every)\b.*?)[\s,]*)?
    (?:(?:the\s+present|this|these|the)\s+(?:[\w-]+\s+)?{_INSTRUMENT}|it)
    (?:\s+(?:is|shall\s+be)\s+(?P<not>not\s+)?subject\s+to\s+ratification,?\s+and)?""",
    re.VERBOSE,
)
# Where a sentence goes on about other matters after the entry-into-force formula.
_BENIGN_TAIL = re.compile(
    r",?\s+(?:and\s+)?(?:shall|will)\s+(?:remain|be\s+valid|be\s+deposited)\b.*$"
    r"|,?\s+(?:and\s+)?may\s+be\s+terminated\b.*$"
    r"|,?\s+and\s+remains\s+in\s+force\b.*$"
    r"|,?\s+and\s+(?:a|any|either|each)\s+(?:contracting\s+)?party\s+may\b.*$"
    r"|,?\s+for\s+(?:a|the)\s+period\s+of\b.*$"
    r"|,?\s+(?:and\s+)?from\s+that\s+moment\b.*$"
    r"|\s*\((?:art|article)\b.*$"
    r"|,?\s+in\s+accordance\s+with\s+article\b.*$"
)
# Words that make a clause compound, conditional or weighted: beyond what is read here.
_UNSURE = re.compile(
    r"\b(?:including|whichever|provided|unless|except|provisional(?:ly)?|definitive(?:ly)?|"
    r"per\s*cent|percent|(?:one|two)[\s-]thirds?|thirds|quarters|fourths|half|majority|"
    r"eligible|referred\s+to|listed|"
    r"annex|tonnage|emissions|whose|within|or\s+on|and\s+for|later\s+date)\b|%"
)

_SIGNATURE = (
    r"(?:(?:the\s+date\s+of\s+)?(?:its\s+|the\s+)?(?:signature|signing)(?:\s+(?:thereof|hereof))?"
    r"|(?:the|its)\s+(?:date|day|moment)\s+(?:of\s+)?(?:its\s+|the\s+)?(?:signature|signing)"
    r"(?:\s+thereof)?(?:\s+by\s+the\s+(?:heads\s+of\s+state|plenipotentiaries)[\w\s]*)?"
    r"|the\s+date\s+(?:it\s+is|on\s+which\s+it\s+is)\s+signed"
    r"|when\s+it\s+has\s+been\s+signed\s+by\s+the\s+representatives\s+of\s+"
    r"(?:both|each|the\s+two)\s+part(?:y|ies))"
)
_CONSENT_NOUNS = r"(?:ratification|acceptance|approval|accession|adherence|formal\s+confirmation)"
_CONSENT_LIST = rf"{_CONSENT_NOUNS}(?:\s*,\s*{_CONSENT_NOUNS})*(?:,?\s+or\s+{_CONSENT_NOUNS})?"
_DEPOSITARY = r"(?:\s+(?:with|by)\s+the\s+(?:depositary|[\w\s-]{1,60}?))?"
_THRESHOLD = re.compile(
    rf"""(?:the\s+date\s+(?:of|on\s+which|that)\s+)?(?:
      (?:the\s+)?(?:deposit|receipt){_DEPOSITARY}\s+of\s+the\s+(?P<n1>{NUMBER})\s+instrument
        \s+of\s+{_CONSENT_LIST}{_DEPOSITARY}
    | the\s+(?P<n2>{NUMBER})\s+instrument\s+of\s+{_CONSENT_LIST}\s+(?:is|has\s+been)
        \s+(?:deposited|lodged|received){_DEPOSITARY}
    | (?:the\s+)?deposit\s+of\s+(?:not\s+less\s+than\s+|at\s+least\s+)?(?P<n3>{NUMBER})
        \s+(?:ratifications|instruments\s+of\s+{_CONSENT_LIST}){_DEPOSITARY}
    | the\s+(?:ratification\s+instruments|instruments\s+of\s+ratification)\s+are\s+deposited
        \s+by\s+the\s+(?P<n4>{NUMBER})\s+state
    | the\s+ratifications\s+of\s+(?P<n5>{NUMBER})\s+members(?:\s+of\s+[\w\s]+?)?\s+have\s+been
        \s+registered(?:\s+by\s+the\s+[\w\s-]+)?
    | (?:at\s+least\s+|not\s+less\s+than\s+)?(?P<n6>{NUMBER})\s+(?:signatories|states|parties
        |governments)(?:\s+to\s+this\s+\w+)?\s+have\s+(?:notified\s+the\s+depositary
        |deposited\s+their\s+instruments\s+of\s+{_CONSENT_LIST})[^;:()]*
    | the\s+(?P<s1>{NUMBER})\s+signature
    | signature\s+by\s+(?P<s2>{NUMBER})\s+states
    )""",
    re.VERBOSE,
)
_ALL = re.compile(
    rf"""(?:the\s+(?:date|day)\s+(?:of|on\s+which|when|upon\s+which)\s+)?(?:
      (?P<sig>(?:its\s+)?signature\s+by\s+all\s+(?:the\s+)?(?:\w+\s+)?(?:parties|member\s+states
        |contracting\s+parties|signatories|states)
      | (?:it\s+has\s+been\s+|it\s+is\s+)?signed\s+by\s+all\s+(?:the\s+)?(?:\w+\s+)?parties)
    | (?:the\s+)?exchange\s+of\s+(?:the\s+)?(?:instruments\s+of\s+ratification(?:\s+or\s+approval)?
        |ratification\s+instruments|ratifications|notifications|(?:diplomatic\s+|information\s+)?notes)
        (?:\s+by\s+the\s+contracting\s+parties|\s+between\s+the\s+parties)?
    | (?:the\s+date\s+)?instruments\s+of\s+ratification\s+are\s+exchanged
    | the\s+(?:two\s+|contracting\s+)*(?:parties|governments)\s+(?:have\s+)?
        (?:(?:notify|notified|informed)\s+each\s+other|exchanged\s+(?:written\s+)?notifications)
        \b[^;:()]*
    | (?:the\s+date\s+of\s+)?(?:the\s+)?receipt\b[^;:()]*?\bof\s+the\s+(?:last|later)\b[^;:()]*
        (?:notifications?|notices?)[^;:()]*
    | the\s+last\s+(?:written\s+)?notification\b[^;:()]*
    | all\s+(?:the\s+)?(?:signatory\s+governments|parties|signatories|contracting\s+parties)
        (?:\s+in\s+writing)?\s+(?:shall\s+)?have\s+notified\b[^;:()]*
    | (?P<sig_all>all\s+(?:\w+\s+)?(?:nations|parties|states|signatories)\s+(?:have\s+)?sign(?:ed)?)
    | the\s+depositary(?:\s+government)?\s+has\s+received\s+notifications\s+of\s+{_CONSENT_LIST}
        \s+from\s+all\s+(?:the\s+)?contracting\s+parties
    )""",
    re.VERBOSE,
)
# A participant's own instrument, the trigger for later participants.
_OWN = re.compile(
    rf"""(?:the\s+date\s+(?:of|on\s+which|that)\s+)?(?:
      (?:the\s+)?(?:its\s+)?(?:deposit|receipt)
        (?:\s+by\s+(?:such|that|the)\s+(?:state|party|signatory|government|contracting\s+party)
          (?:\s+or\s+[\w/\s]{{1,50}}?\s+organi[sz]ation)?)?
        {_DEPOSITARY}\s+of\s+(?:its|an|the|such|their(?:\s+respective)?)\s+instruments?
        (?:\s+of\s+{_CONSENT_LIST})?(?:\s+with\s+the\s+depositary)?
    | (?:the\s+)?deposit\s+of\s+its\s+(?:instrument\s+of\s+)?ratification
    | signature(?:\s+or\s+the\s+(?:receipt|deposit)(?:\s+by\s+the\s+depositary)?\s+of\s+an
        \s+instrument\s+of\s+{_CONSENT_LIST})?
    | its\s+ratification\s+has\s+been\s+registered\b[^;:()]*
    | establishment\s+of\s+its\s+consent\s+to\s+be\s+bound(?:\s+by\s+(?:this|the)\s+\w+)?
    | an\s+instrument\s+signifying\s+accession\s+by\s+that\s+state\s+is\s+received
        \s+by\s+the\s+depositary
    )""",
    re.VERBOSE,
)
_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]
_DATE = re.compile(
    rf"(?:the\s+)?(?:(?P<d1>\d{{1,2}})|(?:(?P<o1>{NUMBER})\s+day\s+of))\s+"
    rf"(?P<m1>{'|'.join(_MONTHS)}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{'|'.join(_MONTHS)})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<y2>\d{{4}})"
)
# The delay before the trigger. Each alternative names what it sets.
_DELAY = re.compile(
    rf"""\b(?:
      (?:on\s+)?the\s+(?P<day_ord>{NUMBER})\s+day\s+(?:after|following|from)
    | on\s+the\s+(?P<next_day>day)\s+(?:after|following)
    | (?P<days>{NUMBER})\s+days\s+(?:after|following|from)
    | (?P<months>{NUMBER})\s+months?\s+(?:after|following|from)
    | (?:on\s+the\s+)?expiry\s+of\s+(?P<exp_months>{NUMBER})\s+months?\s+(?:after|from)
    | (?P<years>{NUMBER})\s+years?\s+(?:after|following|from)
    | on\s+the\s+first\s+day\s+of\s+the\s+(?:(?P<month_ord>{NUMBER})\s+)?(?:calendar\s+)?month
        \s+(?:following|after)(?:\s+the\s+expiry\s+of\s+(?P<fm_months>{NUMBER})\s+months?
        \s+(?:after|from))?(?:\s+the\s+month\s+(?:of|in\s+which))?
    | (?P<zero>(?:on|upon|at|from|as\s+from|as\s+of|since|under|when)(?:\s+the\s+(?:date|day)
        \s+(?:of|on\s+which|when|upon\s+which))?)
    )\s+""",
    re.VERBOSE,
)


# "for any signing or acceding State", "for that signatory": who a later rule is for.
_SCOPE = re.compile(
    rf"^(?:with\s+respect\s+to|in\s+respect\s+of|for)\s[\w\s]{{0,60}}?(?={_DELAY.pattern})",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The clauses read from a text, with the sentences they were read from."""

    clauses: Clauses
    general: str
    later: str | None = None

    @property
    def later_stated(self) -> bool:
        """True if the text states the rule for later participants; otherwise the
        clauses carry the VCLT 24(3) default (in force on the participant's own consent)."""
        return self.later is not None


@dataclass(frozen=True, slots=True)
class _General:
    rule: EntryIntoForce | None  # None: each participant bound from its own consent
    signature_binds: bool


class _Unsure(Exception):
    """A sentence about the instrument's entry into force that no formula here covers."""


def clauses_from_text(text: str) -> Clauses | None:
    """The entry-into-force clauses stated in `text`, or None when none can be read surely."""
    found = extract(text)
    return found.clauses if found is not None else None


class CannotDraft(FormatError):
    """A text from which no clause can be drafted surely: the sentence that cannot be read
    whole (or the two that disagree), and why."""

    verdict = N_("%(source)s: no clause drafted:")


def extract(text: str) -> Extraction | None:
    """Read the general and later-participant entry-into-force rules from `text`; None
    where `draft` cannot."""
    try:
        return draft(text)
    except CannotDraft:
        return None


def draft(text: str, source: str = "the text") -> Extraction:
    """Propose the entry-into-force clauses `text` states, each with the sentence it came
    from; CannotDraft, naming the sentence, where one about the instrument's entry into
    force cannot be read whole, or where the text gives no rule or two."""
    generals: dict[_General, str] = {}
    laters: dict[Delay, str] = {}
    for sentence in sentences(text):
        try:
            read = _read(sentence)
        except _Unsure:
            raise CannotDraft(source, [
                f"this sentence is about the instrument's entry into force but no formula "
                f"known here reads the whole of it (a qualifier, a share, two alternatives, "
                f"a condition no act shows): '{sentence}'"]) from None
        if isinstance(read, _General):
            generals.setdefault(read, sentence)
        elif isinstance(read, Delay):
            laters.setdefault(read, sentence)
    if not generals:
        raise CannotDraft(source, ["no sentence states when the instrument itself enters "
                                   "into force ('This Convention shall enter into force ...')"])
    # Two different readings of the same instrument: the text is not one clause.
    if len(generals) > 1 or len(laters) > 1:
        differing = list(generals.values() if len(generals) > 1 else laters.values())
        raise CannotDraft(source, ["these sentences give different rules for one instrument: "
                                   + " / ".join(f"'{s}'" for s in differing)])
    (general, general_sentence), = generals.items()
    later, later_sentence = next(iter(laters.items()), (Delay(), None))
    if general.rule is None and later != Delay():
        # "from its own consent" and a delay for later ones cannot both hold
        raise CannotDraft(source, [f"'{general_sentence}' binds each from its own consent, "
                                   f"but '{later_sentence}' gives later ones a delay"])
    clauses = Clauses(
        entry_into_force=general.rule,
        later_entry_into_force=later,
        later_participants=_later_participants(later_sentence),
        signature=SignatureEffect.ALL if general.signature_binds else SignatureEffect.NONE,
        source=" ".join(filter(None, (general_sentence, later_sentence))),
    )
    return Extraction(clauses, general_sentence, later_sentence)


# "Thereafter", "after (its) entry into force": the later-participant rule is for those
# that consent after the general entry into force; otherwise ("for each State ratifying
# after the deposit of the twentieth instrument") for those after the condition was met.
_AFTER_ENTRY = re.compile(
    r"\bthereafter\b|\b(?:after|subsequent\s+to)\s+(?:the\s+|its\s+)?entry\s+into\s+force\b")


def _later_participants(sentence: str | None) -> LaterParticipants:
    """Which reading the later-participant sentence states (LaterParticipants)."""
    if sentence is not None and _AFTER_ENTRY.search(sentence.lower()):
        return LaterParticipants.AFTER_ENTRY_INTO_FORCE
    return LaterParticipants.AFTER_CONDITION


def sentences(text: str) -> list[str]:
    """Split prose into sentences, tidying the quotes and spacing notes carry."""
    tidy = re.sub(r"[\"“”‘’`]|ΓÇ[ªÿÖ£Ö¥]", "'", text).replace("''", "'")
    parts = re.split(
        r"(?<=[.;!?])'?\s+(?=['(\[]?[A-Z0-9(\[])|(?<=[a-z0-9)][.!?])'?(?=\(|[A-Z][a-z])"
        r"|\s*//+\s*|\s+/\s+|\s+(?=https?:)|\n+|(?<=;)\s*",
        tidy,
    )
    return [p.strip(" '.") for p in parts if p.strip(" '.")]


def _read(sentence: str) -> _General | Delay | None:
    """A general rule, a later-participant delay, or None if the sentence states neither
    (a past event, another instrument, an amendment). Raises _Unsure if it is about this
    instrument's entry into force but no formula matches."""
    lowered = re.sub(r"\s+", " ", sentence.lower())
    verb = _VERB.search(lowered)
    if verb is None:
        return None
    subject_text = re.split(r"[:;]|\s[-–]\s", lowered[: verb.start()])[-1].strip()
    subject_text = re.sub(r"^\(\d+\)\s*", "", subject_text).strip(" '")
    subject = _SUBJECT.fullmatch(subject_text)
    if subject is None:
        return None  # not this instrument (an amendment, an annex, a national act)
    predicate = _predicate(lowered[verb.end() :])
    if _UNSURE.search(predicate):
        raise _Unsure(sentence)
    scope = subject.group("scope") or ""
    for_each = re.match(
        r"(?:for|in respect of|with respect to) (?:each|every|the) [\w ]{0,40}?,? ?"
        r"(?=on |from |as from )",
        predicate,
    )
    if _is_later(scope, predicate):
        return _later(_SCOPE.sub("", predicate))
    if for_each is not None or scope:
        own = _later(predicate[for_each.end() if for_each else 0 :])
        if own != Delay():
            raise _Unsure(sentence)
        return _General(None, False)
    return _general(predicate, not_subject=subject.group("not") is not None)


def _predicate(text: str) -> str:
    text = re.sub(r"\s*\((?:\d+|[a-z]*\d+[a-z]*)\)", "", text)  # "thirty (30) days"
    text = _BENIGN_TAIL.sub("", text)
    return text.strip(" ,.;:'")


def _is_later(scope: str, predicate: str) -> bool:
    marker = r"thereafter|subsequently|after|acceding|other|later"
    if scope and re.search(marker, scope):
        return True
    return re.match(rf"(?:for|in respect of|with respect to) (?:any|each|every) [\w ]*?"
                    rf"\b(?:{marker})\b", predicate) is not None


def _later(predicate: str) -> Delay:
    for delay, rest in _delays(predicate):
        if _OWN.fullmatch(rest):
            return delay
    raise _Unsure(predicate)


def _general(predicate: str, *, not_subject: bool) -> _General:
    if re.fullmatch(rf"(?:on|upon|from|as from|since|under) {_SIGNATURE}|{_SIGNATURE}",
                    predicate):
        return _General(OnSignature(), True)
    if (day := _fixed_date(predicate)) is not None:
        return _General(OnDate(day), not_subject)
    for delay, rest in _delays(predicate):
        if (threshold := _THRESHOLD.fullmatch(rest)) is not None:
            named = {k: v for k, v in threshold.groupdict().items() if v is not None}
            (key, words), = named.items()
            count = number(words)
            if count is None or count < 1:
                raise _Unsure(predicate)
            return _General(Threshold(count, delay), key.startswith("s") or not_subject)
        if (everyone := _ALL.fullmatch(rest)) is not None:
            by_signature = everyone.group("sig") or everyone.group("sig_all")
            return _General(AllSignatories(delay), by_signature is not None)
        if delay != Delay() and re.fullmatch(_SIGNATURE, rest):
            # "the sixtieth day after the date of its signature": the instrument's signing.
            return _General(AllSignatories(delay), True)
    raise _Unsure(predicate)


def _delays(predicate: str) -> list[tuple[Delay, str]]:
    """Every way `predicate` can be read as a delay followed by its trigger."""
    readings = []
    for match in _DELAY.finditer(predicate):
        if match.start() != 0:
            break
        delay = _delay(match)
        if delay is not None:
            readings.append((delay, predicate[match.end() :]))
    return readings


def _delay(match: re.Match[str]) -> Delay | None:
    g = match.groupdict()
    if g["zero"] is not None:
        return Delay()
    if g["next_day"] is not None:
        return Delay(days=1)
    if g["day_ord"] is not None or g["days"] is not None:
        days = number(g["day_ord"] or g["days"])
        return Delay(days=days) if days is not None else None
    for key, factor in (("months", 1), ("exp_months", 1), ("years", 12)):
        if g[key] is not None:
            n = number(g[key])
            return Delay(months=n * factor) if n is not None else None
    month_ord = number(g["month_ord"]) if g["month_ord"] else 1
    extra = number(g["fm_months"]) if g["fm_months"] else 0
    if month_ord is None or extra is None or month_ord < 1:
        return None
    # "the first day of the third month following" = two months on, then the next first.
    return Delay(months=month_ord - 1 + extra, first_of_next_month=True)


def _fixed_date(predicate: str) -> date | None:
    match = re.fullmatch(rf"(?:on )?(?:{_DATE.pattern})", predicate)
    if match is None:
        return None
    g = match.groupdict()
    day_text, month_name, year = (
        (g["d1"] or g["o1"], g["m1"], g["y1"]) if g["m1"] else (g["d2"], g["m2"], g["y2"])
    )
    day = int(day_text) if day_text.isdigit() else number(day_text)
    if day is None:
        return None
    try:
        return date(int(year), _MONTHS.index(month_name) + 1, day)
    except ValueError:
        return None
