"""The bundled Commonwealth register against the audit of December 2026
(shared/cis/AUDIT.md): one test per corrected fact, asked on its date through the CLI as a
script would, and the open questions answered as "unknown" with what is known and missing."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from depositary.cli import app

CHS = "council-of-heads-of-state"


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def row(chart: dict[str, Any], code: str) -> dict[str, Any]:
    return next(p for p in chart["participants"] if p["participant"] == code)


# -- "as of" answers tell nothing of later dates (AUDIT.md §0 item 6) ----------------------

def test_the_charter_is_not_yet_adopted_in_1991() -> None:
    chart = run("status", "cis-charter", "--as-of", "1991-12-22")
    assert ("not-yet-adopted", None, []) == (
        chart["state"], chart["entry_into_force"], chart["participants"])


def test_the_strategic_forces_agreement_is_not_yet_adopted_on_1991_12_22() -> None:
    chart = run("status", "strategic-forces-agreement-1991", "--as-of", "1991-12-22")
    assert ("not-yet-adopted", None) == (chart["state"], chart["entry_into_force"])


def test_a_later_general_entry_into_force_is_not_a_date() -> None:
    """On 1 August 1993 Russia had deposited its ratification of the Charter: the Charter
    was not yet in force, and its date of entry into force (1994) is not given."""
    chart = run("status", "cis-charter", "--as-of", "1993-08-01")
    assert ("not-yet-in-force", None, False) == (
        chart["state"], chart["entry_into_force"], chart["in_force"])
    russia = row(chart, "RUS")
    assert ("contracting", None) == (russia["status"], russia["in_force_from"])
    assert not any("1994-01-22" in reason for reason in russia["reasons"]
                   if "not yet in force" not in reason)


def test_an_infobox_on_a_date_before_adoption_has_nothing_of_later_dates() -> None:
    box = run("show", "cis-charter", "--as-of", "1991-12-22")["infobox"]
    assert (None, "", None, [], "not-yet-adopted") == (
        box["date_signed"], box["location_signed"], box["date_effective"],
        box["signatories"], box["state"])


# -- "unknown" instead of invented rules (AUDIT.md §0 item 3) ------------------------------

def test_the_provisional_agreement_on_the_councils_is_unknown_not_out_of_force() -> None:
    chart = run("status", "councils-agreement-1991", "--as-of", "1995-01-01")
    assert ("unknown", None, None) == (chart["state"], chart["in_force"], chart["entry_into_force"])
    assert {"unknown"} == {p["status"] for p in chart["participants"]}
    assert 11 == chart["counts"]["unknown"]
    assert chart["counts"]["still_needed"] is None
    assert "final clause was not reached" in chart["entry_into_force_reason"]
    assert not any("subject to ratification" in r
                   for p in chart["participants"] for r in p["reasons"])


def test_the_declaration_needs_no_instrument_it_never_asked_for() -> None:
    chart = run("status", "alma-ata-declaration", "--as-of", "2026-12-01")
    assert ("unknown", None) == (chart["state"], chart["counts"]["still_needed"])
    reasons = row(chart, "RUS")["reasons"]
    assert "the Declaration has no final clauses" in reasons[0]


def test_the_armed_forces_agreement_binds_on_signature_as_a_marked_reading() -> None:
    """No final clause at all [V]; read as binding from signature, confidence U; Moldova's
    and Ukraine's withdrawals are open questions from the steps that are known."""
    def on(day: str) -> dict[str, Any]:
        return run("status", "armed-forces-agreement-1991", "--as-of", day)

    early = on("1992-06-01")
    assert ("in-force", "1991-12-30") == (early["state"], early["entry_into_force"])
    assert ("party", "U") == (row(early, "RUS")["status"], row(early, "RUS")["confidence"])
    late = on("2026-12-01")
    assert ("unknown", "unknown", "party") == (
        row(late, "MDA")["status"], row(late, "UKR")["status"], row(late, "RUS")["status"])
    assert "approved the denunciation" in row(late, "MDA")["reasons"][0]
    assert "party" == row(on("2023-07-25"), "MDA")["status"]


def test_the_minutes_on_the_command_ended_in_1993() -> None:
    before, after = (run("status", "alma-ata-minutes-armed-forces", "--as-of", d)
                     for d in ("1993-09-23", "1993-09-24"))
    assert ("in-force", "terminated") == (before["state"], after["state"])
    assert "terminated" == row(after, "UKR")["status"]


# -- Dates corrected (AUDIT.md §2 rows 11, 13, 31, 33) -------------------------------------

def test_azerbaijan_decided_on_20_september_and_deposited_on_24_september_1993() -> None:
    chart = run("status", "belovezha-agreement", "--as-of", "1993-12-31")
    azerbaijan = row(chart, "AZE")
    assert ("1993-09-24", "1993-09-24") == (azerbaijan["consent"], azerbaijan["in_force_from"])
    assert any("dated 1993-09-20" in r for r in azerbaijan["reasons"])


def test_moldova_ratified_the_charter_in_april_and_deposited_in_june_1994() -> None:
    moldova = row(run("status", "cis-charter", "--as-of", "1994-06-30"), "MDA")
    assert ("party", "1994-06-27") == (moldova["status"], moldova["in_force_from"])
    assert any("dated 1994-04-26" in r for r in moldova["reasons"])
    before = row(run("status", "cis-charter", "--as-of", "1994-06-26"), "MDA")
    assert "unknown" == before["status"]  # its signature of the Charter has no known date
    assert "Moldova signed the Charter after 22 January 1993" in before["reasons"][0]


def test_georgias_dates_come_from_one_account_and_the_conflict_is_kept() -> None:
    """Agreement 3 December 1993, Charter 19 April 1994 (one account), so Georgia is a
    member state only from its ratification; the other dates stay beside the act."""
    agreement = row(run("status", "belovezha-agreement", "--as-of", "1994-01-01"), "GEO")
    assert ("party", "1993-12-03", "U") == (
        agreement["status"], agreement["in_force_from"], agreement["confidence"])
    # The readings not chosen travel with the status.
    assert any(c.startswith("1994-03-01") for c in agreement["conflicts"])
    february = {m["participant"]: m["category"]
                for m in run("members", CHS, "--as-of", "1994-02-01")["members"]}
    assert "acceding-state" == february["GEO"]
    assert "member-state" == {m["participant"]: m["category"] for m in run(
        "members", CHS, "--as-of", "1994-04-19")["members"]}["GEO"]


# -- Up to the present (AUDIT.md §4) ---------------------------------------------------

def test_moldova_in_2026_with_its_steps_out_of_the_commonwealth() -> None:
    view = run("participant", "MDA", "--as-of", "2026-12-01")
    steps = [(e["date"], e["kind"]) for e in view["events"] if e["date"] >= "2023"]
    assert [
        ("2023-07-20", "domestic-procedure"), ("2023-07-26", "domestic-procedure"),
        ("2024-02-08", "withdrawal-from-body"), ("2025-11-12", "domestic-procedure"),
        ("2025-11-27", "domestic-procedure"),
        ("2026-01-19", "domestic-procedure"), ("2026-03-04", "domestic-procedure"),
        ("2026-03-11", "domestic-procedure"), ("2026-03-20", "domestic-procedure"),
    ] == steps
    bound = {h["instrument"] for h in view["in_force"]}
    # No notice is known, so Moldova is still bound by the Agreement and the Charter, and
    # no longer shown as bound by the two military agreements.
    assert {"belovezha-agreement", "alma-ata-protocol", "cis-charter"} <= bound
    assert not {"strategic-forces-agreement-1991", "armed-forces-agreement-1991"} & bound
    assert all(e["source"] and e["confidence"] in {"V", "S", "U"} for e in view["events"])


def test_ukraine_in_2026() -> None:
    view = run("participant", "UKR", "--as-of", "2026-12-01")
    kinds = {(e["date"], e["kind"]) for e in view["events"]}
    assert {("2014-03-20", "chairmanship"), ("2018-05-19", "recall-from-bodies"),
            ("2018-08", "statement"), ("2026-02-25", "domestic-procedure")} <= kinds
    recall = next(e for e in view["events"] if e["kind"] == "recall-from-bodies")
    assert "unchanged" not in recall["text"]
    other = {h["instrument"]: h for h in view["other"]}
    decision = other["alma-ata-decision-coordinating-institutions"]
    assert ("unknown", "U") == (decision["status"], decision["confidence"])


def test_turkmenistan_declared_itself_an_associate() -> None:
    members = run("members", CHS, "--as-of", "2006-01-01")["members"]
    turkmenistan = next(m for m in members if m["participant"] == "TKM")
    assert "associate-member" == turkmenistan["category"]
    assert "declares" in turkmenistan["reasons"][0]
    assert "by decision" not in turkmenistan["reasons"][0]


@pytest.mark.parametrize(("day", "person", "name"), [
    ("1998-06-01", "boris-berezovsky", "Executive Secretary of the Commonwealth"),
    ("2000-01-01", "yuri-yarov", "Executive Secretary of the Commonwealth"),
    ("2005-01-01", "vladimir-rushailo", "Executive Secretary of the Commonwealth"),
    ("2026-06-01", "sergei-lebedev", "Secretary General of the CIS"),
])
def test_the_executive_secretary_and_secretary_general(day: str, person: str, name: str) -> None:
    found = run("holders", "executive-secretary", "--as-of", day)
    assert ([person], name) == ([h["person"] for h in found["holders"]], found["name"])


@pytest.mark.parametrize(("day", "tenure"), [
    ("1992-01-15", ["acting"]), ("1992-06-01", ["appointed"]), ("1993-10-01", []),
])
def test_shaposhnikov_acting_then_appointed_until_the_post_was_abolished(
    day: str, tenure: list[str],
) -> None:
    holders = run("holders", "commander-in-chief-armed-forces", "--as-of", day)["holders"]
    assert tenure == [h["tenure"] for h in holders]


def test_every_member_has_a_head_of_state_on_any_date_to_2026() -> None:
    """A representative for every state in the Council on 1 January and 1 July of every
    year from 1992 to 2026 (AUDIT.md §0 item 7)."""
    missing = []
    for year in range(1992, 2027):
        for day in (f"{year}-01-01", f"{year}-07-01"):
            for member in run("members", CHS, "--as-of", day)["members"]:
                # An organisation (the SCO, an observer from 2025) has no head of state.
                if not member["represented_by"] and member["participant"] != "SCO":
                    missing.append((day, member["participant"]))
    assert [] == missing


def test_an_organisation_is_an_observer_from_2025() -> None:
    """The Shanghai Cooperation Organisation, observer from 10 October 2025 (AUDIT.md §4)."""
    def observers(day: str) -> list[str]:
        return [m["participant"] for m in run("members", CHS, "--as-of", day)["members"]
                if m["category"] == "observer"]

    assert ([], ["SCO"]) == (observers("2025-10-09"), observers("2025-10-10"))


# -- Labels as the documents say (AUDIT.md §1.5) -----------------------------------------

def test_the_infoboxes_say_what_the_documents_say() -> None:
    protocol = run("show", "alma-ata-protocol", "--as-of", "1991-12-22")["infobox"]
    assert ("Alma-Ata, Kazakhstan", "Belarus") == (
        protocol["location_signed"], protocol["depositary"])
    assert "Moldavian" in protocol["authentic_languages"]
    assert "Romanian" not in protocol["authentic_languages"]
    # The Protocol's "date effective" rests on the register's reading of the mixed mode.
    assert ("1991-12-21", "U") == (
        protocol["date_effective"], protocol["date_effective_confidence"])
    agreement = run("show", "belovezha-agreement", "--as-of", "1991-12-22")["infobox"]
    assert ("Viskuli, Belarus (done at Minsk)", "Belarus") == (
        agreement["location_signed"], agreement["depositary"])


# -- Confidence and sources in every output (AUDIT.md §0, last item) ----------------------

def test_every_status_row_carries_its_confidence_and_sources() -> None:
    chart = run("status", "cis-charter", "--as-of", "2009-08-19")
    assert all(p["confidence"] in {"V", "S", "U"} and p["sources"] for p in chart["participants"])
    result = CliRunner().invoke(app, ["status", "cis-charter", "--as-of", "2009-08-19",
                                      "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"confidence", "sources"} <= set(rows[0])
    assert {"S"} == {r["confidence"] for r in rows if r["participant"] == "RUS"}
    table = CliRunner().invoke(app, ["status", "cis-charter", "--as-of", "2009-08-19"])
    assert "Conf." in table.stdout and "V read in" in table.stdout
    view = run("participant", "RUS", "--as-of", "1994-06-30")
    assert all(h["confidence"] for h in view["in_force"] + view["other"])
    members = run("members", CHS, "--as-of", "1994-06-30")["members"]
    assert all(m["confidence"] for m in members)


def test_a_notice_settles_an_open_question_when_it_comes() -> None:
    """Moldova's withdrawal from the Agreement on Strategic Forces is an open question
    until its notice is known: a notice, once registered, is admissible (the register
    cannot say Moldova is not bound) and makes it withdrawing, then withdrawn."""
    from datetime import date

    from depositary.app.bundled import load_commonwealth
    from depositary.domain.acts import Act, ActKind

    register = load_commonwealth()
    key = register.instrument("strategic-forces-agreement-1991").id
    notice = Act("mda-notice", key, "MDA", ActKind.DENUNCIATION, date(2026, 9, 1),
                 date(2026, 9, 1))
    register.deposit(notice)
    evaluation = register.evaluation(key)

    def on(day: str) -> str:
        row = evaluation.status_on("MDA", date.fromisoformat(day))
        return row.status.value if row else "not-involved"

    assert ["unknown", "withdrawing", "withdrawn"] == [
        on(d) for d in ("2026-08-31", "2026-09-01", "2027-09-01")]
