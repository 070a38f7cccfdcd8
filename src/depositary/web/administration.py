"""The administrator's operations over HTTP, as API endpoints and as the desk's forms:
roles (`role.grant`, `role.revoke`), keys (`key.register`, `key.revoke`), accounts
(`account.password`, `token.issue`, `token.revoke`) and onboarding (`person.add`,
`capacity.give`, `account.invite`), each run through the registry of operations, which
checks who may; the accounts as the administrator reads them; the people page
(/desk/people), where persons are recorded, given capacities and roles, and invited; and
the invitation's page, where the invited person sets their own password."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from depositary.app.accounts import MIN_PASSWORD, Accounts
from depositary.app.operations.accounts import PasswordSet, TokenIssued
from depositary.app.operations.persons import Invited
from depositary.app.stored import Refusal, StoredRegister, utc_today
from depositary.app.workflow import ADMINISTRATOR, ROLES, NotPermitted, Workflow
from depositary.domain.participants import Role
from depositary.domain.phrases import say
from depositary.formats.errors import FormatError
from depositary.locale import N_, translate
from depositary.locale.labels import ROLES as ROLE_WORDS
from depositary.locale.labels import SEATS
from depositary.shapes.accounts import accounts_public
from depositary.shapes.public_log import AccountsPublic
from depositary.web import auth
from depositary.web.deps import SignedIn, Stored
from depositary.web.forms import REFUSED, THE_FORM, done, optional_day, refusal
from depositary.web.operations import add_routes, run
from depositary.web.problems import WRITES, documented
from depositary.web.rendering import language_of, participant_names, render

router = APIRouter(prefix="/api", tags=["administration"], responses=documented(WRITES))
forms = APIRouter(prefix="/desk", include_in_schema=False)


# -- the API ----------------------------------------------------------------------------

@router.get("/accounts", summary="Roles, keys, accounts and tokens (administrator)")
def accounts(stored: Stored, who: SignedIn) -> AccountsPublic:
    Workflow(stored).require_role(who, ADMINISTRATOR, "accounts.list")
    return accounts_public(stored)


add_routes(router, {"role.grant", "role.revoke", "key.register", "key.revoke",
                    "account.password", "token.issue", "token.revoke", "person.add",
                    "capacity.give", "account.invite"})


# -- the desk's forms -------------------------------------------------------------------

@forms.post("/roles")
def grant_form(request: Request, csrf: Annotated[str, Form()], person: Annotated[str, Form()],
               role: Annotated[str, Form()]) -> Response:
    run(request, "role.grant", auth.signed_in(request, csrf), {"person": person, "role": role})
    return done(request, "%(person)s is %(role)s", person=person,
                role=ROLE_WORDS(role, language_of(request)))


@forms.post("/roles/revocation")
def revoke_role_form(request: Request, csrf: Annotated[str, Form()],
                     person: Annotated[str, Form()], role: Annotated[str, Form()]) -> Response:
    run(request, "role.revoke", auth.signed_in(request, csrf), {"person": person, "role": role})
    return done(request, "%(person)s is no longer %(role)s", person=person,
                role=ROLE_WORDS(role, language_of(request)))


@forms.post("/keys")
def register_key_form(request: Request, csrf: Annotated[str, Form()],
                      person: Annotated[str, Form()], public: Annotated[str, Form()],
                      valid_from: Annotated[date, Form()]) -> Response:
    run(request, "key.register", auth.signed_in(request, csrf),
        {"person": person, "public": public.strip(), "valid_from": valid_from})
    return done(request, "key registered for %(person)s", person=person)


@forms.post("/keys/revocation")
def revoke_key_form(request: Request, csrf: Annotated[str, Form()],
                    person: Annotated[str, Form()], public: Annotated[str, Form()]) -> Response:
    run(request, "key.revoke", auth.signed_in(request, csrf),
        {"person": person, "public": public, "day": utc_today()})
    return done(request, "key of %(person)s revoked", person=person)


@forms.post("/password")
def password_form(request: Request, csrf: Annotated[str, Form()],
                  person: Annotated[str, Form()], password: Annotated[str, Form()],
                  current: Annotated[str, Form()] = "") -> Response:
    answer = run(request, "account.password", auth.signed_in(request, csrf),
                 {"password": password, "current": current}, person)
    assert isinstance(answer, PasswordSet)
    return done(request, "password set for %(person)s: %(sessions)d sessions ended, "
                         "%(tokens)d API tokens revoked", person=person,
                sessions=answer.sessions_ended, tokens=answer.tokens_revoked)


@forms.post("/tokens", response_class=HTMLResponse)
def token_form(request: Request, csrf: Annotated[str, Form()], person: Annotated[str, Form()],
               password: Annotated[str, Form()], name: Annotated[str, Form()] = "api",
               ) -> Response:
    """The new token is shown once, on this page, and never again."""
    answer = run(request, "token.issue", auth.signed_in(request, csrf),
                 {"person": person, "password": password, "name": name.strip() or "api"})
    assert isinstance(answer, TokenIssued)
    response = render(request, "token.html", utc_today(), person=person, name=name,
                      token=answer.token)
    response.headers["Cache-Control"] = "no-store"
    return response


@forms.post("/tokens/revocation")
def revoke_token_form(request: Request, csrf: Annotated[str, Form()],
                      token: Annotated[str, Form()]) -> Response:
    run(request, "token.revoke", auth.signed_in(request, csrf), {}, token)
    return done(request, "token %(token)s revoked", token=token)


# -- the people page: persons, their capacities, roles and invitations --------------------

PEOPLE = "/desk/people"


@forms.get("/people", response_class=HTMLResponse)
def people(request: Request, stored: Stored) -> Response:
    """The persons, each with their capacities, roles and whether they can sign in; and
    the forms that record a person, give a capacity or a role, and invite."""
    who = auth.person(request)
    if who is None:
        return RedirectResponse("/signin", status_code=303)
    Workflow(stored).require_role(who, ADMINISTRATOR, "the people page")
    return _people(request, stored)


@forms.post("/people", response_class=HTMLResponse)
def add_person_form(request: Request, stored: Stored, csrf: Annotated[str, Form()],
                    id: Annotated[str, Form()], name_en: Annotated[str, Form()] = "",
                    name_ru: Annotated[str, Form()] = "") -> Response:
    typed = {"id": id, "name_en": name_en, "name_ru": name_ru}
    return _written(request, stored, csrf, "person", typed,
                    lambda who: run(request, "person.add", who, {
                        "id": id.strip(), "names": {"en": name_en, "ru": name_ru}}),
                    N_("%(person)s recorded"), person=id.strip())


@forms.post("/people/capacities", response_class=HTMLResponse)
def give_capacity_form(request: Request, stored: Stored, csrf: Annotated[str, Form()],
                       person: Annotated[str, Form()], participant: Annotated[str, Form()],
                       role: Annotated[str, Form()], start: Annotated[str, Form()] = "",
                       end: Annotated[str, Form()] = "",
                       title: Annotated[str, Form()] = "") -> Response:
    typed = {"person": person, "participant": participant, "role": role, "start": start,
             "end": end, "title": title}

    def give(who: str) -> object:
        first = optional_day(start, say("From"))
        if first is None:
            raise FormatError(THE_FORM, [say("from: a capacity holds from a day: give it")])
        return run(request, "capacity.give", who, {
            "participant": participant, "role": role, "start": first,
            "end": optional_day(end, say("Until")), "title": title}, person)

    return _written(request, stored, csrf, "capacity", typed, give,
                    N_("%(person)s is %(role)s of %(participant)s from %(start)s"),
                    person=person, role=SEATS(role, language_of(request)),
                    participant=participant.strip().upper(), start=start.strip())


@forms.post("/people/roles", response_class=HTMLResponse)
def role_form(request: Request, stored: Stored, csrf: Annotated[str, Form()],
              person: Annotated[str, Form()], role: Annotated[str, Form()],
              revoke: Annotated[str, Form()] = "") -> Response:
    """A role granted, or revoked (the form's `revoke`), through the same operations as
    the desk's."""
    typed = {"person": person, "role": role}
    name = "role.revoke" if revoke else "role.grant"
    said = N_("%(person)s is no longer %(role)s") if revoke else N_("%(person)s is %(role)s")
    return _written(request, stored, csrf, "role", typed,
                    lambda who: run(request, name, who, {"person": person, "role": role}),
                    said, person=person, role=ROLE_WORDS(role, language_of(request)))


@forms.post("/people/invitations", response_class=HTMLResponse)
def invite_form(request: Request, stored: Stored, csrf: Annotated[str, Form()],
                person: Annotated[str, Form()]) -> Response:
    """An invitation, or a reset for a person who has a password: the link is shown this
    once, to be handed to the person; the administrator never learns the password."""
    who = auth.signed_in(request, csrf)
    try:
        answer = run(request, "account.invite", who, {}, person)
    except NotPermitted:
        raise
    except REFUSED as error:
        return _people(request, stored, "invitation", {"person": person}, refusal(request, error))
    assert isinstance(answer, Invited)
    link = str(request.url_for("invitation", secret=answer.secret))
    response = render(request, "desk_people_invitation.html", utc_today(), person=person,
                      link=link, expires_at=answer.expires_at)
    response.headers["Cache-Control"] = "no-store"
    return response


def _written(request: Request, stored: StoredRegister, csrf: str, form: str,
             typed: dict[str, str], write: Callable[[str], object], message: str,
             **values: object) -> Response:
    """Run a form's write for the person signed in, then back to the people page, which
    says what was done (`message`, a catalog id marked N_, filled with `values`); a
    refusal shows the page again with the form as typed (422)."""
    who = auth.signed_in(request, csrf)
    try:
        write(who)
    except NotPermitted:
        raise
    except REFUSED as error:
        return _people(request, stored, form, typed, refusal(request, error))
    request.session["done"] = translate(language_of(request), message, **values)
    return RedirectResponse(PEOPLE, status_code=303)


def _people(request: Request, stored: StoredRegister, refused: str = "",
            typed: dict[str, str] | None = None, problem: str = "") -> Response:
    """The page, with the form `refused` holding what was typed and why it was refused."""
    today = utc_today()
    register = stored.register()
    language = language_of(request)
    workflow, accounts = Workflow(stored), Accounts(stored)
    roles: dict[str, list[str]] = {}
    for person, role in workflow.grants():
        roles.setdefault(person, []).append(role)
    passwords, waiting = accounts.with_passwords(), accounts.waiting()
    names = participant_names(register, today, language)

    persons = [{
        "id": p.id, "name": p.name(language), "names": p.names,
        "capacities": [{
            "participant": c.participant,
            "participant_name": names.get(c.participant, c.participant),
            "role": c.role.value, "start": c.period.start, "end": c.period.end,
            "current": c.period.contains(today), "title": c.title,
        } for c in p.capacities],
        "roles": sorted(roles.get(p.id, [])),
        "password_set": (passwords.get(p.id) or "")[:10],
        "invited_until": waiting.get(p.id, "")[:10] or None,
    } for p in sorted(register.persons.values(), key=lambda p: p.id)]
    participants = sorted(names.items(), key=lambda pair: pair[1])
    response = render(
        request, "desk_people.html", today, csrf=auth.csrf_token(request), persons=persons,
        participants=participants, capacity_roles=[r.value for r in Role],
        all_roles=sorted(ROLES), refused=refused, typed=typed or {}, problem=problem,
        message=request.session.pop("done", None) if not refused else None,
    )
    response.status_code = 422 if refused else 200
    return response


# -- the invitation: the invited person sets their password -----------------------------

@forms.get("/invitation/{secret}", response_class=HTMLResponse, name="invitation")
def invitation(request: Request, stored: Stored, secret: str) -> Response:
    """The page an invitation's link opens: whom it is for, and the password form. Anyone
    holding the link may open it: the link is the secret, as a password would be."""
    try:
        person = Accounts(stored).invited(secret)
    except Refusal as error:
        return _welcome(request, stored, "", secret, refusal(request, error), 410)
    return _welcome(request, stored, person, secret)


@forms.post("/invitation/{secret}", response_class=HTMLResponse)
def accept_invitation(request: Request, stored: Stored, secret: str,
                      csrf: Annotated[str, Form()], password: Annotated[str, Form()],
                      again: Annotated[str, Form()]) -> Response:
    """The password set through the link, which is used up; the person is signed in and
    taken to their desk. Like signing in, this is the door, not an operation: the one who
    writes is the person the link names."""
    auth.check_csrf(request, csrf)
    accounts = Accounts(stored)
    try:
        person = accounts.invited(secret)
    except Refusal as error:
        return _welcome(request, stored, "", secret, refusal(request, error), 410)
    if password != again:
        return _welcome(request, stored, person, secret,
                        "the two passwords differ: type the same one twice", 422)
    try:
        accounts.accept_invitation(secret, password)
    except Refusal as error:
        return _welcome(request, stored, person, secret, refusal(request, error), 422)
    auth.open_session(request, person)
    request.session["done"] = "your password is set: you are signed in"
    return RedirectResponse("/desk", status_code=303)


def _welcome(request: Request, stored: StoredRegister, person: str, secret: str,
             problem: str = "", status: int = 200) -> Response:
    found = stored.register().persons.get(person) if person else None
    response = render(request, "desk_people_welcome.html", utc_today(), person=person,
                      name=found.name(language_of(request)) if found else "",
                      secret=secret if person else "", csrf=auth.csrf_token(request),
                      problem=problem, min_password=MIN_PASSWORD)
    response.status_code = status
    return response
