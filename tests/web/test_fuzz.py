"""A property-based fuzz run of the API (schemathesis's strategies from the application's
own OpenAPI document, sent to the real server): whatever the input, no server error, and
every answer, a refusal too, is what the document says it is (its status, its schema and
its media type: a refusal is a problem document, application/problem+json). Bounded, so
that it runs in CI; anonymous writes are refused (401), never a 5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import Templates
from tests.web.conftest import serve

ANSWER = [not_a_server_error, status_code_conformance, response_schema_conformance,
          content_type_conformance]
SIGNED_IN = {  # an anonymous read of these is refused
    ("GET", "/api/accounts"), ("GET", "/api/submissions"), ("GET", "/api/submissions/{act}")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, templates: Templates) -> Iterator[str]:
    """A server of the module's own on the bundled register: the fuzz's past registers
    (`as_recorded`) are charged to its client, which must not be the public site's."""
    home = tmp_path_factory.mktemp("fuzzed")
    yield from serve(templates.copy("sqlite", home), home)


@pytest.fixture(scope="module")
def document(site: str) -> dict[str, Any]:
    found: dict[str, Any] = httpx2.get(f"{site}/openapi.json", timeout=30).json()
    return found


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method.upper(), path, operation


def _described(operation: dict[str, Any]) -> bool:
    """A 2xx answer with a named model's schema (or a list of one), or of a media type
    other than JSON (CSV, Atom, Akoma Ntoso): not an object of anything."""
    for status, answer in operation["responses"].items():
        if not status.startswith("2"):
            continue
        for media_type, content in answer.get("content", {}).items():
            if media_type != "application/json":
                return True
            schema = content.get("schema", {})
            if "$ref" in schema or "$ref" in schema.get("items", {}):
                return True
    return False


def _problems(operation: dict[str, Any]) -> set[str]:
    """The statuses whose answer the operation describes as a problem document."""
    return {status for status, answer in operation["responses"].items()
            if answer.get("content", {}).get("application/problem+json", {}).get(
                "schema") == {"$ref": "#/components/schemas/Problem"}}


def test_every_answer_is_described(document: dict[str, Any]) -> None:
    """Every route of the OpenAPI document says what it answers, its refusals too."""
    operations = {(m, p): o for m, p, o in _operations(document)}
    assert len(operations) >= 40
    undescribed = {key for key, o in operations.items() if not _described(o)}
    assert not undescribed
    for (method, path), operation in operations.items():
        refusals = {s for s in operation["responses"] if s[0] in "45"}
        assert refusals and refusals == _problems(operation), (method, path)
        assert "422" in refusals, (method, path)
        assert method == "GET" or {"401", "403", "413"} <= refusals, (method, path)
    problem = document["components"]["schemas"]["Problem"]
    assert {"title", "status", "detail", "instance"} <= set(problem["required"])


def test_no_input_makes_a_server_error(site: str) -> None:
    """Whatever the input, no 5xx; a read's 2xx answer conforms to its schema."""
    schema = schemathesis.openapi.from_url(f"{site}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18  # every endpoint, reads and writes
    sent: list[int] = []
    checked: set[str] = set()
    for operation in operations:
        strategy = operation.as_strategy()
        read = operation.method.upper() == "GET"

        @settings(max_examples=10, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(data=st.data())
        def fuzz(data: st.DataObject) -> None:
            case = data.draw(strategy)  # noqa: B023 (each fuzz() runs in its own turn)
            response = case.call(base_url=site)
            sent.append(response.status_code)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path}: {response.status_code} "
                f"{response.text[:300]}"
            )
            case.validate_response(response, checks=ANSWER)
            if read and response.status_code < 300:  # noqa: B023
                checked.add(case.operation.path)

        fuzz()
    assert len(sent) >= 5 * len(operations)  # it did send requests
    assert {200, 401, 404, 422} <= set(sent)  # reads answered and refused, writes refused
    assert "/api/instruments" in checked  # reads without parameters answered as described


def test_every_read_answers_as_described(site: str, document: dict[str, Any]) -> None:
    """Each read, asked about something the register holds, answers what its schema says
    (fuzzed names are mostly unknown, so this asks once with real ones)."""
    with httpx2.Client(base_url=site, timeout=30) as client:
        instrument = client.get("/api/instruments").json()["items"][0]["alias"]
        body = client.get("/api/bodies").json()[0]["body"]
        post = client.get("/api/popolo.json").json()["posts"][0]["id"]
        size = client.get("/api/checkpoints/latest").json()["tree_size"]
    known = {"key": instrument, "code": "RUS", "alias": body, "seq": 1}
    query = {"q": "agreement", "from": 1, "to": size, "tree_size": size}
    schema = schemathesis.openapi.from_url(f"{site}/openapi.json")
    reads = [(m, p) for m, p, _ in _operations(document)
             if m == "GET" and (m, p) not in SIGNED_IN]
    assert len(reads) >= 20
    for method, path in reads:
        operation = schema[path][method]
        named = known | ({"alias": post} if path.startswith("/api/posts/") else {})
        asked = {p.name for p in operation.query}
        # `from` and `to` are a log's sizes for the checkpoints, a period's days for changes.
        given = ({**query, "from": "2009-01-01", "to": "2010-01-01"}
                 if path == "/api/changes" else query)
        case = operation.Case(
            path_parameters={p.name: named[p.name] for p in operation.path_parameters},
            query={n: v for n, v in given.items() if n in asked and (
                n != "tree_size" or path.endswith("/proof"))},
        )
        response = case.call(base_url=site)
        assert response.status_code == 200, f"{method} {path}: {response.text[:300]}"
        case.validate_response(response, checks=ANSWER)


def test_a_changed_answer_breaks_its_schema(site: str) -> None:
    """The conformance check can fail: an answer missing a field is refused."""
    schema = schemathesis.openapi.from_url(f"{site}/openapi.json")
    operation = schema["/api/bodies"]["GET"]
    case = operation.Case()
    response = case.call(base_url=site)
    bodies = json.loads(response.content)  # a copy: response.json() is kept and validated
    del bodies[0]["name"]
    broken = Response(status_code=200, headers=response.headers,
                      content=json.dumps(bodies).encode(), request=response.request,
                      elapsed=response.elapsed, verify=True)
    case.validate_response(response, checks=ANSWER)  # the answer as sent passes
    with pytest.raises(FailureGroup) as refused:
        case.validate_response(broken, checks=ANSWER)
    assert [type(e).__name__ for e in refused.value.exceptions] == ["JsonSchemaError"]
    assert '"name" is a required property' in str(refused.value)
