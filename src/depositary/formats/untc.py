"""The UN Treaty Collection's status tables: who signed, ratified, acceded, when.

The Secretary-General's "Status of Multilateral Treaties Deposited" (MTDSG) publishes, for
each treaty, a participant table: the first column names the participant, each other column
is headed by the acts it records and their symbols ("Ratification, Accession(a),
Succession(d)"), and each cell holds deposit dates with a symbol ("24 Jan 1983 a"). The
header says what a bare date means, so the same symbol is read through its column: "d" is
a succession in a consent column but a succession *to signature* in a signature column;
"n" is provisional application where the header says so.

UN tables give the date the Secretary-General received each instrument, so every act's
`received` and `dated` are that date (VCLT 16, 78). A bad cell or an unknown name becomes a
`RowError`, never an exception; only a file that is not a status table raises FormatError.

Longer than the project's ~400 lines because it holds data: the words
of the 40-odd header layouts, and the second layout (a list of actions, one row each).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from depositary.domain.acts import Act, ActKind
from depositary.domain.participants import Name, Participant
from depositary.domain.provenance import Confidence, Provenance
from depositary.formats.errors import FormatError
from depositary.formats.names import Names, clean_name
from depositary.formats.names_file import default_names
from depositary.formats.register_file import act_id


class ErrorKind(StrEnum):
    PARTICIPANT = "unknown-participant"  # a name no names table resolves
    DATE = "bad-date"  # a cell with no readable "D Mon YYYY" date
    SYMBOL = "unknown-symbol"  # a symbol outside the legend or its column's header
    ROW = "bad-row"  # a row with no name, extra cells, or a participant listed twice
    REJECTED = "rejected"  # an act the register refused (see register.table)


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


# -- column headers ------------------------------------------------------------------------

# The MTDSG legend. The header of each column says which of these it uses.
SYMBOLS = frozenset({"a", "A", "AA", "c", "C", "d", "n", "p", "P", "s"})

# What an item of a header records, first match wins: the longer phrases come before the
# words they contain ("succession to signature" before "succession").
_ITEM_KINDS: tuple[tuple[str, ActKind | None], ...] = (
    ("non-provisional application", ActKind.PROVISIONAL_APPLICATION_END),  # UNCLOS XI 7(1)(b)
    ("provisional application", ActKind.PROVISIONAL_APPLICATION),
    ("provisional acceptance", ActKind.PROVISIONAL_APPLICATION),  # study groups' terms
    # A successor state's succession to its predecessor's signature is a signature; reading
    # it as a succession would wrongly make the successor a contracting state.
    ("succession to signature", ActKind.SIGNATURE),
    # A confirmed signature ad referendum is a full signature (VCLT 12(2)(b)); where the
    # column records consent ("Definitive signature(s), Confirmation of signature"), the
    # confirmed signature is a definitive one.
    ("confirmation of signature ad referendum", ActKind.SIGNATURE),
    ("signature ad referendum", ActKind.SIGNATURE_AD_REFERENDUM),
    ("confirmation of signature", ActKind.DEFINITIVE_SIGNATURE),
    ("definitive signature", ActKind.DEFINITIVE_SIGNATURE),
    ("signature", ActKind.SIGNATURE),
    ("formal confirmation", ActKind.FORMAL_CONFIRMATION),
    # Consent by other means "if so agreed" (VCLT 11): the UN's P (consent to be bound,
    # participation) and p (UNCLOS Part XI Agreement art. 5). The domain has no kind of its
    # own for it; a notification is the consent act it treats alike.
    ("simplified procedure", ActKind.NOTIFICATION),
    ("consent to be bound", ActKind.NOTIFICATION),
    ("participation", ActKind.NOTIFICATION),
    # A notification under a named article is about the treaty's machinery (UNIDO art. 25:
    # agreeing that the Constitution enter into force), not consent: no act kind models it.
    ("notification under article", None),
    # Otherwise a notification is consent: VI-3 and VI-9, "Notification in respect of the
    # Agreement as amended(d)".
    ("notification", ActKind.NOTIFICATION),
    ("succession", ActKind.SUCCESSION),
    ("accession", ActKind.ACCESSION),
    ("approval", ActKind.APPROVAL),
    ("acceptance", ActKind.ACCEPTANCE),
    ("ratification", ActKind.RATIFICATION),
    # The Specialized Agencies Convention (III-2): a notification undertaking to apply it
    # in respect of one agency (section 43) is consent to that annex.
    ("application", ActKind.NOTIFICATION),
)
_ITEM_SYMBOL = re.compile(r"\(\s*([A-Za-z]{1,2})\s*\)\s*$")


@dataclass(frozen=True, slots=True)
class Column:
    """What a column records: the act a bare date means, and each symbol's act."""

    header: str
    bare: ActKind | None
    symbols: Mapping[str, ActKind]


def header_items(header: str) -> list[str]:
    """The items of a header, split at commas; a piece starting in lower case continues the
    item before it ("... of 12 September 1923, as amended(A)")."""
    items: list[str] = []
    for piece in header.split(","):
        piece = piece.strip()
        if items and (not piece or piece[0].islower()):
            items[-1] += f", {piece}"
        elif piece:
            items.append(piece)
    return items


def read_column(header: str) -> Column | None:
    """The meaning of a column header; None for a column that records no act
    ("Registration Date", "Notification under article 25": no act kind models these)."""
    bare: ActKind | None = None
    symbols: dict[str, ActKind] = {}
    for item in header_items(header):
        found = _ITEM_SYMBOL.search(item)
        symbol = found[1] if found and found[1] in SYMBOLS else None
        words = item.casefold()
        # The first phrase found decides, even when it maps to None (no act).
        kind = next((k for phrase, k in _ITEM_KINDS if phrase in words), None)
        if kind is None:
            continue
        if symbol is not None:
            symbols.setdefault(symbol, kind)
        elif bare is None:
            bare = kind  # several unmarked items: the first names what a bare date is
    if bare is None and not symbols:
        return None
    if bare is None and len(set(symbols.values())) == 1:
        bare = next(iter(symbols.values()))  # "Accession(a)": the column's one act
    return Column(header, bare, symbols)


# -- cells -----------------------------------------------------------------------------------

# Written out rather than taken from calendar.month_abbr, which follows the locale.
_MONTH_NAMES = (
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
    "aug august", "sep sept september", "oct october", "nov november", "dec december",
)
_MONTHS = {name: n for n, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_DATE = re.compile(
    r"""(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})  # 24 Jan 1983
        (?:[ \t]*(?P<symbol>[A-Za-z]{1,2})(?![A-Za-z]))?                 # its action symbol
    """,
    re.VERBOSE,
)
_SKIP = re.compile(r"[\s,;]+|\[\d+\]|\(\d+\)|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\d{1,3}(?!\d)")


Reading = tuple[date, ActKind, str | None]  # a date, the act it records, its symbol
Problem = tuple[ErrorKind, str]


def read_cell(cell: str, column: Column) -> tuple[list[Reading], list[Problem]]:
    """Every date in a cell with the act its symbol means in this column, and what could
    not be read. Footnote marks after a date are skipped."""
    readings: list[Reading] = []
    problems: list[Problem] = []
    position = 0
    while position < len(cell):
        if match := _DATE.match(cell, position):
            position = match.end()
            _read_date(match, column, readings, problems)
        elif (skip := _SKIP.match(cell, position)) and (readings or not skip[0][0].isdigit()):
            position = skip.end()
        else:
            rest = cell[position:].strip()
            problems.append((ErrorKind.DATE, f"cannot read {rest!r} as a date: '24 Jan 1983 a'"))
            break
    return readings, problems


def _read_date(
    match: re.Match[str], column: Column, readings: list[Reading], problems: list[Problem]
) -> None:
    symbol, month = match["symbol"], _MONTHS.get(match["month"].casefold())
    if month is None:
        problems.append((ErrorKind.DATE, f"unknown month {match['month']!r}"))
        return
    try:
        day = date(int(match["year"]), month, int(match["day"]))
    except ValueError as error:
        problems.append((ErrorKind.DATE, f"not a calendar date: {error}"))
        return
    kind = column.bare if symbol is None else column.symbols.get(symbol)
    if kind is not None:
        readings.append((day, kind, symbol))
    elif symbol is None:
        problems.append((ErrorKind.SYMBOL, "a date without a symbol, but the header gives none"))
    elif symbol not in SYMBOLS:
        problems.append((ErrorKind.SYMBOL, f"unknown action symbol {symbol!r}"))
    else:
        problems.append((ErrorKind.SYMBOL, f"symbol {symbol!r} is not declared by the header"))


# -- tables ----------------------------------------------------------------------------------


def mtdsg_alias(stem: str) -> str:
    """'4-11' → 'mtdsg-iv-11', 'XXVI-2-a' → 'mtdsg-xxvi-2-a': the MTDSG reference, chapter
    in Roman numerals as the UN writes it."""
    chapter, _, rest = stem.partition("-")
    if chapter.isdigit() and 0 < int(chapter) < 40:
        tens, units = divmod(int(chapter), 10)
        chapter = "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]
    return f"mtdsg-{chapter}-{rest}".lower().rstrip("-")


class _Builder:
    """Collects acts, participants and errors for one table, keeping act ids unique."""

    def __init__(self, source: str, instrument: str, names: Names) -> None:
        self.source, self.instrument, self.names = source, instrument, names
        self.acts: list[Act] = []
        self.participants: dict[str, Participant] = {}
        self.errors: list[RowError] = []
        self.origins: dict[str, Origin] = {}
        self.first_row: dict[str, int] = {}

    def participant(self, name: str, row: int) -> str | None:
        """The code for the row's name, registering the participant with what the names
        know of it (an organisation's members); None on error."""
        origin = Origin(self.source, row, "Participant", name)
        resolved = self.names.resolve(name) if name.strip() else None
        if resolved is None and not name.strip():
            self.errors.append(RowError.at(origin, ErrorKind.ROW, "the row names no participant"))
        elif resolved is None:
            why = (f"no ISO 3166 code, built-in name or names-file entry for "
                   f"{clean_name(name)!r}: give it in a names file (docs/data-format.md, "
                   "'Names files')")
            self.errors.append(RowError.at(origin, ErrorKind.PARTICIPANT, why))
        if resolved is None:
            return None
        code, kind_of = resolved
        if code in self.first_row:
            why = f"{code} is already the participant of row {self.first_row[code]}"
            self.errors.append(RowError.at(origin, ErrorKind.ROW, why))
            return None
        self.first_row[code] = row
        known = self.names.participants.get(code)
        self.participants[code] = Participant(
            code, kind_of, (Name("en", clean_name(name)),),
            provenance=Provenance(f"{Path(self.source).name} row {row}", Confidence.SECONDARY),
            members=known.members if known else (),
        )
        return code

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
    columns = {i: read_column(h) for i, h in enumerate(headers) if i > 0}
    ignored = [headers[i] for i, c in columns.items() if c is None]
    build = _Builder(source, instrument, names or default_names())
    rows = 0
    for index, record in enumerate(records[1:]):
        row = index + 2
        if not any(cell.strip() for cell in record):
            continue
        rows += 1
        if len(record) > len(headers):
            why = f"{len(record)} cells but {len(headers)} column headers"
            build.errors.append(RowError.at(Origin(source, row), ErrorKind.ROW, why))
        code = build.participant(record[0], row)
        if code is None:
            continue
        for i, cell in enumerate(record[1 : len(headers)], start=1):
            column = columns[i]
            if column is None or not cell.strip():
                continue
            origin = Origin(source, row, headers[i], cell)
            readings, problems = read_cell(cell, column)
            build.errors += [RowError.at(origin, kind, why) for kind, why in problems]
            for day, kind, symbol in readings:
                build.act(code, kind, day, origin, f"{kind.label} ({symbol or 'no symbol'})")
    return build.table(rows, ignored)


def read_status_table(
    path: Path, *, instrument: str | None = None, names: Names | None = None
) -> StatusTable:
    """Read a UN participant table file; the instrument alias defaults to the MTDSG
    reference in the file name ("4-11.csv" → "mtdsg-iv-11")."""
    text = _read_text(path)
    alias = instrument or mtdsg_alias(path.stem)
    return parse_status_table(text, str(path), instrument=alias, names=names)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise FormatError(path, [f"cannot read: {error.strerror}"]) from None
    except UnicodeDecodeError as error:
        raise FormatError(path, [f"not UTF-8 text: {error.reason} at byte {error.start}"]) from None


# -- action lists ----------------------------------------------------------------------------

# One row per participant and treaty, with ISO dates (the 2026 scrape of chapter XXVI).
# Its "Ratification" folds in acceptance and approval; all three are consent alike.
_ACTION_TYPES = {
    "ratification": ActKind.RATIFICATION,
    "acceptance": ActKind.ACCEPTANCE,
    "approval": ActKind.APPROVAL,
    "accession": ActKind.ACCESSION,
    "succession": ActKind.SUCCESSION,
    "definitive signature": ActKind.DEFINITIVE_SIGNATURE,
}
_LIST_COLUMNS = ("country_name", "action_type", "action_date", "signature_date", "mtdsg_no")


def read_action_list(path: Path, *, names: Names | None = None) -> dict[str, StatusTable]:
    """Read a list of actions (country_name, action_type, action_date, signature_date,
    mtdsg_no), one table per MTDSG reference; names resolve as in parse_status_table."""
    source = str(path)
    reader = csv.DictReader(io.StringIO(_read_text(path).removeprefix("\ufeff")))
    missing = [c for c in _LIST_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise FormatError(path, [f"missing column {c!r}" for c in missing])
    known = names or default_names()
    builders: dict[str, _Builder] = {}
    counts: dict[str, int] = {}
    for index, record in enumerate(reader):
        row = index + 2
        reference = (record["mtdsg_no"] or "").strip()
        alias = mtdsg_alias(reference) if reference else "mtdsg-unknown"
        build = builders.setdefault(reference, _Builder(source, alias, known))
        counts[reference] = counts.get(reference, 0) + 1
        if not reference:
            why = "no mtdsg_no: the row names no treaty"
            build.errors.append(RowError.at(Origin(source, row, "mtdsg_no"), ErrorKind.ROW, why))
        elif code := build.participant(record["country_name"] or "", row):
            _list_row(build, code, record, row)
    return {ref: b.table(counts.get(ref, 0)) for ref, b in builders.items()}


def _list_row(build: _Builder, code: str, record: Mapping[str, str | None], row: int) -> None:
    """A signature date, if any, and the action the row records."""
    def cell(column: str) -> tuple[str, Origin]:
        text = (record[column] or "").strip()
        return text, Origin(build.source, row, column, text)

    signed, origin = cell("signature_date")
    if signed:
        _list_act(build, code, ActKind.SIGNATURE, signed, origin, "signature")
    action = (record["action_type"] or "").strip()
    day, origin = cell("action_date")
    if not action and not day:
        return
    kind = _ACTION_TYPES.get(action.casefold())
    if kind is None:
        why = f"unknown action type {action!r}" if action else "an action date without a type"
        build.errors.append(RowError.at(origin, ErrorKind.SYMBOL, why))
    else:
        _list_act(build, code, kind, day, origin, action)


def _list_act(build: _Builder, code: str, kind: ActKind, text: str, origin: Origin,
              label: str) -> None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        why = f"{origin.column} {text!r} is not an ISO date (YYYY-MM-DD)"
        build.errors.append(RowError.at(origin, ErrorKind.DATE, why))
        return
    build.act(code, kind, day, origin, label)
