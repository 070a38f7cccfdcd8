"""The library of real treaties' final clauses: one YAML file per treaty, shipped with the
package (`depositary/data/clauses/`), each rule beside the article it comes from, quoted
word for word with the source of the text and how sure the reading is (docs/clauses.md,
"The library").

A library file is a clauses file (the `clauses:` of docs/clauses.md) with the treaty it
belongs to (`treaty:` its title, date, UN and IEADB numbers) and the articles it was read
from (`articles:`); a rule that no quoted article states is refused, so that every rule
the engine applies can be shown with its words. A treaty whose article the clauses format
cannot state yet is kept with its articles and `needs:` (what the format lacks), and no
clauses: it is listed, never evaluated with a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from depositary.domain.clauses import Clauses, renamed
from depositary.domain.provenance import Confidence, Provenance
from depositary.formats.clauses_file import ClausesSpec, clauses_payload
from depositary.formats.errors import FormatError
from depositary.formats.files import read_yaml

# The clauses' keys an article may state (the rest of ClausesSpec says where they come
# from, not what they are).
Rule = Literal[
    "entry_into_force", "later_entry_into_force", "later_participants", "later_date_stated",
    "signature", "participation", "provisional_application", "reservations", "withdrawal",
]
RULES = frozenset(get_args(Rule))
# A UN number as the Multilateral Treaties Deposited with the Secretary-General gives it:
# chapter in Roman numerals with its part where it has parts ("XI-D-6"), treaty, an
# optional letter ("XXVII-2-a") or number (an annex of the Specialized Agencies
# Convention, "III-2-1").
UN_NUMBER = r"^[IVXL]+(-[A-E])?-[0-9]+(-[a-z]|-[0-9]+)?$"


def _weakest(confidences: Iterable[Confidence]) -> Confidence:
    """S if any of the articles is S (a library quote is V or S, never U)."""
    return Confidence.SECONDARY if Confidence.SECONDARY in set(confidences) else (
        Confidence.VERIFIED)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TreatySpec(_Strict):
    title: str = Field(min_length=1)
    concluded: date
    in_force: date | None = None  # the general entry into force, as a source states it
    in_force_source: str = ""
    un: str | None = Field(None, pattern=UN_NUMBER)
    ieadb: list[int] = []

    @model_validator(mode="after")
    def _dated_with_its_source(self) -> TreatySpec:
        if self.in_force is not None and not self.in_force_source:
            raise ValueError("in_force needs in_force_source: where the date was read")
        return self


class ArticleSpec(_Strict):
    article: str = Field(min_length=1)  # "36(1)", "XXI(2)"
    quote: str = Field(min_length=20)  # word for word
    source: str = Field(min_length=1)  # where the words were read: a URL, "IEADB note"
    confidence: Literal[Confidence.VERIFIED, Confidence.SECONDARY]
    states: list[Rule] = []  # none: quoted for context (the depositary, a definition)


class LibraryEntrySpec(_Strict):
    treaty: TreatySpec
    articles: list[ArticleSpec] = Field(min_length=1)
    clauses: ClausesSpec | None = None
    needs: str = ""  # what the clauses format lacks to state the articles
    not_stated: list[Rule] = []  # rules the treaty does not have: the format's default

    @model_validator(mode="after")
    def _every_rule_quoted(self) -> LibraryEntrySpec:
        if self.clauses is None and not self.needs:
            raise ValueError("give the clauses, or `needs:` (what the format lacks to state "
                             "the articles)")
        if self.clauses is not None and self.needs:
            raise ValueError("give either clauses or needs (what the format lacks), not both")
        if self.clauses is not None:
            quoted = {rule for a in self.articles for rule in a.states}
            stated = self.clauses.model_fields_set & RULES
            if unquoted := sorted(stated - quoted):
                raise ValueError(f"the rules {unquoted} are stated but no quoted article "
                                 "states them (articles: ... states: [...])")
            if both := sorted(set(self.not_stated) & stated):
                raise ValueError(f"{both} are stated and listed as not_stated")
            if self.clauses.basis or self.clauses.signature_basis:
                raise ValueError("clauses.basis: in the library the articles carry the "
                                 "sources; quote the article instead")
            rule = self.clauses.entry_into_force
            if rule is not None and rule.recorded is not None and (
                    rule.recorded.day != self.treaty.in_force):
                raise ValueError(f"entry_into_force recorded on {rule.recorded.day}, but "
                                 f"treaty.in_force is {self.treaty.in_force}: the day a "
                                 "recorded condition gives is the treaty's date in force, "
                                 "read with its source (in_force_source)")
            weakest = _weakest(a.confidence for a in self.articles)
            if self.clauses.confidence == Confidence.VERIFIED != weakest:
                raise ValueError("clauses.confidence V, but an article read is S: a reading "
                                 "is no surer than its text")
        return self


@dataclass(frozen=True, slots=True)
class Article:
    article: str
    quote: str
    source: str
    confidence: Confidence
    states: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One treaty of the library: its clauses (None where the format cannot state them
    yet: `needs` says why) and the articles they were read from."""

    name: str  # the file's name without .yaml: how the library is browsed
    title: str
    concluded: date
    in_force: date | None
    in_force_source: str
    un: str | None
    ieadb: tuple[str, ...]
    articles: tuple[Article, ...]
    clauses: Clauses | None
    needs: str
    not_stated: tuple[str, ...]
    path: Path

    @property
    def confidence(self) -> Confidence:
        """The weakest confidence of the articles read: a rule is no surer than its text."""
        return _weakest(a.confidence for a in self.articles)

    @property
    def un_alias(self) -> str | None:
        """The alias the UN import gives the treaty's instrument ("mtdsg-xxvii-8")."""
        return f"mtdsg-{self.un.lower()}" if self.un else None

    def stated(self) -> Clauses:
        """The clauses, or an error saying what the format needs to state them."""
        if self.clauses is None:
            raise NotInLibrary(f"the library's {self.name} cannot be evaluated yet: the "
                               f"clauses format needs {self.needs}")
        return self.clauses

    def cited(self) -> str:
        """The articles the rules are read from, as a reason cites them: "art. 36(1),
        36(3) (V)" (an article quoted for context only is not cited)."""
        labels = [a.article for a in self.articles if a.states] or [
            a.article for a in self.articles]
        numbered = all(re.match(r"[0-9IVXL]+\b", label) for label in labels)
        prefix = "art. " if numbered else ""  # "Basel Convention 17(5)" names itself
        return prefix + ", ".join(labels) + f" ({self.confidence.value})"


class NotInLibrary(LookupError):
    """The library holds no such treaty, or cannot state its clauses yet."""

    def __str__(self) -> str:
        return str(self.args[0])


def read_entry(path: Path) -> LibraryEntry:
    """Read one library file; a malformed one is a FormatError naming each problem."""
    data = read_yaml(path)
    try:
        spec = LibraryEntrySpec.model_validate(data)
    except ValidationError as error:
        raise FormatError.from_validation(path, error) from None
    articles = tuple(
        Article(a.article, " ".join(a.quote.split()), a.source, Confidence(a.confidence),
                tuple(a.states))
        for a in spec.articles
    )
    entry = LibraryEntry(
        name=path.stem, title=spec.treaty.title, concluded=spec.treaty.concluded,
        in_force=spec.treaty.in_force, in_force_source=spec.treaty.in_force_source,
        un=spec.treaty.un, ieadb=tuple(str(n) for n in spec.treaty.ieadb), articles=articles,
        clauses=None, needs=spec.needs, not_stated=tuple(spec.not_stated), path=path,
    )
    if spec.clauses is None:
        return entry
    reading = Provenance(f"{path.name}: {entry.cited()}", entry.confidence)
    return replace(entry, clauses=spec.clauses.to_domain(reading))


def library_dir() -> Path:
    """The library shipped with the package."""
    return Path(str(files("depositary.data").joinpath("clauses")))


@dataclass(frozen=True, slots=True)
class Library:
    """Every treaty of the library, found by its name, its UN number or its IEADB number."""

    entries: tuple[LibraryEntry, ...]
    # Each entry by its name and its numbers (`_keys`), made once: `find` runs for every
    # agreement of the IEADB check and every instrument page.
    _index: dict[str, LibraryEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, LibraryEntry] = {}
        for entry in self.entries:
            for key in (entry.name, *_keys(entry)):
                index.setdefault(key, entry)
        object.__setattr__(self, "_index", index)

    @classmethod
    def read(cls, directory: Path | None = None) -> Library:
        """Read every file of `directory` (the shipped library by default). Two files that
        claim one UN or IEADB number are refused: a treaty has one reading."""
        folder = directory or library_dir()
        entries = tuple(read_entry(p) for p in sorted(folder.glob("*.yaml")))
        claimed: dict[str, str] = {}
        problems = []
        for entry in entries:
            for key in _keys(entry):
                if key in claimed:
                    problems.append(f"{key} is claimed by {claimed[key]} and {entry.name}")
                claimed.setdefault(key, entry.name)
        if problems:
            raise FormatError(folder, problems)
        return cls(entries)

    def __iter__(self) -> Iterator[LibraryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, treaty: str) -> LibraryEntry | None:
        """The entry for a library name, a UN number ("XXVII-8", "mtdsg-xxvii-8") or an
        IEADB number ("3128", "ieadb-3128"); None if the library has none."""
        return self._index.get(_normal(treaty))

    def get(self, treaty: str) -> LibraryEntry:
        """As `find`, but a treaty the library lacks is an error naming it."""
        found = self.find(treaty)
        if found is None:
            raise NotInLibrary(f"the clauses library has no treaty {treaty!r}: `depositary "
                               "clauses list` names those it has; give a treaty's clauses "
                               "with --clauses FILE (docs/clauses.md)")
        return found

    def for_register(self, entry: LibraryEntry) -> Clauses:
        """The entry's clauses as a register evaluates them: a treaty they read that the
        library holds with a UN number is named by the alias the UN import gives it
        ("basel-convention" becomes "mtdsg-xxvii-3")."""
        def alias(name: str) -> str:
            found = self.find(name)
            return found.un_alias if found is not None and found.un_alias else name

        clauses = entry.stated()
        if clauses.entry_into_force is None:
            return clauses
        return replace(clauses, entry_into_force=renamed(clauses.entry_into_force, alias))

    def by_ieadb(self) -> dict[str, LibraryEntry]:
        return {number: e for e in self.entries for number in e.ieadb}


def _keys(entry: LibraryEntry) -> Iterable[str]:
    if entry.un:
        yield f"un:{entry.un.lower()}"
    for number in entry.ieadb:
        yield f"ieadb:{number}"


def _normal(treaty: str) -> str:
    """A user's name for a treaty as `_keys` gives it, or the name itself."""
    text = treaty.strip().lower()
    for prefix, kind in (("mtdsg-", "un"), ("ieadb-", "ieadb"), ("ieadb:", "ieadb"),
                         ("un:", "un")):
        if text.startswith(prefix):
            return f"{kind}:{text.removeprefix(prefix)}"
    if text.isdigit():
        return f"ieadb:{text}"
    if re.fullmatch(UN_NUMBER, text, re.IGNORECASE):
        return f"un:{text}"
    return text


def entry_payload(entry: LibraryEntry) -> dict[str, Any]:
    """The entry as JSON: what `depositary clauses show --format json` prints."""
    return {
        "name": entry.name,
        "title": entry.title,
        "concluded": entry.concluded.isoformat(),
        "in_force": entry.in_force.isoformat() if entry.in_force else None,
        "in_force_source": entry.in_force_source or None,
        "un": entry.un,
        "ieadb": list(entry.ieadb),
        "confidence": entry.confidence.value,
        "articles": [
            {"article": a.article, "quote": a.quote, "source": a.source,
             "confidence": a.confidence.value, "states": list(a.states)}
            for a in entry.articles
        ],
        "clauses": clauses_payload(entry.clauses) if entry.clauses else None,
        "needs": entry.needs or None,
        "not_stated": list(entry.not_stated),
    }
