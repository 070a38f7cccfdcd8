"""A bounded LRU cache of what a process derived: the most recently used values by key,
the rest forgotten beyond a limit (a world's register would otherwise hold gigabytes of them
for as long as the process lives). Web workers read from many threads: each call holds a
lock."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class LruCache(Generic[_K, _V]):
    """Values by key, forgetting the least recently used beyond `limit`."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: OrderedDict[_K, _V] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, key: _K) -> _V | None:
        with self._lock:
            found = self._values.get(key)
            if found is not None:
                self._values.move_to_end(key)
            return found

    def keep(self, key: _K, value: _V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.limit:
                self._values.popitem(last=False)

    def forget(self, key: _K) -> None:
        with self._lock:
            self._values.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
