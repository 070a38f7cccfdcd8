"""What each column of a status table records, and the dates its cells hold.

The Secretary-General's "Status of Multilateral Treaties Deposited" (MTDSG) heads each
column by the acts it records and their symbols ("Ratification, Accession(a),
Succession(d)"), and each cell holds deposit dates with a symbol ("24 Jan 1983 a"). The
header says what a bare date means, so the same symbol is read through its column: "d" is
a succession in a consent column but a succession *to signature* in a signature column;
"n" is provisional application where the header says so.

A table may carry more than the UN's columns, each recognised by its header
(docs/clauses.md, "How a table is read"): the participant's code, withdrawals and
denunciations, and the date a succession, withdrawal or denunciation took effect where it
is not the date of the notification. The UN's pages keep these in footnotes; a table
prepared by hand, or by a depositary that publishes them, states them in columns so that
the engine can use them.

Longer than most modules because it holds data: the words of the 40-odd UN header layouts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from depositary.domain.acts import ActKind


class ErrorKind(StrEnum):
    PARTICIPANT = "unknown-participant"  # a name no table resolves, a code nobody gives
    DATE = "bad-date"  # a cell with no readable "D Mon YYYY" date
    EFFECT = "unmatched-date-of-effect"  # dates of effect not one for each act of the row
    SYMBOL = "unknown-symbol"  # a symbol outside the legend or its column's header
    ROW = "bad-row"  # a row with no name, extra cells, or a participant listed twice
    REJECTED = "rejected"  # an act the register refused (see register.table)


# -- column headers ------------------------------------------------------------------------

# The MTDSG legend. The header of each column says which of these it uses.
SYMBOLS = frozenset({"a", "A", "AA", "c", "C", "d", "n", "p", "P", "s"})

# What an item of a header records, first match wins: the longer phrases come before the
# words they contain ("succession to signature" before "succession").
_ITEM_KINDS: tuple[tuple[str, ActKind | None], ...] = (
    ("non-provisional application", ActKind.PROVISIONAL_APPLICATION_END),  # UNCLOS XI 7(1)(b)
    ("provisional application", ActKind.PROVISIONAL_APPLICATION),
    ("provisional acceptance", ActKind.PROVISIONAL_APPLICATION),  # study groups' terms
    # A notice of withdrawal or denunciation, dated by its receipt (VCLT 56(2), 78); the
    # UN puts these in footnotes, a table may give them a column (table_columns.py).
    ("withdrawal", ActKind.WITHDRAWAL),
    ("denunciation", ActKind.DENUNCIATION),
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


# -- the project's own columns ------------------------------------------------------------

# The participant's identifier (docs/data-format.md, "Identifiers"), which then wins over
# the name in the first column.
CODE_HEADER = "code"

# "Succession effective" or "Date of effect of succession" (of a withdrawal, of a
# denunciation): the acts whose date of effect the column gives.
_EFFECT = re.compile(
    r"""^(?:(?P<kind>succession|withdrawal|denunciation)\s+effective
        |date\s+of\s+effect\s+of\s+(?:the\s+)?(?P<of>succession|withdrawal|denunciation))$""",
    re.VERBOSE | re.IGNORECASE,
)
_EFFECT_KINDS = {
    "succession": ActKind.SUCCESSION,
    "withdrawal": ActKind.WITHDRAWAL,
    "denunciation": ActKind.DENUNCIATION,
}


@dataclass(frozen=True, slots=True)
class EffectColumn:
    """A column giving the dates of effect of a row's acts of one kind, the n-th date for
    the n-th such act in order of receipt."""

    header: str
    kind: ActKind


def is_code_column(header: str) -> bool:
    return header.strip().casefold() == CODE_HEADER


def effect_column(header: str) -> EffectColumn | None:
    """The acts a header gives the dates of effect of; None for any other header."""
    found = _EFFECT.match(" ".join(header.split()))
    if found is None:
        return None
    return EffectColumn(header, _EFFECT_KINDS[(found["kind"] or found["of"]).casefold()])
