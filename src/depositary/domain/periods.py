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
