"""What a failure of the register's database means to its user, so that the interfaces
answer it without knowing the storage library: a value the database cannot hold (the
request's fault: 422, exit 2), the database unreachable, full or read-only (try again:
503 with Retry-After, exit 2), a database URL this program cannot open (the operator's
fault)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, NoSuchModuleError

from depositary.app.ports import StoreError

__all__ = ["Failure", "StoreError", "failure_of", "reason_of"]


class Failure(StrEnum):
    BAD_VALUE = "bad value"
    UNAVAILABLE = "unavailable"
    BAD_URL = "bad url"


def failure_of(error: BaseException) -> Failure | None:
    """The kind of storage failure `error` is; None if it is none."""
    if isinstance(error, DataError):
        return Failure.BAD_VALUE
    if isinstance(error, DBAPIError):
        return Failure.UNAVAILABLE
    if isinstance(error, ArgumentError | NoSuchModuleError):
        return Failure.BAD_URL
    return None


def reason_of(error: BaseException) -> str:
    """The database's own first line about the failure (the driver's, not the wrapper's)."""
    found: Any = getattr(error, "orig", None) or error
    text = str(found).strip()
    return text.splitlines()[0] if text else type(found).__name__
