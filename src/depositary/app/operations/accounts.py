"""The accounts' operations: a person's password set, an API token issued or revoked. Their
secrets are kept out of the public log (`app/accounts.py`), so they write no entry, and
their permission is checked here rather than by the workflow: a person manages their own
account, the administrator anyone's, and whoever runs the CLI at the database (who can
read its tables anyway) any. Whoever asks from elsewhere proves their password again where
a stolen session must not be enough: to change their own, or to mint a token that would
outlive the session."""

from __future__ import annotations

from pydantic import Field

from depositary.app.accounts import MIN_PASSWORD, Accounts
from depositary.app.operations.councils import Nothing
from depositary.app.operations.registry import Answer, Caller, Input, Operation
from depositary.app.stored import StoredRegister
from depositary.app.workflow import ADMINISTRATOR, NotPermitted, Workflow
from depositary.domain.phrases import joined, say

SECRET = 1024  # characters at most in a password given: argon2 hashes whatever it is given


class PasswordIn(Input):
    password: str = Field(min_length=MIN_PASSWORD, max_length=SECRET)
    current: str = Field(default="", max_length=SECRET)  # the person's own, when changing it


class PasswordSet(Answer):
    person: str
    sessions_ended: int
    tokens_revoked: int


def set_password(ledger: StoredRegister, caller: Caller, given: PasswordIn,
                 person: str) -> PasswordSet:
    """A person's password set: changed by the person, who gives the current one (a stolen
    session alone cannot lock its owner out), or reset by the administrator. Every session
    and every API token of the person ends, a token used for this request too."""
    _own_or_administrator(ledger, caller, person, "account.password")
    if caller.person == person:
        _prove(caller, given.current, "account.password")
    ended, revoked = Accounts(ledger).set_password(person, given.password)
    return PasswordSet(person=person, sessions_ended=ended, tokens_revoked=revoked)


class TokenIn(Input):
    person: str
    name: str = Field(default="api", min_length=1, max_length=80)  # what the token is for
    # The password of whoever asks, again (not checked at the database): a session or a
    # token taken by someone else cannot mint a token of its own.
    password: str = Field(max_length=SECRET)


class TokenIssued(Answer):
    person: str
    name: str
    token: str = Field(description="The token, in this answer only: it is kept as its hash.")


def issue_token(ledger: StoredRegister, caller: Caller, given: TokenIn, _: str) -> TokenIssued:
    """An API token for a person (Authorization: Bearer TOKEN), given once and kept only as
    its hash."""
    _own_or_administrator(ledger, caller, given.person, "token.issue")
    _prove(caller, given.password, "token.issue")
    token = Accounts(ledger).create_token(given.person, given.name.strip() or "api")
    return TokenIssued(person=given.person, name=given.name, token=token)


class TokenRevoked(Answer):
    token: str = Field(description="The token's id: the start of its hash.")
    person: str


def revoke_token(ledger: StoredRegister, caller: Caller, _: Nothing,
                 token: str) -> TokenRevoked:
    """An API token revoked, named by the start of its hash (as the accounts list it)."""
    accounts = Accounts(ledger)
    owner = next((str(t["person"]) for t in accounts.tokens() if t["id"] == token), "")
    _own_or_administrator(ledger, caller, owner, "token.revoke")
    return TokenRevoked(token=token, person=accounts.revoke_token_id(token))


def _own_or_administrator(ledger: StoredRegister, caller: Caller, person: str,
                          operation: str) -> None:
    if not caller.local and caller.person != person:
        Workflow(ledger).require_role(caller.person, ADMINISTRATOR, operation)


def _prove(caller: Caller, password: str, operation: str) -> None:
    """Refuse unless the caller proves `password` theirs, as their door checks it (the web
    throttles the checks); at the database there is nothing to prove."""
    if caller.local:
        return
    try:
        right = caller.proves is not None and caller.proves(password)
    except NotPermitted as error:  # too many attempts
        raise NotPermitted(joined(f"{operation}: ", error.said)) from None
    if not right:
        raise NotPermitted(say("%(operation)s: the current password is wrong", operation=operation))


OWN = "the person, or an administrator"
OPERATIONS = (
    Operation("account.password", OWN, "", PasswordIn, PasswordSet, set_password,
              target="person"),
    Operation("token.issue", OWN, "", TokenIn, TokenIssued, issue_token),
    Operation("token.revoke", "the token's person, or an administrator", "", Nothing,
              TokenRevoked, revoke_token, target="token_id"),
)
