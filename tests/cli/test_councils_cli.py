"""The Commonwealth's councils on key dates, asked through the CLI as a script would
(issue 4): members with categories and reasons, holders of posts, the chair's rotation,
and a session run from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from depositary.cli import app

CHS = "council-of-heads-of-state"
MEMBER_STATES_1994 = {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"}


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def categories(as_of: str) -> dict[str, str]:
    data = run("members", CHS, "--as-of", as_of)
    assert (CHS, as_of) == (data["body"], data["as_of"])
    return {m["participant"]: m["category"] for m in data["members"]}


def test_the_council_on_1991_12_30_is_the_eleven_parties_and_signatories() -> None:
    """The five that had ratified are founding states; the six that had only signed the
    Protocol are signatory states, not full participants (AUDIT.md §0 item 4)."""
    found = categories("1991-12-30")
    eleven = {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"}
    assert eleven == set(found)
    russia = next(m for m in run("members", CHS, "--as-of", "1991-12-30")["members"]
                  if m["participant"] == "RUS")
    assert ["boris-yeltsin"] == [r["person"] for r in russia["represented_by"]]
    assert {"BLR", "KAZ", "RUS", "TKM", "UKR"} == {
        c for c, k in found.items() if k == "founding-state"}
    assert {"ARM", "AZE", "KGZ", "MDA", "TJK", "UZB"} == {
        c for c, k in found.items() if k == "signatory-state"}


def test_azerbaijan_is_not_a_full_participant_before_its_accession() -> None:
    """Azerbaijan signed the Protocol in 1991 but its parliament refused ratification in
    October 1992; it joined on 24 September 1993 (AUDIT.md rows 11, 35)."""
    def azerbaijan(day: str) -> dict[str, Any]:
        return next(m for m in run("members", CHS, "--as-of", day)["members"]
                    if m["participant"] == "AZE")

    early, refused, joined = (azerbaijan(d) for d in ("1992-06-01", "1993-01-01", "1993-10-01"))
    assert ("signatory-state", "full") == (early["category"], early["participation"])
    assert "signatory-state" == refused["category"]
    assert refused["participation"].startswith("none: Azerbaijan's parliament refuses")
    assert "(1992-10)" in refused["participation"]
    assert ("founding-state", "full") == (joined["category"], joined["participation"])


def test_early_1994_categories_follow_the_reading_of_article_7() -> None:
    """On 1 February 1994 the Charter is in force: those that ratified it are member
    states; those that signed it and ratified later stay founding states until then (the
    reading the data states); Georgia, which acceded, is an acceding state; Moldova had not
    yet ratified the Agreement; Turkmenistan and Ukraine never signed the Charter."""
    found = categories("1994-02-01")
    assert {
        "member-state": {"AZE", "BLR", "RUS", "TJK"},
        "founding-state": {"ARM", "KAZ", "KGZ", "UZB"},
        "acceding-state": {"GEO"},
        "signatory-state": {"MDA"},
        "participating-non-member": {"TKM", "UKR"},
    } == {k: {c for c, v in found.items() if v == k} for k in set(found.values())}
    armenia = next(m for m in run("members", CHS, "--as-of", "1994-02-01")["members"]
                   if m["participant"] == "ARM")
    assert "Art. 7 as practice applied it" in armenia["reasons"][1]


def test_the_council_on_1994_06_30_has_member_states_and_participating_non_members() -> None:
    found = categories("1994-06-30")
    assert MEMBER_STATES_1994 == {c for c, k in found.items() if k == "member-state"}
    assert {"TKM": "participating-non-member", "UKR": "participating-non-member"} == {
        c: k for c, k in found.items() if k != "member-state"
    }


def test_the_council_on_2009_08_19_without_georgia_and_with_an_associate() -> None:
    data = run("members", CHS, "--as-of", "2009-08-19")
    found = {m["participant"]: m["category"] for m in data["members"]}
    assert "GEO" not in found
    assert ["GEO"] == [f["participant"] for f in data["former"]]
    assert "associate-member" == found["TKM"]
    assert "participating-non-member" == found["UKR"]


def test_on_2019_01_01_ukraine_is_recalled_de_facto_but_not_de_jure() -> None:
    data = run("members", CHS, "--as-of", "2019-01-01")
    ukraine = next(m for m in data["members"] if m["participant"] == "UKR")
    assert "participating-non-member" == ukraine["category"]
    assert "recalled from the statutory bodies on 2018-05-19" == ukraine["participation"]
    assert any("party to Agreement Establishing the Commonwealth of Independent States since "
               "1991-12-10" in r for r in ukraine["reasons"])


@pytest.mark.parametrize(("post", "as_of", "holder", "tenure"), [
    ("commander-in-chief-armed-forces", "1991-12-25", "yevgeny-shaposhnikov", "acting"),
    ("commander-in-chief-border-troops", "1992-01-15", "ilya-kalinichenko", "appointed"),
    ("chair-council-of-heads-of-state", "1994-09-01", "boris-yeltsin", "appointed"),
])
def test_holders_of_posts(post: str, as_of: str, holder: str, tenure: str) -> None:
    data = run("holders", post, "--as-of", as_of)
    assert [(holder, tenure)] == [(h["person"], h["tenure"]) for h in data["holders"]]


def test_shaposhnikov_s_command_ends_by_october_1993_as_the_sources_allow() -> None:
    assert [] == run("holders", "commander-in-chief-armed-forces", "--as-of", "1993-10-01")[
        "holders"]


def test_the_chairs_are_the_record_term_by_term() -> None:
    """The chair by calendar year as recorded, with sources: Ukraine in 2003 and 2014,
    Turkmenistan in 2012, 2019 and 2026, Kyrgyzstan in 2023; no term is invented for
    2011, and the rule only proposes the term after the record (AUDIT.md §3)."""
    terms = {t["start"]: t for t in run("chairs", CHS, "--until", "2027-06-01")}
    recorded = {start[:4]: t["participant"] for start, t in terms.items() if t["recorded"]}
    assert {"2003": "UKR", "2012": "TKM", "2014": "BLR", "2019": "TKM", "2023": "KGZ",
            "2026": "TKM"} == {y: recorded[y] for y in ("2003", "2012", "2014", "2019",
                                                        "2023", "2026")}
    assert "UKR" == terms["2014-01-01"]["participant"]
    assert all(t["source"] and t["confidence"] in {"V", "S", "U"}
               for t in terms.values() if t["recorded"])
    gap = terms["2011-01-01"]
    assert (None, "unknown", False) == (gap["participant"], gap["status"], gap["recorded"])
    proposed = terms["2027-01-01"]
    assert ("UZB", "by the rule, not recorded", None) == (
        proposed["participant"], proposed["status"], proposed["confidence"])
    assert ["TKM", "BLR"] == proposed["co_chairs"]  # Ukraine, Azerbaijan, Armenia decline


@pytest.mark.parametrize(("day", "state", "person"), [
    ("2014-01-15", "UKR", "viktor-yanukovych"),
    ("2023-06-01", "KGZ", "sadyr-japarov"),
    ("2026-06-01", "TKM", "serdar-berdimuhamedov"),
    ("2005-06-01", "RUS", "vladimir-putin"),
])
def test_holders_and_chairs_agree_on_the_chair(day: str, state: str, person: str) -> None:
    """`holders` names the chairing state's head of state on the day, recorded with its
    source, and `chairs` gives the same state for that day."""
    holders = run("holders", "chair-council-of-heads-of-state", "--as-of", day)["holders"]
    assert [(state, person)] == [(h["on_behalf_of"], h["person"]) for h in holders]
    assert holders[0]["source"] and holders[0]["confidence"] in {"V", "S"}
    # Listed up to the day, the term that covers it has no end yet (it comes later).
    covering = [t for t in run("chairs", CHS, "--until", day)
                if t["start"] <= day and t["end"] is None]
    assert [state] == [t["participant"] for t in covering]


def test_no_one_holds_the_chair_where_the_record_is_silent() -> None:
    assert [] == run("holders", "chair-council-of-heads-of-state", "--as-of",
                     "2011-06-01")["holders"]


def desk(
    home: Any, monkeypatch: pytest.MonkeyPatch,
) -> tuple[CliRunner, Callable[..., str]]:
    """A register of its own in `home`, with Yeltsin as administrator and secretariat, and
    a runner whose `ok` asserts success."""
    monkeypatch.setenv("DEPOSITARY_HOME", str(home))
    runner = CliRunner()

    def ok(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    ok("grant", "boris-yeltsin", "administrator", "--as", "boris-yeltsin")
    ok("grant", "boris-yeltsin", "secretariat", "--as", "boris-yeltsin")
    return runner, ok


def test_a_session_run_from_the_command_line(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner, ok = desk(tmp_path, monkeypatch)
    ok("convene", "chs-1995", "--body", CHS, "--date", "1999-06-10", "--as", "boris-yeltsin",
       "--attended", "RUS=boris-yeltsin", "--attended", "KGZ=askar-akayev:acting",
       "--minutes", "Signed by the Executive Secretary.")
    bad = runner.invoke(app, ["convene", "chs-x", "--body", CHS, "--date", "2010-05-08",
                              "--as", "boris-yeltsin", "--attended", "GEO=boris-yeltsin"])
    assert 2 == bad.exit_code
    assert "GEO is not a member of council-of-heads-of-state on 2010-05-08" in bad.output
    ok("agenda", "d-1995", "--session", "chs-1995", "--title", "A draft", "--as", "boris-yeltsin")
    ok("position", "d-1995", "rus", "agree", "--as", "boris-yeltsin")
    ok("position", "d-1995", "UKR", "object", "--as", "boris-yeltsin")
    twice = runner.invoke(app, ["position", "d-1995", "UKR", "agree", "--as", "boris-yeltsin"])
    assert 2 == twice.exit_code
    assert "UKR has already recorded its position on d-1995" in twice.output
    out = ok("decide", "d-1995", "--as", "boris-yeltsin")
    assert "d-1995: not adopted" in out
    assert "blocked by the objection of UKR" in out
    session = run("sessions", CHS)[-1]
    assert "chs-1995" == session["session"]
    assert {"RUS": "agree", "UKR": "object"} == {
        p: v["position"] for p, v in session["drafts"][0]["positions"].items()
    }
    assert session["drafts"][0]["decision"]["adopted"] is False
    assert "RUS" == session["chair"]["participant"]  # the recorded chair of 1998-2000
    assert "Signed by the Executive Secretary." == session["minutes"]
    assert [{"participant": "RUS", "person": "boris-yeltsin", "acting": False},
            {"participant": "KGZ", "person": "askar-akayev", "acting": True}] == (
        session["attendance"])

    # The session travels as Popolo JSON into another register, and comes back the same.
    ok("popolo-export", str(tmp_path / "councils.json"))
    monkeypatch.setenv("DEPOSITARY_HOME", str(tmp_path / "elsewhere"))
    anonymous = runner.invoke(app, ["import", "popolo", str(tmp_path / "councils.json"),
                                    "--as", "boris-yeltsin"])
    assert 2 == anonymous.exit_code
    assert "councils.import needs the role secretariat" in anonymous.output
    ok("grant", "boris-yeltsin", "administrator", "--as", "boris-yeltsin")
    ok("grant", "boris-yeltsin", "secretariat", "--as", "boris-yeltsin")
    assert "5 entries appended" in ok("import", "popolo", str(tmp_path / "councils.json"),
                                      "--as", "boris-yeltsin")
    assert session == run("sessions", CHS)[-1]


def test_a_joint_decision_from_the_command_line(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The nuclear agreement's Art. 4: the four heads sign their concurrence; until all
    have, `decide` refuses with the reason; then it is authorised."""
    runner, ok = desk(tmp_path, monkeypatch)
    heads = {"RUS": "boris-yeltsin", "BLR": "stanislav-shushkevich",
             "KAZ": "nursultan-nazarbayev", "UKR": "leonid-kravchuk"}
    for person in heads.values():
        pem = tmp_path / f"{person}.pem"
        public = ok("keys", "generate", str(pem)).strip()
        ok("keys", "register", person, public, "--from", "1991-01-01", "--as", "boris-yeltsin")
    ok("convene", "jc", "--body", "joint-armed-forces-command", "--date", "1992-03-02",
       "--as", "boris-yeltsin")
    ok("agenda", "nuclear", "--session", "jc", "--title", "Art. 4", "--question", "nuclear-use",
       "--as", "boris-yeltsin")
    unsigned = runner.invoke(app, ["position", "nuclear", "RUS", "agree", "--as", "boris-yeltsin"])
    assert 2 == unsigned.exit_code
    assert "must be signed by the head of state of RUS" in unsigned.output
    for code in ("RUS", "BLR", "KAZ"):
        assert "(signed)" in ok("position", "nuclear", code, "agree", "--as", heads[code],
                                "--key", str(tmp_path / f"{heads[code]}.pem"))
    early = runner.invoke(app, ["decide", "nuclear", "--as", "boris-yeltsin"])
    assert 2 == early.exit_code
    assert "no valid concurrence of UKR (a required participant)" in early.output
    ok("position", "nuclear", "UKR", "agree", "--as", heads["UKR"],
       "--key", str(tmp_path / "leonid-kravchuk.pem"))
    assert "nuclear: adopted" in ok("decide", "nuclear", "--as", "boris-yeltsin")
    assert "ok:" in ok("verify")


def test_the_secretariat_records_a_state_s_term_in_the_chair(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`post.appoint` for a state: the term fills the record where it was silent (2011),
    with its co-chairs and source; the person is the state's head of state on the day; a
    confidence that is not V, S or U is refused and nothing is written."""
    runner, ok = desk(tmp_path, monkeypatch)
    ok("appoint", "chair-council-of-heads-of-state", "--from", "2011-01-01", "--to",
       "2012-01-01", "--for", "kaz", "--co-chair", "RUS", "--source", "a report",
       "--confidence", "S", "--as", "boris-yeltsin")
    holders = run("holders", "chair-council-of-heads-of-state", "--as-of", "2011-06-01")
    assert [("KAZ", "nursultan-nazarbayev", ["RUS"], "a report", "S")] == [
        (h["on_behalf_of"], h["person"], h["co_chairs"], h["source"], h["confidence"])
        for h in holders["holders"]]
    term = next(t for t in run("chairs", CHS, "--until", "2012-06-01")
                if t["start"] == "2011-01-01")
    assert ("KAZ", True) == (term["participant"], term["recorded"])
    bad = runner.invoke(app, ["appoint", "chair-council-of-heads-of-state", "--from",
                              "2013-01-01", "--for", "BLR", "--confidence", "X",
                              "--as", "boris-yeltsin"])
    assert 2 == bad.exit_code
    assert "confidence: Input should be 'V', 'S' or 'U'" in bad.output
    assert "unknown" == next(t for t in run("chairs", CHS, "--until", "2014-01-01")
                             if t["start"] == "2013-01-01")["status"]
