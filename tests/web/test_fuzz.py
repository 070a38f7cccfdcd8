"""A property-based fuzz run of the API (schemathesis's strategies from the application's
own OpenAPI document, sent to the real server): whatever the input, no server error.
Bounded, so that it runs in CI; anonymous writes are refused (401), never a 5xx."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import serve


def test_no_input_makes_a_server_error(tmp_path: Path) -> None:
    served = serve(f"sqlite:///{tmp_path / 'register.sqlite3'}", tmp_path)
    base = next(served)
    try:
        schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 18  # every endpoint, reads and writes
        sent: list[int] = []
        for operation in operations:
            strategy = operation.as_strategy()

            @settings(max_examples=10, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(data=st.data())
            def fuzz(data: st.DataObject) -> None:
                case = data.draw(strategy)  # noqa: B023 (each fuzz() runs in its own turn)
                response = case.call(base_url=base)
                sent.append(response.status_code)
                assert response.status_code < 500, (
                    f"{case.method} {case.formatted_path}: {response.status_code} "
                    f"{response.text[:300]}"
                )

            fuzz()
        assert len(sent) >= 5 * len(operations)  # it did send requests
        assert {200, 401} <= set(sent)  # reads answered, anonymous writes refused
    finally:
        served.close()  # stops the server
