"""The error every reader raises for malformed input."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from depositary.domain.admissibility import Rejection
from depositary.domain.phrases import N_, Phrase, PhrasedError, Value, joined, say


class FormatError(PhrasedError):
    """Input that does not follow its documented format; the message names the file (or
    what was read: "the form"), the field and what was expected, each problem a line."""

    verdict = N_("%(source)s: cannot be read:")

    def __init__(self, source: str | Path | Phrase, problems: Sequence[Value]) -> None:
        self.source = source if isinstance(source, Phrase) else str(source)
        self.said_problems = list(problems)  # said in any language
        super().__init__(joined(say(self.verdict, source=self.source),
                                *(joined("\n  - ", p) for p in problems)))

    @property
    def problems(self) -> list[str]:
        """The problems in English."""
        return [str(p) for p in self.said_problems]

    @classmethod
    def from_validation(cls, source: str | Path | Phrase, error: ValidationError) -> FormatError:
        problems = []
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"]) or "(top level)"
            expected = DATE if item["type"].startswith("date") else ""
            problems.append(f"{where}: {item['msg']}{expected}")
        return cls(source, problems)


# Pydantic's own message for a bad date says what is wrong, not what is right.
DATE = " (expected an ISO 8601 date, YYYY-MM-DD: 1994-01-01)"


class Refused(FormatError):
    """Well-formed input that a rule of the register refuses (an act the engine rejects, a
    position by a state that is not a member): the message names the rule. An act the
    engine rejects carries its rejections too, to be said in the reader's language."""

    verdict = N_("%(source)s: refused:")

    def __init__(self, source: str | Path | Phrase, problems: Sequence[Value],
                 rejections: Sequence[Rejection] = ()) -> None:
        super().__init__(source, problems)
        self.rejections = tuple(rejections)
