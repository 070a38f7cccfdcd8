"""The command line: thin. Each command parses, calls one library function, prints.

Human output (Rich tables) by default; `--format json|csv` for scripts. Bad input gets a
message naming the problem and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress

from depositary.app import witness
from depositary.app.imports import ImportPlan, plan_ieadb, plan_status_table
from depositary.app.settings import Settings
from depositary.app.stored import (
    EMPTY_ON_PURPOSE,
    Refusal,
    StoredRegister,
    transaction_time,
    utc_today,
)
from depositary.app.table import evaluate_table
from depositary.app.workflow import Workflow, signed_payload
from depositary.bootstrap import StoreError, open_register
from depositary.cli import console
from depositary.cli.councils import COMMANDS
from depositary.cli.library import clauses_app
from depositary.cli.people import person_app
from depositary.cli.support import (
    AT_THE_DATABASE,
    OPTIONS,
    As,
    AsOf,
    Format,
    FormatOption,
    Language,
    Options,
    _as_of,
    _emit,
    _language,
    _options,
    _parse_date,
    _reads_stored_now,
    _register,
    _register_for,
    _user_errors,
    run,
)
from depositary.domain.clauses import Clauses, instruments_read
from depositary.formats import ieadb
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.clauses_library import Library, LibraryEntry, NotInLibrary
from depositary.formats.files import read_yaml
from depositary.formats.names import Names
from depositary.formats.names_file import read_names_file
from depositary.formats.register_file import act_id, act_item, read_act_file
from depositary.formats.untc import read_status_table
from depositary.log import witnessing
from depositary.log.signatures import generate, sign
from depositary.register import Register, RegisterError, queries
from depositary.shapes.charts import (
    changes_json,
    overview_json,
    status_public,
    table_evaluation_json,
)
from depositary.shapes.instruments import infobox_public, summary_public
from depositary.shapes.notifications import notifications_json, stored_notifications
from depositary.shapes.participants import participant_json
from depositary.shapes.public import plain

NamesOption = Annotated[
    Path | None,
    typer.Option(
        "--names", help="A names file (YAML; docs/data-format.md): identifiers and names the "
        "table uses beyond ISO 3166 and the built-in ones, which it adds to and overrides.",
        exists=True, dir_okay=False, metavar="FILE",
    ),
]

app = typer.Typer(
    help=(
        "depositary: the register of a treaty regime and who is bound by what on any date.\n\n"
        "Reads the bundled register of the Commonwealth of Independent States (1991-), or "
        "the register file given with --register."
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    register: Annotated[
        Path | None,
        typer.Option(
            "--register",
            help="A register file (YAML) to read instead of the bundled one; give it before "
            "the command.",
            exists=True, dir_okay=False, metavar="FILE",
        ),
    ] = None,
    language: Annotated[
        Language, typer.Option("--language", "-l", help="Language of names and titles.")
    ] = Language.en,
    as_recorded: Annotated[
        str | None,
        typer.Option(
            "--as-recorded", metavar="TIME",
            help="Answer from the register as it stood at this transaction time (ISO 8601), "
            "for audit; default: as it stands now.",
        ),
    ] = None,
) -> None:
    """Read the register of instruments and acts, and compute statuses on any date.

    The register is kept in the database of `DEPOSITARY_DATABASE_URL`, or a SQLite file in
    `DEPOSITARY_HOME`; on first use it is created and given the bundled register."""
    OPTIONS.set(Options(register, language, as_recorded))


@app.command()
def instruments(fmt: FormatOption = Format.table) -> None:
    """List the instruments in the register, oldest first."""
    with _user_errors():
        register = _register()
        instruments = sorted(
            register.instruments.values(), key=lambda i: (i.adopted or date.min, i.alias)
        )
        data = [plain(summary_public(i)) for i in instruments]
        _emit(data, fmt, lambda: console.instruments_table(instruments, _language()), data)


@app.command()
def status(
    instrument: Annotated[str, typer.Argument(
        help="Alias or id, e.g. cis-charter (`depositary instruments` lists them).",
        metavar="INSTRUMENT",
    )],
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
    reasons: Annotated[bool, typer.Option(
        "--reasons", help="Show each status's reasons in the table (JSON and CSV always do)."
    )] = False,
) -> None:
    """The status chart of an instrument on a date, in the UN's layout: each participant's
    signature, consent, entry into force for it, and status, with reasons."""
    with _user_errors():
        if not _reads_stored_now():
            chart = queries.status_chart(_register(), instrument, _as_of(as_of), _language())
        else:
            chart = open_register().status_chart(instrument, _as_of(as_of), _language())
        data = plain(status_public(chart))
        _emit(data, fmt, lambda: console.chart_table(chart, reasons=reasons), data["participants"])


@app.command("show")
def show_instrument(
    instrument: Annotated[str, typer.Argument(
        help="Alias or id, e.g. alma-ata-protocol.", metavar="INSTRUMENT"
    )],
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
) -> None:
    """An instrument: its infobox (type, date and place signed, date effective, signatories
    and their representatives, depositary, languages) and its status chart."""
    with _user_errors():
        register = _register_for(instrument)
        box = queries.infobox(register, instrument, _language(), _as_of(as_of))
        chart = queries.status_chart(register, instrument, _as_of(as_of), _language())
        data = {"infobox": plain(infobox_public(box)), "status": plain(status_public(chart))}

        def render() -> Any:
            from rich.console import Group

            return Group(console.infobox_panel(box), console.chart_table(chart))

        _emit(data, fmt, render, data["status"]["participants"])


@app.command()
def participant(
    code: Annotated[str, typer.Argument(
        help="ISO 3166 alpha-3 code (UKR, or SUN for the USSR) or a name.", metavar="CODE"
    )],
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Everything in force for a participant on a date, and its other statuses, with
    reasons."""
    with _user_errors():
        if not _reads_stored_now():
            view = queries.in_force_for(_register(), code, _as_of(as_of), _language())
        else:
            view = open_register().participant_view(code, _as_of(as_of), _language())
        data = participant_json(view)
        _emit(data, fmt, lambda: console.participant_tables(view), data["in_force"] + data["other"])


@app.command()
def changes(
    since: Annotated[str, typer.Option("--from", help="Start date, exclusive.", metavar="DATE")],
    until: Annotated[str, typer.Option("--to", help="End date, inclusive.", metavar="DATE")],
    instrument: Annotated[
        list[str] | None, typer.Option("--instrument", "-i", help="Only these instruments.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """What changed between two dates: every change of status, in date order."""
    with _user_errors():
        start, end = _as_of(since), _as_of(until)
        if end < start:
            raise typer.BadParameter(f"--from {start} comes after --to {end}")
        changes = queries.changes(_register(), start, end, instrument)
        data = changes_json(changes)
        _emit(data, fmt, lambda: console.changes_table(changes), data)


@app.command()
def evaluate(
    table: Annotated[
        Path,
        typer.Option(
            "--table", help="A UN-style participant table (CSV: Participant, Signature, "
            "Ratification, Accession(a), ...).", exists=True, dir_okay=False, metavar="FILE",
        ),
    ],
    clauses: Annotated[
        Path | None,
        typer.Option(
            "--clauses", help="The treaty's final clauses (YAML or JSON; docs/clauses.md). "
            "Default: the library's, found by the table's treaty (`depositary clauses list`).",
            exists=True, dir_okay=False, metavar="FILE",
        ),
    ] = None,
    names: NamesOption = None,
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Evaluate any treaty from its status table and its clauses: each participant's
    status and entry-into-force date, and the general entry-into-force date. Without
    --clauses, the library's clauses for the table's treaty (its UN number, from the file's
    name: 4-11.csv is IV-11), and the file used is named on standard error. A table with a
    date or a name that cannot be read is refused (exit status 2), each bad cell listed;
    acts the register refuses are listed on standard error and the rest is evaluated."""
    with _user_errors():
        given = read_status_table(table, names=_names(names))
        terms = load_clauses_file(clauses) if clauses else _library_clauses(
            given.instrument)[1]
        if reads := instruments_read(terms.entry_into_force):
            raise RegisterError(
                f"{given.instrument}'s entry into force reads the parties to "
                f"{', '.join(reads)}, which one table cannot give: import that treaty's "
                "table, then this one (`depositary import table`), and ask `status`")
        result = evaluate_table(terms, given, _as_of(as_of))
        data = table_evaluation_json(result)
        rows = [
            {
                "participant": row["participant"],
                "name": row["name"],
                "status": row["status"],
                "entry_into_force": row["entry_into_force"],
                "general_entry_into_force": data["entry_into_force"],
                "reasons": row["reasons"],
            }
            for row in data["participants"]
        ]
        _emit(data, fmt, lambda: console.table_evaluation(result), rows)
        for error in result.errors:
            typer.echo(f"warning: {error}", err=True)


def _library_clauses(instrument: str) -> tuple[LibraryEntry, Clauses]:
    """The library's treaty a table is of (its alias, "mtdsg-iv-11", from the file's
    name) and its clauses as the register reads them; the file used is said on standard
    error."""
    library = Library.read()
    try:
        entry = library.get(instrument)
    except NotInLibrary as error:
        raise NotInLibrary(f"{error}; the treaty is named by the table's file name (27-8.csv "
                           "is the UN's XXVII-8)") from None
    clauses = library.for_register(entry)
    typer.echo(f"clauses: the library's {entry.name} ({entry.cited()}; "
               f"`depositary clauses show {entry.name}`)", err=True)
    return entry, clauses


def _names(path: Path | None) -> Names | None:
    """The names to resolve a table's participants by: the user's file over the
    project's, or the project's alone."""
    return read_names_file(path) if path is not None else None


@app.command()
def notifications(
    instrument: Annotated[
        str | None, typer.Option("--instrument", "-i", help="Only this instrument.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The depositary notifications: one per registered act, numbered per year, with the
    consequences the engine computed and the recipients (VCLT 77(1)(e), 78)."""
    with _user_errors():
        if _options().register is not None:
            register = _register()
            subject = register.instrument(instrument).id if instrument else None
            notifications = [n for n in register.notifications if subject in (None, n.instrument)]
            data = notifications_json(register, notifications)
        else:
            # The stored notifications, as they were issued (up to --as-recorded), with
            # their texts.
            ledger = open_register()
            register = ledger.instrument_register(instrument) if instrument else Register()
            subject = register.instrument(instrument).id if instrument else "notification"
            until = _options().as_recorded
            log = [
                e for e in ledger.database.entries_about([subject])
                if until is None or e.recorded_at <= transaction_time(until)
            ]
            data = [plain(n) for n in stored_notifications(log, register, _language())]
        _emit(data, fmt, lambda: console.notifications_table(data), data)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="The interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """The web application: the public register on any date and the JSON API (OpenAPI at
    /docs), on the stored register (given the bundled one on first use)."""
    import uvicorn

    from depositary.web.app import create_app, warm

    with _user_errors():
        application = create_app()
        try:  # a register that cannot be read is said so here, not in a traceback
            warm(application)
        except RuntimeError as error:
            raise StoreError(str(error)) from None
    proxies = Settings.from_environment().forwarded_allow_ips
    typer.echo(f"depositary: serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    # X-Forwarded-For is believed only from the proxies configured: otherwise any client
    # could name itself anew for each sign-in attempt.
    uvicorn.run(application, host=host, port=port, log_level="warning",
                proxy_headers=proxies is not None, forwarded_allow_ips=proxies)


@app.command()
def password(
    person: Annotated[str, typer.Argument(help="The person (register id) who signs in.")],
) -> None:
    """`account.password`: set a person's password for the web desks (asked twice, never
    echoed; at least 12 characters). Whoever runs the CLI on the server may do this, as
    they may read its database."""
    secret = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with _user_errors():
        answer = run("account.password", AT_THE_DATABASE, {"password": secret}, person)
    typer.echo(f"password set for {person}: {answer.sessions_ended} sessions ended, "
               f"{answer.tokens_revoked} API tokens revoked")


@app.command()
def token(
    person: Annotated[str, typer.Argument(help="The person the token acts for.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
) -> None:
    """`token.issue`: issue an API token for a person (Authorization: Bearer TOKEN):
    printed once, kept only as its hash."""
    with _user_errors():
        # No password to give again: whoever runs the CLI holds the database.
        answer = run("token.issue", AT_THE_DATABASE,
                     {"person": person, "name": name, "password": ""})
    typer.echo(answer.token)


@app.command("revoke-token")
def revoke_token(
    token_id: Annotated[str, typer.Argument(
        help="The token's id: the start of its hash, as `GET /api/accounts` lists it.")],
) -> None:
    """`token.revoke`: revoke an API token; whoever used it is refused from then on."""
    with _user_errors():
        answer = run("token.revoke", AT_THE_DATABASE, {}, token_id)
    typer.echo(f"token {token_id} of {answer.person} revoked")


@app.command()
def overview(as_of: AsOf = None, fmt: FormatOption = Format.table) -> None:
    """The register at a glance on a date: every instrument with its counts, and who is
    bound by what (a participant-by-instrument matrix)."""
    with _user_errors():
        view = queries.overview(_register(), _as_of(as_of), _language())
        data = overview_json(view)
        _emit(data, fmt, lambda: console.overview_tables(view), data["instruments"])


@app.command()
def init(
    empty: Annotated[
        bool, typer.Option("--empty", help="Do not load the bundled register.")
    ] = False,
) -> None:
    """Create the register's database (or bring its schema up to date); an empty one is
    given the bundled Commonwealth register unless --empty."""
    with _user_errors():
        ledger = open_register(load_bundled=not empty)
        if empty and ledger.database.head() is None:
            # Said in the database, so that an empty log is not taken for a failed first
            # init and given the bundled register.
            ledger.database.mark(EMPTY_ON_PURPOSE, utc_now())
        head = ledger.database.head()
        typer.echo(f"{ledger.database.url}: {head.seq if head else 0} entries")


@app.command()
def load(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A register file (YAML); default: the bundled register.", exists=True,
            dir_okay=False, metavar="FILE",
        ),
    ] = None,
    author: Annotated[str, typer.Option(help="Who is recorded as making the entries.")] = "",
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size", min=1,
            help="Entries per transaction; default: the whole file in one.",
        ),
    ] = None,
) -> None:
    """Append a register file to the stored register, through the same examination as a
    single act. Each batch is all or nothing; a crash keeps the batches committed."""
    with _user_errors():
        ledger = open_register(load_bundled=False)
        if file is None:
            written = len(ledger.load_bundled())
        else:
            with Progress(transient=True) as bar:
                task = bar.add_task(f"loading {file.name}", total=None)
                written = ledger.load_file(
                    file, author or f"load {file.name}", batch_size,
                    lambda done, total: bar.update(task, completed=done, total=total),
                )
        typer.echo(f"{written} entries appended to {ledger.database.url}")


@app.command()
def rebuild() -> None:
    """Recompute every projection (statuses, entry-into-force dates) from the log."""
    with _user_errors(), Progress(transient=True) as bar:
        task = bar.add_task("rebuilding the projections", total=None)
        count = open_register().rebuild(
            lambda done, total: bar.update(task, completed=done, total=total)
        )
    typer.echo(f"projections of {count} instruments rebuilt from the log")


CheckpointSource = Annotated[
    str | None,
    typer.Option("--checkpoint", metavar="FILE_OR_URL",
                 help="A checkpoint kept outside this database: a file (`depositary "
                 "checkpoint > cp.json`), a witness's folder, or a depositary's address."),
]
VerifierKey = Annotated[
    str | None,
    typer.Option("--key", metavar="VERIFIER",
                 help="The depositary's verifier key (ORIGIN+ID+KEY) to check checkpoints "
                 "with; default: the key each checkpoint names."),
]


@app.command()
def verify(checkpoint: CheckpointSource = None, key: VerifierKey = None) -> None:
    """Check the hash chain of the log, every act's signatures, that the stored
    projections equal a fresh replay, and that the log still holds exactly what every
    checkpoint covered (those the depositary kept, and --checkpoint); name the first entry
    or instrument that fails. Exit status 1 on failure."""
    with _user_errors():
        ledger = open_register()
        given = witness.load(checkpoint, key) if checkpoint else []
        verification = ledger.verify(given)
    if verification.broken_entry is not None:
        seq, why = verification.broken_entry
        typer.echo(f"FAILED: entry {seq} {why}", err=True)
    if verification.replay_error is not None:
        typer.echo(f"FAILED: the log cannot be replayed: {verification.replay_error}", err=True)
    if verification.projection_mismatch is not None:
        typer.echo(f"FAILED: {verification.projection_mismatch}", err=True)
    if verification.bad_signature is not None:
        seq, why = verification.bad_signature
        typer.echo(f"FAILED: entry {seq}: {why}", err=True)
    for problem in (verification.tree_mismatch, verification.checkpoint_mismatch):
        if problem is not None:
            typer.echo(f"FAILED: {problem}", err=True)
    if not verification.ok:
        raise typer.Exit(1)
    typer.echo(f"ok: {verification.entries} entries, hash chain intact, projections equal a replay")
    if given:
        newest = max(given, key=lambda c: c.tree_size)
        typer.echo(f"ok: the log holds exactly the {newest.tree_size} entries the checkpoint "
                   f"signed at {newest.signed_at} covers")
        recorded = witnessing.since(newest, ledger.database.entries())
        if recorded:
            typer.echo("recorded since that checkpoint "
                       f"({verification.entries - newest.tree_size}):")
            for line in recorded:
                typer.echo(f"  {line}")


@app.command()
def checkpoint() -> None:
    """Sign a checkpoint of the log as it stands (its size and Merkle root, with the time)
    with the depositary's key, keep it, and print it as JSON: keep a copy outside the
    database, and `verify --checkpoint` will find any change to what it covers."""
    with _user_errors():
        signed = open_register().checkpoint()
    typer.echo(json.dumps(signed.as_json(), indent=2, ensure_ascii=False))


@app.command("witness")
def witness_command(
    address: Annotated[str, typer.Argument(metavar="URL",
                                           help="The depositary's address (http://…).")],
    store: Annotated[
        Path | None,
        typer.Option("--store", metavar="DIR", file_okay=False,
                     help="Where this witness keeps its checkpoints; default: "
                     "$DEPOSITARY_HOME/witness/<host>."),
    ] = None,
    key: VerifierKey = None,
) -> None:
    """Witness a depositary's log, as a member state keeps it honest: fetch its latest
    checkpoint, check that it extends the last one kept here (a consistency proof), and
    keep it. Exit status 1 if the log does not extend it (cut, rewritten or forked)."""
    with _user_errors():
        folder = store or Settings.from_environment().home / "witness" / _host(address)
    try:
        witnessed = witness.Witness(folder).witness(address, key)
    except witness.Inconsistent as error:
        typer.echo(f"FAILED: {error}", err=True)
        raise typer.Exit(1) from None
    except (witness.WitnessError, OSError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"ok: {witnessed.message}")
    typer.echo(f"kept in {folder}" if witnessed.kept else f"nothing new kept in {folder}")


def _host(address: str) -> str:
    """A folder name for a depositary's address."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", address.split("://", 1)[-1]).strip("_") or "depositary"


@app.command()
def export(
    file: Annotated[Path, typer.Argument(help="Where to write the archive.", metavar="FILE")],
) -> None:
    """Write the whole register as a portable archive: JSON Lines with the hash chain."""
    with _user_errors():
        count = open_register().export(file)
        typer.echo(f"{count} entries written to {file}")


@app.command()
def restore(
    file: Annotated[
        Path, typer.Argument(help="An archive made by `export`.", exists=True, metavar="FILE")
    ],
    checkpoint: CheckpointSource = None, key: VerifierKey = None,
) -> None:
    """Import an archive into an empty database: every entry, hash and transaction time as
    it was; the projections are replayed. The archive must hold all that the checkpoints
    it carries (and --checkpoint) covered: one cut short is refused."""
    with _user_errors():
        ledger = open_register(load_bundled=False)
        given = witness.load(checkpoint, key) if checkpoint else []
        count = ledger.restore(file, given)
        typer.echo(f"{count} entries restored into {ledger.database.url}")
        latest = ledger.latest_checkpoint()
        if latest is None and not given:
            typer.echo("warning: the archive carries no checkpoint, so nothing vouches that "
                       "it is whole: check it against a published one (depositary verify "
                       "--checkpoint FILE_OR_URL)", err=True)
        elif latest is not None:
            typer.echo(f"it holds all that the checkpoint signed at {latest.signed_at} "
                       f"covers ({latest.tree_size} entries)")


KeyFile = Annotated[
    Path,
    typer.Option("--key", help="The person's private key (PEM, from `keys generate`).",
                 exists=True, dir_okay=False, metavar="FILE"),
]
keys_app = typer.Typer(help="Signing keys: generate, register, revoke.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("generate")
def keys_generate(
    out: Annotated[Path, typer.Argument(help="Where to write the private key (PEM).")],
) -> None:
    """Make an Ed25519 key pair: the private key goes to FILE (keep it), the public key is
    printed (register it with `keys register`)."""
    if out.exists():
        typer.echo(f"error: {out} exists; not overwriting a key", err=True)
        raise typer.Exit(2)
    with _user_errors():
        pem, public = generate()
        out.write_bytes(pem)
        out.chmod(0o600)
    typer.echo(public)


@keys_app.command("register")
def keys_register(
    person: Annotated[str, typer.Argument(help="The key's holder.")],
    public: Annotated[str, typer.Argument(help="The public key, as `keys generate` printed.")],
    by: As,
    valid_from: Annotated[str | None, typer.Option("--from", metavar="DATE")] = None,
) -> None:
    """`key.register` (administrator): a person's public key, valid from a day."""
    with _user_errors():
        day = _parse_date(valid_from) or utc_today()
        run("key.register", by, {"person": person, "public": public, "valid_from": day})
        typer.echo(f"key registered for {person} from {day}")


@keys_app.command("revoke")
def keys_revoke(
    person: Annotated[str, typer.Argument()],
    public: Annotated[str, typer.Argument()],
    by: As,
    day: Annotated[str | None, typer.Option("--from", metavar="DATE")] = None,
) -> None:
    """`key.revoke` (administrator): from the day on, the key signs nothing."""
    with _user_errors():
        when = _parse_date(day) or utc_today()
        run("key.revoke", by, {"person": person, "public": public, "day": when})
        typer.echo(f"key of {person} revoked from {when}")


@app.command()
def grant(
    person: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Argument(help="administrator, depositary-officer or "
                                        "secretariat.")],
    by: As,
) -> None:
    """`role.grant` (administrator; the first administrator may be granted by anyone)."""
    with _user_errors():
        run("role.grant", by, {"person": person, "role": role})
        typer.echo(f"{person} is {role}")


@app.command()
def revoke(
    person: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Argument(help="administrator, depositary-officer or "
                                        "secretariat.")],
    by: As,
) -> None:
    """`role.revoke` (administrator): take a role back; the last administrator keeps it."""
    with _user_errors():
        run("role.revoke", by, {"person": person, "role": role})
        typer.echo(f"{person} is no longer {role}")


@app.command()
def submit(
    act_file: Annotated[
        Path, typer.Argument(help="The act (YAML: the act fields of the register format).",
                             exists=True, dir_okay=False, metavar="FILE"),
    ],
    by: As,
    key: KeyFile,
) -> None:
    """`act.submit` (a participant's delegate, for its own participant): sign the act with
    the key and submit it to the depositary."""
    with _user_errors():
        # Received today: the depositary's date, not the delegate's (VCLT 16, 78); the id
        # is the depositary's too.
        stored = open_register()
        act = Workflow(stored).assign_id(replace(read_act_file(act_file), received=utc_today()))
        signature = sign(key.read_bytes(), signed_payload(act))
        answer = run("act.submit", by, {"act": act_item(act)[2], "signature": signature},
                     stored=stored)
        typer.echo(f"already submitted: {act.id}" if answer.wrote_nothing()
                   else f"submitted: {act.id}")


@app.command()
def pending(fmt: FormatOption = Format.table) -> None:
    """Submissions waiting for the depositary, oldest first."""
    with _user_errors():
        rows = [
            {"act": p["act"]["id"], "participant": p["act"]["participant"],
             "kind": p["act"]["kind"], "signed_by": p["signed_by"],
             "submitted_at": p["submitted_at"]}
            for p in Workflow(open_register()).pending()
        ]
        _emit(rows, fmt, lambda: console.rows_table("Pending submissions", rows), rows)


@app.command()
def examine(act_id: Annotated[str, typer.Argument(metavar="ACT")], by: As) -> None:
    """`act.examine` (depositary officer): the engine's checks and the consequences the
    act would have; recorded in the log."""
    with _user_errors():
        examination = run("act.examine", by, {}, act_id)
    for line in examination.rejections:
        typer.echo(f"inadmissible: {line}")
    for line in examination.consequences:
        typer.echo(f"consequence: {line}")
    if examination.admissible and not examination.consequences:
        typer.echo("admissible; it changes no status")


@app.command("register")
def register_act(
    act_id: Annotated[str, typer.Argument(metavar="ACT")], by: As, key: KeyFile,
) -> None:
    """`act.register` (depositary officer): register the submitted act, countersigned."""
    with _user_errors():
        stored = open_register()
        countersignature = sign(key.read_bytes(), Workflow(stored).message(act_id))
        answer = run("act.register", by, {"countersignature": countersignature}, act_id,
                     stored)
        typer.echo(f"registered: {act_id} (entry {answer.entry})")


@app.command("sign")
def sign_command(
    key: KeyFile,
    message: Annotated[
        Path | None,
        typer.Argument(help="A file holding the exact text to sign, as the depositary gave "
                       "it (the `message` of its answer); - for standard input.",
                       metavar="FILE", allow_dash=True),
    ] = None,
    act: Annotated[
        Path | None,
        typer.Option("--act", help="Sign this act (YAML: the act fields) as the depositary "
                     "will receive it today, with the id it gives a first act of its kind "
                     "that day.", exists=True, dir_okay=False, metavar="FILE"),
    ] = None,
) -> None:
    """Sign where your key is, and send only the signature: print the base64 Ed25519
    signature of a text the depositary asks you to sign (an act's or a position's
    canonical text), or of an act you will submit. The private key never leaves this
    machine."""
    with _user_errors():
        if (message is None) == (act is None):
            raise Refusal("give the text to sign (FILE, or - for standard input), or "
                              "--act FILE")
        if act is not None:
            given = replace(read_act_file(act), received=utc_today())
            text = signed_payload(replace(given, id=act_id(
                given.instrument, given.participant, given.kind, given.received)))
        elif str(message) == "-":
            text = sys.stdin.read()
        else:
            assert message is not None
            text = message.read_text(encoding="utf-8")
        typer.echo(sign(key.read_bytes(), text.removesuffix("\n") if act is None else text))


@app.command("return")
def return_act(
    act_id: Annotated[str, typer.Argument(metavar="ACT")], by: As,
    reasons: Annotated[str, typer.Option("--reasons", help="Why it is returned.")],
) -> None:
    """`act.return` (depositary officer): return the submission, with reasons."""
    with _user_errors():
        run("act.return", by, {"reasons": reasons}, act_id)
        typer.echo(f"returned: {act_id}")


import_app = typer.Typer(
    help="Import real treaty data into the stored register, through the same examination "
    "as a single act; acts the engine refuses are listed and left out.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("table")
def import_table(
    table: Annotated[
        Path, typer.Argument(help="A UN-style status table (CSV).", exists=True, metavar="FILE")
    ],
    clauses: Annotated[
        Path | None,
        typer.Option("--clauses", help="The treaty's final clauses (docs/clauses.md). "
                     "Default: the library's, found by the table's treaty.",
                     exists=True, dir_okay=False, metavar="FILE"),
    ] = None,
    title: Annotated[str, typer.Option(help="The treaty's title.")] = "",
    adopted: Annotated[
        str | None, typer.Option(help="Its date of adoption (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    names: NamesOption = None,
) -> None:
    """Import one treaty from its UN-style status table and its clauses (the library's
    for the table's treaty without --clauses, named on standard error). A table with a
    date or a name that cannot be read is refused, each bad cell listed."""
    with _user_errors():
        ledger = open_register()
        given = read_status_table(table, names=_names(names))
        if clauses is not None:
            terms, day = load_clauses_file(clauses), _parse_date(adopted)
        else:  # the library's: its title and date unless given
            entry, terms = _library_clauses(given.instrument)
            day = _parse_date(adopted) or entry.concluded
            title = title or entry.title
        plan = plan_status_table(given, terms, ledger.register(), title=title, adopted=day)
        _append_plan(ledger, plan, f"import {table.name}")


@import_app.command("popolo")
def import_popolo(
    document: Annotated[
        Path, typer.Argument(help="A Popolo JSON document (as `popolo-export` writes it).",
                             exists=True, dir_okay=False, metavar="FILE"),
    ],
    bodies: Annotated[
        Path | None,
        typer.Option("--bodies", help="The bodies' own entries (YAML or JSON: alias → body, "
                     "in the register format), for what Popolo cannot say: procedures, "
                     "rotation, membership rules.", exists=True, dir_okay=False,
                     metavar="FILE"),
    ] = None,
    *, by: As,
) -> None:
    """`councils.import` (secretariat): import persons, bodies, posts, appointments,
    sessions, drafts, positions and decisions from a Popolo document; what the register
    already holds (by kind and id) is kept as recorded (docs/popolo.md)."""
    with _user_errors():
        # What Popolo cannot say of a body (procedures, rotation, membership rule) comes
        # from the register's own entry for it, or from --bodies.
        answer = run("councils.import", by, {
            "document": read_yaml(document), "bodies": read_yaml(bodies) if bodies else {},
            "source": str(document), "language": _language()})
        typer.echo(f"{answer.appended} entries appended; {answer.already_held} already in the "
                   "register, kept as recorded")


@import_app.command("ieadb")
def import_ieadb(
    directory: Annotated[
        Path,
        typer.Argument(help="The IEADB folder (db_members.csv.gz, db_treaties.csv).",
                       exists=True, file_okay=False, metavar="DIR"),
    ],
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 5000,
) -> None:
    """Import the International Environmental Agreements Database: its agreements, their
    participants and acts, in batches (each one transaction)."""
    with _user_errors():
        ledger = open_register()
        plan = plan_ieadb(ieadb.read(directory), ledger.register())
        _append_plan(ledger, plan, "import IEADB", batch_size)


def _append_plan(ledger: StoredRegister, plan: ImportPlan, author: str,
                 batch: int | None = None) -> None:
    """Append what the plan holds and the log does not.

    An import interrupted midway (its committed batches kept, the one in flight rolled
    back) is thus finished by running it again.
    """
    for refusal in plan.refused:
        typer.echo(f"left out: {refusal}", err=True)
    fresh = ledger.unrecorded(plan.items)
    with Progress(transient=True) as bar:
        task = bar.add_task(author, total=len(fresh))
        written = ledger.append_in_batches(
            fresh, author, batch or max(len(fresh), 1),
            lambda done, total: bar.update(task, completed=done, total=total),
        )
    held = len(plan.items) - len(fresh)
    typer.echo(
        f"{written} entries appended ({plan.instruments} instruments); "
        + (f"{held} already in the register, kept as recorded; " if held else "")
        + f"{len(plan.refused)} acts left out (listed on standard error)"
    )


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# The councils' commands, kept in a module of their own.
for command in COMMANDS:
    app.command()(command)
app.add_typer(clauses_app, name="clauses")
app.add_typer(person_app, name="person")
