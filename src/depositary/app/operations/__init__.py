"""Every named operation, registered once (`registry.py`): the CLI, the API and the desk's
forms run them from here."""

from __future__ import annotations

from depositary.app.operations import accounts, acts, councils, persons
from depositary.app.operations.registry import (
    Answer,
    Caller,
    Input,
    InvalidInput,
    Operation,
    invalid,
    registry,
)

OPERATIONS = registry(*councils.OPERATIONS, *acts.OPERATIONS, *accounts.OPERATIONS,
                      *persons.OPERATIONS)

__all__ = ["OPERATIONS", "Answer", "Caller", "Input", "InvalidInput", "Operation", "invalid"]
