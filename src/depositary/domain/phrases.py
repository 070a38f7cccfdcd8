"""What the engine says, kept apart from the language it is said in. A `Phrase` is an
English sentence with `%(name)s` placeholders (its id in the translation catalogs) and the
values that fill them, themselves phrases, quotations from the record, ordinals, numbers or
identifiers (codes, aliases, dates written ISO 8601). `str()` gives the English; the
interface says it in any language from the catalogs (`depositary.locale.spoken`), so no
English sentence is ever parsed back.

Values are kept in tuples, not dicts: a phrase is frozen and compared, as the reasons that
carry it are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Quote:
    """Words quoted from the record (a note, a condition as its source words it): said as
    they are in every language, marked as quoted where the language is another."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Named:
    """Something the register names in several languages (an instrument by its titles):
    said by its name in the language, else in English, else by `key`."""

    key: str
    names: tuple[tuple[str, str], ...] = ()

    def name(self, language: str) -> str:
        found = dict(self.names)
        return found.get(language) or found.get("en") or self.key

    def __str__(self) -> str:
        return self.name("en")


@dataclass(frozen=True, slots=True)
class Ordinal:
    """The n-th: "20th" in English, «20-й» in Russian."""

    n: int

    def __str__(self) -> str:
        suffix = "th" if 10 <= self.n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
            self.n % 10, "th")
        return f"{self.n}{suffix}"


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the record cites it ("Section IX; Art. 9; VCLT 54"): the instrument's own
    articles as they are, the general rules (the Vienna Convention) by their name in the
    language (depositary.locale.reasons.rule_in)."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Phrase:
    """An English sentence and its values. `plural`, with `count`, is the English for a
    count other than one (each language has its own forms for it)."""

    english: str
    values: tuple[tuple[str, Value], ...] = ()
    plural: str = ""
    count: int | None = None
    # Where the same English is two things (an act's "declaration", an instrument's): the
    # catalog's context (depositary.locale.labels).
    context: str = ""

    def __str__(self) -> str:
        template = self.plural if self.plural and self.count != 1 else self.english
        return template % {name: value if isinstance(value, int) else str(value)
                           for name, value in self.values}


@dataclass(frozen=True, slots=True)
class Joined:
    """Phrases said one after the other, with `separator` (punctuation: the same in every
    language) between them."""

    parts: tuple[Value, ...]
    separator: str = ""

    def __str__(self) -> str:
        return self.separator.join(str(part) for part in self.parts)


Value: TypeAlias = "Phrase | Joined | Quote | Named | Ordinal | Rule | str | int"


def say(english: str, **values: Value | date) -> Phrase:
    """A phrase (a catalog keyword: `say("... %(day)s", day=...)`); a date is written
    ISO 8601 in every language."""
    return Phrase(english, _values(values))


def say_n(singular: str, plural: str, count: int, **values: Value | date) -> Phrase:
    """A counted phrase (a catalog keyword): `say_n("%(n)d month", "%(n)d months", n, n=n)`."""
    return Phrase(singular, _values(values), plural, count)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a marker)
    """Marks `message` for the catalogs where it is said later (a table of phrases)."""
    return message


def joined(*parts: Value, separator: str = "") -> Joined:
    return Joined(tuple(parts), separator)


def cited(said: Value, rule: str) -> Value:
    """A sentence with the rule it applies in brackets ("... [VCLT 54]")."""
    return joined(said, " [", Rule(rule), "]") if rule else said


def _values(values: dict[str, Value | date]) -> tuple[tuple[str, Value], ...]:
    return tuple((name, v.isoformat() if isinstance(v, date) else v)
                 for name, v in values.items())


def as_json(value: Value) -> object:
    """A phrase as the projections keep it (JSON), to be said later in any language."""
    match value:
        case Phrase(english, values, plural, count, context):
            found: dict[str, object] = {"en": english,
                                        "v": [[name, as_json(v)] for name, v in values]}
            if plural:
                found |= {"pl": plural, "n": count}
            if context:
                found["c"] = context
            return found
        case Joined(parts, separator):
            return {"j": [as_json(p) for p in parts], "s": separator}
        case Quote(text):
            return {"q": text}
        case Named(key, names):
            return {"k": key, "names": [list(n) for n in names]}
        case Ordinal(n):
            return {"o": n}
        case Rule(text):
            return {"r": text}
    return value


def from_json(data: object) -> Value:
    """A phrase kept by `as_json`."""
    if not isinstance(data, dict):
        return data if isinstance(data, str | int) else str(data)
    if "en" in data:
        return Phrase(data["en"], tuple((name, from_json(v)) for name, v in data["v"]),
                      data.get("pl", ""), data.get("n"), data.get("c", ""))
    if "j" in data:
        return Joined(tuple(from_json(p) for p in data["j"]), data["s"])
    if "q" in data:
        return Quote(data["q"])
    if "k" in data:
        return Named(data["k"], tuple((n[0], n[1]) for n in data["names"]))
    if "r" in data:
        return Rule(data["r"])
    return Ordinal(data["o"])


class PhrasedError(ValueError):
    """A refusal whose message is a phrase: `str()` is its English (the API's problem
    documents, the CLI, the logs), and the interface says `said` in the reader's language
    (depositary.locale.refusal_in). A plain string is said as it is."""

    def __init__(self, said: Value) -> None:
        super().__init__(str(said))
        self.said = said


def said_of(error: BaseException) -> Value:
    """What an error says: its phrase, or its English where it has none."""
    return error.said if isinstance(error, PhrasedError) else str(error)
