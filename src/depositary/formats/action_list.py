"""A list of actions, one row per participant and treaty with ISO dates (the 2026 scrape
of chapter XXVI, `untc-disarmament-2026/`): one status table per MTDSG reference."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from depositary.domain.acts import ActKind
from depositary.formats.errors import FormatError
from depositary.formats.names import Names
from depositary.formats.names_file import default_names
from depositary.formats.status_columns import ErrorKind
from depositary.formats.untc import (
    Origin,
    RowError,
    StatusTable,
    TableBuilder,
    mtdsg_alias,
    read_text,
)

# The scrape's "Ratification" folds in acceptance and approval; all three are consent alike.
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
    reader = csv.DictReader(io.StringIO(read_text(path).removeprefix("\ufeff")))
    missing = [c for c in _LIST_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise FormatError(path, [f"missing column {c!r}" for c in missing])
    known = names or default_names()
    builders: dict[str, TableBuilder] = {}
    counts: dict[str, int] = {}
    for index, record in enumerate(reader):
        row = index + 2
        reference = (record["mtdsg_no"] or "").strip()
        alias = mtdsg_alias(reference) if reference else "mtdsg-unknown"
        build = builders.setdefault(reference, TableBuilder(source, alias, known))
        counts[reference] = counts.get(reference, 0) + 1
        if not reference:
            why = "no mtdsg_no: the row names no treaty"
            build.errors.append(RowError.at(Origin(source, row, "mtdsg_no"), ErrorKind.ROW, why))
        elif code := build.participant(record["country_name"] or "", row):
            _list_row(build, code, record, row)
    return {ref: b.table(counts.get(ref, 0)) for ref, b in builders.items()}


def _list_row(build: TableBuilder, code: str, record: Mapping[str, str | None], row: int) -> None:
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


def _list_act(build: TableBuilder, code: str, kind: ActKind, text: str, origin: Origin,
              label: str) -> None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        why = f"{origin.column} {text!r} is not an ISO date (YYYY-MM-DD)"
        build.errors.append(RowError.at(origin, ErrorKind.DATE, why))
        return
    build.act(code, kind, day, origin, label)

