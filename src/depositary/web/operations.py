"""The registry's operations as API endpoints: one route each, made from the operation
(its input as the body, its target as the path's last parameter, its answer as the
response model), so the API cannot drift from the CLI and the desk's forms. The routes'
paths and status codes are the web's own; everything else is the operation's."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response

from depositary.app.operations import OPERATIONS, Answer, Caller, Input, Operation
from depositary.web import auth
from depositary.web.deps import Writer, stored_of

# (operation, path, status of a write, the route's name): the path's `{...}` is the
# operation's target; the name makes the OpenAPI operationId, kept from before the registry
# so that generated clients keep theirs.
ROUTES = (
    ("session.convene", "/sessions", 201, "convene"),
    ("agenda.add", "/sessions/{session}/drafts", 201, "table"),
    ("position.record", "/drafts/{draft}/positions", 201, "position"),
    ("consultation.notify", "/drafts/{draft}/consultations", 201, "consult"),
    ("decision.adopt", "/drafts/{draft}/decision", 201, "decide"),
    ("post.appoint", "/posts/{post}/appointments", 201, "appoint"),
    ("act.submit", "/submissions", 201, "submit"),
    ("act.examine", "/submissions/{act:path}/examination", 200, "examine"),
    ("act.register", "/submissions/{act:path}/registration", 201, "register"),
    ("act.return", "/submissions/{act:path}/return", 200, "return_act"),
    ("role.grant", "/roles", 201, "grant"),
    ("role.revoke", "/roles/revocation", 200, "revoke_role"),
    ("key.register", "/keys", 201, "register_key"),
    ("key.revoke", "/keys/revocation", 200, "revoke_key"),
    ("councils.import", "/councils/import", 201, "import_councils"),
    ("account.password", "/accounts/{person}/password", 200, "set_password"),
    ("token.issue", "/tokens", 201, "issue_token"),
    ("token.revoke", "/tokens/{token_id}/revocation", 200, "revoke_token"),
    ("person.add", "/persons", 201, "add_person"),
    ("capacity.give", "/persons/{person}/capacities", 201, "give_capacity"),
    ("account.invite", "/accounts/{person}/invitation", 201, "invite"),
)


def _signed_in_again(request: Request, who: str, answer: Any) -> None:
    """A person who changed their own password in the browser is given a new session: the
    change ended every session of theirs, this one too."""
    if answer.person == who and not auth.by_token(request):
        auth.open_session(request, who)


# What the web does after an operation, beyond the operation's own work.
AFTERWARDS = {"account.password": _signed_in_again}


def run(request: Request, name: str, who: str, given: Input | dict[str, Any],
        target: str = "") -> Answer:
    """Run a registered operation for the person making the request, whose password is
    checked as signing in checks it (throttled per client and per person)."""
    caller = Caller(who, proves=lambda password: auth.check_password(request, who, password))
    answer: Answer = OPERATIONS[name].run(stored_of(request), caller, given, target)
    if name in AFTERWARDS:
        AFTERWARDS[name](request, who, answer)
    return answer


def add_routes(router: APIRouter, names: set[str]) -> None:
    """Add the routes of these operations to the router."""
    for name, path, status, route in ROUTES:
        if name in names:
            operation = OPERATIONS[name]
            # An answer that can say the work was done already (a repeated submission) is
            # a 200 then, and says nothing of what it would have written.
            repeatable = operation.answer.wrote_nothing is not Answer.wrote_nothing
            router.add_api_route(
                path, _endpoint(operation), methods=["POST"], status_code=status,
                response_model=operation.answer, response_model_exclude_none=repeatable,
                summary=f"{operation.name} ({operation.who})", description=operation.summary,
                name=route,
                responses={200: {"description": "Done already, as it is: nothing written"}}
                if repeatable else None,
            )


def _endpoint(operation: Operation[Any, Any]) -> Any:
    """A FastAPI endpoint for the operation: its signature says what FastAPI reads (the
    body, the path's target), since the operations differ only in those."""

    def endpoint(request: Request, response: Response, who: Writer, **given: Any) -> Answer:
        target = given.pop(operation.target, "") if operation.target else ""
        answer = run(request, operation.name, who, given.get("body") or {}, target)
        if answer.wrote_nothing():
            response.status_code = 200
        return answer

    parameters = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
        for name, annotation in (("request", Request), ("response", Response), ("who", Writer))
    ]
    if operation.target:
        parameters.append(inspect.Parameter(operation.target, inspect.Parameter.KEYWORD_ONLY,
                                            annotation=str))
    if operation.input.model_fields:
        parameters.append(inspect.Parameter(
            "body", inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[operation.input, Body()]))
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        parameters, return_annotation=operation.answer)
    endpoint.__name__ = operation.name.replace(".", "_")
    return endpoint
