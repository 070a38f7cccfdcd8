"""Who may use the desks: a person of the register with a password (argon2id) or an API
token. Secrets are kept in their own tables, never in the public log; the roles stay the
workflow's entries of the log (workflow.py), so every grant is on the record.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from depositary.app.ledger import Ledger, LedgerError
from depositary.store.schema import api_tokens, credentials, web_sessions

TOKEN_ID = 12  # hex digits of a token's hash that name it on the desk and in the API
MIN_PASSWORD = 12  # characters; a passphrase is better (NIST SP 800-63B, 5.1.1)
_hasher = PasswordHasher()


# A session ends when its person signs out, when their password is set (changed or
# reset), after an idle spell, and in any case after a fortnight (OWASP ASVS 3.3).
SESSION_IDLE = timedelta(hours=2)
SESSION_LONGEST = timedelta(days=14)
SEEN_EVERY = timedelta(minutes=1)  # how often a session's last use is written down


class Accounts:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine = ledger.database.engine

    def set_password(self, person: str, password: str) -> tuple[int, int]:
        """Give a person of the register a password (or a new one). Every session and
        every API token of the person ends with the old password: whoever had taken one
        is out. Returns (sessions ended, tokens revoked)."""
        if person not in self.ledger.register().persons:
            raise LedgerError(f"no person {person!r} in the register")
        if len(password) < MIN_PASSWORD:
            raise LedgerError(f"a password has at least {MIN_PASSWORD} characters")
        row = {"person": person, "password_hash": _hasher.hash(password),
               "updated_at": datetime.now(UTC).isoformat()}
        with self.engine.begin() as connection:
            connection.execute(credentials.delete().where(credentials.c.person == person))
            connection.execute(credentials.insert(), row)
            ended = connection.execute(
                web_sessions.update().where(web_sessions.c.person == person,
                                            web_sessions.c.ended_at.is_(None))
                .values(ended_at=_now())).rowcount
            revoked = connection.execute(
                api_tokens.update().where(api_tokens.c.person == person,
                                          api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=_now())).rowcount
        return ended, revoked

    def password_set_at(self, person: str) -> str | None:
        """When the person's password was last set."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(credentials.c.updated_at).where(credentials.c.person == person)
            ).scalar_one_or_none()
        return str(found) if found is not None else None

    def check_password(self, person: str, password: str) -> bool:
        """True if the password is the person's. The hash is computed even for an unknown
        person, so the time taken does not tell who has an account."""
        with self.engine.connect() as connection:
            stored = connection.execute(
                select(credentials.c.password_hash).where(credentials.c.person == person)
            ).scalar_one_or_none()
        try:
            return _hasher.verify(stored or _decoy(), password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False

    # -- sessions ------------------------------------------------------------------------

    def open_session(self, person: str) -> str:
        """A new session for a person who proved their password: its id, for the cookie;
        the server keeps only its hash."""
        session = secrets.token_urlsafe(32)
        now = _now()
        with self.engine.begin() as connection:
            connection.execute(web_sessions.insert(), {
                "id_hash": _digest(session), "person": person, "created_at": now,
                "seen_at": now, "ended_at": None,
            })
        return session

    def session_person(self, session: str) -> str | None:
        """The person of a session still open, or None: ended (signed out, password set),
        idle too long, or too old. Each use keeps it alive."""
        s = web_sessions.c
        with self.engine.connect() as connection:
            found = connection.execute(
                select(s.person, s.created_at, s.seen_at)
                .where(s.id_hash == _digest(session), s.ended_at.is_(None))
            ).first()
        if found is None:
            return None
        now = datetime.now(UTC)
        seen = datetime.fromisoformat(found.seen_at)
        if now - seen > SESSION_IDLE or now - datetime.fromisoformat(found.created_at) > (
                SESSION_LONGEST):
            self.end_session(session)
            return None
        if now - seen > SEEN_EVERY:
            with self.engine.begin() as connection:
                connection.execute(web_sessions.update().where(s.id_hash == _digest(session))
                                   .values(seen_at=_now()))
        return str(found.person)

    def end_session(self, session: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                web_sessions.update().where(web_sessions.c.id_hash == _digest(session),
                                            web_sessions.c.ended_at.is_(None))
                .values(ended_at=_now()))

    # -- tokens --------------------------------------------------------------------------

    def create_token(self, person: str, name: str) -> str:
        """A new API token for the person: shown once, stored only as its hash."""
        if person not in self.ledger.register().persons:
            raise LedgerError(f"no person {person!r} in the register")
        token = "dep_" + secrets.token_urlsafe(32)
        with self.engine.begin() as connection:
            connection.execute(api_tokens.insert(), {
                "token_hash": _digest(token), "person": person, "name": name,
                "created_at": _now(), "revoked_at": None,
            })
        return token

    def person_for_token(self, token: str) -> str | None:
        with self.engine.connect() as connection:
            found = connection.execute(
                select(api_tokens.c.person).where(
                    api_tokens.c.token_hash == _digest(token), api_tokens.c.revoked_at.is_(None)
                )
            ).scalar_one_or_none()
        return str(found) if found is not None else None

    def with_passwords(self) -> dict[str, str]:
        """The persons who can sign in, with when their password was last set."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(credentials.c.person, credentials.c.updated_at).order_by(
                    credentials.c.person)
            )
            return {str(person): str(updated) for person, updated in rows}

    def tokens(self) -> list[dict[str, str | None]]:
        """The tokens issued, without the tokens: each named by the start of its hash."""
        t = api_tokens.c
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(t.token_hash, t.person, t.name, t.created_at, t.revoked_at)
                .order_by(t.created_at, t.person)
            )
            return [
                {"id": digest[:TOKEN_ID], "person": person, "name": name,
                 "created_at": created, "revoked_at": revoked}
                for digest, person, name, created, revoked in rows
            ]

    def revoke_token_id(self, token_id: str) -> str:
        """Revoke the token named by `tokens()`; returns its person."""
        found = [t for t in self.tokens() if t["id"] == token_id and t["revoked_at"] is None]
        if len(token_id) != TOKEN_ID or not found:
            raise LedgerError(f"no token {token_id!r} in use: the administrator's desk lists them")
        with self.engine.begin() as connection:
            connection.execute(
                api_tokens.update()
                .where(api_tokens.c.token_hash.startswith(token_id, autoescape=True))
                .values(revoked_at=_now())
            )
        return str(found[0]["person"])

    def revoke_token(self, token: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                api_tokens.update().where(api_tokens.c.token_hash == _digest(token))
                .values(revoked_at=_now())
            )


def _digest(token: str) -> str:
    # A token or a session id has 256 bits of entropy: a plain SHA-256 is enough to keep
    # it unreadable.
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


@cache
def _decoy() -> str:
    """A hash checked when the person has no password, so that the answer takes as long;
    made on first use, not when the module is imported (every CLI command imports it)."""
    return _hasher.hash(secrets.token_urlsafe(16))
