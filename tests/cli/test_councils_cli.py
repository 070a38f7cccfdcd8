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


def test_the_council_on_1991_12_30_is_the_eleven_founding_states() -> None:
    found = categories("1991-12-30")
    eleven = {"ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB"}
    assert eleven == set(found)
    russia = next(m for m in run("members", CHS, "--as-of", "1991-12-30")["members"]
                  if m["participant"] == "RUS")
    assert ["boris-yeltsin"] == [r["person"] for r in russia["represented_by"]]
    assert {"founding-state"} == set(found.values())


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
    assert any("party to belovezha-agreement since 1991-12-10" in r for r in ukraine["reasons"])


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


def test_the_chair_rotation_follows_the_russian_order_among_member_states() -> None:
    """From the rule of 2 April 1999: Азербайджан, Армения, Беларусь, Грузия, ...;
    Turkmenistan and Ukraine, not member states, are skipped, and so is Georgia once it
    has left."""
    terms = run("chairs", CHS, "--until", "2013-01-01")
    assert ["AZE", "ARM", "BLR", "GEO", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB", "AZE",
            "ARM", "BLR", "KAZ"] == [t["participant"] for t in terms]
    assert "1999-04-02" == terms[0]["start"]
    assert ["AZE", "BLR"] == terms[1]["co_chairs"]


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
    assert "AZE" == session["chair"]["participant"]  # the rotation's first term, 1999
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
