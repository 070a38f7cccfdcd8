"""Signing in and out, and the desk a signed-in person sees: who they are, their roles;
for a delegate, the act to submit (examined by the engine and confirmed before it is
signed) and their submissions with where each stands; for a depositary officer, the
submissions waiting, each examined on a page that registers or returns it. Forms carry the
CSRF token."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from depositary.app.notices import said
from depositary.app.operations.acts import Examined, Submitted
from depositary.app.stored import StoredRegister, utc_today
from depositary.app.workflow import (
    ADMINISTRATOR,
    OFFICER,
    ROLES,
    SECRETARIAT,
    Examination,
    NotPermitted,
    Workflow,
    open_to,
    signed_payload,
)
from depositary.domain.acts import CONSENT_KINDS, Act, ActKind
from depositary.domain.notifications import Consequence
from depositary.domain.phrases import from_json
from depositary.domain.procedures import Position
from depositary.formats.register_file import read_act_payload, signed_message
from depositary.locale import N_, spoken, translate
from depositary.locale.labels import ACT_KINDS
from depositary.locale.reasons import rejection_in
from depositary.register import Register
from depositary.shapes.accounts import accounts_public
from depositary.web import auth
from depositary.web.deps import Stored
from depositary.web.forms import REFUSED, done, refusal
from depositary.web.operations import run
from depositary.web.rendering import language_of, render

router = APIRouter(include_in_schema=False)


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request) -> HTMLResponse:
    return render(request, "signin.html", utc_today(), csrf=auth.csrf_token(request), error="")


@router.post("/signin")
def signin(
    request: Request, person: Annotated[str, Form()], password: Annotated[str, Form()],
    csrf: Annotated[str, Form()],
) -> Response:
    auth.check_csrf(request, csrf)
    try:
        right = auth.check_password(request, person, password)
    except auth.TooMany as error:
        response = _signin_again(request, 429, f"Too many attempts: {error}.")
        response.headers["Retry-After"] = "300"
        return response
    if not right:
        return _signin_again(request, 401, "The person or the password is wrong.")
    auth.open_session(request, person)
    return RedirectResponse("/desk", status_code=303)


def _signin_again(request: Request, status: int, error: str) -> Response:
    response = render(request, "signin.html", utc_today(), csrf=auth.csrf_token(request),
                      error=error)
    response.status_code = status
    return response


@router.post("/signout")
def signout(request: Request, csrf: Annotated[str, Form()]) -> Response:
    auth.check_csrf(request, csrf)
    auth.close_session(request)
    return RedirectResponse("/", status_code=303)


# The kinds of act a delegate submits at the desk: consent, signature, a declaration or a
# reservation, withdrawal. The others name the earlier act they refer to, which this form
# does not ask for (the API takes them). A concurrence is the secretariat's to record, with
# the decision.
DESK_KINDS = tuple(sorted((*CONSENT_KINDS - {ActKind.CONCURRENCE}, ActKind.SIGNATURE,
                           ActKind.DECLARATION, ActKind.RESERVATION, ActKind.WITHDRAWAL)))

# What the delegate does by submitting an act, said before it is signed ("You are ... on
# behalf of <participant>"): %(title)s is the instrument's full title.
UNDERTAKINGS = {
    ActKind.RATIFICATION: N_("depositing an instrument of ratification of %(title)s"),
    ActKind.ACCEPTANCE: N_("depositing an instrument of acceptance of %(title)s"),
    ActKind.APPROVAL: N_("depositing an instrument of approval of %(title)s"),
    ActKind.ACCESSION: N_("depositing an instrument of accession to %(title)s"),
    ActKind.FORMAL_CONFIRMATION: N_("depositing an instrument of formal confirmation of "
                                    "%(title)s"),
    ActKind.SUCCESSION: N_("depositing a notification of succession to %(title)s"),
    ActKind.NOTIFICATION: N_("notifying the completion of the domestic procedures that "
                             "%(title)s requires"),
    ActKind.DEFINITIVE_SIGNATURE: N_("signing %(title)s definitively, consenting to be bound "
                                     "by it,"),
    ActKind.SIGNATURE: N_("signing %(title)s, subject to ratification, acceptance or "
                          "approval,"),
    ActKind.DECLARATION: N_("making a declaration on %(title)s"),
    ActKind.RESERVATION: N_("formulating a reservation to %(title)s"),
    ActKind.WITHDRAWAL: N_("giving notice of withdrawal from %(title)s"),
}


@dataclass(frozen=True, slots=True)
class Draft:
    """The act a delegate is preparing, as typed: kept when a form is refused, and carried
    from the confirmation, or from a returned submission, back to the desk's form."""

    participant: str = ""
    instrument: str = ""
    kind: str = ""
    text: str = ""


@router.get("/desk", response_class=HTMLResponse)
def desk(request: Request, stored: Stored) -> Response:
    who = auth.person(request)
    if who is None:
        return RedirectResponse("/signin", status_code=303)
    return _desk(request, stored, who, Draft())


def _desk(request: Request, stored: StoredRegister, who: str, draft: Draft,
          problem: str = "", status: int = 200) -> Response:
    """The desk, with the delegate's form holding `draft` and the refusal it met, if any."""
    workflow = Workflow(stored)
    held = workflow.roles(who)
    queue = workflow.pending() if OFFICER in held else []
    register = stored.register()
    for waiting in queue:  # the text the officer countersigns, shown and signed in place
        waiting["message"] = signed_message(dict(waiting["act"]))
        waiting["signer"] = _person_name(register, waiting["signed_by"])
    person = register.persons.get(who)
    today = utc_today()
    # The participants this person can act for today: a delegate's own, nobody else's.
    speaks_for = sorted(
        c.participant for c in (person.capacities if person else ())
        if c.period.contains(today)
    )
    councils = register.councils
    secretariat = SECRETARIAT in held  # the administrator only if granted the role
    response = render(
        request, "desk.html", today, person=who, roles=sorted(held), queue=queue,
        csrf=auth.csrf_token(request), speaks_for=speaks_for,
        participants=[(code, _participant_name(register, code, today, request))
                      for code in speaks_for],
        choices=_choices(register, speaks_for, today, request) if speaks_for else [],
        kinds=[(k.value, ACT_KINDS(k, language_of(request))) for k in DESK_KINDS],
        draft=draft, problem=problem,
        submissions=_followed(register, workflow, who, request) if speaks_for else [],
        message=request.session.pop("done", None), secretariat=secretariat,
        # The secretariat's forms choose among the councils' bodies, sessions, drafts, posts.
        bodies=[(b.alias, b.name(language_of(request)))
                for b in sorted(councils.bodies.values(), key=lambda b: b.alias)]
        if secretariat else [],
        sessions=sorted(councils.sessions) if secretariat else [],
        drafts=open_drafts(register) if secretariat or speaks_for else [],
        posts=sorted(councils.posts) if secretariat else [],
        positions=[p.value for p in Position],
        persons=sorted(register.persons),
        administration=accounts_public(stored).model_dump(mode="json")
        if ADMINISTRATOR in held else None,
        all_roles=sorted(ROLES),
    )
    response.status_code = status
    return response


def open_drafts(register: Register) -> list[dict[str, str]]:
    """The drafts not yet decided, with their session: what positions are recorded on."""
    councils = register.councils
    return [
        {"id": m.id, "title": m.title, "session": m.session}
        for m in councils.motions.values() if m.id not in councils.decisions
    ]


def _choices(register: Register, speaks_for: list[str], today: date,
             request: Request) -> list[dict[str, Any]]:
    """The instruments the delegate's participants can act on, by title, each with the
    kinds of act the engine would admit for each participant (the page's script offers
    only those; without it, every kind, and the examination before signing refuses)."""
    admitted = {code: open_to(register, code, today, DESK_KINDS) for code in speaks_for}
    language = language_of(request)
    found = [
        {"alias": i.alias, "title": i.title(language),
         "kinds": {code: [k.value for k in admitted[code].get(i.id, ())]
                   for code in speaks_for}}
        for i in register.instruments.values()
        if any(i.id in admitted[code] for code in speaks_for)
    ]
    return sorted(found, key=lambda c: c["title"].casefold())


def _followed(register: Register, workflow: Workflow, who: str,
              request: Request) -> list[dict[str, Any]]:
    """The delegate's submissions, newest first, with what the desk shows of each: the
    instrument's title and, once registered, the public page as of the day of receipt."""
    language = language_of(request)
    found = []
    for submission in workflow.submissions_of(who):
        act = submission.act
        instrument = register.instrument(act["instrument"]) \
            if act["instrument"] in register else None
        found.append(asdict(submission) | {
            "title": instrument.title(language) if instrument else act["instrument"],
            "page": f"/instruments/{instrument.alias}?as_of={act['received']}"
            if instrument else "",
        })
    return found


def _participant_name(register: Register, code: str, day: date, request: Request) -> str:
    found = register.participants.get(code)
    return found.name(day, language_of(request)) if found else code


def _person_name(register: Register, person: str) -> str:
    found = register.persons.get(person)
    return found.name() if found else person


# -- a delegate submits an act: the form, the examination before signing, the confirmation


@router.post("/desk/precheck", response_class=HTMLResponse)
def precheck(
    request: Request, stored: Stored, csrf: Annotated[str, Form()],
    participant: Annotated[str, Form()] = "", instrument: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
) -> Response:
    """The act the delegate is about to sign, examined by the engine as the officer's
    examination will examine it (`Workflow.precheck`; nothing is written): what it does
    and on whose behalf, the verdict and the consequences. An admissible act is then
    confirmed, signed and submitted (`/desk/submit`); an inadmissible one is refused
    here."""
    who = auth.signed_in(request, csrf)
    draft = Draft(participant, instrument, kind, text.strip())
    today = utc_today()
    workflow = Workflow(stored)
    try:
        act = _act_of(draft, "", "", today, workflow)
        examination = workflow.precheck(act, who, today)
    except REFUSED as error:
        return _desk(request, stored, who, draft, refusal(request, error), _status(error))
    return _confirmation(request, stored, who, act, draft, examination)


@router.post("/desk/draft", response_class=HTMLResponse)
def change(
    request: Request, stored: Stored, csrf: Annotated[str, Form()],
    participant: Annotated[str, Form()] = "", instrument: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "",
) -> Response:
    """The desk with its form holding an act to change: the one being confirmed, or a
    returned submission to correct and submit again (under the next id: `assign_id`)."""
    who = auth.signed_in(request, csrf)
    return _desk(request, stored, who, Draft(participant, instrument, kind, text.strip()))


@router.post("/desk/submit")
def submit(
    request: Request, stored: Stored, csrf: Annotated[str, Form()],
    instrument: Annotated[str, Form()], participant: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    signature: Annotated[str, Form(max_length=200)] = "", text: Annotated[str, Form()] = "",
    id: Annotated[str, Form()] = "", dated: Annotated[str, Form()] = "",
) -> Response:
    """`act.submit` from the confirmation: the act was signed in the browser (signing.js)
    or with `depositary sign`, with the id and the text POST /api/submissions/message (or
    the confirmation) gave; only the signature comes here, never the key. The act is
    examined again first: an inadmissible one is refused, and nothing is written."""
    who = auth.signed_in(request, csrf)
    today = utc_today()
    draft = Draft(participant, instrument, kind, text.strip())
    workflow = Workflow(stored)
    try:
        act = _act_of(draft, id.strip(), dated.strip(), today, workflow)
        examination = workflow.precheck(act, who, today)
    except REFUSED as error:
        return _desk(request, stored, who, draft, refusal(request, error), _status(error))
    if not examination.admissible:
        return _confirmation(request, stored, who, act, draft, examination, status=422)
    fields = {"id": act.id, "instrument": instrument, "participant": participant,
              "kind": kind, "dated": act.dated.isoformat(), "text": draft.text}
    try:
        answer = run(request, "act.submit", who, {
            "act": {k: v for k, v in fields.items() if v}, "signature": signature.strip()})
    except REFUSED as error:  # a signature that does not verify, an id taken meanwhile
        # Confirmed again under the id free now, for a signature made elsewhere.
        return _confirmation(request, stored, who, workflow.assign_id(act), draft,
                             examination, refusal(request, error), _status(error))
    assert isinstance(answer, Submitted)
    return (done(request, "%(act)s was already submitted", act=answer.act)
            if answer.wrote_nothing() else done(request, "submitted %(act)s", act=answer.act))


def _act_of(draft: Draft, given_id: str, dated: str, today: date, workflow: Workflow) -> Act:
    """The act as the depositary receives it today, under the id given (the one signed)
    or the next one free."""
    fields = {"instrument": draft.instrument, "participant": draft.participant,
              "kind": draft.kind, "dated": dated or today.isoformat(), "text": draft.text}
    act = read_act_payload({k: v for k, v in fields.items() if v} | (
        {"id": given_id} if given_id else {}), "the act", received=today)
    return act if given_id else workflow.assign_id(act)


def _confirmation(request: Request, stored: StoredRegister, who: str, act: Act,
                  draft: Draft, examination: Examination, problem: str = "",
                  status: int | None = None) -> Response:
    """The page between the form and the signature: the act in full, what submitting it
    does, the engine's examination, and (if admissible) the form that signs and submits."""
    register = stored.register()
    language = language_of(request)
    instrument = register.instrument(act.instrument)
    name = _participant_name(register, act.participant, act.received, request)
    title = instrument.title(language)
    undertaking = UNDERTAKINGS.get(act.kind, N_("submitting a %(kind)s on %(title)s"))
    does = translate(language, undertaking, title=title, kind=ACT_KINDS(act.kind, language))
    response = render(
        request, "desk_submission.html", act.received, act=act, draft=draft, title=title,
        alias=instrument.alias, participant_name=name, does=does, examination=examination,
        consequences=[said(c, register, language) for c in examination.consequences],
        rejections=[rejection_in(r, language) for r in examination.refused]
        or [spoken(p, language) for p in examination.problems],
        kind=ACT_KINDS(act.kind, language), message=signed_payload(act), problem=problem,
        person=who,
        csrf=auth.csrf_token(request),
    )
    response.status_code = status or (200 if examination.admissible else 422)
    return response


def _status(error: Exception) -> int:
    """A refusal's status, as the application's handlers give it (web/app.py)."""
    return 403 if isinstance(error, NotPermitted) else 422


# -- the depositary officer: examine, register, return


@router.post("/desk/examine", response_class=HTMLResponse)
def examine(request: Request, stored: Stored, csrf: Annotated[str, Form()],
            act: Annotated[str, Form()]) -> Response:
    """`act.examine` from the queue: the engine's checks and the consequences the act
    would have, recorded in the log, with who signed it and whether the signature and
    the capacity hold; the page registers or returns the act."""
    who = auth.signed_in(request, csrf)
    found = run(request, "act.examine", who, {}, act)
    assert isinstance(found, Examined)
    workflow = Workflow(stored)
    submission = next(p for p in workflow.pending() if p["act"]["id"] == act)
    register = stored.register()
    instrument = register.instrument(submission["act"]["instrument"])
    credentials = workflow.credentials(act)
    return render(
        request, "examination.html", utc_today(), examination=found, person=who,
        rejections=[spoken(from_json(p), language_of(request)) for p in found.refusals],
        consequences=[said(Consequence.from_json(e), register, language_of(request))
                      for e in found.effects],
        submission=submission, message=signed_message(dict(submission["act"])),
        title=instrument.title(language_of(request)), alias=instrument.alias,
        participant_name=_participant_name(
            register, submission["act"]["participant"], credentials.came_on, request),
        signer=_person_name(register, credentials.signed_by), credentials=credentials,
        csrf=auth.csrf_token(request),
    )


@router.post("/desk/register")
def register_act(
    request: Request, csrf: Annotated[str, Form()], act: Annotated[str, Form()],
    countersignature: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """`act.register` from the queue, with the officer's countersignature made in the
    browser (or with `depositary sign`) over the text the queue shows."""
    run(request, "act.register", auth.signed_in(request, csrf),
        {"countersignature": countersignature.strip()}, act)
    return done(request, "registered %(act)s", act=act)


@router.post("/desk/return")
def return_act(
    request: Request, csrf: Annotated[str, Form()], act: Annotated[str, Form()],
    reasons: Annotated[str, Form()],
) -> Response:
    """`act.return` from the queue, with the reasons."""
    run(request, "act.return", auth.signed_in(request, csrf), {"reasons": reasons}, act)
    return done(request, "returned %(act)s", act=act)
