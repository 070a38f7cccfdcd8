"""What a relation reaches: the participants a record passes to through every generation of
continuators, the instruments an instrument's clauses read through others."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def reached(starts: Iterable[str], edges: Mapping[str, Iterable[str]]) -> set[str]:
    """The starts and everything reached from them through `edges`, however far."""
    found: set[str] = set()
    todo = list(starts)
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(edges.get(current, ()))
    return found
