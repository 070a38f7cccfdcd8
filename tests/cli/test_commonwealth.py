"""The Commonwealth on key dates, asked through the CLI as a script would (issue 2)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from depositary.app.bundled import load_commonwealth
from depositary.cli import app
from depositary.domain.acts import Act, ActKind
from depositary.domain.admissibility import ActRejected

BELOVEZHA = {"BLR", "RUS", "UKR"}
EIGHT = {"ARM", "AZE", "KAZ", "KGZ", "MDA", "TJK", "TKM", "UZB"}
ELEVEN = BELOVEZHA | EIGHT


def chart(instrument: str, as_of: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["status", instrument, "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def having(data: dict[str, Any], *statuses: str) -> set[str]:
    return {p["participant"] for p in data["participants"] if p["status"] in statuses}


def signed(data: dict[str, Any]) -> set[str]:
    return {p["participant"] for p in data["participants"] if p["signature"]}


@pytest.mark.parametrize(
    ("as_of", "signatories", "parties"),
    [
        ("1991-12-22", BELOVEZHA, BELOVEZHA),
        ("1992-12-31", BELOVEZHA, BELOVEZHA | {"ARM", "KAZ", "KGZ", "TKM", "UZB"}),
        ("1994-06-30", BELOVEZHA, ELEVEN | {"GEO"}),
    ],
)
def test_agreement_on_key_dates(as_of: str, signatories: set[str], parties: set[str]) -> None:
    """Who had signed and who was a party to the Belovezha Agreement on each key date."""
    data = chart("belovezha-agreement", as_of)
    assert (signatories, parties) == (signed(data), having(data, "party"))


@pytest.mark.parametrize(
    ("as_of", "parties", "signatories_only"),
    [
        ("1991-12-22", BELOVEZHA, EIGHT),
        ("1992-12-31", BELOVEZHA | {"ARM", "KAZ", "KGZ", "TKM", "UZB"}, {"AZE", "MDA", "TJK"}),
        ("1994-06-30", ELEVEN, set()),
    ],
)
def test_protocol_on_key_dates(as_of: str, parties: set[str], signatories_only: set[str]) -> None:
    """All eleven signed the Protocol on 21 December 1991; parties grow with ratifications."""
    data = chart("alma-ata-protocol", as_of)
    assert (ELEVEN, parties, signatories_only) == (
        signed(data), having(data, "party"), having(data, "signatory")
    )


@pytest.mark.parametrize(
    ("as_of", "members", "withdrawn"),
    [
        ("1994-06-30", ELEVEN - {"TKM", "UKR"} | {"GEO"}, set()),
        ("2006-01-01", ELEVEN - {"TKM", "UKR"} | {"GEO"}, set()),
        ("2009-08-19", ELEVEN - {"TKM", "UKR"}, {"GEO"}),
    ],
)
def test_charter_members_on_key_dates(as_of: str, members: set[str], withdrawn: set[str]) -> None:
    """Member states under the Charter (bound by it) on each key date; Georgia's
    withdrawal took effect on 18 August 2009."""
    data = chart("cis-charter", as_of)
    assert (members, withdrawn) == (having(data, "party"), having(data, "withdrawn"))


def test_every_answer_has_reasons() -> None:
    """Every status the CLI reports carries at least one reason."""
    data = chart("cis-charter", "2009-08-19")
    assert all(p["reasons"] for p in data["participants"])


def test_georgia_was_withdrawing_during_its_notice() -> None:
    """Between the notice (2008-08-18) and its effect Georgia was withdrawing, still bound."""
    data = chart("cis-charter", "2009-01-01")
    georgia = next(p for p in data["participants"] if p["participant"] == "GEO")
    assert "withdrawing" == georgia["status"]
    assert any("2009-08-18" in reason for reason in georgia["reasons"])


def test_russia_consent_counts_from_receipt_not_document_date() -> None:
    """VCLT 16: Russia's Charter ratification is dated 1993-04-15 but was received on
    1993-07-20; it counts from receipt."""
    before = chart("cis-charter", "1993-07-19")
    after = chart("cis-charter", "1993-07-20")
    assert ("signatory", "contracting") == (
        next(p["status"] for p in before["participants"] if p["participant"] == "RUS"),
        next(p["status"] for p in after["participants"] if p["participant"] == "RUS"),
    )


def test_the_ussr_cannot_act_after_it_ceased() -> None:
    """An act by the USSR dated after 26 December 1991 is refused, naming the rule."""


    register = load_commonwealth()
    before = register.acts("cis-charter")
    act = Act("x", "cis-charter", "SUN", ActKind.ACCESSION, date(1993, 2, 1), date(1993, 2, 1))
    with pytest.raises(ActRejected) as raised:
        register.deposit(act)
    assert "state succession" in str(raised.value)
    assert before == register.acts("cis-charter")


@pytest.mark.parametrize(
    ("code", "as_of", "kinds"),
    [
        ("UKR", "2019-01-01", ["statement", "chairmanship", "chairmanship",
                               "domestic-procedure", "domestic-procedure",
                               "recall-from-bodies", "domestic-procedure", "statement"]),
        ("UKR", "2018-05-18", ["statement", "chairmanship", "chairmanship",
                               "domestic-procedure", "domestic-procedure"]),
        ("TKM", "2006-01-01", ["associate-membership"]),
        ("GEO", "2010-01-01", ["admission", "withdrawal-from-body", "domestic-procedure",
                               "decision", "withdrawal-from-body", "membership-ends"]),
    ],
)
def test_later_membership_events_are_data(code: str, as_of: str, kinds: list[str]) -> None:
    """Turkmenistan's associate status, Ukraine's chairmanship of 2014 and its recall from
    the statutory bodies, Georgia's admission and exit steps are dated, sourced events,
    shown up to the date asked."""
    result = CliRunner().invoke(app, ["participant", code, "--as-of", as_of, "--format", "json"])
    events = json.loads(result.stdout)["events"]
    assert kinds == [e["kind"] for e in events]
    assert all(e["source"] and e["confidence"] in {"V", "S", "U"} for e in events)


def test_seed_infobox_from_the_register() -> None:
    """The seed article's infobox for the Alma-Ata Protocol, rebuilt from the register:
    type, date and place signed, date effective, signatories with their representatives,
    depositary, language."""
    result = CliRunner().invoke(
        app, ["show", "alma-ata-protocol", "--as-of", "1991-12-22", "--format", "json"]
    )
    box = json.loads(result.stdout)["infobox"]
    representatives = {s["representative"] for s in box["signatories"]}
    assert (
        "protocol", "1991-12-21", "Alma-Ata, Kazakhstan", "1991-12-21", "Belarus", "Russian", 11
    ) == (
        box["type"], box["date_signed"], box["location_signed"], box["date_effective"],
        box["depositary"], box["language"], len(box["signatories"]),
    )
    assert {"Boris Yeltsin", "Stanislav Shushkevich", "Leonid Kravchuk", "Islam Karimov"} <= (
        representatives
    )
