"""The councils' commands (docs/governance.md), thin like the others.

Bodies, members, holders, chairs and sessions to read; convene, agenda, position, decide and
appoint to write. `cli/__init__.py` adds `COMMANDS` to its app (here they are plain
functions, so that whichever copy of `cli` loads them, its own app gets them: typer's doc
generator loads a copy).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from depositary.app.secretariat import position_payload
from depositary.cli import console
from depositary.cli.support import (
    As,
    AsOf,
    Format,
    FormatOption,
    _as_of,
    _emit,
    _language,
    _parse_date,
    _register,
    _user_errors,
    run,
)
from depositary.formats import popolo
from depositary.formats.errors import FormatError
from depositary.formats.register_file import signed_message
from depositary.log.signatures import sign
from depositary.shapes import popolo as popolo_shape
from depositary.shapes.councils import (
    bodies_public,
    chairs_public,
    holders_public,
    members_public,
    sessions_public,
)
from depositary.shapes.public import plain

Body = Annotated[str, typer.Argument(
    help="A body's alias, e.g. council-of-heads-of-state (`depositary bodies` lists them).",
    metavar="BODY",
)]
Day = Annotated[str, typer.Option("--date", help="YYYY-MM-DD.", metavar="DATE")]


def _day(value: str) -> date:
    day = _parse_date(value)
    assert day is not None  # _parse_date refuses an empty or malformed date itself
    return day


def bodies(fmt: FormatOption = Format.table) -> None:
    """The bodies in the register, with their founding instruments and procedures."""
    with _user_errors():
        data = [plain(b) for b in bodies_public(_register(), _language())]
        rows = [{"body": b["body"], "name": b["name"], "founded by": ", ".join(b["founded_by"]),
                 "procedures": ", ".join(f"{q}: {p['kind']}" for q, p in b["procedures"].items())}
                for b in data]
        _emit(data, fmt, lambda: console.rows_table("Bodies", rows), rows)


def members(body: Body, as_of: AsOf = None, fmt: FormatOption = Format.table) -> None:
    """A body's members on a date, with their category (founding state, member state,
    associate member, participating non-member, observer), de facto participation and
    reasons; and those who have left."""
    with _user_errors():
        data = plain(members_public(_register(), body, _as_of(as_of), _language()))
        rows = [{"participant": m["participant"], "name": m["name"], "category": m["category"],
                 "participation": m["participation"], "conf.": m["confidence"],
                 "reasons": "; ".join(m["reasons"])}
                for m in data["members"]]
        rows += [{"participant": f["participant"], "name": "", "category": "(left)",
                  "participation": "", "conf.": "", "reasons": "; ".join(f["reasons"])}
                 for f in data["former"]]
        title = f"Members of {body} on {data['as_of']}"
        _emit(data, fmt, lambda: console.rows_table(title, rows), rows)


def holders(
    post: Annotated[str, typer.Argument(
        help="A post's alias, e.g. chair-council-of-heads-of-state.", metavar="POST")],
    as_of: AsOf = None, fmt: FormatOption = Format.table,
) -> None:
    """Who holds a post on a date: acting or appointed, from when, by which decision."""
    with _user_errors():
        data = plain(holders_public(_register(), post, _as_of(as_of), _language()))
        rows = [{"person": h["name"] or "(not recorded)", "for": h["on_behalf_of"] or "",
                 "tenure": h["tenure"], "from": h["start"] or "",
                 "to": h["end"] or (f"by {h['ended_by']}" if h["ended_by"] else "") or (
                     "not recorded" if h["end_unknown"] else ""),
                 "conf.": h["confidence"], "decision": h["decision"]}
                for h in data["holders"]]
        title = f"{data['name']} on {data['as_of']}"
        _emit(data, fmt, lambda: console.rows_table(title, rows), rows)


def chairs(
    body: Body,
    until: Annotated[str, typer.Option("--until", help="List terms up to this date.",
                                       metavar="DATE")] = "",
    fmt: FormatOption = Format.table,
    reasons: Annotated[bool, typer.Option(
        "--reasons", help="Show each term's decision or rule in the table (JSON and CSV always "
        "do, with the sources).")] = False,
) -> None:
    """The chair's terms as recorded, each with its source and confidence; "unknown" where
    the record names no chair; after the record, the next chair the rotation rule proposes,
    marked "by the rule, not recorded". The rule never stands in for the record."""
    with _user_errors():
        register = _register()
        data = [plain(t) for t in chairs_public(register, body, _as_of(until or None))]
        rows = [{
            "from": t["start"], "to": t["end"], "chair": t["participant"] or "unknown",
            "head of state": _name(register, t["person_at_start"]),
            "co-chairs": ", ".join(t["co_chairs"]), "record": t["status"],
            "conf.": t["confidence"] or "", "decision or rule": t["reason"],
            "source": t["source"],
        } for t in data]
        table = [{k: v for k, v in row.items() if k != "source" and (
            reasons or k != "decision or rule")} for row in rows]
        _emit(data, fmt, lambda: console.rows_table(f"Chairs of {body}", table), rows)


def _name(register: Any, person_id: str | None) -> str:
    person = register.persons.get(person_id or "")
    return person.name(_language()) if person else ""


def sessions(
    body: Annotated[str | None, typer.Argument(metavar="[BODY]")] = None,
    fmt: FormatOption = Format.json,
) -> None:
    """Sessions, the drafts on their agendas, the positions and the decisions (JSON)."""
    with _user_errors():
        data = [plain(s) for s in sessions_public(_register(), body)]
        rows = [{"session": s["session"], "body": s["body"], "date": s["date"],
                 "drafts": len(s["drafts"])} for s in data]
        _emit(data, fmt, lambda: console.rows_table("Sessions", rows), rows)


def convene(
    session: Annotated[str, typer.Argument(help="An id for the session.", metavar="SESSION")],
    body: Annotated[str, typer.Option("--body", help="The body meeting.")],
    day: Day, by: As,
    place: Annotated[str, typer.Option("--place")] = "",
    minutes: Annotated[str, typer.Option("--minutes", help="The minutes' text.")] = "",
    chair: Annotated[str, typer.Option(
        "--chair", help="The participant chairing, if not the one the rotation gives.",
        metavar="PARTICIPANT")] = "",
    attended: Annotated[list[str] | None, typer.Option(
        "--attended", metavar="PARTICIPANT=PERSON[:acting]",
        help="Who represented a member (repeat for each); `:acting` for an acting "
        "representative.")] = None,
) -> None:
    """`session.convene` (secretariat): a session of a body on a date, with who
    represented whom."""
    with _user_errors():
        run("session.convene", by, {
            "id": session, "body": body, "date": _day(day), "place": place,
            "minutes": minutes, "chair": chair or None,
            "attendance": [_attendance(a) for a in attended or []]})
        typer.echo(f"session {session} of {body} on {day} convened")


def _attendance(text: str) -> dict[str, Any]:
    participant, sep, person = text.partition("=")
    person, _, acting = person.partition(":")
    if not sep or not participant or not person or acting not in {"", "acting"}:
        raise typer.BadParameter(
            f"{text!r}: give --attended as PARTICIPANT=PERSON or PARTICIPANT=PERSON:acting"
        )
    attendance: dict[str, Any] = {"participant": participant.upper(), "person": person}
    if acting:
        attendance["acting"] = True
    return attendance


def agenda(
    motion: Annotated[str, typer.Argument(help="An id for the draft decision.", metavar="DRAFT")],
    session: Annotated[str, typer.Option("--session")],
    title: Annotated[str, typer.Option("--title")],
    by: As,
    question: Annotated[str, typer.Option(
        "--question", help="The kind of question: chooses the body's procedure.")] = "default",
) -> None:
    """`agenda.add` (secretariat): put a draft decision on a session's agenda."""
    with _user_errors():
        run("agenda.add", by, {"id": motion, "title": title, "question": question}, session)
        typer.echo(f"{motion} is on the agenda of {session}")


def position(
    motion: Annotated[str, typer.Argument(metavar="DRAFT")],
    participant: Annotated[str, typer.Argument(metavar="PARTICIPANT")],
    stance: Annotated[str, typer.Argument(
        help="agree, agree-with-reservation, object, abstain, non-interest or absent.",
        metavar="POSITION")],
    by: As,
    text: Annotated[str, typer.Option("--text", help="The reservation or special opinion.")] = "",
    key: Annotated[Path | None, typer.Option(
        "--key", help="Sign the position with this private key (PEM): a joint decision's "
        "positions are signed by the head of state.", exists=True, dir_okay=False,
        metavar="FILE")] = None,
    day: Annotated[str, typer.Option(
        "--date", help="When the position was given, if not at the session (YYYY-MM-DD).",
        metavar="DATE")] = "",
) -> None:
    """`position.record`: a member's position on a draft, by a person who can act for it
    on the session's date (or the secretariat, from the minutes)."""
    with _user_errors():
        code, given = participant.upper(), _parse_date(day or None)
        signature = None
        if key is not None:
            payload = position_payload(motion, code, stance, by, text, given)
            signature = sign(key.read_bytes(), signed_message(payload))
        run("position.record", by, {"participant": code, "position": stance, "text": text,
                                    "date": given, "signature": signature}, motion)
        typer.echo(f"{code}: {stance} on {motion}" + (" (signed)" if signature else ""))


def consult(
    motion: Annotated[str, typer.Argument(metavar="DRAFT")],
    participant: Annotated[str, typer.Argument(metavar="PARTICIPANT")],
    day: Day, by: As,
) -> None:
    """`consultation.notify` (secretariat): a participant to be consulted on a joint
    decision is notified; its window to answer runs from the date."""
    with _user_errors():
        run("consultation.notify", by, {"participant": participant, "date": _day(day)}, motion)
        typer.echo(f"{participant.upper()} notified of {motion} on {day}")


def decide(motion: Annotated[str, typer.Argument(metavar="DRAFT")], by: As) -> None:
    """`decision.adopt` (secretariat): the outcome of a draft by its body's procedure; if
    adopted, it becomes an instrument binding exactly the members that agreed."""
    with _user_errors():
        decided = run("decision.adopt", by, {}, motion)
        typer.echo(f"{motion}: {'adopted' if decided.adopted else 'not adopted'}")
        for reason in decided.reasons:
            typer.echo(f"  {reason}")
        if decided.instrument:
            typer.echo(f"  instrument {decided.instrument} binds {', '.join(decided.bound)}")


def appoint(
    post: Annotated[str, typer.Argument(metavar="POST")],
    start: Annotated[str, typer.Option("--from", help="YYYY-MM-DD.", metavar="DATE")],
    by: As,
    person: Annotated[str | None, typer.Argument(
        metavar="[PERSON]", help="Who is appointed; none where a state holds the post "
        "(a council's chair: give --for).")] = None,
    end: Annotated[str, typer.Option("--to", help="YYYY-MM-DD (exclusive).", metavar="DATE")] = "",
    acting: Annotated[bool, typer.Option("--acting", help="Acting, pending a decision.")] = False,
    decision: Annotated[str, typer.Option("--decision", help="What appointed.")] = "",
    on_behalf_of: Annotated[str, typer.Option("--for", help="The participant, for a chair.",
                                              metavar="PARTICIPANT")] = "",
    co_chairs: Annotated[list[str] | None, typer.Option(
        "--co-chair", help="A co-chair of the term (repeatable).", metavar="PARTICIPANT")] = None,
    source: Annotated[str, typer.Option("--source", help="Where it is recorded from.")] = "",
    confidence: Annotated[str, typer.Option(
        "--confidence", help="V read in the primary text, S secondary source, U unverified.",
        metavar="V|S|U")] = "",
) -> None:
    """`post.appoint` (secretariat): a person to a post from a date, or a state to a
    council's chair for a term (`--for`, with its co-chairs), with its source."""
    with _user_errors():
        run("post.appoint", by, {
            "person": person, "start": _day(start), "end": _parse_date(end or None),
            "acting": acting, "decision": decision, "on_behalf_of": on_behalf_of or None,
            "co_chairs": co_chairs or [], "source": source,
            "confidence": confidence.upper()}, post)
        typer.echo(f"{person or on_behalf_of.upper()} {'acting ' if acting else ''}{post} "
                   f"from {start}")


def popolo_export(
    file: Annotated[Path, typer.Argument(help="Where to write the Popolo JSON document.",
                                         dir_okay=False, metavar="FILE")],
) -> None:
    """The councils as a Popolo JSON document (persons, organizations, posts, memberships,
    sessions, motions, vote events), checked against the bundled Popolo schemas before it
    is written (docs/popolo.md)."""
    with _user_errors():
        document = popolo_shape.export(_register(), _language())
        problems = popolo.validate(document)
        if problems:  # a bug of ours, not the user's: say so rather than write it
            raise FormatError(file, ["the export does not validate:", *problems])
        file.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        counts = ", ".join(f"{len(v)} {k}" for k, v in document.items())
        typer.echo(f"{file}: {counts}")


COMMANDS = (bodies, members, holders, chairs, sessions, convene, agenda, position, consult,
            decide, appoint, popolo_export)
