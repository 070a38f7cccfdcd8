"""Reading the register as it was recorded at a transaction time (`as_recorded`), on both
engines: an act registered later is absent from the chart, the participant's view, the
notifications and the page read as of before it; the time is validated."""

from __future__ import annotations

from datetime import UTC, date, datetime

from depositary.domain.acts import Act, ActKind
from depositary.formats.register_file import act_item
from tests.web.desks import Desks, refused
from tests.web.html import page, texts

INSTRUMENT = "cis-charter"


def test_an_act_recorded_later_is_absent_as_recorded_before(desks: Desks) -> None:
    before = datetime.now(UTC).isoformat()
    with desks.client() as visitor:
        total = visitor.get("/api/notifications").json()["total"]
    # Ukraine's accession to the Charter, recorded now: the depositary did not know it
    # `before`.
    day = date(2026, 5, 8)
    desks.ledger.append([act_item(Act(
        f"{INSTRUMENT}/UKR/accession/{day}", "/akn/cis/act/charter/1993-01-22/"
        "commonwealth-of-independent-states", "UKR", ActKind.ACCESSION, day, day,
    ))], "test")
    with desks.client() as visitor:
        def status(**params: str) -> str:
            chart = visitor.get(f"/api/instruments/{INSTRUMENT}/status",
                                params={"as_of": "2026-06-01", **params}).json()
            return str(next((p["status"] for p in chart["participants"]
                             if p["participant"] == "UKR"), "not-involved"))

        assert "party" == status()
        assert "party" != status(as_recorded=before)
        holdings = visitor.get("/api/participants/UKR", params={
            "as_of": "2026-06-01", "as_recorded": before}).json()
        assert INSTRUMENT not in {h["instrument"] for h in holdings["in_force"]}
        assert total == visitor.get("/api/notifications",
                                    params={"as_recorded": before}).json()["total"]
        assert total + 1 == visitor.get("/api/notifications").json()["total"]
        html = page(visitor.get(f"/instruments/{INSTRUMENT}",
                                params={"as_of": "2026-06-01", "as_recorded": before}).text)
        [banner] = texts(html, "p.audit-banner")
        assert banner.startswith("The register as recorded on")
        # not involved, as recorded then; a party now
        assert [] == html.cssselect('tr[data-participant="UKR"]')
        now = page(visitor.get(f"/instruments/{INSTRUMENT}", params={"as_of": "2026-06-01"}).text)
        assert ["party"] == texts(now, 'tr[data-participant="UKR"] td.status')
        refused(visitor.get("/api/participants/UKR", params={"as_recorded": "yesterday"}),
                422, "'yesterday' is not an ISO 8601 date or time")
