"""Refusals and errors as problem documents (RFC 9457, shapes/problems.py): made here for
the routes and the edge alike, and described in the OpenAPI document, each status with
what it means, so that a client knows every answer it can get."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from depositary.shapes.problems import PROBLEM, FieldProblem, Problem

MEANINGS = {
    401: "Not signed in, or the API token is not valid: nothing was written.",
    403: "Signed in without the role the operation needs, a password not proved, or the "
         "CSRF token missing or wrong: nothing was written.",
    404: "Not in the register (on the date, or as recorded at the time asked).",
    413: "The request's body is larger than the server takes.",
    422: "Refused: the request is not valid, or the register's rule refuses it; `detail` "
         "names the problem and the rule, and nothing was written.",
    429: "Too many past registers asked for: `Retry-After` says when to ask again.",
    503: "Busy, or the register's database is unavailable: `Retry-After` says when to ask "
         "again.",
}
READS = (404, 422, 429, 503)
WRITES = (401, 403, 404, 413, 422, 503)


def documented(statuses: tuple[int, ...]) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a router: a problem document for each of these statuses."""
    return {status: {"model": Problem, "description": MEANINGS[status]}
            for status in statuses}


def as_problem_json(openapi: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with its problems served as application/problem+json, as they
    are (FastAPI describes every model of a route as application/json)."""
    for methods in openapi["paths"].values():
        for operation in methods.values():
            for status, answer in operation["responses"].items():
                content = answer.get("content", {})
                if status[0] in "45" and "application/json" in content:
                    answer["content"] = {PROBLEM: content["application/json"]}
    return openapi


def problem_body(status: int, title: str, detail: str, path: str,
                 errors: list[FieldProblem] | None = None) -> bytes:
    """A problem document's JSON."""
    document = Problem(title=title, status=status, detail=detail, instance=path,
                       errors=errors)
    return document.model_dump_json(exclude_none=True).encode()


def problem(status: int, title: str, detail: str, request: Request,
            errors: list[FieldProblem] | None = None) -> Response:
    """A problem document as the answer to a request."""
    return Response(problem_body(status, title, detail, request.url.path, errors),
                    status_code=status, media_type=PROBLEM)
