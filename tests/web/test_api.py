"""The JSON API over HTTP, on both engines: every endpoint, its shapes, and errors as RFC
9457 problem details."""

from __future__ import annotations

import httpx2
import pytest

PROBLEM = "application/problem+json"


def get(client: httpx2.Client, path: str, **params: str) -> object:
    response = client.get(path, params=params)
    assert 200 == response.status_code, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_instruments_are_listed_oldest_first(client: httpx2.Client) -> None:
    found = get(client, "/api/instruments")
    assert isinstance(found, dict)
    items = found["items"]
    assert "belovezha-agreement" == items[0]["alias"]
    assert "/akn/cis/act/charter/1993-01-22/commonwealth-of-independent-states" in {
        i["id"] for i in items
    }
    assert found["total"] == len(items) == sum(found["kinds"].values())


def test_the_index_of_instruments_is_paged_filtered_and_counted(client: httpx2.Client) -> None:
    everything = get(client, "/api/instruments", as_of="2009-08-19")
    assert isinstance(everything, dict)
    first = get(client, "/api/instruments", as_of="2009-08-19", per_page="3", page="2")
    assert isinstance(first, dict)
    assert [i["alias"] for i in everything["items"][3:6]] == [i["alias"] for i in first["items"]]
    assert everything["total"] == first["total"]
    charter = next(i for i in everything["items"] if i["alias"] == "cis-charter")
    # Counted as the UN counts: everyone who signed, whatever came after.
    assert (7, 9, "in-force") == (charter["signatories"], charter["parties"], charter["state"])
    involved = get(client, "/api/instruments", as_of="2009-08-19", participant="GEO")
    bound = get(client, "/api/instruments", as_of="2009-08-19", participant="GEO",
                bound="true")
    assert isinstance(involved, dict) and isinstance(bound, dict)
    assert "cis-charter" in {i["alias"] for i in involved["items"]}  # withdrawn, a status
    assert "cis-charter" not in {i["alias"] for i in bound["items"]}  # no longer bound
    assert bound["total"] < involved["total"]
    charters = get(client, "/api/instruments", kind="charter", sort="parties")
    assert isinstance(charters, dict)
    assert {"charter"} == {i["kind"] for i in charters["items"]}
    assert {"charter": charters["total"]} == charters["kinds"]


def test_participants_changes_and_the_overview_have_their_json(client: httpx2.Client) -> None:
    found = get(client, "/api/participants", as_of="2009-08-19", q="georgia")
    assert isinstance(found, dict)
    assert ["GEO"] == [p["participant"] for p in found["items"]]
    changes = get(client, "/api/changes", **{"from": "2009-08-17", "to": "2009-08-18"})
    assert isinstance(changes, dict)
    assert {("GEO", "withdrawing", "withdrawn")} <= {
        (c["participant"], c["from"], c["to"]) for c in changes["items"]}
    view = get(client, "/api/overview", as_of="1992-01-01", per_page="2")
    assert isinstance(view, dict)
    assert 2 == len(view["instruments"]) and view["total"] > 2
    backwards = client.get("/api/changes", params={"from": "2009-01-01", "to": "2008-01-01"})
    assert 422 == backwards.status_code
    assert "runs backwards" in backwards.json()["detail"]


def test_the_protocol_on_1993_06_01_has_azerbaijan_as_signatory_only(
    client: httpx2.Client,
) -> None:
    chart = get(client, "/api/instruments/alma-ata-protocol/status", as_of="1993-06-01")
    assert isinstance(chart, dict)
    statuses = {p["participant"]: p["status"] for p in chart["participants"]}
    assert "signatory" == statuses["AZE"]
    assert "party" == statuses["KAZ"]


def test_an_instrument_is_found_by_its_work_uri_too(client: httpx2.Client) -> None:
    uri = "/akn/cis/act/charter/1993-01-22/commonwealth-of-independent-states"
    chart = get(client, f"/api/instruments{uri}/status", as_of="1994-06-30")
    assert isinstance(chart, dict)
    assert "cis-charter" == chart["instrument"]


def test_what_binds_a_participant(client: httpx2.Client) -> None:
    view = get(client, "/api/participants/GEO", as_of="1994-06-30")
    assert isinstance(view, dict)
    assert {"belovezha-agreement", "cis-charter"} <= {h["instrument"] for h in view["in_force"]}
    council = next(m for m in view["memberships"] if m["body"] == "council-of-heads-of-state")
    # Georgia acceded to the Agreement in December 1993 and ratified the Charter in April
    # 1994 (the reading the register chose where the sources conflict, with the conflict);
    # on 30 June 1994 its membership runs on (its end in 2009 is not yet known then).
    assert [{"category": "acceding-state", "from": "1993-12-03", "until": "1994-04-19"},
            {"category": "member-state", "from": "1994-04-19", "until": None}] == council[
        "periods"]
    ukraine = get(client, "/api/participants/UKR", as_of="1995-01-01")
    assert isinstance(ukraine, dict)
    assert ("reservation", "rules-of-procedure-1992") in {
        (s["kind"], s["instrument"]) for s in ukraine["statements"]}


def test_the_councils(client: httpx2.Client) -> None:
    bodies = get(client, "/api/bodies")
    assert isinstance(bodies, list)
    assert "council-of-heads-of-state" in {b["body"] for b in bodies}
    members = get(client, "/api/bodies/council-of-heads-of-state/members", as_of="2019-01-01")
    assert isinstance(members, dict)
    found = {m["participant"]: m["category"] for m in members["members"]}
    assert ("associate-member", "participating-non-member") == (found["TKM"], found["UKR"])
    chairs = get(client, "/api/bodies/council-of-heads-of-state/chairs", until="2001-01-01")
    assert isinstance(chairs, list)
    assert [("RUS", True)] * 6 == [(t["participant"], t["recorded"]) for t in chairs]
    assert ["U", "S"] == [t["confidence"] for t in chairs][1:3]
    holders = get(client, "/api/posts/commander-in-chief-armed-forces/holders",
                  as_of="1992-06-01")
    assert isinstance(holders, dict)
    assert ["yevgeny-shaposhnikov"] == [h["person"] for h in holders["holders"]]
    assert [] == get(client, "/api/sessions")


def test_notifications_are_paginated_newest_first(client: httpx2.Client) -> None:
    first = get(client, "/api/notifications", per_page="5")
    assert isinstance(first, dict)
    assert (1, 5) == (first["page"], len(first["items"]))
    second = get(client, "/api/notifications", per_page="5", page="2")
    assert isinstance(second, dict)
    assert first["total"] == second["total"] > 10
    assert first["items"][-1]["date"] >= second["items"][0]["date"]


@pytest.mark.parametrize(("path", "status", "detail"), [
    ("/api/instruments/nope/status", 404, "no instrument 'nope' in this register"),
    ("/api/participants/ZZZ", 404, "no participant 'ZZZ'"),
    ("/api/bodies/nope/members", 404, "no body 'nope'"),
    ("/api/posts/nope/holders", 404, "no post 'nope'"),
    ("/api/instruments/nope", 404, "no instrument 'nope'"),
    ("/api/instruments/nope/akn.xml", 404, "no instrument 'nope'"),
    ("/api/instruments/nope/history", 404, "no instrument 'nope'"),
    ("/api/participants/UKR?as_of=1994-13-01", 422, "query.as_of"),
    ("/api/notifications?per_page=0", 422, "query.per_page"),
])
def test_errors_are_problem_details(
    client: httpx2.Client, path: str, status: int, detail: str,
) -> None:
    response = client.get(path)
    assert status == response.status_code
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert (status, path.split("?")[0]) == (body["status"], body["instance"])
    assert detail in body["detail"]


def test_the_openapi_document_lists_every_endpoint(client: httpx2.Client) -> None:
    paths = set(get(client, "/openapi.json")["paths"])  # type: ignore[index]
    assert {
        "/api/instruments", "/api/instruments/{key}/status", "/api/participants/{code}",
        "/api/bodies", "/api/bodies/{alias}/members", "/api/bodies/{alias}/chairs",
        "/api/posts/{alias}/holders", "/api/sessions", "/api/notifications",
        "/api/sessions/{session}/drafts", "/api/drafts/{draft}/positions",
        "/api/drafts/{draft}/decision", "/api/posts/{post}/appointments", "/api/submissions",
        "/api/submissions/{act}/examination", "/api/submissions/{act}/registration",
        "/api/submissions/{act}/return", "/feeds/notifications.atom", "/api/search",
        "/api/instruments/{key}/status.csv", "/api/instruments/{key}",
        "/api/instruments/{key}/history", "/api/instruments/{key}/notifications",
        "/api/instruments/{key}/akn.xml", "/api/popolo.json", "/api/accounts", "/api/roles",
        "/api/roles/revocation", "/api/keys", "/api/keys/revocation",
        "/api/accounts/{person}/password", "/api/tokens", "/api/tokens/{token_id}/revocation",
        "/api/drafts/{draft}/consultations", "/api/submissions/message",
        "/api/submissions/{act}", "/api/drafts/{draft}/positions/message",
        "/api/checkpoints", "/api/checkpoints/latest", "/api/checkpoints/consistency",
        "/api/entries/{seq}", "/api/entries/{seq}/proof", "/api/councils/import",
        "/api/participants", "/api/changes", "/api/overview", "/api/persons",
        "/api/persons/{person}/capacities", "/api/accounts/{person}/invitation",
    } == paths


def test_notifications_as_atom_feeds(client: httpx2.Client) -> None:
    """All notifications, one instrument's, one participant's: valid Atom, newest first."""
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    every = client.get("/feeds/notifications.atom")
    assert 200 == every.status_code
    assert every.headers["content-type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(every.content).findall(f"{atom}entry")
    assert len(entries) > 10
    dates = [e.findtext(f"{atom}updated") for e in entries]
    assert sorted(dates, reverse=True) == dates
    georgia = ElementTree.fromstring(
        client.get("/feeds/notifications.atom", params={"participant": "GEO"}).content)
    titles = [e.findtext(f"{atom}title") or "" for e in georgia.findall(f"{atom}entry")]
    assert titles and all(", GEO, " in t or ": GEO, " in t for t in titles)
    charter = ElementTree.fromstring(
        client.get("/feeds/notifications.atom", params={"instrument": "cis-charter"}).content)
    assert all(t.endswith("cis-charter") for t in
               (e.findtext(f"{atom}title") or "" for e in charter.findall(f"{atom}entry")))
    assert 404 == client.get("/feeds/notifications.atom", params={"instrument": "nope"}).status_code


def test_the_chart_as_csv_matches_the_json(client: httpx2.Client) -> None:
    import csv
    import io

    params = {"as_of": "1994-06-30"}
    response = client.get("/api/instruments/cis-charter/status.csv", params=params)
    assert 200 == response.status_code
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    chart = get(client, "/api/instruments/cis-charter/status", **params)
    assert isinstance(chart, dict)
    assert [(p["participant"], p["status"]) for p in chart["participants"]] == [
        (r["participant"], r["status"]) for r in rows
    ]


def test_an_instrument_with_its_infobox_relations_and_texts(client: httpx2.Client) -> None:
    found = get(client, "/api/instruments/alma-ata-protocol", language="ru")
    assert isinstance(found, dict)
    assert "/akn/cis/act/protocol/1991-12-21/alma-ata" == found["id"]
    assert found["title"].startswith("Протокол")
    assert "1991-12-21" == found["infobox"]["date_signed"]
    assert "belovezha-agreement" in {r["instrument"] for r in found["relations"]}
    assert found["texts"]["en"]["articles"]
    charter = get(client, "/api/instruments/cis-charter")
    assert isinstance(charter, dict)
    assert "charter-adoption-decision-1993" in {r["instrument"] for r in charter["related_by"]}


def test_the_history_agrees_with_the_chart_on_any_date(client: httpx2.Client) -> None:
    history = get(client, "/api/instruments/alma-ata-protocol/history")
    assert isinstance(history, dict)
    for day in ("1992-01-01", "1993-06-01", "1994-06-30", "2010-01-01"):
        chart = get(client, "/api/instruments/alma-ata-protocol/status", as_of=day)
        assert isinstance(chart, dict)
        from_history = {
            p["participant"]: i["status"] for p in history["participants"]
            for i in p["intervals"]
            if i["from"] <= day and (i["until"] is None or day < i["until"])
        }
        assert {p["participant"]: p["status"] for p in chart["participants"]} == from_history


def test_an_instruments_notifications_are_its_own(client: httpx2.Client) -> None:
    every = get(client, "/api/notifications", per_page="500")
    own = get(client, "/api/instruments/cis-charter/notifications", per_page="500")
    assert isinstance(every, dict) and isinstance(own, dict)
    assert own["total"] > 0
    assert own["items"] == [n for n in every["items"] if n["instrument"] == "cis-charter"]


def test_the_akoma_ntoso_download_is_valid_and_matches_the_chart(client: httpx2.Client) -> None:
    from lxml import etree

    from depositary.shapes.akoma_ntoso import STATUS, validate

    response = client.get("/api/instruments/alma-ata-protocol/akn.xml",
                          params={"as_of": "1993-06-01", "language": "ru"})
    assert 200 == response.status_code
    assert response.headers["content-type"].startswith("application/akn+xml")
    assert [] == validate(response.content)
    rows = etree.fromstring(response.content).iter(f"{{{STATUS}}}participant")
    chart = get(client, "/api/instruments/alma-ata-protocol/status", as_of="1993-06-01")
    assert isinstance(chart, dict)
    assert [(p["participant"], p["status"]) for p in chart["participants"]] == [
        (r.get("code"), r.get("status")) for r in rows
    ]


def test_the_popolo_download_matches_the_members_api(client: httpx2.Client) -> None:
    from depositary.formats.popolo import validate

    document = get(client, "/api/popolo.json")
    assert isinstance(document, dict)
    assert [] == validate(document)
    day = "2019-01-01"
    members = get(client, "/api/bodies/council-of-heads-of-state/members", as_of=day)
    assert isinstance(members, dict)
    in_popolo = {
        m["member"]["id"]: m["role"] for m in document["memberships"]
        if m.get("organization_id") == "council-of-heads-of-state" and "member" in m
        and "post_id" not in m  # a state holding the chair's post is not a category
        and m.get("start_date", "") <= day and m.get("end_date", "9999") >= day
    }
    assert {m["participant"]: m["category"] for m in members["members"]} == in_popolo
