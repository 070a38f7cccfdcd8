"""Where the register lives: one settings object, read from the environment.

- `DEPOSITARY_DATABASE_URL`: a SQLAlchemy URL (``postgresql+psycopg://...`` or
  ``sqlite:///path``); by default a SQLite file in the home directory.
- `DEPOSITARY_HOME`: the home directory; by default the platform's user data directory
  (``~/.local/share/depositary`` on Linux), created on first use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    database_url: str

    @classmethod
    def from_environment(cls) -> Settings:
        home = Path(os.environ.get("DEPOSITARY_HOME") or platformdirs.user_data_dir("depositary"))
        url = os.environ.get("DEPOSITARY_DATABASE_URL") or f"sqlite:///{home / 'register.sqlite3'}"
        return cls(home=home, database_url=url)
