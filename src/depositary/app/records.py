"""The operator's log: a JSON line for every write, every refusal and every sign-in, with
the operation, the person and the rule, through the standard library's `logging` under
the logger `depositary`. The register's own log records what was written; this one also
records what was refused or attempted. The library adds no handler (an application that
imports it decides); `depositary serve` writes the lines to standard error."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

# The attributes every `logging.LogRecord` has: the rest are the record's own fields.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName"}


class JsonLines(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, event, and the record's fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name,
            "event": record.getMessage(),
        }
        line |= {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def to_standard_error(level: int = logging.INFO) -> None:
    """Write the `depositary` logger's records to standard error as JSON lines (once)."""
    logger = logging.getLogger("depositary")
    if not any(isinstance(h.formatter, JsonLines) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLines())
        logger.addHandler(handler)
    logger.setLevel(level)
