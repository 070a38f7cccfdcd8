"""Where the register lives: one settings object, read from the environment.

- `DEPOSITARY_DATABASE_URL`: a SQLAlchemy URL (``postgresql+psycopg://...`` or
  ``sqlite:///path``); by default a SQLite file in the home directory.
- `DEPOSITARY_HOME`: the home directory; by default the platform's user data directory
  (``~/.local/share/depositary`` on Linux), created on first use.
- `DEPOSITARY_SECRET_KEY`: signs the web sessions' cookies; by default a random key kept in
  ``secret.key`` in the home directory (readable by its owner only), made on first use.
- `DEPOSITARY_SECURE_COOKIES`: ``1`` to send the session cookie over HTTPS only (behind a
  TLS proxy in production); default ``0`` so that http://127.0.0.1 works.
"""

from __future__ import annotations

import os
import secrets
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

    def secret_key(self) -> str:
        """The key that signs session cookies: from the environment, else the home's."""
        given = os.environ.get("DEPOSITARY_SECRET_KEY")
        if given:
            return given
        path = self.home / "secret.key"
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        return path.read_text(encoding="utf-8").strip()

    @staticmethod
    def secure_cookies() -> bool:
        return os.environ.get("DEPOSITARY_SECURE_COOKIES", "0") == "1"
