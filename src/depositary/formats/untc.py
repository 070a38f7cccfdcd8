"""The UN Treaty Collection's status tables: who signed, ratified, acceded, when.

The Secretary-General's "Status of Multilateral Treaties Deposited" (MTDSG) publishes, for
each treaty, a participant table: the first column names the participant, each other column
records acts (status_columns.py says which). UN tables give the date the Secretary-General
received each instrument, so every act's `received` and `dated` are that date (VCLT 16, 78).

A bad cell or an unknown name becomes a `RowError`, never an exception, so that a caller
sees every problem at once; only a file that is not a status table raises FormatError.
Evaluating or importing a table with row errors is refused (`UnreadableTable`). The second
layout, a list of actions, is read in action_list.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from depositary.domain.acts import Act, ActKind
from depositary.domain.participants import Name, Participant, ParticipantKind
from depositary.domain.phrases import N_
from depositary.domain.provenance import Confidence, Provenance
from depositary.formats.errors import FormatError
from depositary.formats.names import Names, clean_name
from depositary.formats.names_file import default_names
from depositary.formats.register_file import act_id
from depositary.formats.status_columns import (
    Column,
    EffectColumn,
    ErrorKind,
    effect_column,
    is_code_column,
    read_cell,
    read_column,
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value was read: file, row (the header is row 1), column header, cell."""

    file: str
    row: int
    column: str = ""
    cell: str = ""


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one row or cell; the rest of the table is still read."""

    file: str
    row: int  # the header is row 1
    column: str
    cell: str
    kind: ErrorKind
    message: str

    @classmethod
    def at(cls, origin: Origin, kind: ErrorKind, message: str) -> RowError:
        return cls(origin.file, origin.row, origin.column, origin.cell, kind, message)

    def __str__(self) -> str:
        where = f"{self.file} row {self.row}"
        if self.column:
            where += f", column {self.column!r}, cell {self.cell!r}"
        return f"{where}: {self.message} [{self.kind.value}]"


@dataclass(frozen=True, slots=True)
class StatusTable:
    """A parsed status table: the acts, the participants named, the rows that failed."""

    source: str
    instrument: str  # the alias the acts refer to, e.g. "mtdsg-iv-11"
    acts: tuple[Act, ...]
    participants: dict[str, Participant]
    errors: list[RowError]
    origins: Mapping[str, Origin] = field(default_factory=dict)  # act id → its cell
    ignored_columns: tuple[str, ...] = ()  # headers that record no act (1-2: UNTS volume)
    rows: int = 0


class UnreadableTable(FormatError):
    """A table with cells or names that could not be read. Evaluated as it stands, it
    would show their participants as not involved for want of acts the table holds: it is
    refused whole, each bad cell listed (file, row, column, cell, message, rule)."""

    verdict = N_(
        "%(source)s: is refused, since cells or names in it cannot be read (each date is "
        "'D Mon YYYY' with a symbol its column declares, each name one of ISO 3166, the "
        "built-in names or a names file: docs/clauses.md, 'How a table is read'); nothing "
        "was evaluated:"
    )

    def __init__(self, table: StatusTable) -> None:
        super().__init__(table.source, [str(error) for error in table.errors])


def require_readable(table: StatusTable) -> StatusTable:
    """The table, if every cell and name of it was read; UnreadableTable otherwise."""
    if table.errors:
        raise UnreadableTable(table)
    return table


# The MTDSG's chapters, I to XXXIX, in the Roman numerals the UN writes them in.
_UNITS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
CHAPTERS = {n: "X" * (n // 10) + _UNITS[n % 10] for n in range(1, 40)}


def mtdsg_alias(stem: str) -> str:
    """'4-11' → 'mtdsg-iv-11', 'XXVI-2-a' → 'mtdsg-xxvi-2-a': the MTDSG reference, chapter
    in Roman numerals as the UN writes it."""
    chapter, _, rest = stem.partition("-")
    if chapter.isdigit() and 0 < int(chapter) < 40:
        chapter = CHAPTERS[int(chapter)]
    return f"mtdsg-{chapter}-{rest}".lower().rstrip("-")


def table_stem(reference: str) -> str:
    """'XXVII-8-a' → '27-8-a': the MTDSG reference as the UN tables' files are named
    (mtdsg_alias's inverse)."""
    chapter, _, rest = reference.partition("-")
    number = next((n for n, roman in CHAPTERS.items() if roman == chapter), chapter)
    return f"{number}-{rest}"


class TableBuilder:
    """Collects acts, participants and errors for one table, keeping act ids unique."""

    def __init__(self, source: str, instrument: str, names: Names) -> None:
        self.source, self.instrument, self.names = source, instrument, names
        self.acts: list[Act] = []
        self.participants: dict[str, Participant] = {}
        self.errors: list[RowError] = []
        self.origins: dict[str, Origin] = {}
        self.first_row: dict[str, int] = {}

    def participant(self, name: str, row: int, code: Origin | None = None) -> str | None:
        """The participant of the row, by its code where a Code column gives one, else by
        its name; registered with what the names know of it (an organisation's members).
        None on error."""
        origin = code or Origin(self.source, row, "Participant", name)
        resolved = self._identified(code.cell.strip()) if code else self._named(name)
        if resolved is None:
            self.errors.append(self._unresolved(origin, code is not None))
            return None
        found, kind_of = resolved
        if found in self.first_row:
            why = f"{found} is already the participant of row {self.first_row[found]}"
            self.errors.append(RowError.at(origin, ErrorKind.ROW, why))
            return None
        self.first_row[found] = row
        known = self.names.participants.get(found)
        shown = clean_name(name) or (known.name(short=False) if known else "") or found
        self.participants[found] = Participant(
            found, kind_of, (Name("en", shown),),
            provenance=Provenance(f"{Path(self.source).name} row {row}", Confidence.SECONDARY),
            members=known.members if known else (),
        )
        return found

    def _unresolved(self, origin: Origin, by_code: bool) -> RowError:
        """Why the row has no participant, and how to give it one."""
        given = clean_name(origin.cell)
        if by_code:
            why = (f"{origin.cell.strip()!r} is not a code of ISO 3166 alpha-3, the built-in "
                   "names or a names file (docs/data-format.md, 'Identifiers')")
        elif not given:
            return RowError.at(origin, ErrorKind.ROW, "the row names no participant")
        else:
            why = (f"no ISO 3166 code, built-in name or names-file entry for {given!r}: give "
                   "it in a names file (docs/data-format.md, 'Names files') or its code in a "
                   "Code column")
        return RowError.at(origin, ErrorKind.PARTICIPANT, why)

    def _named(self, name: str) -> tuple[str, ParticipantKind] | None:
        return self.names.resolve(name) if name.strip() else None

    def _identified(self, code: str) -> tuple[str, ParticipantKind] | None:
        kind = self.names.kind_of(code)
        return (code, kind) if kind is not None else None

    def take_effect(self, column: EffectColumn, days: list[date], origin: Origin,
                    first: int) -> None:
        """Give the row's acts (from `first`) of the column's kind their dates of effect:
        the n-th date to the n-th act in order of receipt."""
        row = sorted((i for i in range(first, len(self.acts))
                      if self.acts[i].kind is column.kind), key=lambda i: self.acts[i].sort_key)
        if len(row) != len(days):
            what = column.kind.label
            why = (
                f"{len(days)} date(s) of effect for {len(row)} {what}(s) in the row: each "
                f"{what} of the row takes one, the n-th date for the n-th {what} received"
            )
            self.errors.append(RowError.at(origin, ErrorKind.EFFECT, why))
            return
        for i, day in zip(row, days, strict=True):
            act = self.acts[i]
            note = f"{act.provenance.note}; effective {day} by column {origin.column!r}"
            self.acts[i] = replace(act, effective=day,
                                   provenance=replace(act.provenance, note=note))

    def act(self, code: str, kind: ActKind, day: date, origin: Origin, text: str) -> None:
        base = act_id(self.instrument, code, kind, day)
        ident, n = base, 1
        while ident in self.origins:
            n += 1
            ident = f"{base}#{n}"
        note = f"column {origin.column!r}, cell {origin.cell!r}"
        self.acts.append(Act(
            ident, self.instrument, code, kind, dated=day, received=day, text=text,
            provenance=Provenance(
                f"{Path(self.source).name} row {origin.row}", Confidence.SECONDARY, note
            ),
        ))
        self.origins[ident] = origin

    def table(self, rows: int, ignored: Iterable[str] = ()) -> StatusTable:
        return StatusTable(
            self.source, self.instrument, tuple(self.acts), self.participants, self.errors,
            self.origins, tuple(ignored), rows,
        )


@dataclass(frozen=True, slots=True)
class _Layout:
    """What each column of a table holds, by position."""

    code: int | None  # the Code column, whose code wins over the name
    acts: Mapping[int, Column]
    effects: Mapping[int, EffectColumn]  # dates of effect of the row's acts of a kind
    ignored: tuple[str, ...]


def _layout(headers: list[str]) -> _Layout:
    code: int | None = None
    acts: dict[int, Column] = {}
    effects: dict[int, EffectColumn] = {}
    ignored: list[str] = []
    for i, header in enumerate(headers[1:], start=1):
        effect = effect_column(header)
        column = None if effect else read_column(header)
        if is_code_column(header) and code is None:
            code = i
        elif effect is not None:
            effects[i] = effect
        elif column is not None:
            acts[i] = column
        else:
            ignored.append(header)
    return _Layout(code, acts, effects, tuple(ignored))


def parse_status_table(
    text: str, source: str, *, instrument: str, names: Names | None = None
) -> StatusTable:
    """Read a UN participant table from CSV text; `source` names it in errors. Names
    resolve through `names` (default: the built-in tables and the project's names files;
    formats/names_file.read_names_file adds a user's)."""
    try:
        records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    except csv.Error as error:
        raise FormatError(source, [f"not CSV: {error}"]) from None
    if not records or not records[0] or records[0][0].strip().casefold() != "participant":
        raise FormatError(source, ["the first column must be headed 'Participant'"])
    headers = [h.strip() for h in records[0]]
    layout = _layout(headers)
    build = TableBuilder(source, instrument, names or default_names())
    rows = 0
    for index, record in enumerate(records[1:]):
        row = index + 2
        if not any(cell.strip() for cell in record):
            continue
        rows += 1
        if len(record) > len(headers):
            why = f"{len(record)} cells but {len(headers)} column headers"
            build.errors.append(RowError.at(Origin(source, row), ErrorKind.ROW, why))
        cells = dict(enumerate(record[: len(headers)]))
        code_origin = None  # the Code column's cell, where it holds one
        if layout.code is not None and cells.get(layout.code, "").strip():
            code_origin = Origin(source, row, headers[layout.code], cells[layout.code])
        code = build.participant(record[0], row, code_origin)
        if code is None:
            continue
        first = len(build.acts)
        for i, column in layout.acts.items():
            for day, kind, symbol, origin in _readings(build, cells.get(i, ""), column, row):
                build.act(code, kind, day, origin, f"{kind.label} ({symbol or 'no symbol'})")
        # After the row's acts: each date of effect belongs to one of them.
        for i, effect in layout.effects.items():
            bare = Column(effect.header, effect.kind, {})
            found = _readings(build, cells.get(i, ""), bare, row)
            if found:
                days = [day for day, *_ in found]
                build.take_effect(effect, days, found[0][3], first)
    return build.table(rows, layout.ignored)


def _readings(
    build: TableBuilder, cell: str, column: Column, row: int
) -> list[tuple[date, ActKind, str | None, Origin]]:
    """The dates a cell holds with the act each records, its problems reported."""
    if not cell.strip():
        return []
    origin = Origin(build.source, row, column.header, cell)
    readings, problems = read_cell(cell, column)
    build.errors += [RowError.at(origin, kind, why) for kind, why in problems]
    return [(day, kind, symbol, origin) for day, kind, symbol in readings]


def read_status_table(
    path: Path, *, instrument: str | None = None, names: Names | None = None
) -> StatusTable:
    """Read a UN participant table file; the instrument alias defaults to the MTDSG
    reference in the file name ("4-11.csv" → "mtdsg-iv-11")."""
    text = read_text(path)
    alias = instrument or mtdsg_alias(path.stem)
    return parse_status_table(text, str(path), instrument=alias, names=names)


def read_text(path: Path) -> str:
    """A table file's text; FormatError, not OSError, for a file that cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise FormatError(path, [f"cannot read: {error.strerror}"]) from None
    except UnicodeDecodeError as error:
        raise FormatError(path, [f"not UTF-8 text: {error.reason} at byte {error.start}"]) from None
