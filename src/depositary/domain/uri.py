"""An instrument's work URI, as one value (after cobalt's `FrbrUri`): every identifier is
made and read here, so that two parts of the program cannot name one treaty two ways.

The shape is Akoma Ntoso's naming convention (AKN-NC 1.0, §5.4: the work level,
/akn/<country>/<doctype>/<subtype>/<date>/<number>) with one documented deviation: the
jurisdiction is the regime's, not a two-letter country (`cis` for the Commonwealth, `un`
for the United Nations' treaties, `ieadb` for the environmental agreements, a council's
alias for its decisions). A work whose date is not known is dated `undated`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_WORK = re.compile(r"""
    ^/akn
    /(?P<jurisdiction>[a-z][a-z0-9-]*)          # the regime: cis, un, ieadb, a council
    /(?P<doctype>act)                            # every instrument is an act
    /(?P<subtype>[a-z][a-z-]*)                   # treaty, agreement, charter, decision, ...
    /(?P<date>\d{4}-\d{2}-\d{2}|undated)         # adoption or conclusion
    /(?P<number>[^/\s]+)$                        # the work's own name or number
""", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class WorkUri:
    jurisdiction: str
    subtype: str
    day: date | None
    number: str
    doctype: str = "act"

    @classmethod
    def parse(cls, uri: str) -> WorkUri:
        """The parts of a work URI; ValueError naming the expected shape if it is none."""
        found = _WORK.match(uri)
        if found is None:
            raise ValueError(
                f"{uri!r} is not a work URI: expected "
                "/akn/<jurisdiction>/act/<subtype>/<YYYY-MM-DD or undated>/<name>")
        given = found["date"]
        return cls(found["jurisdiction"], found["subtype"],
                   None if given == "undated" else date.fromisoformat(given),
                   found["number"], found["doctype"])

    def __str__(self) -> str:
        dated = self.day.isoformat() if self.day is not None else "undated"
        return f"/akn/{self.jurisdiction}/{self.doctype}/{self.subtype}/{dated}/{self.number}"
