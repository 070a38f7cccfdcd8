"""Kept answers to public reads, on both engines: the same bytes while the log stands
still, 304 for a client holding the ETag, a fresh answer as soon as anything is written,
and nothing kept for a request with credentials."""

from __future__ import annotations

from depositary.log.entries import EntryKind
from tests.web.desks import Desks, countersign, submission
from tests.web.html import one, page, text

CHART = "/api/instruments/cis-charter/status"


def test_a_public_read_is_kept_until_the_log_moves(desks: Desks) -> None:
    with desks.client() as visitor:
        first = visitor.get(CHART, params={"as_of": "1994-06-30"})
        again = visitor.get(CHART, params={"as_of": "1994-06-30"})
        assert 200 == first.status_code == again.status_code
        assert first.content == again.content
        etag = first.headers["etag"]
        assert etag == again.headers["etag"]
        other_day = visitor.get(CHART, params={"as_of": "1995-06-30"})
        assert etag != other_day.headers["etag"]
        unchanged = visitor.get(CHART, params={"as_of": "1994-06-30"},
                                headers={"If-None-Match": etag})
        assert (304, b"") == (unchanged.status_code, unchanged.content)

        before = visitor.get("/api/notifications").json()["total"]
        # A write by another process: the register's own path, not the server's.
        desks.ledger.append([(EntryKind.PERSON, "newcomer",
                              {"id": "newcomer", "names": {"en": "A newcomer"}})], "test")
        moved = visitor.get(CHART, params={"as_of": "1994-06-30"},
                            headers={"If-None-Match": etag})
        assert 200 == moved.status_code and etag != moved.headers["etag"]
        assert before == visitor.get("/api/notifications").json()["total"]


def test_a_new_notification_is_seen_at_once(desks: Desks) -> None:
    """The officer registers through the API; the visitor's kept list is not served."""
    with desks.client() as visitor:
        before = visitor.get("/api/notifications").json()["total"]
        with desks.client("ukrainian-delegate") as delegate:
            act = delegate.post("/api/submissions", json=submission(desks, "UKR")).json()["act"]
        with desks.client("officer") as officer:
            assert 201 == officer.post(f"/api/submissions/{act}/registration",
                                       json=countersign(desks, officer, act)).status_code
        assert before + 1 == visitor.get("/api/notifications").json()["total"]


def test_nothing_is_kept_for_a_request_with_credentials(desks: Desks) -> None:
    with desks.client("admin") as admin:
        assert "etag" not in admin.get(CHART).headers
        assert "etag" not in admin.get("/api/accounts").headers
    with desks.client() as visitor:
        assert "etag" in visitor.get(CHART).headers
        assert 401 == visitor.get("/api/accounts").status_code


def test_a_kept_page_is_in_the_visitors_language(desks: Desks) -> None:
    with desks.client() as visitor:
        english = page(visitor.get("/instruments/cis-charter").text)
        assert "en" == english.get("lang")
        visitor.cookies.set("lang", "ru")
        russian = page(visitor.get("/instruments/cis-charter").text)
        assert "ru" == russian.get("lang")
        assert text(one(english, "main h1")) != text(one(russian, "main h1"))
        # A kept page opens no session: it is the same for every visitor.
        home = visitor.get("/")
        assert "etag" in home.headers
        assert "depositary_session" not in home.headers.get("set-cookie", "")


def test_a_forged_host_is_never_served_to_others(desks: Desks) -> None:
    """The feed names itself by its absolute URL: a request with another Host header gets
    its own answer, and the next visitor's is still the true one."""
    with desks.client() as visitor:
        forged = visitor.get("/feeds/notifications.atom", headers={"Host": "evil.example"})
        assert b"evil.example" in forged.content
        assert b"evil.example" not in visitor.get("/feeds/notifications.atom").content
