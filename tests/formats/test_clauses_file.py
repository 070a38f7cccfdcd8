"""The clauses format reads each family of final clauses into the domain's values, writes
them back the same (`clauses_payload`), and refuses what it cannot read with the field's
path and what was expected."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from depositary.domain import clauses as c  # the many rules of one module, read as c.Rule
from depositary.formats.clauses_file import ClausesSpec, clauses_payload, load_clauses_file
from depositary.formats.errors import FormatError

FAMILIES = {
    "by-states-including": (
        "entry_into_force: {threshold: {count: 6, days: 90, organisations: not-counted, "
        "including: [USA, RUS]}}",
        c.Threshold(6, c.Delay(days=90), counting=c.Counting(
            c.Organisations.NOT_COUNTED, ("USA", "RUS")))),
    "not-additional": (
        "entry_into_force: {threshold: {count: 50, days: 90, organisations: not-additional}}",
        c.Threshold(50, c.Delay(days=90),
                    counting=c.Counting(c.Organisations.NOT_ADDITIONAL))),
    "of-parties": (
        "entry_into_force: {threshold: {of_parties: {fraction: 3/4, instrument: basel, "
        "counted: at-adoption}, days: 90}}",
        c.Threshold(delay=c.Delay(days=90),
                    fraction=c.PartiesFraction(3, 4, "basel", at_adoption=True))),
    "on-date-if": (
        "entry_into_force: {on_date_if: {day: 1994-01-01, provided: {threshold: {count: 20}},"
        " otherwise: {days: 90}}}",
        c.OnDateIf(date(1994, 1, 1), c.Threshold(20), c.Delay(days=90))),
    "tacit-acceptance": (
        "entry_into_force: {tacit_acceptance: {instrument: solas, day: 2003-07-01, "
        "objections_fraction: 1/3}}",
        c.TacitAcceptance("solas", date(2003, 7, 1), objections_fraction=c.PartiesFraction(
            1, 3, "solas", at_adoption=False))),
    "organ-decision": (
        "entry_into_force: {tacit_acceptance: {instrument: montreal, months: 6, "
        "opt_out: false}}",
        c.TacitAcceptance("montreal", delay=c.Delay(months=6), opt_out=False)),
    "not-before": (
        "entry_into_force: {threshold: {count: 65, days: 180}, not_before: 1995-01-13}",
        c.NotBefore(c.Threshold(65, c.Delay(days=180)), date(1995, 1, 13))),
}


@pytest.mark.parametrize("name", FAMILIES)
def test_each_family_reads_and_writes_back(name: str, tmp_path: Path) -> None:
    text, rule = FAMILIES[name]
    path = tmp_path / "clauses.yaml"
    path.write_text(text, encoding="utf-8")
    clauses = load_clauses_file(path)
    assert clauses.entry_into_force == rule
    assert ClausesSpec.model_validate(clauses_payload(clauses)).to_domain() == clauses


def test_later_participants_stated_dates_and_organisations(tmp_path: Path) -> None:
    path = tmp_path / "clauses.yaml"
    path.write_text(
        "entry_into_force: {threshold: {count: 8, days: 30}}\n"
        "later_entry_into_force: {days: 30}\n"
        "later_participants: after-entry-into-force\n"
        "later_date_stated: true\n"
        "participation: {members_await: [EU]}\n", encoding="utf-8")
    clauses = load_clauses_file(path)
    assert clauses.later_participants is c.LaterParticipants.AFTER_ENTRY_INTO_FORCE
    assert clauses.later_date_stated and clauses.participation.members_await == ("EU",)
    assert ClausesSpec.model_validate(clauses_payload(clauses)).to_domain() == clauses


def test_some_of_a_list_and_kinds_of_instrument_read_and_write_back(tmp_path: Path) -> None:
    path = tmp_path / "clauses.yaml"
    path.write_text("entry_into_force: {threshold: {count: 18, including: [CAN, FRA, GBR, "
                    "USA, SUN], including_at_least: 3, instruments: [ratification]}}\n",
                    encoding="utf-8")
    clauses = load_clauses_file(path)
    assert clauses.entry_into_force == c.Threshold(18, counting=c.Counting(
        including=("CAN", "FRA", "GBR", "USA", "SUN"), including_at_least=3,
        instruments=("ratification",)))
    assert ClausesSpec.model_validate(clauses_payload(clauses)).to_domain() == clauses
    path.write_text("entry_into_force: {threshold: {count: 2, instruments: [signature]}}\n",
                    encoding="utf-8")
    with pytest.raises(FormatError) as refused:
        load_clauses_file(path)
    assert "['signature'] are not instruments of consent" in str(refused.value)
    for wrong, said in [("including: [FRA, FRA]", "a participant is named twice"),
                        ("including_at_least: 1", "including_at_least needs `including`"),
                        ("including: [FRA], including_at_least: 2", "at most the 1")]:
        path.write_text(f"entry_into_force: {{threshold: {{count: 2, {wrong}}}}}\n",
                        encoding="utf-8")
        with pytest.raises(FormatError) as refused:
            load_clauses_file(path)
        assert said in str(refused.value), wrong


def test_a_withdrawal_barred_for_years_reads_and_writes_back(tmp_path: Path) -> None:
    """Basel Convention art. 27(1): "at any time after three years ..."."""
    path = tmp_path / "clauses.yaml"
    path.write_text("withdrawal: {months: 12, after_in_force: {months: 36}}\n",
                    encoding="utf-8")
    clauses = load_clauses_file(path)
    assert clauses.withdrawal == c.Withdrawal(delay=c.Delay(months=12),
                                              after_in_force=c.Delay(months=36))
    assert ClausesSpec.model_validate(clauses_payload(clauses)).to_domain() == clauses


def test_a_withdrawal_on_a_calendar_day_reads_and_writes_back(tmp_path: Path) -> None:
    """ICRW art. XI: "on 30th June, of any year by giving notice on or before 1st January,
    of the same year"; `on:` unquoted is YAML 1.1's boolean true, and is read as `on`."""
    path = tmp_path / "clauses.yaml"
    path.write_text("withdrawal: {on: 06-30, notice_by: 01-01}\n", encoding="utf-8")
    clauses = load_clauses_file(path)
    assert clauses.withdrawal == c.Withdrawal(delay=c.Delay(), on=(6, 30), notice_by=(1, 1))
    assert ClausesSpec.model_validate(clauses_payload(clauses)).to_domain() == clauses
    assert clauses.withdrawal.takes_effect(date(2016, 12, 26)) == date(2017, 6, 30)
    assert clauses.withdrawal.takes_effect(date(2017, 1, 1)) == date(2017, 6, 30)
    assert clauses.withdrawal.takes_effect(date(2017, 1, 2)) == date(2018, 6, 30)
    assert str(clauses.withdrawal.describe()) == (
        "on 30 June of a year, for a notice received by 1 January of the same year")


def test_a_withdrawal_at_the_end_of_the_year_after_the_notice() -> None:
    """ICCAT art. XII(2): "on December 31 of any year ... by giving written notice on or
    before December 31 of the preceding year"."""
    withdrawal = ClausesSpec.model_validate({"withdrawal": {
        "on": "12-31", "notice_by": "12-31", "notice_in": "year-before"}}).to_domain().withdrawal
    assert withdrawal.takes_effect(date(2020, 12, 31)) == date(2021, 12, 31)
    assert withdrawal.takes_effect(date(2021, 1, 1)) == date(2022, 12, 31)


def test_a_condition_no_act_shows_takes_the_records_day(tmp_path: Path) -> None:
    """MARPOL 73/78: fifteen States with half the world's tonnage, a condition met on
    2 October 1982 by the IMO's record; in force twelve months later."""
    path = tmp_path / "clauses.yaml"
    path.write_text("entry_into_force: {recorded: {day: 1983-10-02, met: 1982-10-02, "
                    "condition: 'art. V(1): 15 States, 50% of world tonnage'}}\n"
                    "later_entry_into_force: {months: 3}\n", encoding="utf-8")
    clauses = load_clauses_file(path)
    assert clauses.entry_into_force == c.Recorded(
        date(1983, 10, 2), "art. V(1): 15 States, 50% of world tonnage", date(1982, 10, 2))
    assert ClausesSpec.model_validate(clauses_payload(clauses)).to_domain() == clauses


def test_the_day_a_recorded_condition_was_met_follows_from_the_articles_delay() -> None:
    """"twelve months after the date on which ..." (MARPOL 73/78 art. 15(1)); "on the
    ninetieth day following the date on which ..." (CLC 1969 art. XV(1))."""
    def met(day: str, after: dict[str, int]) -> date | None:
        rule = ClausesSpec.model_validate({"entry_into_force": {"recorded": {
            "day": day, "condition": "tonnage", "after": after}}}).to_domain().entry_into_force
        assert isinstance(rule, c.Recorded)
        return rule.met

    assert met("1983-10-02", {"months": 12}) == date(1982, 10, 2)
    assert met("1975-06-19", {"days": 90}) == date(1975, 3, 21)
    assert met("1948-04-07", {}) == date(1948, 4, 7)


@pytest.mark.parametrize(("text", "problem"), [
    ("entry_into_force: {recorded: {day: 1983-03-31, condition: t, after: {months: 1}}}",
     "no day is 1 month after 1983-03-31 exactly"),
    ("entry_into_force: {recorded: {day: 1983-03-31, condition: t, after: {months: 1}, "
     "met: 1983-01-01}}", "give `met` (the day the record says the condition was met) or "
     "`after`"),
    ("entry_into_force: {recorded: {day: 1983-04-01, condition: t, after: {months: 3, "
     "first_of_next_month: true}}}", "`after` with first_of_next_month fits many days"),
    ("withdrawal: {'on': 06-30}", "needs both `on` (the day it takes effect) and `notice_by`"),
    ("withdrawal: {'on': 06-30, notice_by: 01-01, months: 6}",
     "withdrawal `on` a calendar day takes no delay"),
    ("withdrawal: {'on': 02-30, notice_by: 01-01}", "day is out of range for month"),
    ("withdrawal: {'on': 6-30, notice_by: 01-01}", "String should match pattern"),
    ("entry_into_force: {recorded: {day: 1983-10-02, met: 1984-01-01, condition: tonnage}}",
     "met 1984-01-01 is after the day in force 1983-10-02"),
    ("entry_into_force: {recorded: {day: 1983-10-02}}", "recorded.condition: Field required"),
    ("entry_into_force: {threshold: {count: 3, of_parties: {fraction: 1/2, instrument: x, "
     "counted: at-adoption}}}", "give `count` (the N-th instrument) or `of_parties`"),
    ("entry_into_force: {threshold: {days: 3}}", "not both, not neither"),
    ("entry_into_force: {threshold: {of_parties: {fraction: 5/4, instrument: x, "
     "counted: at-adoption}}}", "fraction: 5/4 is more than all the parties"),
    ("entry_into_force: {threshold: {of_parties: {fraction: 3/4, instrument: x, "
     "counted: sometimes}}}", "counted: Input should be 'at-adoption' or 'at-each-deposit'"),
    ("entry_into_force: {threshold: {count: 3, organisations: some}}",
     "entry_into_force.threshold.organisations: Input should be 'counted', 'not-counted' or "
     "'not-additional'"),
    ("entry_into_force: {on_date: 1 January 1994}",
     "entry_into_force.on_date: Input should be a valid date or datetime, invalid character "
     "in year (expected an ISO 8601 date, YYYY-MM-DD: 1994-01-01)"),
    ("entry_into_force: {not_before: 1995-01-13}", "give exactly one entry-into-force rule"),
    ("later_participants: later", "later_participants: Input should be 'after-condition' or "
     "'after-entry-into-force'"),
])
def test_what_cannot_be_read_is_named(text: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as refused:
        load_clauses_file(path)
    assert problem in str(refused.value)
