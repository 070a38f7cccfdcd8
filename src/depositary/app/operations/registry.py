"""The registry of named operations: each written once, with its name, who may run it,
the entry it writes, its input as a Pydantic model, its answer and its handler. The CLI,
the JSON API and the desk's forms all run an operation through `run`, so its rule, its
permission and its record (a log line for every write and every refusal) are the same
whichever door it comes through; `docs/operations.md` lists them, and a test checks that
every registered operation is documented and reachable from each interface."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from depositary.app.stored import Refusal, StoredRegister, utc_today
from depositary.domain.phrases import N_, Phrase, PhrasedError, Value, joined, said_of, say

LOG = logging.getLogger("depositary.operations")


class Input(BaseModel):
    """An operation's input: what the interfaces validate before the handler runs. Text is
    taken as given (a signed position's text must be what was signed); fields it does not
    know are ignored, as the API always did, except where a model forbids them."""


class InvalidInput(Refusal):
    """An operation's input refused by its model: each field named with its rule."""


class Answer(BaseModel):
    """What an operation answers once written."""

    def wrote_nothing(self) -> bool:
        """True where the operation found its work already done (a repeated submission)."""
        return False


@dataclass(frozen=True, slots=True)
class Caller:
    """Who runs an operation, and from where: `local` at the database itself (the CLI,
    run by whoever holds the database), which alone may name the first administrator and
    manage any account without a password."""

    person: str
    local: bool = False
    today: date = field(default_factory=utc_today)
    # How this door checks a password of the caller's own (the web throttles the checks,
    # per client and per person); None where it checks none.
    proves: Callable[[str], bool] | None = None


In = TypeVar("In", bound=Input)
Out = TypeVar("Out", bound=Answer)
Handler = Callable[[StoredRegister, Caller, In, str], Out]


@dataclass(frozen=True, slots=True)
class Operation(Generic[In, Out]):
    """A named operation. `target` names what it acts on (a session, a draft, a post, a
    submitted act), given apart from its input: a path segment of the API, an argument of
    the CLI, a field of the form."""

    name: str
    who: str  # who may run it, as the documentation says it
    entry: str  # the log entry it writes ("" for the accounts' own tables)
    input: type[In]
    answer: type[Out]
    handler: Handler[In, Out]
    target: str | None = None

    @property
    def summary(self) -> str:
        """The first paragraph of the handler's docstring, on one line: what it does."""
        return " ".join((self.handler.__doc__ or "").strip().split("\n\n")[0].split())

    def run(self, ledger: StoredRegister, caller: Caller, given: In | Mapping[str, Any],
            target: str = "") -> Out:
        """Validate the input, run the handler and record the write or the refusal.
        Raises InvalidInput for an input its model refuses, and the rule's own error for a
        refusal; either way nothing is written."""
        about = {"operation": self.name, "person": caller.person, "target": target}
        try:
            try:
                data = (given if isinstance(given, self.input)
                        else self.input.model_validate(given))
            except ValidationError as error:
                raise InvalidInput(invalid(error)) from None
            answer = self.handler(ledger, caller, data, target)
        except ValueError as error:  # the register's refusals are all ValueErrors
            LOG.warning("refused", extra=about | {
                "rule": str(error), "refusal": type(error).__name__})
            raise
        except Exception:
            LOG.exception("failed", extra=about)
            raise
        LOG.info("unchanged" if answer.wrote_nothing() else "written", extra=about)
        return answer


def invalid(error: ValidationError) -> Value:
    """A validation failure as one line naming each field and its rule (Pydantic's words
    in English, the catalogs' in the other languages)."""
    return joined(*(
        joined(".".join(str(p) for p in e["loc"]) or say("the input"), ": ", rule_of(e))
        for e in error.errors()
    ), separator="; ")


# Pydantic's messages for the rules an operation's input meets, as catalog ids: the same
# English, with their context's values as placeholders.
RULES = {
    "missing": N_("Field required"),
    "enum": N_("Input should be %(expected)s"),
    "literal_error": N_("Input should be %(expected)s"),
    "string_pattern_mismatch": N_("String should match pattern '%(pattern)s'"),
    "string_too_short": N_("String should have at least %(min_length)s characters"),
    "string_too_long": N_("String should have at most %(max_length)s characters"),
    "greater_than": N_("Input should be greater than %(gt)s"),
}


def rule_of(e: ErrorDetails) -> Value:
    """A field's rule as Pydantic states it, said in any language."""
    context = dict(e.get("ctx") or {})
    if isinstance(context.get("error"), PhrasedError):  # a validator of ours
        return said_of(context["error"])
    message = RULES.get(e["type"])
    if message is None:
        return e["msg"]
    if "expected" in context:  # "'a', 'b' or 'c'": the "or" in the reader's language
        first, _, last = str(context["expected"]).rpartition(" or ")
        context["expected"] = say("%(first)s or %(last)s", first=first, last=last) if first \
            else last
    return say(message, **{name: value if isinstance(value, Phrase) else str(value)
                           for name, value in context.items()})


def registry(*operations: Operation[Any, Any]) -> Mapping[str, Operation[Any, Any]]:
    """The operations by name; a name given twice is a bug."""
    found: dict[str, Operation[Any, Any]] = {}
    for operation in operations:
        if operation.name in found:
            raise ValueError(f"the operation {operation.name} is registered twice")
        found[operation.name] = operation
    return MappingProxyType(found)
