"""The desks' secrets in SQL: password hashes, sessions, API tokens and invitations (`app.ports.
AccountStore`). What they mean and when a session ends is `app/accounts.py`'s."""

from __future__ import annotations

from sqlalchemy import Engine, Select, select

from depositary.store.schema import api_tokens, credentials, invitations, web_sessions


class Accounts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def set_password(self, person: str, password_hash: str, at: str) -> tuple[int, int]:
        """Replace the person's password hash, ending their sessions and revoking their
        tokens in the same transaction; returns (sessions ended, tokens revoked)."""
        with self.engine.begin() as connection:
            connection.execute(credentials.delete().where(credentials.c.person == person))
            connection.execute(credentials.insert(), {
                "person": person, "password_hash": password_hash, "updated_at": at})
            ended = connection.execute(
                web_sessions.update().where(web_sessions.c.person == person,
                                            web_sessions.c.ended_at.is_(None))
                .values(ended_at=at)).rowcount
            revoked = connection.execute(
                api_tokens.update().where(api_tokens.c.person == person,
                                          api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=at)).rowcount
        return ended, revoked

    def password_hash(self, person: str) -> str | None:
        return self._one(select(credentials.c.password_hash)
                         .where(credentials.c.person == person))

    def password_set_at(self, person: str) -> str | None:
        return self._one(select(credentials.c.updated_at).where(credentials.c.person == person))

    def passwords(self) -> dict[str, str]:
        """The persons with a password, with when it was last set."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(credentials.c.person, credentials.c.updated_at)
                .order_by(credentials.c.person))
            return {str(person): str(updated) for person, updated in rows}

    def add_session(self, id_hash: str, person: str, at: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(web_sessions.insert(), {
                "id_hash": id_hash, "person": person, "created_at": at, "seen_at": at,
                "ended_at": None,
            })

    def session(self, id_hash: str) -> tuple[str, str, str] | None:
        """(person, created at, last seen at) of a session not ended."""
        s = web_sessions.c
        with self.engine.connect() as connection:
            found = connection.execute(
                select(s.person, s.created_at, s.seen_at)
                .where(s.id_hash == id_hash, s.ended_at.is_(None))
            ).first()
        return (str(found.person), str(found.created_at), str(found.seen_at)) if found else None

    def session_seen(self, id_hash: str, at: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(web_sessions.update().where(web_sessions.c.id_hash == id_hash)
                               .values(seen_at=at))

    def end_session(self, id_hash: str, at: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                web_sessions.update().where(web_sessions.c.id_hash == id_hash,
                                            web_sessions.c.ended_at.is_(None))
                .values(ended_at=at))

    def add_token(self, token_hash: str, person: str, name: str, at: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(api_tokens.insert(), {
                "token_hash": token_hash, "person": person, "name": name, "created_at": at,
                "revoked_at": None,
            })

    def token_person(self, token_hash: str) -> str | None:
        return self._one(select(api_tokens.c.person).where(
            api_tokens.c.token_hash == token_hash, api_tokens.c.revoked_at.is_(None)))

    def tokens(self) -> list[tuple[str, str, str, str, str | None]]:
        """(hash, person, name, created at, revoked at) of every token issued."""
        t = api_tokens.c
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(t.token_hash, t.person, t.name, t.created_at, t.revoked_at)
                .order_by(t.created_at, t.person))
            return [(str(h), str(p), str(n), str(c), None if r is None else str(r))
                    for h, p, n, c, r in rows]

    def revoke_tokens(self, hash_prefix: str, at: str) -> None:
        """Revoke the tokens whose hash starts with `hash_prefix` (a whole hash names one)."""
        with self.engine.begin() as connection:
            connection.execute(
                api_tokens.update()
                .where(api_tokens.c.token_hash.startswith(hash_prefix, autoescape=True))
                .values(revoked_at=at))

    def add_invitation(self, token_hash: str, person: str, by: str, at: str,
                       expires_at: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(invitations.insert(), {
                "token_hash": token_hash, "person": person, "created_by": by,
                "created_at": at, "expires_at": expires_at, "used_at": None,
            })

    def invitation(self, token_hash: str) -> tuple[str, str] | None:
        """(person, expires at) of an invitation not used yet."""
        i = invitations.c
        with self.engine.connect() as connection:
            found = connection.execute(
                select(i.person, i.expires_at)
                .where(i.token_hash == token_hash, i.used_at.is_(None))).first()
        return (str(found.person), str(found.expires_at)) if found else None

    def use_invitation(self, token_hash: str, at: str) -> bool:
        """Mark the invitation used; False if it was used already (by a request that came
        first: the update is the test, so one link sets one password)."""
        with self.engine.begin() as connection:
            return bool(connection.execute(
                invitations.update().where(invitations.c.token_hash == token_hash,
                                           invitations.c.used_at.is_(None))
                .values(used_at=at)).rowcount)

    def invitations(self) -> list[tuple[str, str, str, str, str | None]]:
        """(person, made by, made at, expires at, used at) of every invitation."""
        i = invitations.c
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(i.person, i.created_by, i.created_at, i.expires_at, i.used_at)
                .order_by(i.created_at))
            return [(str(p), str(b), str(c), str(e), None if u is None else str(u))
                    for p, b, c, e, u in rows]

    def _one(self, query: Select[tuple[str]]) -> str | None:
        with self.engine.connect() as connection:
            found = connection.execute(query).scalar_one_or_none()
        return str(found) if found is not None else None
