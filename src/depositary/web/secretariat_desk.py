"""The secretariat's forms on the desk: convene a session with its chair and attendance,
put a draft on its agenda, record positions, notify a consulted state, adopt the decision,
appoint to a post. The same named operations as the CLI and the API, with the same
permissions (the secretariat's role, checked by `Secretariat`); a delegate records its own
state's position here too, signed with its key when the procedure asks for signatures.

Convening goes through a page that knows the body and the date: the chair is chosen among
the members on that day (the recorded chair preselected), with who can sit for each.
Deciding goes through a preview: the procedure, the count of positions and what the
procedure gives, confirmed before the irreversible write. A refused form comes back with
what was typed and the rule (422), never an empty form."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from depositary.app.operations.councils import Adopted
from depositary.app.secretariat import Preview, Secretariat
from depositary.app.stored import StoredRegister, utc_today
from depositary.app.workflow import NotPermitted
from depositary.domain.joint import JointProcedure
from depositary.domain.periods import outside_calendar
from depositary.domain.phrases import say
from depositary.domain.procedures import Consensus, Majority, Unanimity, procedure_name
from depositary.formats.errors import FormatError
from depositary.locale import spoken, translate
from depositary.locale.labels import POSITIONS, PROCEDURES
from depositary.register import Register
from depositary.register.councils import seated
from depositary.web import auth
from depositary.web.deps import Stored
from depositary.web.forms import THE_FORM, done, optional_day, refusal
from depositary.web.operations import run
from depositary.web.rendering import language_of, render

router = APIRouter(prefix="/desk", include_in_schema=False)


def attendance(lines: str) -> list[dict[str, Any]]:
    """Attendance as the form gives it, one member a line: `CODE person [acting]` (the
    person who represented the member, and whether as acting holder of the office)."""
    found = []
    for number, line in enumerate(lines.splitlines(), start=1):
        words = line.split()
        if not words:
            continue
        if len(words) not in (2, 3) or (len(words) == 3 and words[2] != "acting"):
            raise FormatError(THE_FORM, [say(
                "attendance line %(n)d: '%(line)s' is not `CODE person [acting]`", n=number,
                line=line.strip())])
        entry: dict[str, Any] = {"participant": words[0].upper(), "person": words[1]}
        if len(words) == 3:
            entry["acting"] = True
        found.append(entry)
    return found


@dataclass(frozen=True, slots=True)
class Convening:
    """The session being convened, as typed: kept when the form is refused. `chair` None:
    not chosen yet (the recorded chair is offered); "": no chair recorded with it."""

    id: str = ""
    body: str = ""
    on: str = ""
    place: str = ""
    chair: str | None = None
    present: str = ""
    minutes: str = ""


def _convening(id: str, body: str, on: str, place: str, chair: str | None, present: str,
               minutes: str) -> Convening:
    return Convening(id.strip(), body, on.strip(), place.strip(),
                     chair.strip().upper() if chair is not None else None, present,
                     minutes.strip())


@router.post("/sessions/prepare")
def prepare(
    request: Request, stored: Stored, csrf: Annotated[str, Form()],
    id: Annotated[str, Form()] = "", body: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "", place: Annotated[str, Form()] = "",
    chair: Annotated[str | None, Form()] = None, present: Annotated[str, Form()] = "",
    minutes: Annotated[str, Form()] = "",
) -> Response:
    """The session's form for its body and date: the chair among the members on the day,
    who can sit for each, the attendance and the minutes; nothing is written."""
    who = auth.signed_in(request, csrf)
    Secretariat(stored).require(who, "session.convene")
    return _convening_page(request, stored, who,
                           _convening(id, body, on, place, chair, present, minutes))


@router.post("/sessions")
def convene(
    request: Request, stored: Stored, csrf: Annotated[str, Form()],
    id: Annotated[str, Form()] = "", body: Annotated[str, Form()] = "",
    on: Annotated[str, Form()] = "", place: Annotated[str, Form()] = "",
    chair: Annotated[str, Form()] = "", minutes: Annotated[str, Form()] = "",
    present: Annotated[str, Form()] = "",
) -> Response:
    """`session.convene`, with the chair chosen (none recorded with the session if empty:
    its page then shows the chair's recorded term, or the rule's, marked as such)."""
    who = auth.signed_in(request, csrf)
    # The role first: the form comes back with its refusal only to the secretariat.
    Secretariat(stored).require(who, "session.convene")
    typed = _convening(id, body, on, place, chair, present, minutes)
    try:
        run(request, "session.convene", who, {
            "id": typed.id, "body": typed.body, "date": _day(typed.on), "place": typed.place,
            "minutes": typed.minutes, "chair": typed.chair or None,
            "attendance": attendance(typed.present)})
    except NotPermitted:  # 403, as the application answers it
        raise
    except ValueError as error:  # the register's refusals: the form again, as typed
        return _convening_page(request, stored, who, typed, refusal(request, error), 422)
    return done(request, "session %(session)s convened", session=typed.id)


def _day(given: str) -> date:
    day = optional_day(given, say("Date"))
    if day is None:
        raise FormatError(THE_FORM, [say("date: give the session's date (YYYY-MM-DD)")])
    return day


def _convening_page(request: Request, stored: StoredRegister, who: str, typed: Convening,
                    problem: str = "", status: int = 200) -> Response:
    register = stored.register()
    try:
        day = optional_day(typed.on, say("Date"))
    except FormatError:
        day = None
    members = _members(register, typed.body, day, language_of(request))
    codes = [m["code"] for m in members]
    recorded = _recorded_chair(register, typed.body, day, codes)
    chair = typed.chair
    if chair is None or (chair and chair not in codes):
        chair = recorded
    example = next((f"{m['code']} {m['persons'][0]}" for m in members if m["persons"]),
                   "CODE person-id")
    shown = day if day is not None and outside_calendar(day) is None else utc_today()
    response = render(
        request, "secretariat_session.html", shown, person=who, csrf=auth.csrf_token(request),
        form=replace(typed, chair=chair), problem=problem, recorded=recorded,
        bodies=sorted((b.alias, b.name(language_of(request)))
                      for b in register.councils.bodies.values()),
        members=members, example=example,
    )
    response.status_code = status
    return response


def _members(register: Register, body: str, day: date | None,
             language: str) -> list[dict[str, Any]]:
    """The body's members on the day, each with its name and the persons who can sit for
    it then (in the body's seat capacity, where it has one): the chair's choices and the
    attendance's. None for a body or a day the register does not know."""
    councils = register.councils
    if day is None or body not in councils.bodies or outside_calendar(day) is not None:
        return []
    seat = councils.bodies[body].seat
    persons = register.persons.values()
    found = []
    for member in councils.members(body, day):
        code = member.participant
        sitting = seated(persons, code, day, seat) if seat is not None else [
            p for p in sorted(persons, key=lambda p: p.id) if p.capacity_on(code, day)]
        found.append({"code": code, "name": register.participant(code).name(day, language),
                      "persons": [p.id for p in sitting]})
    return found


def _recorded_chair(register: Register, body: str, day: date | None,
                    codes: list[str]) -> str:
    """The chair the register records for the body on the day, if a member then; else
    none ("": a term the rotation rule only proposes is not offered as the chair)."""
    if day is None or not codes:
        return ""
    term = register.councils.chair_on(body, day)
    if term is None or not term.recorded or term.participant not in codes:
        return ""
    return term.participant or ""


@router.post("/drafts")
def table(request: Request, csrf: Annotated[str, Form()], session: Annotated[str, Form()],
          id: Annotated[str, Form()], title: Annotated[str, Form()],
          text: Annotated[str, Form()] = "", question: Annotated[str, Form()] = "default",
          ) -> Response:
    """`agenda.add`: a draft decision on the session's agenda."""
    run(request, "agenda.add", auth.signed_in(request, csrf),
        {"id": id.strip(), "title": title.strip(), "text": text.strip(),
         "question": question.strip() or "default"}, session)
    return done(request, "draft %(draft)s on the agenda of %(session)s", draft=id, session=session)


@router.post("/positions")
def record(
    request: Request, csrf: Annotated[str, Form()], draft: Annotated[str, Form()],
    participant: Annotated[str, Form()], position: Annotated[str, Form()],
    text: Annotated[str, Form()] = "", signature: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """`position.record`: by a person who can act for the member, or the secretariat from
    the minutes; with the person's signature where the procedure asks for one (a joint
    decision), made in the browser (signing.js) or with `depositary sign`."""
    run(request, "position.record", auth.signed_in(request, csrf), {
        "participant": participant.strip(), "position": position, "text": text.strip(),
        "signature": signature.strip() or None}, draft)
    return done(request, "%(participant)s: %(position)s on %(draft)s",
                participant=participant.strip().upper(),
                position=POSITIONS(position, language_of(request)), draft=draft)


@router.post("/consultations")
def consult(request: Request, csrf: Annotated[str, Form()], draft: Annotated[str, Form()],
            participant: Annotated[str, Form()], on: Annotated[date, Form()]) -> Response:
    """`consultation.notify`: a state to be consulted on a joint decision is notified."""
    run(request, "consultation.notify", auth.signed_in(request, csrf),
        {"participant": participant.strip(), "date": on}, draft)
    return done(request, "%(participant)s notified of %(draft)s", participant=participant.upper(),
                draft=draft)


ADOPTED, NOT_ADOPTED = "adopted", "not adopted"  # the form's values


@router.post("/decisions/preview")
def preview(request: Request, stored: Stored, csrf: Annotated[str, Form()],
            draft: Annotated[str, Form()]) -> Response:
    """What deciding the draft would give now: the procedure (kind, quorum, source), the
    count of positions and the outcome, with the confirmation; nothing is written."""
    who = auth.signed_in(request, csrf)
    return _decision_page(request, stored, who, Secretariat(stored).preview(draft, who))


@router.post("/decisions")
def decide(request: Request, stored: Stored, csrf: Annotated[str, Form()],
           draft: Annotated[str, Form()], outcome: Annotated[str, Form()] = ADOPTED,
           ) -> Response:
    """`decision.adopt`, confirmed from the preview: refused (422, the preview again with
    the rule) when the procedure does not give the outcome confirmed, an adoption the
    procedure does not allow above all; the session page shows it with its reasons."""
    who = auth.signed_in(request, csrf)
    language = language_of(request)
    seen = Secretariat(stored).preview(draft, who)
    if seen.outcome.adopted != (outcome != NOT_ADOPTED):
        return _decision_page(request, stored, who, seen, _refusal(draft, seen, language),
                              422)
    decided = run(request, "decision.adopt", who, {}, draft)
    assert isinstance(decided, Adopted)
    if decided.adopted:
        return done(request, "%(draft)s: adopted (%(reasons)s)", draft=draft,
                    reasons=_reasons(seen, language))
    return done(request, "%(draft)s: not adopted (%(reasons)s)", draft=draft,
                reasons=_reasons(seen, language))


def _reasons(seen: Preview, language: str) -> str:
    return "; ".join(spoken(reason, language) for reason in seen.outcome.reasons)


def _refusal(draft: str, seen: Preview, language: str) -> str:
    """Why the outcome confirmed is not the procedure's, naming its rule (the reasons
    cite the clause)."""
    if seen.outcome.adopted:
        return translate(language, "%(draft)s is adopted by the body's procedure, not "
                         "rejected: %(reasons)s", draft=draft, reasons=_reasons(seen, language))
    return translate(language, "the procedure does not allow %(draft)s to be adopted: "
                     "%(reasons)s", draft=draft, reasons=_reasons(seen, language))


def _decision_page(request: Request, stored: StoredRegister, who: str, seen: Preview,
                   problem: str = "", status: int = 200) -> Response:
    language = language_of(request)
    response = render(
        request, "secretariat_decision.html", seen.session.day, person=who,
        csrf=auth.csrf_token(request), seen=seen, terms=terms(seen, language),
        reasons=[spoken(reason, language) for reason in seen.outcome.reasons], problem=problem,
        body=stored.register().councils.body(seen.session.body).name(language),
        joint=isinstance(seen.procedure, JointProcedure),
    )
    response.status_code = status
    return response


def terms(seen: Preview, language: str) -> list[tuple[str, str, bool]]:
    """The procedure's terms as the preview states them in `language`: (term, value,
    whether the value is the record's own words, its source). A quorum the procedure's
    source does not state is said so, never shown as none: the register keeps no quorum
    number for it, and a decision then counts those present."""
    procedure = seen.procedure
    present = {"present": seen.present, "members": seen.members}
    if isinstance(procedure, JointProcedure):
        found = [(translate(language, "procedure"), PROCEDURES("joint", language))]
        nobody = "—"
        found += [
            (translate(language, "decider"), procedure.decider),
            (translate(language, "in agreement with"),
             ", ".join(procedure.in_agreement_with) or nobody),
            (translate(language, "in consultation with"),
             ", ".join(procedure.in_consultation_with) or nobody),
        ]
    else:
        found = [(translate(language, "procedure"), spoken(procedure_name(procedure), language))]
    if isinstance(procedure, Consensus | Majority):
        found.append((translate(language, "quorum"), translate(
            language, "%(share)s of the members present (%(present)s of %(members)s present)",
            share=str(procedure.quorum), **present) if procedure.quorum else translate(
            language, "not stated in the procedure's source (%(present)s of %(members)s "
            "present)", **present)))
    if isinstance(procedure, Majority):
        share = str(procedure.threshold)
        found.append((translate(language, "threshold"), translate(
            language, "at least %(share)s of the votes cast", share=share)
            if procedure.qualified else translate(
            language, "more than %(share)s of the votes cast", share=share)))
    if isinstance(procedure, Unanimity):
        found.append((translate(language, "quorum"), translate(
            language, "every member agrees (%(present)s of %(members)s present)", **present)))
    found.append((translate(language, "source"),
                  procedure.source or translate(language, "not recorded")))
    return [(term, value, value == procedure.source) for term, value in found]


@router.post("/appointments")
def appoint(
    request: Request, csrf: Annotated[str, Form()], post: Annotated[str, Form()],
    start: Annotated[date, Form()], person: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "", acting: Annotated[bool, Form()] = False,
    decision: Annotated[str, Form()] = "", on_behalf_of: Annotated[str, Form()] = "",
    co_chairs: Annotated[str, Form()] = "", source: Annotated[str, Form()] = "",
    confidence: Annotated[str, Form()] = "",
) -> Response:
    """`post.appoint`: a person to a post from a date, acting or appointed; or a state to a
    council's chair (no person), with its co-chairs and source."""
    holder = on_behalf_of.strip().upper()
    run(request, "post.appoint", auth.signed_in(request, csrf), {
        "person": person.strip() or None, "start": start, "end": optional_day(end, say("End")),
        "acting": acting, "decision": decision.strip(), "on_behalf_of": holder or None,
        "co_chairs": co_chairs.replace(",", " ").split(), "source": source.strip(),
        "confidence": confidence.strip().upper()}, post)
    return done(request, "%(person)s appointed to %(post)s", person=person.strip() or holder,
                post=post)

