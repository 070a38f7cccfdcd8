"""The command line: thin. Each command parses, calls one library function, prints.

Human output (Rich tables) by default; `--format json|csv` for scripts. Bad input gets a
message naming the problem and exit status 2, never a traceback.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress

from depositary import console as show
from depositary import presenters
from depositary.accounts import Accounts
from depositary.cli_councils import COMMANDS
from depositary.cli_support import (
    As,
    AsOf,
    Format,
    FormatOption,
    Language,
    _as_of,
    _emit,
    _language,
    _parse_date,
    _reads_stored_now,
    _register,
    _register_for,
    _state,
    _user_errors,
)
from depositary.formats import ieadb, popolo_import
from depositary.formats.clauses_file import load_clauses_file
from depositary.formats.files import read_yaml
from depositary.formats.register_file import read_act_file
from depositary.formats.untc import read_status_table
from depositary.imports import ImportPlan, plan_ieadb, plan_status_table
from depositary.ledger import Ledger, transaction_time, utc_today
from depositary.register import Register, queries
from depositary.register.signatures import generate, sign
from depositary.register.table import evaluate_table
from depositary.secretariat import Secretariat
from depositary.workflow import Workflow, signed_payload

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
    _state["register"] = register
    _state["language"] = language
    _state["as_recorded"] = as_recorded


@app.command()
def instruments(fmt: FormatOption = Format.table) -> None:
    """List the instruments in the register, oldest first."""
    with _user_errors():
        register = _register()
        found = sorted(
            register.instruments.values(), key=lambda i: (i.adopted or date.min, i.alias)
        )
        data = [presenters.instrument_summary(i) for i in found]
        _emit(data, fmt, lambda: show.instruments_table(found, _language()), data)


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
            chart = Ledger.open().status_chart(instrument, _as_of(as_of), _language())
        data = presenters.chart_json(chart)
        _emit(data, fmt, lambda: show.chart_table(chart, reasons=reasons), data["participants"])


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
        data = {"infobox": presenters.infobox_json(box), "status": presenters.chart_json(chart)}

        def render() -> Any:
            from rich.console import Group

            return Group(show.infobox_panel(box), show.chart_table(chart))

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
            view = Ledger.open().participant_view(code, _as_of(as_of), _language())
        data = presenters.participant_json(view)
        _emit(data, fmt, lambda: show.participant_tables(view), data["in_force"] + data["other"])


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
        found = queries.changes(_register(), start, end, instrument)
        data = presenters.changes_json(found)
        _emit(data, fmt, lambda: show.changes_table(found), data)


@app.command()
def evaluate(
    clauses: Annotated[
        Path,
        typer.Option(
            "--clauses", help="The treaty's final clauses (YAML or JSON; docs/clauses.md).",
            exists=True, dir_okay=False, metavar="FILE",
        ),
    ],
    table: Annotated[
        Path,
        typer.Option(
            "--table", help="A UN-style participant table (CSV: Participant, Signature, "
            "Ratification, Accession(a), ...).", exists=True, dir_okay=False, metavar="FILE",
        ),
    ],
    as_of: AsOf = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Evaluate any treaty from its status table and its clauses: each participant's
    status and entry-into-force date, and the general entry-into-force date. Rows that
    cannot be read or registered are listed on standard error; the rest is evaluated."""
    with _user_errors():
        terms = load_clauses_file(clauses)
        result = evaluate_table(terms, read_status_table(table), _as_of(as_of))
        data = presenters.table_evaluation_json(result)
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
        _emit(data, fmt, lambda: show.table_evaluation(result), rows)
        for error in result.errors:
            typer.echo(f"warning: {error}", err=True)


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
        if _state["register"] is not None:
            register = _register()
            subject = register.instrument(instrument).id if instrument else None
            found = [n for n in register.notifications if subject in (None, n.instrument)]
            data = presenters.notifications_json(register, found)
        else:
            # The stored notifications, as they were issued (up to --as-recorded), with
            # their texts.
            ledger = Ledger.open()
            register = ledger.instrument_register(instrument) if instrument else Register()
            subject = register.instrument(instrument).id if instrument else "notification"
            until = _state["as_recorded"]
            log = [
                e for e in ledger.database.entries_about([subject])
                if until is None or e.recorded_at <= transaction_time(until)
            ]
            data = presenters.stored_notifications_json(log, register, _language())
        _emit(data, fmt, lambda: show.notifications_table(data), data)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="The interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """The web application: the public register on any date and the JSON API (OpenAPI at
    /docs), on the stored register (given the bundled one on first use)."""
    import uvicorn

    from depositary.web.app import create_app

    with _user_errors():
        application = create_app()
    typer.echo(f"depositary: serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def password(
    person: Annotated[str, typer.Argument(help="The person (register id) who signs in.")],
) -> None:
    """Set a person's password for the web desks (asked twice, never echoed; at least 12
    characters). Whoever runs the CLI on the server may do this, as they may read its
    database."""
    secret = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    with _user_errors():
        Accounts(Ledger.open()).set_password(person, secret)
    typer.echo(f"password set for {person}")


@app.command()
def token(
    person: Annotated[str, typer.Argument(help="The person the token acts for.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
) -> None:
    """Issue an API token for a person (Authorization: Bearer TOKEN): printed once, kept
    only as its hash."""
    with _user_errors():
        typer.echo(Accounts(Ledger.open()).create_token(person, name))


@app.command()
def overview(as_of: AsOf = None, fmt: FormatOption = Format.table) -> None:
    """The register at a glance on a date: every instrument with its counts, and who is
    bound by what (a participant-by-instrument matrix)."""
    with _user_errors():
        view = queries.overview(_register(), _as_of(as_of), _language())
        data = presenters.overview_json(view)
        _emit(data, fmt, lambda: show.overview_tables(view), data["instruments"])


@app.command()
def init(
    empty: Annotated[
        bool, typer.Option("--empty", help="Do not load the bundled register.")
    ] = False,
) -> None:
    """Create the register's database (or bring its schema up to date); an empty one is
    given the bundled Commonwealth register unless --empty."""
    with _user_errors():
        ledger = Ledger.open(load_bundled=not empty)
        if not empty:
            ledger.load_bundled(only_if_empty=True)
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
        ledger = Ledger.open(load_bundled=False)
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
        count = Ledger.open().rebuild(
            lambda done, total: bar.update(task, completed=done, total=total)
        )
    typer.echo(f"projections of {count} instruments rebuilt from the log")


@app.command()
def verify() -> None:
    """Check the hash chain of the log, every act's signatures, and that the stored
    projections equal a fresh replay; name the first entry or instrument that fails. Exit
    status 1 on failure."""
    with _user_errors():
        found = Ledger.open().verify()
    if found.broken_entry is not None:
        seq, why = found.broken_entry
        typer.echo(f"FAILED: entry {seq} {why}", err=True)
    if found.replay_error is not None:
        typer.echo(f"FAILED: the log cannot be replayed: {found.replay_error}", err=True)
    if found.projection_mismatch is not None:
        typer.echo(f"FAILED: {found.projection_mismatch}", err=True)
    if found.bad_signature is not None:
        seq, why = found.bad_signature
        typer.echo(f"FAILED: entry {seq}: {why}", err=True)
    if not found.ok:
        raise typer.Exit(1)
    typer.echo(f"ok: {found.entries} entries, hash chain intact, projections equal a replay")


@app.command()
def export(
    file: Annotated[Path, typer.Argument(help="Where to write the archive.", metavar="FILE")],
) -> None:
    """Write the whole register as a portable archive: JSON Lines with the hash chain."""
    with _user_errors():
        count = Ledger.open().export(file)
        typer.echo(f"{count} entries written to {file}")


@app.command()
def restore(
    file: Annotated[
        Path, typer.Argument(help="An archive made by `export`.", exists=True, metavar="FILE")
    ],
) -> None:
    """Import an archive into an empty database: every entry, hash and transaction time as
    it was; the projections are replayed."""
    with _user_errors():
        ledger = Ledger.open(load_bundled=False)
        count = ledger.restore(file)
        typer.echo(f"{count} entries restored into {ledger.database.url}")


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
        Workflow(Ledger.open()).register_key(person, public, day, by)
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
        Workflow(Ledger.open()).revoke_key(person, public, when, by)
        typer.echo(f"key of {person} revoked from {when}")


@app.command()
def grant(
    person: Annotated[str, typer.Argument()],
    role: Annotated[str, typer.Argument(help="administrator or depositary-officer.")],
    by: As,
) -> None:
    """`role.grant` (administrator; the first administrator may be granted by anyone)."""
    with _user_errors():
        Workflow(Ledger.open()).grant(person, role, by)
        typer.echo(f"{person} is {role}")


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
        # Received today: the depositary's date, not the delegate's (VCLT 16, 78).
        act = replace(read_act_file(act_file), received=utc_today())
        signature = sign(key.read_bytes(), signed_payload(act))
        Workflow(Ledger.open()).submit(act, by, signature, utc_today())
        typer.echo(f"submitted: {act.id}")


@app.command()
def pending(fmt: FormatOption = Format.table) -> None:
    """Submissions waiting for the depositary, oldest first."""
    with _user_errors():
        rows = [
            {"act": p["act"]["id"], "participant": p["act"]["participant"],
             "kind": p["act"]["kind"], "signed_by": p["signed_by"],
             "submitted_at": p["submitted_at"]}
            for p in Workflow(Ledger.open()).pending()
        ]
        _emit(rows, fmt, lambda: show.rows_table("Pending submissions", rows), rows)


@app.command()
def examine(act_id: Annotated[str, typer.Argument(metavar="ACT")], by: As) -> None:
    """`act.examine` (depositary officer): the engine's checks and the consequences the
    act would have; recorded in the log."""
    with _user_errors():
        found = Workflow(Ledger.open()).examine(act_id, by)
    for line in found.rejections:
        typer.echo(f"inadmissible: {line}")
    for line in found.consequences:
        typer.echo(f"consequence: {line}")
    if found.admissible and not found.consequences:
        typer.echo("admissible; it changes no status")


@app.command("register")
def register_act(
    act_id: Annotated[str, typer.Argument(metavar="ACT")], by: As, key: KeyFile,
) -> None:
    """`act.register` (depositary officer): register the submitted act, countersigned."""
    with _user_errors():
        entry = Workflow(Ledger.open()).register(act_id, by, key.read_bytes(), utc_today())
        typer.echo(f"registered: {act_id} (entry {entry.seq})")


@app.command("return")
def return_act(
    act_id: Annotated[str, typer.Argument(metavar="ACT")], by: As,
    reasons: Annotated[str, typer.Option("--reasons", help="Why it is returned.")],
) -> None:
    """`act.return` (depositary officer): return the submission, with reasons."""
    with _user_errors():
        Workflow(Ledger.open()).return_act(act_id, by, reasons)
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
        Path,
        typer.Option("--clauses", help="The treaty's final clauses (docs/clauses.md).",
                     exists=True, dir_okay=False, metavar="FILE"),
    ],
    title: Annotated[str, typer.Option(help="The treaty's title.")] = "",
    adopted: Annotated[
        str | None, typer.Option(help="Its date of adoption (YYYY-MM-DD).", metavar="DATE")
    ] = None,
) -> None:
    """Import one treaty from its UN-style status table and its clauses."""
    with _user_errors():
        ledger = Ledger.open()
        plan = plan_status_table(
            read_status_table(table), load_clauses_file(clauses), ledger.register(),
            title=title, adopted=_parse_date(adopted),
        )
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
        ledger = Ledger.open()
        # What Popolo cannot say of a body (procedures, rotation, membership rule) comes
        # from the register's own entry for it, or from --bodies.
        known = {e.key: e.data() for e in ledger.database.entries() if e.kind == "body"}
        found = popolo_import.import_items(
            read_yaml(document), language=_language(),
            bodies=known | (read_yaml(bodies) if bodies else {}), source=str(document),
        )
        written, held = Secretariat(ledger).import_entries(found, by, document.name)
        typer.echo(f"{written} entries appended; {held} already in the register, kept as "
                   "recorded")


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
        ledger = Ledger.open()
        plan = plan_ieadb(ieadb.read(directory), ledger.register())
        _append_plan(ledger, plan, "import IEADB", batch_size)


def _append_plan(ledger: Ledger, plan: ImportPlan, author: str, batch: int | None = None) -> None:
    for refusal in plan.refused:
        typer.echo(f"left out: {refusal}", err=True)
    with Progress(transient=True) as bar:
        task = bar.add_task(author, total=len(plan.items))
        written = ledger.append_in_batches(
            plan.items, author, batch or max(len(plan.items), 1),
            lambda done, total: bar.update(task, completed=done, total=total),
        )
    typer.echo(
        f"{written} entries appended ({plan.instruments} instruments); "
        f"{len(plan.refused)} acts left out (listed on standard error)"
    )


# The councils' commands, kept in a module of their own.
for command in COMMANDS:
    app.command()(command)

if __name__ == "__main__":  # pragma: no cover
    app()
