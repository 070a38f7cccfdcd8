"""Bad input never breaks a read, nor gets into the register: F6 (bodies over the limit,
and anonymous bodies, refused before they are read), F9 (dates the engine cannot compute
with), F10 (dates at the edges of the calendar in reads), F11 (NUL characters), on both
engines."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import httpx2
import pytest

from depositary.app.projections import index_of
from depositary.app.stored import StoredRegister
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind, chain
from tests.web.desks import Desks, csrf_of, refused, signed_in


def raw_request(base: str, head: str) -> str:
    """Send a request's line and headers, and no body; the status line of the answer (a
    server that waited for the body would not answer, and the read would time out)."""
    where = urlsplit(base)
    with socket.create_connection((where.hostname, where.port), timeout=10) as connection:
        connection.sendall(head.replace("\n", "\r\n").encode() + b"\r\n\r\n")
        return connection.recv(4096).decode("latin-1").split("\r\n")[0]


def test_an_anonymous_body_is_refused_before_it_is_read(served_desks: Desks) -> None:
    """F6: 200 MB announced, none sent: the answer comes at once."""
    line = raw_request(served_desks.site.base, "POST /api/sessions HTTP/1.1\nHost: x\n"
                       "Content-Type: application/json\nContent-Length: 200000000")
    assert line.startswith("HTTP/1.1 401")


def test_a_body_over_the_limit_is_refused_before_it_is_read(served_desks: Desks) -> None:
    token = served_desks.tokens["clerk"]
    line = raw_request(served_desks.site.base, f"POST /api/sessions HTTP/1.1\nHost: x\n"
                       f"Authorization: Bearer {token}\nContent-Type: application/json\n"
                       "Content-Length: 200000000")
    assert line.startswith("HTTP/1.1 413")


def test_a_streamed_body_is_cut_at_the_limit(served_desks: Desks) -> None:
    sent = 0

    def body():  # type: ignore[no-untyped-def]
        nonlocal sent
        for _ in range(64):
            sent += 1
            yield b"x" * 65536  # 4 MiB in all, never announced

    with served_desks.client("clerk") as clerk:
        answer = clerk.post("/api/sessions", content=body(),
                            headers={"Content-Type": "application/json"})
    assert 413 == answer.status_code
    assert "larger than 1048576 bytes" in answer.json()["detail"]


def test_a_date_the_engine_cannot_compute_with_is_refused_on_every_write(desks: Desks) -> None:
    """F9: refused at the edge, since an entry once appended cannot be removed."""
    head = desks.ledger.database.head()
    with desks.client("clerk") as clerk:
        for day in ("9999-12-31", "9999-12-30", "0900-01-01"):
            refused(clerk.post("/api/sessions", json={
                "id": "s-far", "body": "council-of-heads-of-state", "date": day}),
                422, f"{day} is outside the dates the register records (1000-01-01 to "
                     "2999-12-31)")
    browser, _ = signed_in(desks)
    answer = browser.post("/desk/sessions", data={
        "csrf": csrf_of(browser.get("/desk").text), "id": "s-far",
        "body": "council-of-heads-of-state", "on": "9999-12-31"})
    assert 422 == answer.status_code and "outside the dates" in answer.text
    browser.close()
    assert head == desks.ledger.database.head()


def legacy_session(ledger: StoredRegister, day: str) -> None:
    """A session an earlier version accepted, written as it wrote it (no check)."""
    with ledger.database.appending() as (connection, head):
        written = chain(head, [(EntryKind.SESSION, "s9999", {
            "id": "s9999", "body": "council-of-heads-of-state", "date": day})], "old")
        ledger.database.insert(connection, written, index_of(written, lambda key: key))


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-30"])
def test_every_read_survives_a_stored_date_at_the_calendars_end(desks: Desks,
                                                                 day: str) -> None:
    """F9: a register that holds such a session (written before the check) still reads."""
    legacy_session(desks.ledger, day)
    with desks.client() as visitor:
        for path in ("/api/sessions", "/bodies/council-of-heads-of-state", "/sessions/s9999",
                     "/api/bodies/council-of-heads-of-state/chairs", "/api/popolo.json", "/"):
            assert 200 == visitor.get(path).status_code, path
        assert day in visitor.get("/sessions/s9999").text


EDGES = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01",
         "9999-12-31", "not a time"]


def read_routes(client: httpx2.Client) -> list[str]:
    paths = client.get("/openapi.json").json()["paths"]
    concrete = {"key": "cis-charter", "code": "UKR", "alias": "council-of-heads-of-state",
                "seq": "1"}
    routes = [re.sub(r"\{(\w+)\}", lambda m: concrete[m.group(1)], p)
              for p, operations in paths.items() if "get" in operations
              and "{" not in re.sub(r"\{(key|code|alias|seq)\}", "", p)]
    return [*routes, "/", "/instruments/cis-charter", "/participants/UKR",
            "/bodies/council-of-heads-of-state", "/search?q=charter"]


def test_reads_refuse_dates_at_the_edges_with_422(client: httpx2.Client) -> None:
    """F10: as_recorded, as_of and until at the calendar's edges are refused by name,
    on every read route; none answers 500."""
    routes = read_routes(client)
    assert len(routes) >= 25
    for route in routes:
        joiner = "&" if "?" in route else "?"
        for moment in EDGES:
            answer = client.get(f"{route}{joiner}as_recorded={moment.replace('+', '%2B')}")
            assert answer.status_code in (200, 401, 403, 404, 422), (route, moment)
            assert answer.status_code != 200 or route.startswith(("/api/checkpoints",
                                                                  "/api/entries"))
        for name in ("as_of", "until"):
            answer = client.get(f"{route}{joiner}{name}=9999-12-31")
            assert answer.status_code != 500, (route, name)
    answer = client.get("/api/bodies/council-of-heads-of-state/chairs?until=9999-12-31")
    assert 422 == answer.status_code and "query.until" in answer.json()["detail"]
    # A person's page says it on the page, with the form to choose another date.
    for path in ("/?as_of=9999-12-31", "/bodies/council-of-heads-of-state?as_of=9999-12-31"):
        answer = client.get(path)
        assert 400 == answer.status_code, path
        assert "outside the dates the register records" in answer.text
        assert 'name="as_of"' in answer.text
    answer = client.get("/api/notifications?as_recorded=0001-01-01T00:00:00%2B14:00")
    assert 422 == answer.status_code and "outside the dates" in answer.json()["detail"]


NUL_READS = ["/api/participants/%00", "/participants/A%00B", "/api/instruments/%00/status",
             "/instruments/%00", "/api/instruments/%00/history", "/api/instruments?x=%00"]


def test_a_nul_character_is_refused_everywhere(desks: Desks) -> None:
    """F11: on PostgreSQL, where text cannot hold NUL, as on SQLite: 404 or 422, never
    500, and nothing written."""
    head = desks.ledger.database.head()
    with desks.client() as visitor:
        for path in NUL_READS:
            assert visitor.get(path).status_code in (404, 422), path
    browser = desks.client()
    csrf = csrf_of(browser.get("/signin").text)
    assert 422 == browser.post("/signin", data={"person": "ad\x00min", "password": "x",
                                                "csrf": csrf}).status_code
    with desks.client("admin") as admin:
        assert 422 == admin.post("/api/tokens", json={
            "person": "admin", "name": "nul\u0000name", "password": "x"}).status_code
    signed, _ = signed_in(desks)
    assert 422 == signed.post("/desk/sessions", data={
        "csrf": csrf_of(signed.get("/desk").text), "id": "nul\x00id",
        "body": "council-of-heads-of-state", "on": "2026-01-01"}).status_code
    with desks.client("ukrainian-delegate") as delegate:
        answer = delegate.post("/api/submissions", json={
            "act": {"id": "a\u0000b", "instrument": "cis-charter"}, "signature": "x"})
        assert 422 == answer.status_code
    browser.close()
    signed.close()
    assert head == desks.ledger.database.head()


def test_the_ledger_refuses_a_nul_or_a_far_date_from_any_writer(desks: Desks) -> None:
    """The same rule at the one door every write goes through (an import, a script)."""
    from depositary.app.stored import Refusal

    with pytest.raises(Refusal, match=r"names\.en: a NUL character"):
        desks.ledger.append([(EntryKind.PERSON, "p", {"id": "p", "names": {"en": "a\x00"}})],
                            "script")
    with pytest.raises(Refusal, match=r"capacities\[0\]\.from: 9999-01-01 is outside"):
        desks.ledger.append([(EntryKind.PERSON, "p", {
            "id": "p", "names": {"en": "P"},
            "capacities": [{"participant": "UKR", "role": "plenipotentiary",
                            "from": "9999-01-01"}]})], "script")


def test_past_registers_cost_a_bounded_amount(desks: Desks) -> None:
    """F14: each new past register is a replay of the log; an anonymous client may have a
    few made per window (then 429 with Retry-After), one asked before costs nothing, and a
    signed-in auditor is not counted."""
    moments = []
    for n in range(9):
        desks.ledger.append([(EntryKind.PERSON, f"p{n}", {"id": f"p{n}",
                                                          "names": {"en": f"P{n}"}})], "t")
        moments.append(desks.ledger.database.head().recorded_at)  # type: ignore[union-attr]
    with desks.client() as anonymous:
        codes = [anonymous.get("/api/participants/UKR", params={
            "as_recorded": moment, "x": n}).status_code for n, moment in enumerate(moments)]
        assert [200] * 6 + [429] * 3 == codes
        refusal = anonymous.get("/api/participants/UKR", params={"as_recorded": moments[8]})
        assert "600" == refusal.headers["retry-after"]
        assert "sign in" in refusal.json()["detail"]
        # A time already asked reads the register kept: no new replay, no charge.
        assert 200 == anonymous.get("/api/participants/UKR", params={
            "as_recorded": moments[2], "x": "again"}).status_code
    with desks.client("clerk") as auditor:
        assert 200 == auditor.get("/api/participants/UKR",
                                  params={"as_recorded": moments[8]}).status_code


def test_the_past_registers_kept_are_bounded(tmp_path: Path) -> None:
    """Within a count and a number of entries; one larger than all that may be kept is
    replayed for its request alone."""
    from depositary.app.settings import Settings
    from depositary.web.reading import PastRegisters

    ledger = open_register(Settings(tmp_path, f"sqlite:///{tmp_path / 'r.db'}"))
    size = ledger.size()
    past = PastRegisters(kept=3, entries=3 * size)
    first = past.get(ledger, size - 40, None)
    assert first is past.get(ledger, size - 40, None)  # kept: the same register
    for n in (30, 20, 10):
        past.get(ledger, size - n, None)
    assert first is not past.get(ledger, size - 40, None)  # three at most: it was dropped
    assert sum(n for _, n in past._held) <= 3 * size
    whole = PastRegisters(entries=size - 1)
    assert whole.get(ledger, size, None) is not whole.get(ledger, size, None)
