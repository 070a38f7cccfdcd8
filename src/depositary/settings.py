"""Where the register lives and how the web application runs: one settings object, read
from the environment. `VARIABLES` lists every variable with its default and meaning; the
configuration reference in docs/deployment.md is generated from it (and checked).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import platformdirs

# (variable, default, meaning): the configuration reference.
VARIABLES: tuple[tuple[str, str, str], ...] = (
    ("DEPOSITARY_HOME", "the platform's user data directory (~/.local/share/depositary)",
     "The home directory: the SQLite file and the session key live there; made on first "
     "use."),
    ("DEPOSITARY_DATABASE_URL", "sqlite:///$DEPOSITARY_HOME/register.sqlite3",
     "The database, as a SQLAlchemy URL: postgresql+psycopg://USER@HOST:5432/DB for a "
     "shared server. Created, migrated and given the bundled register on first use. A "
     "SQLite URL may end in ?synchronous=normal: commits stop waiting for the disk (an "
     "append survives a crash of the program, not a power cut); the default, full, is "
     "what an authoritative register needs."),
    ("DEPOSITARY_SECRET_KEY", "a random key kept in $DEPOSITARY_HOME/secret.key (mode 600)",
     "Signs the session cookies of the web application. Give the same key to every worker "
     "and server behind one address."),
    ("DEPOSITARY_SECURE_COOKIES", "0",
     "1 sends the session cookie over HTTPS only: set it behind a TLS proxy."),
)


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
