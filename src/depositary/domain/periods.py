"""Dates and half-open periods, and the calendar arithmetic final clauses use."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open interval of legal dates, [start, end); None means unbounded."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def contains(self, day: date) -> bool:
        """True if `day` falls within the period."""
        after_start = self.start is None or self.start <= day
        before_end = self.end is None or day < self.end
        return after_start and before_end


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def first_day_of_next_month(day: date) -> date:
    """The first day of the month after the month of `day` (Rome Statute art. 126 style)."""
    return add_months(day.replace(day=1), 1)


def shift(day: date, *, days: int = 0, months: int = 0, first_of_next_month: bool = False) -> date:
    """Apply a clause's delay: months, then days, then optionally "the first day of the
    month following"."""
    try:
        result = add_months(day, months) + timedelta(days=days)
        return first_day_of_next_month(result) if first_of_next_month else result
    except (OverflowError, ValueError):
        return date.max  # past the calendar's end: never, for any question asked of it


# The dates the register records and answers for. An entry, once appended, can never be
# removed, so a date the engine cannot compute with (a session in 9999, whose next chair
# would be in the year 10000) is refused when it is written; a question about a day
# outside the range is refused too, with this range named.
EARLIEST = date(1000, 1, 1)
LATEST = date(2999, 12, 31)


def outside_calendar(day: date) -> str | None:
    """Why the register does not take `day`, or None if it does."""
    if EARLIEST <= day <= LATEST:
        return None
    return (f"{day.isoformat()} is outside the dates the register records "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})")


def in_calendar(day: date | None) -> date | None:
    """`day`, if the register takes it (a validator for the dates people give)."""
    if day is not None:
        problem = outside_calendar(day)
        if problem is not None:
            raise ValueError(problem)
    return day
