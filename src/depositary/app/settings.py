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
    ("DEPOSITARY_SIGNING_KEY", "$DEPOSITARY_HOME/depositary-signing-key.pem (made on first "
     "use, mode 600)",
     "The depositary's own Ed25519 key, which signs the checkpoints of the log "
     "(docs/security.md). Give every process that writes to one register the same key, "
     "and keep a copy offline: member states' witnesses pin it."),
    ("DEPOSITARY_ORIGIN", "depositary/ and the first 16 hex digits of the log's first "
     "entry hash",
     "The name of the log in its checkpoints, for example the register's host and path "
     "(cis.example/register); no spaces, no '+'."),
    ("DEPOSITARY_MAX_BODY", "1048576",
     "The largest request body the web application reads, in bytes: a larger one is "
     "refused with 413 before it is read."),
    ("DEPOSITARY_FORWARDED_ALLOW_IPS", "(none)",
     "The addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto "
     "`depositary serve` believes (comma-separated, as uvicorn's --forwarded-allow-ips). "
     "Unset, the client is the address that connected: a header cannot make one client "
     "look like many to the sign-in throttle."),
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

    def signing_key(self) -> Path:
        """The file of the depositary's checkpoint-signing key."""
        given = os.environ.get("DEPOSITARY_SIGNING_KEY")
        return Path(given) if given else self.home / "depositary-signing-key.pem"

    @staticmethod
    def origin() -> str | None:
        """The log's name in its checkpoints, if configured."""
        return os.environ.get("DEPOSITARY_ORIGIN") or None

    @staticmethod
    def max_body() -> int:
        given = os.environ.get("DEPOSITARY_MAX_BODY", "")
        return int(given) if given.isdigit() else 1024 * 1024

    @staticmethod
    def forwarded_allow_ips() -> str | None:
        return os.environ.get("DEPOSITARY_FORWARDED_ALLOW_IPS") or None
