"""Who may use the desks: a person of the register with a password (argon2id) or an API
token. Secrets are kept in their own tables, never in the public log; the roles stay the
workflow's entries of the log (workflow.py), so every grant is on the record. A person
sets their first password, or a new one after a reset, through an invitation: a one-time
link an administrator makes, so that no one but the person ever knows the password.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from depositary.app.persons import no_person
from depositary.app.stored import Refusal, StoredRegister
from depositary.domain.phrases import say

TOKEN_ID = 12  # hex digits of a token's hash that name it on the desk and in the API
MIN_PASSWORD = 12  # characters; a passphrase is better (NIST SP 800-63B, 5.1.1)


# A session ends when its person signs out, when their password is set (changed or
# reset), after an idle spell, and in any case after a fortnight (OWASP ASVS 3.3).
SESSION_IDLE = timedelta(hours=2)
SESSION_LONGEST = timedelta(days=14)
SEEN_EVERY = timedelta(minutes=1)  # how often a session's last use is written down

# An invitation is a password in all but name until it is used: short-lived, used once.
INVITATION_LASTS = timedelta(days=7)
INVITATION_GONE = say("this invitation cannot be used: it was used already, it expired, or "
                      "it was never made; ask the administrator for a new one")


class Accounts:
    def __init__(self, ledger: StoredRegister) -> None:
        self.ledger = ledger
        self.store = ledger.database.accounts

    def set_password(self, person: str, password: str) -> tuple[int, int]:
        """Give a person of the register a password (or a new one). Every session and
        every API token of the person ends with the old password: whoever had taken one
        is out. Returns (sessions ended, tokens revoked)."""
        if person not in self.ledger.register().persons:
            raise no_person(person)
        _long_enough(password)
        return self.store.set_password(person, self.ledger.passwords.hash(password), _now())

    def password_set_at(self, person: str) -> str | None:
        """When the person's password was last set."""
        return self.store.password_set_at(person)

    def check_password(self, person: str, password: str) -> bool:
        """True if the password is the person's. The hash is computed even for an unknown
        person, so the time taken does not tell who has an account."""
        return self.ledger.passwords.check(self.store.password_hash(person), password)

    # -- invitations ---------------------------------------------------------------------

    def invite(self, person: str, by: str) -> tuple[str, datetime]:
        """A one-time link's secret for the person to set their password (their first, or
        a new one: a reset), and when it expires; kept only as its hash. The person's
        password, sessions and tokens stay as they are until the link is used."""
        if person not in self.ledger.register().persons:
            raise no_person(person)
        secret = secrets.token_urlsafe(32)
        expires = datetime.now(UTC) + INVITATION_LASTS
        self.store.add_invitation(_digest(secret), person, by, _now(),
                                  expires.isoformat(timespec="microseconds"))
        return secret, expires

    def invited(self, secret: str) -> str:
        """The person an invitation is for, if it can still be used; Refusal otherwise."""
        found = self.store.invitation(_digest(secret))
        if found is None or datetime.fromisoformat(found[1]) <= datetime.now(UTC):
            raise Refusal(INVITATION_GONE)
        return found[0]

    def accept_invitation(self, secret: str, password: str) -> str:
        """The invited person's password set through the link, which is then used up;
        returns the person. Setting it ends their other sessions and tokens, as any new
        password does."""
        person = self.invited(secret)
        _long_enough(password)  # before the link is used up: a refusal leaves it usable
        if not self.store.use_invitation(_digest(secret), _now()):
            raise Refusal(INVITATION_GONE)
        self.set_password(person, password)
        return person

    def waiting(self) -> dict[str, str]:
        """Each person's latest invitation still usable (not used, not expired): when it
        expires. Never the secrets."""
        now = datetime.now(UTC)
        return {person: expires for person, _, _, expires, used in self.store.invitations()
                if used is None and datetime.fromisoformat(expires) > now}

    # -- sessions ------------------------------------------------------------------------

    def open_session(self, person: str) -> str:
        """A new session for a person who proved their password: its id, for the cookie;
        the server keeps only its hash."""
        session = secrets.token_urlsafe(32)
        self.store.add_session(_digest(session), person, _now())
        return session

    def session_person(self, session: str) -> str | None:
        """The person of a session still open, or None: ended (signed out, password set),
        idle too long, or too old. Each use keeps it alive."""
        found = self.store.session(_digest(session))
        if found is None:
            return None
        person, created, seen_at = found
        now = datetime.now(UTC)
        seen = datetime.fromisoformat(seen_at)
        if now - seen > SESSION_IDLE or now - datetime.fromisoformat(created) > (
                SESSION_LONGEST):
            self.end_session(session)
            return None
        if now - seen > SEEN_EVERY:
            self.store.session_seen(_digest(session), _now())
        return person

    def end_session(self, session: str) -> None:
        self.store.end_session(_digest(session), _now())

    # -- tokens --------------------------------------------------------------------------

    def create_token(self, person: str, name: str) -> str:
        """A new API token for the person: shown once, stored only as its hash."""
        if person not in self.ledger.register().persons:
            raise no_person(person)
        token = "dep_" + secrets.token_urlsafe(32)
        self.store.add_token(_digest(token), person, name, _now())
        return token

    def person_for_token(self, token: str) -> str | None:
        return self.store.token_person(_digest(token))

    def with_passwords(self) -> dict[str, str]:
        """The persons who can sign in, with when their password was last set."""
        return self.store.passwords()

    def tokens(self) -> list[dict[str, str | None]]:
        """The tokens issued, without the tokens: each named by the start of its hash."""
        return [
            {"id": digest[:TOKEN_ID], "person": person, "name": name,
             "created_at": created, "revoked_at": revoked}
            for digest, person, name, created, revoked in self.store.tokens()
        ]

    def revoke_token_id(self, token_id: str) -> str:
        """Revoke the token named by `tokens()`; returns its person."""
        found = [t for t in self.tokens() if t["id"] == token_id and t["revoked_at"] is None]
        if len(token_id) != TOKEN_ID or not found:
            raise Refusal(say("no token '%(token)s' in use: the administrator's desk lists them",
                              token=token_id))
        self.store.revoke_tokens(token_id, _now())
        return str(found[0]["person"])

    def revoke_token(self, token: str) -> None:
        self.store.revoke_tokens(_digest(token), _now())


def _long_enough(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Refusal(say("a password has at least %(n)d characters", n=MIN_PASSWORD))


def _digest(token: str) -> str:
    # A token or a session id has 256 bits of entropy: a plain SHA-256 is enough to keep
    # it unreadable.
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")

