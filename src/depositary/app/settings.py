"""Where the register lives and how the web application runs: one settings object, read
from the environment (DEPOSITARY_*) when it is made. Each field carries its meaning and its
default as the reader should see it; the configuration reference in docs/deployment.md is
generated from `Settings.model_fields` (tests/docs_cog.py, checked by tests/test_docs.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from depositary.app.passwords import Cost

MAX_BODY = 1024 * 1024


class Settings(BaseSettings):
    """The configuration of one process. A field reads its variable through an alias, so
    that a refused value is named as the operator wrote it; where a method keeps the
    variable's name (`secret_key()`, `signing_key()`), the method adds what the environment
    cannot say (a key file made on first use, a default path)."""

    # Empty counts as unset, as `os.environ.get(...) or default` did.
    model_config = SettingsConfigDict(env_prefix="DEPOSITARY_", env_ignore_empty=True,
                                      frozen=True, validate_by_name=True)

    home: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("depositary")),
        description="The home directory: the SQLite file and the session key live there; "
                    "made on first use.",
        json_schema_extra={"shown_default": "the platform's user data directory "
                                            "(~/.local/share/depositary)"})
    database_url: str = Field(
        default_factory=lambda given: f"sqlite:///{given['home'] / 'register.sqlite3'}",
        description="The database, as a SQLAlchemy URL: postgresql+psycopg://USER@HOST:5432/DB"
                    " for a shared server. Created, migrated and given the bundled register "
                    "on first use. A SQLite URL may end in ?synchronous=normal: commits stop "
                    "waiting for the disk (an append survives a crash of the program, not a "
                    "power cut); the default, full, is what an authoritative register needs.",
        json_schema_extra={"shown_default": "sqlite:///$DEPOSITARY_HOME/register.sqlite3"})
    session_key: SecretStr | None = Field(
        default=None, validation_alias="DEPOSITARY_SECRET_KEY",
        description="Signs the session cookies of the web application. Give the same key to "
                    "every worker and server behind one address.",
        json_schema_extra={"shown_default": "a random key kept in "
                                            "$DEPOSITARY_HOME/secret.key (mode 600)"})
    secure_cookies: bool = Field(
        default=False, validation_alias="DEPOSITARY_SECURE_COOKIES",
        description="1 sends the session cookie over HTTPS only: set it behind a TLS proxy.",
        json_schema_extra={"shown_default": "0"})
    signing_key_file: Path | None = Field(
        default=None, validation_alias="DEPOSITARY_SIGNING_KEY",
        description="The depositary's own Ed25519 key, which signs the checkpoints of the log "
                    "(docs/security.md). Give every process that writes to one register the "
                    "same key, and keep a copy offline: member states' witnesses pin it.",
        json_schema_extra={"shown_default": "$DEPOSITARY_HOME/depositary-signing-key.pem "
                                            "(made on first use, mode 600)"})
    origin: str | None = Field(
        default=None, validation_alias="DEPOSITARY_ORIGIN",
        description="The name of the log in its checkpoints, for example the register's host "
                    "and path (cis.example/register); no spaces, no '+'.",
        json_schema_extra={"shown_default": "depositary/ and the first 16 hex digits of the "
                                            "log's first entry hash"})
    max_body: int = Field(
        default=MAX_BODY, validation_alias="DEPOSITARY_MAX_BODY",
        description="The largest request body the web application reads, in bytes: a larger "
                    "one is refused with 413 before it is read.",
        json_schema_extra={"shown_default": str(MAX_BODY)})
    password_hashing: Cost = Field(
        default="rfc-9106-low-memory", validation_alias="DEPOSITARY_PASSWORD_HASHING",
        description="The cost of a password's argon2id hash: rfc-9106-low-memory (64 MiB, "
                    "3 passes), or rfc-9106-high-memory (2 GiB, 1 pass) on a server with "
                    "memory to spare. cheapest protects nothing: it is for test suites. A "
                    "password keeps the cost it was hashed with until it is set again, so "
                    "after a change the time a sign-in takes can tell an old password from "
                    "no account until every password has been set again; high memory "
                    "takes 2 GiB for each sign-in at once.",
        json_schema_extra={"shown_default": "rfc-9106-low-memory"})
    forwarded_allow_ips: str | None = Field(
        default=None, validation_alias="DEPOSITARY_FORWARDED_ALLOW_IPS",
        description="The addresses of the reverse proxies whose X-Forwarded-For and "
                    "X-Forwarded-Proto `depositary serve` believes (comma-separated, as "
                    "uvicorn's --forwarded-allow-ips). Unset, the client is the address that "
                    "connected: a header cannot make one client look like many to the sign-in "
                    "throttle.",
        json_schema_extra={"shown_default": "(none)"})

    site_title: str | None = Field(
        default=None,
        description="The site's title on its home page and in the header. Unset, it is "
                    "the community's (the Commonwealth of Independent States on the bundled "
                    "register) or, for a register without councils (UN treaties, the IEADB), "
                    "\"Treaty register\".",
        json_schema_extra={"shown_default": "from the register"})
    community_body: str | None = Field(
        default=None,
        description="The alias of the body whose members the home page shows by category, "
                    "with their timeline. Unset, the Council of Heads of State where the "
                    "register has it, else the register's first body, else none (the home "
                    "page then shows the instruments with the most parties).",
        json_schema_extra={"shown_default": "from the register"})

    def __init__(self, home: Path | str | None = None, database_url: str | None = None, /,
                 **values: Any) -> None:
        # Code that opens a register of its own (tests, benchmarks, tools) names it by its
        # two coordinates, `Settings(home, url)`; the rest still comes from the environment.
        if home is not None:
            values["home"] = home
        if database_url is not None:
            values["database_url"] = database_url
        super().__init__(**values)

    @field_validator("max_body", mode="before")
    @classmethod
    def _digits_or_default(cls, given: object) -> object:
        # A value that is not a plain count of bytes falls back to the default rather than
        # stopping the server, as before settings were typed.
        if isinstance(given, str):
            return int(given) if given.isdigit() else MAX_BODY
        return given

    @classmethod
    def from_environment(cls) -> Settings:
        return cls()

    def secret_key(self) -> str:
        """The key that signs session cookies: from the environment, else the home's."""
        if self.session_key is not None:
            return self.session_key.get_secret_value()
        path = self.home / "secret.key"
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        return path.read_text(encoding="utf-8").strip()

    def signing_key(self) -> Path:
        """The file of the depositary's checkpoint-signing key."""
        return self.signing_key_file or self.home / "depositary-signing-key.pem"
