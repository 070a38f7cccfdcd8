"""What the command modules share.

Output formats, the options every read takes, the state the main callback sets
(--register, --language, --as-recorded), reading the register, and turning the library's
errors about bad input into a message and exit 2.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from depositary.app.operations import OPERATIONS, Caller
from depositary.app.settings import Settings
from depositary.app.stored import Refusal, StoredRegister, utc_today
from depositary.app.witness import WitnessError
from depositary.bootstrap import Failure, StoreError, failure_of, open_register, reason_of
from depositary.cli import console
from depositary.domain.admissibility import ActRejected
from depositary.domain.periods import outside_calendar
from depositary.formats.clauses_library import NotInLibrary
from depositary.formats.errors import FormatError
from depositary.log.checkpoints import CheckpointError
from depositary.log.entries import DamagedEntry
from depositary.log.signatures import KeyProblem
from depositary.register import Register, RegisterError
from depositary.register.councils import CouncilError
from depositary.register.replay import load_file


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Language(StrEnum):
    en = "en"
    ru = "ru"


@dataclass(frozen=True, slots=True)
class Options:
    """The options given before the command (`depositary --register F -l ru CMD`)."""

    register: Path | None = None
    language: Language = Language.en
    as_recorded: str | None = None


# The invocation's options, set by the app's callback before each command runs (as Click
# keeps its current context): a context variable, so that an invocation never sees
# another's, and one that did not set them sees the defaults.
OPTIONS: ContextVar[Options | None] = ContextVar("OPTIONS", default=None)


def _options() -> Options:
    return OPTIONS.get() or Options()


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise typer.BadParameter(
            f"{value!r} is not a date in the form YYYY-MM-DD ({error})"
        ) from None
    problem = outside_calendar(day)
    if problem is not None:
        raise typer.BadParameter(problem)
    return day


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="The legal date to answer for (YYYY-MM-DD); default today.",
        metavar="DATE",
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; json or csv for scripts.")
]


As = Annotated[str, typer.Option("--as", help="The person (register id) doing this.")]
# Who runs an account's operation from the CLI: whoever holds the database, unnamed (the
# operator's log says so); no person of the register has this id.
AT_THE_DATABASE = "(at the database)"


def run(name: str, by: str, given: Mapping[str, Any], target: str = "",
        stored: StoredRegister | None = None) -> Any:
    """Run a registered operation as `by`, at the database itself (`Caller.local`).

    It runs on the configured register, or on `stored` where the command has opened it
    already.
    """
    return OPERATIONS[name].run(stored or open_register(), Caller(by, local=True), given,
                                target)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the library's errors about bad input into a message and exit status 2."""
    try:
        yield
    except (
        RegisterError, FormatError, ActRejected, Refusal, KeyProblem, StoreError, CouncilError,
        CheckpointError, WitnessError, DamagedEntry, NotInLibrary,
    ) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except ValidationError as error:
        if error.title != Settings.__name__:
            raise
        for problem in error.errors(include_url=False):
            variable = ".".join(str(part) for part in problem["loc"])
            typer.echo(f"error: {variable}: {problem['msg']} (the settings: "
                       "docs/deployment.md)", err=True)
        raise typer.Exit(2) from None
    except json.JSONDecodeError:
        # Read straight from the log's projections: the database was edited by hand.
        typer.echo("error: the register's log holds an entry that cannot be read (its "
                   "payload is not JSON): `depositary verify` names it", err=True)
        raise typer.Exit(2) from None
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        typer.echo(f"error: cannot read or write{where}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from None
    except Exception as error:
        failure = failure_of(error)
        if failure is None:
            raise
        if failure is Failure.BAD_URL:
            typer.echo(
                f"error: DEPOSITARY_DATABASE_URL is not a database URL this program can use "
                f"(sqlite:///PATH or postgresql+psycopg://USER@HOST/DB): {error}", err=True,
            )
        else:
            typer.echo(f"error: cannot use the register's database: {reason_of(error)}",
                       err=True)
        raise typer.Exit(2) from None


def _register_for(instrument: str) -> Register:
    """Return the register that reading one instrument needs.

    It is read from the stored register's index, unless a file or a transaction time is
    asked for.
    """
    if not _reads_stored_now():
        return _register()
    return open_register().instrument_register(instrument)


def _reads_stored_now() -> bool:
    """Tell whether the command reads the stored register as it stands.

    True when its projections serve: not a file given with --register, nor the register
    as recorded at another time.
    """
    options = _options()
    return options.register is None and options.as_recorded is None


def _language() -> str:
    return str(_options().language.value)


def _register() -> Register:
    options = _options()
    if options.register is not None:
        return load_file(options.register)
    return open_register().register(options.as_recorded)


def _as_of(value: str | None) -> date:
    return _parse_date(value) or utc_today()


def _emit(data: Any, fmt: Format, render: Callable[[], Any], rows: list[dict[str, Any]]) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt is Format.csv:
        _write_csv(rows)
    else:
        console.console().print(render())


def _write_csv(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> Any:
    """A CSV cell: lists joined with "; ", mappings as JSON."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


