"""Calendar arithmetic of final clauses: months with clamping, "the first day of the month
following", delays and half-open periods."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from depositary.domain.clauses import Delay
from depositary.domain.periods import Period, add_months, first_day_of_next_month, shift

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2001, 1, 31), 1, date(2001, 2, 28)),
        (date(2000, 1, 31), 1, date(2000, 2, 29)),
        (date(1900, 1, 31), 1, date(1900, 2, 28)),
        (date(2019, 3, 31), 1, date(2019, 4, 30)),
        (date(2019, 3, 31), -1, date(2019, 2, 28)),
        (date(2019, 11, 4), 12, date(2020, 11, 4)),
        (date(2019, 12, 15), 1, date(2020, 1, 15)),
        (date(2020, 1, 15), -1, date(2019, 12, 15)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
        (date(2020, 2, 29), 48, date(2024, 2, 29)),
        (date(2021, 8, 31), 0, date(2021, 8, 31)),
    ],
)
def test_add_months_clamps_to_the_last_day(start: date, months: int, expected: date) -> None:
    """add_months keeps the day and clamps it to the month's length (31 Jan + 1 = 28/29 Feb)."""
    assert expected == add_months(start, months)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2002, 6, 10), date(2002, 7, 1)),
        (date(2002, 6, 1), date(2002, 7, 1)),
        (date(2002, 6, 30), date(2002, 7, 1)),
        (date(2002, 12, 31), date(2003, 1, 1)),
        (date(2004, 1, 31), date(2004, 2, 1)),
    ],
)
def test_first_day_of_next_month(day: date, expected: date) -> None:
    """Rome Statute art. 126: "the first day of the month after" a day, even the 1st."""
    assert expected == first_day_of_next_month(day)


def test_shift_rome_statute() -> None:
    """Rome Statute art. 126(1): 11 Apr 2002 + 60 days = 10 Jun 2002 -> 1 Jul 2002."""
    assert date(2002, 7, 1) == shift(date(2002, 4, 11), days=60, first_of_next_month=True)


def test_shift_months_then_days() -> None:
    """A delay of months and days applies the months first (31 Jan + 1 month + 1 day)."""
    assert date(2001, 3, 1) == shift(date(2001, 1, 31), months=1, days=1)


@pytest.mark.parametrize(
    ("delay", "day", "expected"),
    [
        (Delay(), date(2004, 11, 18), date(2004, 11, 18)),
        (Delay(days=90), date(2004, 11, 18), date(2005, 2, 16)),
        (Delay(days=30), date(1979, 12, 28), date(1980, 1, 27)),
        (Delay(months=12), date(2019, 11, 4), date(2020, 11, 4)),
        (Delay(months=3, first_of_next_month=True), date(2021, 3, 22), date(2021, 7, 1)),
    ],
)
def test_delay_apply(delay: Delay, day: date, expected: date) -> None:
    """Delay.apply: Kyoto (90 days), VCLT (30 days), Paris (a year), Istanbul (3 months,
    first of the next month)."""
    assert expected == delay.apply(day)


@pytest.mark.parametrize(
    ("delay", "expected"),
    [
        (Delay(), "on"),
        (Delay(days=1), "1 day after"),
        (Delay(days=30), "30 days after"),
        (Delay(months=1), "1 month after"),
        (Delay(months=12), "12 months after"),
        (Delay(months=1, days=1), "1 month and 1 day after"),
        (Delay(first_of_next_month=True), "the first day of the month following"),
        (
            Delay(days=60, first_of_next_month=True),
            "the first day of the month following 60 days after",
        ),
    ],
)
def test_delay_describe(delay: Delay, expected: str) -> None:
    """Delay.describe reads as part of a sentence: "enters into force 30 days after ..."."""
    assert expected == str(delay.describe())


def test_period_contains_is_half_open() -> None:
    """Period [start, end): the start day is in, the end day is out."""
    period = Period(date(2019, 11, 4), date(2020, 11, 4))

    assert True is period.contains(date(2019, 11, 4))
    assert True is period.contains(date(2020, 11, 3))
    assert False is period.contains(date(2020, 11, 4))
    assert False is period.contains(date(2019, 11, 3))


def test_period_unbounded() -> None:
    """Period with None bounds: unbounded on that side."""
    assert True is Period().contains(date(1, 1, 1))
    assert True is Period(None, date(1991, 12, 26)).contains(date(1900, 1, 1))
    assert False is Period(None, date(1991, 12, 26)).contains(date(1991, 12, 26))
    assert True is Period(date(1993, 1, 1)).contains(date(2100, 1, 1))


def test_period_empty_contains_nothing() -> None:
    """Period [d, d) is empty."""
    assert False is Period(date(2000, 1, 1), date(2000, 1, 1)).contains(date(2000, 1, 1))


def test_period_ending_before_it_starts_is_refused() -> None:
    """Period: an end before the start is a ValueError."""
    with pytest.raises(ValueError, match="ends"):
        Period(date(2000, 1, 2), date(2000, 1, 1))


@given(DATES, st.integers(min_value=-600, max_value=600))
def test_add_months_round_trip_below_the_29th(day: date, months: int) -> None:
    """add_months(add_months(d, n), -n) == d whenever no clamping happens (day <= 28)."""
    day = day.replace(day=min(day.day, 28))

    assert day == add_months(add_months(day, months), -months)


@given(DATES, st.integers(min_value=-600, max_value=600))
def test_add_months_lands_in_the_right_month(day: date, months: int) -> None:
    """add_months moves by exactly `months` calendar months and never past the day."""
    result = add_months(day, months)

    assert day.year * 12 + day.month - 1 + months == result.year * 12 + result.month - 1
    assert result.day <= day.day
    assert (result.day == day.day) or (result + timedelta(days=1)).day == 1


@given(DATES, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=120))
def test_add_months_composes_below_the_29th(day: date, a: int, b: int) -> None:
    """add_months(d, a + b) == add_months(add_months(d, a), b) when no clamping happens."""
    day = day.replace(day=min(day.day, 28))

    assert add_months(day, a + b) == add_months(add_months(day, a), b)


@given(DATES)
def test_first_day_of_next_month_properties(day: date) -> None:
    """first_day_of_next_month is a 1st, after the day, at most 31 days later."""
    result = first_day_of_next_month(day)

    assert 1 == result.day
    assert day < result <= day + timedelta(days=31)
    assert (result - timedelta(days=1)).month == day.month


@given(DATES, DATES)
def test_period_contains_matches_comparison(a: date, b: date) -> None:
    """Period(start, end).contains(x) iff start <= x < end, for every x drawn."""
    start, end = min(a, b), max(a, b)
    period = Period(start, end)

    for x in (start, end, a, b, start - timedelta(days=1)):
        assert (start <= x < end) == period.contains(x)
