"""The shape of every refusal and error the API answers: an RFC 9457 problem document,
whose `detail` names the problem and the rule, served as application/problem+json."""

from __future__ import annotations

from pydantic import Field

from depositary.shapes.public import Public

PROBLEM = "application/problem+json"


class FieldProblem(Public):
    field: str = Field(description="The parameter or the body's field, dotted "
                       "(`query.as_of`, `body.password`).")
    message: str = Field(description="What is wrong with it: the rule it breaks.")


class Problem(Public):
    """A refusal or an error (RFC 9457): nothing was written."""

    type: str = "about:blank"
    title: str = Field(description="The kind of problem, the same for every one of its kind.")
    status: int = Field(description="The HTTP status.")
    detail: str = Field(description="This problem: what is wrong, and the rule that says so.")
    instance: str = Field(description="The path asked for.")
    errors: list[FieldProblem] | None = Field(
        default=None, description="For an invalid request: each field, with its rule.")
