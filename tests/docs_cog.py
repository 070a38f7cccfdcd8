"""The parts of the documentation that are generated from the code, written by cog
(cogapp). In a Markdown file a generated part sits between two HTML comments, invisible
once rendered: the opening one holds a line of Python, `cog.out(transcript("..."))` or
`cog.out(chairs_table())`, the closing one is cog's end marker; between them is what that
line wrote when last run.

`./dev docs` (which is `python -m tests.docs_cog -r`) rewrites every generated part;
tests/test_docs.py runs the same with `--check`, so a part that no longer matches the code
fails the suite. Generation is deterministic: the transcripts read the bundled register in
a home made for this run, at a fixed width, and every date is given."""

from __future__ import annotations

import functools
import shlex
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from cogapp import Cog
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
# Where generated parts may be: a file of docs/ that gains one needs no change here.
COGGED = ("README.md", "docs/*.md")
# The blocks call this module's functions by name; cog makes `cog` itself available.
PROLOGUE = "from tests.docs_cog import chairs_table, cli_reference, configuration_table, " \
           "operations_table, refusal, transcript, BAD_CLAUSES, BAD_DATE"
# Transcripts are rendered at a fixed width so they read the same on every machine.
WIDTH = "88"


def generated_files() -> list[Path]:
    """The Markdown files that hold at least one generated part."""
    return sorted(path for pattern in COGGED for path in ROOT.glob(pattern)
                  if "[[[cog" in path.read_text(encoding="utf-8"))


def cog_arguments(*options: str, files: Sequence[Path] | None = None) -> list[str]:
    """The command line for cog over the generated files, e.g. cog_arguments("--check")."""
    chosen = generated_files() if files is None else files
    return ["cog", *options, "-I", str(ROOT), "-p", PROLOGUE, *(str(path) for path in chosen)]


@functools.cache
def _home() -> tempfile.TemporaryDirectory[str]:
    # One home for all transcripts of a run (the bundled register loaded once), never the
    # user's register nor one kept from an earlier version; removed when the process ends.
    return tempfile.TemporaryDirectory(prefix="depositary-docs-")


def transcript(args: str) -> str:
    """A console block: `$ depositary ARGS` and what the command prints now."""
    environment = {"COLUMNS": WIDTH, "DEPOSITARY_HOME": _home().name,
                   "DEPOSITARY_DATABASE_URL": None}
    from depositary.cli import app

    result = CliRunner().invoke(app, shlex.split(args), env=environment)
    if result.exit_code != 0:
        raise RuntimeError(f"`depositary {args}` failed ({result.exit_code}): {result.output}")
    output = "".join(f"{line.rstrip()}\n" for line in result.stdout.splitlines())
    return f"```console\n$ depositary {args}\n{output}```\n"


# docs/clauses.md's errors: a clauses file with three bad fields, one with a bad date; the
# table beside them is never read.
BAD_CLAUSES = {"bad.yaml": "entry_into_force:\n  threshold:\n    count: 0\n    days: thirty\n"
                           "withdrawal:\n  month: 12\n",
               "table.csv": "Participant,Signature\n"}
BAD_DATE = {"bad.yaml": "entry_into_force:\n  on_date: 1 January 1994\n",
            "table.csv": "Participant,Signature\n"}


def refusal(args: str, **files: str) -> str:
    """A console block: `$ depositary ARGS` run beside `files` (name: text), each shown
    first with `cat`, the error the command prints and its exit status, which must be 2."""
    from depositary.cli import app

    with tempfile.TemporaryDirectory(prefix="depositary-docs-") as folder:
        shown = []
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
            shown.append(f"$ cat {name}\n{text}")
        environment = {"COLUMNS": WIDTH, "DEPOSITARY_HOME": _home().name,
                       "DEPOSITARY_DATABASE_URL": None}
        arguments = [word if word.startswith("-") else str(Path(folder) / word)
                     if word in files else word for word in shlex.split(args)]
        result = CliRunner().invoke(app, arguments, env=environment)
        if result.exit_code != 2:
            raise RuntimeError(f"`depositary {args}` exited {result.exit_code}, not 2: "
                               f"{result.output}")
        error = result.stderr.replace(f"{folder}/", "")
    return f"```console\n{''.join(shown)}$ depositary {args}\n{error}$ echo $?\n2\n```\n"


def cli_reference() -> str:
    """docs/cli.md: what `typer depositary.cli utils docs` makes of the CLI's help."""
    import typer.cli

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cli.md"
        result = CliRunner().invoke(typer.cli.app, [
            "depositary.cli", "utils", "docs", "--name", "depositary", "--output", str(out)])
        if result.exit_code != 0:
            raise RuntimeError(f"typer utils docs failed: {result.output}")
        return out.read_text(encoding="utf-8")


def configuration_table() -> str:
    """docs/deployment.md's configuration reference: one row per field of Settings."""
    from depositary.app.settings import Settings

    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        variable = field.validation_alias or f"DEPOSITARY_{name.upper()}"
        extra = field.json_schema_extra
        shown = extra["shown_default"] if isinstance(extra, dict) else field.default
        rows.append(f"| `{variable}` | {shown} | {field.description} |")
    return "\n".join(rows) + "\n"


def chairs_table() -> str:
    """The chair's terms of the Council of Heads of State as docs/governance.md shows them:
    the record, the gaps in it, and the next term the rule proposes."""
    from depositary.app.bundled import load_commonwealth

    register = load_commonwealth()
    councils = register.councils
    rows = ["| from | until | chair | head of state | co-chairs | record | conf. |",
            "|---|---|---|---|---|---|---|"]
    post = "chair-council-of-heads-of-state"
    for term in councils.chairs("council-of-heads-of-state", date(2027, 1, 2)):
        person = councils.person_for(post, term.person, term.participant, term.start) if (
            term.recorded) else None
        chair = (f"{register.participant(term.participant).name(term.start, 'ru')} "
                 f"({term.participant})") if term.participant else "unknown"
        record = "recorded" if term.recorded else (
            "unknown" if term.participant is None else "by the rule, not recorded")
        confidence = term.provenance.confidence.value if term.recorded else ""
        rows.append(
            f"| {term.start} | {term.end} | {chair} | {person.name('en') if person else ''} "
            f"| {', '.join(term.co_chairs)} | {record} | {confidence} |"
        )
    return "\n".join(rows) + "\n"


def cli_commands() -> dict[str, str]:
    """The CLI command that runs each operation: the one whose help opens with the
    operation's name in backquotes (`session.convene` ...)."""
    import typer.main

    from depositary.cli import app

    found: dict[str, str] = {}

    def walk(command: Any, path: str) -> None:
        if hasattr(command, "commands"):  # a group (typer's own copy of click's)
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}")
        elif command.help and command.help.startswith("`"):
            found[command.help[1:].split("`")[0]] = path

    walk(typer.main.get_command(app), "depositary")
    return found


NO_ENTRY = "none: a secret, kept in the accounts' tables"


def operations_table() -> str:
    """docs/operations.md: the registry's operations, with who may run each, what it
    writes, its input and the command and the route that run it."""
    from depositary.app.operations import OPERATIONS
    from depositary.web.operations import ROUTES

    commands = cli_commands()
    routes = {name: path.replace(":path}", "}") for name, path, _, _ in ROUTES}
    rows = ["| operation | who | acts on | input | writes | CLI | API |",
            "|---|---|---|---|---|---|---|"]
    for name, operation in OPERATIONS.items():
        fields = ", ".join(f"`{field}`" for field in operation.input.model_fields) or "—"
        rows.append(
            f"| `{name}`: {operation.summary} | {operation.who} | {operation.target or '—'} "
            f"| {fields} | {f'`{operation.entry}`' if operation.entry else NO_ENTRY} "
            f"| `{commands.get(name, '—')}` "
            f"| `POST /api{routes.get(name, '—')}` |"
        )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    # `python -m tests.docs_cog -r` rewrites; `--check` only says whether anything would.
    sys.exit(Cog().main(cog_arguments(*sys.argv[1:])))
