"""The persons' commands: record a person, give them a capacity, invite them to set their
password. What a register file's `persons:` did, one person at a time, so that the first
administrator can be recorded with the CLI alone (README, "The desks")."""

from __future__ import annotations

from typing import Annotated

import typer

from depositary.cli.support import AT_THE_DATABASE, _parse_date, _user_errors, run
from depositary.domain.participants import Role

person_app = typer.Typer(help="Persons of the register: record, give a capacity, invite.",
                         no_args_is_help=True)

By = Annotated[str, typer.Option(
    "--as", help="The person (register id) doing this; default: whoever holds the "
    "database.")]


@person_app.command("add")
def add(
    person: Annotated[str, typer.Argument(help="The id: lower-case letters, digits and "
                                          "hyphens (kaz-mfa).")],
    name_en: Annotated[str, typer.Option("--name-en", help="The name in English.")],
    name_ru: Annotated[str, typer.Option("--name-ru", help="The name in Russian.")] = "",
    by: By = AT_THE_DATABASE,
) -> None:
    """`person.add`: record a person (at the database, or as an administrator)."""
    with _user_errors():
        run("person.add", by, {"id": person, "names": {"en": name_en, "ru": name_ru}})
    typer.echo(f"{person} recorded; next: `depositary password {person}`, or "
               f"`depositary grant {person} ROLE --as ADMINISTRATOR`")


@person_app.command("capacity")
def capacity(
    person: Annotated[str, typer.Argument(help="The person (register id).")],
    participant: Annotated[str, typer.Argument(help="The participant's code (KAZ).")],
    start: Annotated[str, typer.Option("--from", metavar="DATE", help="The first day.")],
    end: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="The first day it no longer holds.")] = None,
    role: Annotated[Role, typer.Option(help="The capacity (a delegate is a "
                                       "plenipotentiary).")] = Role.PLENIPOTENTIARY,
    title: Annotated[str, typer.Option(help="The title, as the person signs.")] = "",
    by: By = AT_THE_DATABASE,
) -> None:
    """`capacity.give`: give a person a capacity to act for a participant from a day."""
    with _user_errors():
        answer = run("capacity.give", by, {
            "participant": participant, "role": role, "start": _parse_date(start),
            "end": _parse_date(end), "title": title}, person)
    typer.echo(f"{person} is {answer.role.value} of {answer.participant} from {answer.start}"
               + (f" until {answer.end}" if answer.end else ""))


@person_app.command("invite")
def invite(
    person: Annotated[str, typer.Argument(help="The person (register id).")],
    by: By = AT_THE_DATABASE,
) -> None:
    """`account.invite`: a one-time link for the person to set their password (a first
    one, or a reset); printed once, valid seven days."""
    with _user_errors():
        answer = run("account.invite", by, {}, person)
    typer.echo(f"/desk/invitation/{answer.secret}")
    typer.echo(f"(append it to the site's address; it expires {answer.expires_at})", err=True)
