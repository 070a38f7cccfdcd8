"""The error every reader raises for malformed input."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from depositary.domain.admissibility import Rejection


class FormatError(ValueError):
    """Input that does not follow its documented format; the message names the file, the
    field and what was expected."""

    verdict = "cannot be read"

    def __init__(self, source: str | Path, problems: list[str]) -> None:
        self.source = str(source)
        self.problems = problems
        listed = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{self.source}: {self.verdict}:\n{listed}")

    @classmethod
    def from_validation(cls, source: str | Path, error: ValidationError) -> FormatError:
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

    verdict = "refused"

    def __init__(self, source: str | Path, problems: list[str],
                 rejections: Sequence[Rejection] = ()) -> None:
        super().__init__(source, problems)
        self.rejections = tuple(rejections)
