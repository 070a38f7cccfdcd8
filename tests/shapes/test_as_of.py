"""Nothing after the date (issue 12, item 5): on any "as of" date, no answer of the bundled
register (a status chart, an infobox, a participant's view, the overview, a body's members,
a post's holders) names a date after it, except as a declared future effect of an act
already received (a pending withdrawal's date of effect, a participant's own entry into
force once the instrument is in force), or the receipt of an act that reaches back to or
before it (a succession), or the text of a clause ("enters into force on 1994-01-22")."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from depositary.app.bundled import load_commonwealth
from depositary.domain.acts import NOTICE_KINDS, ActKind
from depositary.domain.instruments import Instrument
from depositary.register import queries
from depositary.shapes import councils
from depositary.shapes.charts import overview_json, status_public
from depositary.shapes.instruments import infobox_public, instrument_public
from depositary.shapes.participants import participant_public
from depositary.shapes.public import plain
from tests.examples import examples

REGISTER = load_commonwealth()
ALIASES = sorted(i.alias for i in REGISTER.instruments.values())
CODES = sorted(REGISTER.participants)
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ISO_MONTH = re.compile(r"\b\d{4}-\d{2}\b(?!-\d)")  # an event of a month's precision
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
WORDS = re.compile(r"\b(?:(\d{1,2}) )?(" + "|".join(MONTHS) + r") (\d{4})\b")
DAYS = st.dates(min_value=date(1991, 1, 1), max_value=date(2030, 12, 31))
# Not checked: identifiers and names (a work URI names its date; the Protocol's title names
# the Agreement's), and a fact's provenance (its citation and the editor's note on it are
# written after the fact, and say so: "RFE/RL, 5 March 1999"). Statuses, reasons, counts,
# events and dates are.
UNCHECKED = {"id", "title", "titles", "source", "sources", "note", "conflicts",
             "entry_into_force_sources", "date_effective_sources",
             "entry_into_force_conflicts", "date_effective_conflicts"}


def declared(day: date, instruments: Iterable[Instrument]) -> set[str]:
    """The later dates a text on `day` may name: the effects of notices received by then,
    acts received later that reach back, and the dates the clauses of `instruments` state
    ("enters into force on 1994-01-22", the rule a contracting participant awaits)."""
    allowed: set[str] = set()
    for instrument in REGISTER.instruments.values():
        clauses = instrument.clauses
        for act in REGISTER.acts(instrument.id):
            if act.kind in NOTICE_KINDS and act.received <= day:
                due = clauses.withdrawal.delay.apply(act.received)
                allowed.add(max(due, act.effective or due).isoformat())
            if act.kind is ActKind.SUCCESSION and (act.effective or act.received) <= day:
                allowed.add(act.received.isoformat())
    for instrument in instruments:
        if instrument.clauses.entry_into_force is not None:
            allowed |= set(ISO_DAY.findall(str(instrument.clauses.entry_into_force.describe())))
    return allowed


def values(answer: Any) -> list[str]:
    """Every string and date in an answer, but identifiers and provenance."""
    if isinstance(answer, dict):
        return [t for key, value in answer.items() if key not in UNCHECKED
                for t in values(value)]
    if isinstance(answer, list | tuple):
        return [t for value in answer for t in values(value)]
    return [str(answer)] if answer is not None else []


def dates_in(text: str) -> list[str]:
    """The dates a text names, as ISO days or months: "1994-01-22", "1992-10",
    "20 March 2014", "March 2014" (a year alone names no day)."""
    found = ISO_DAY.findall(text) + ISO_MONTH.findall(text)
    for day, month, year in WORDS.findall(text):
        found.append(f"{year}-{MONTHS[month]:02d}" + (f"-{int(day):02d}" if day else ""))
    return found


def later(answer: Any, day: date, instruments: Iterable[Instrument] = ()) -> list[str]:
    """The dates after `day` an answer names: a whole value that is a date, never; a date
    in a text, unless declared (above)."""
    allowed = declared(day, instruments)
    shown = day.isoformat()
    found = set()
    for text in values(answer):
        if ISO_DAY.fullmatch(text):
            if text > shown:
                found.add(text)
            continue
        found |= {d for d in dates_in(text) if d > shown[:len(d)] and d not in allowed}
    return sorted(found)


@examples(60)
@given(day=DAYS, alias=st.sampled_from(ALIASES))
def test_an_instrument_on_a_date_names_no_later_date(day: date, alias: str) -> None:
    chart = plain(status_public(queries.status_chart(REGISTER, alias, day)))
    box = plain(infobox_public(queries.infobox(REGISTER, alias, "en", day)))
    about = plain(instrument_public(REGISTER, alias, "en", day))
    about.pop("texts")  # the treaty's own words, dates and all
    assert [] == later([chart, box, about], day, [REGISTER.instrument(alias)]), (alias, day)


@examples(30)  # about half a second each (the record's membership spans)
@given(day=DAYS, code=st.sampled_from(CODES))
def test_a_participant_on_a_date_names_no_later_date(day: date, code: str) -> None:
    view = plain(participant_public(queries.in_force_for(REGISTER, code, day), REGISTER))
    assert [] == later(view, day, REGISTER.instruments.values()), (code, day)


@examples(30)
@given(day=DAYS)
def test_the_councils_and_the_overview_on_a_date_name_no_later_date(day: date) -> None:
    answers = [overview_json(queries.overview(REGISTER, day))]
    answers += [plain(councils.members_public(REGISTER, body, day, "en"))
                for body in REGISTER.councils.bodies]
    answers += [plain(councils.holders_public(REGISTER, post, day, "en"))
                for post in REGISTER.councils.posts]
    assert [] == later(answers, day, REGISTER.instruments.values()), day


def test_the_check_would_see_a_later_date() -> None:
    """The checks above can fail: the Charter's entry into force as a date, or named in a
    text about another instrument, on the day of its adoption; a month or a date in words
    after the day."""
    day = date(1993, 1, 22)
    general = REGISTER.evaluation("cis-charter").entry_into_force
    assert general is not None and general > day
    iso = general.isoformat()
    charter = [REGISTER.instrument("cis-charter")]
    assert [iso] == later({"entry_into_force": iso}, day, charter)
    assert [iso] == later({"reasons": [f"in force on {iso}"]}, day)
    assert [] == later({"reasons": [f"awaits: enters into force on {iso}"]}, day, charter)
    assert ["1993-02", "1993-03-20"] == later({"text": "1993-02, and 20 March 1993"}, day)
    chart = plain(status_public(queries.status_chart(REGISTER, "cis-charter", day)))
    assert ("not-yet-in-force", None) == (chart["state"], chart["entry_into_force"])
