"""The accounts as the administrator sees them: roles held, keys, who can sign in, and the
API tokens, with no secret (a token is named by the start of its hash)."""

from __future__ import annotations

from depositary.app.accounts import Accounts
from depositary.app.stored import StoredRegister
from depositary.app.workflow import Workflow
from depositary.shapes.public_log import (
    AccountsPublic,
    KeyPublic,
    PasswordSetAt,
    RoleHeld,
    TokenPublic,
)


def accounts_public(stored: StoredRegister) -> AccountsPublic:
    """Every role held, every key, who has a password and since when, every token."""
    workflow, accounts = Workflow(stored), Accounts(stored)
    return AccountsPublic(
        roles=[RoleHeld(person=p, role=r) for p, r in workflow.grants()],
        keys=[
            KeyPublic(person=k.person, public=k.public, valid_from=k.valid_from,
                      revoked_on=k.revoked_on)
            for k in workflow.keys(person=None)
        ],
        passwords=[PasswordSetAt(person=p, updated_at=at)
                   for p, at in accounts.with_passwords().items()],
        tokens=[TokenPublic.model_validate(t) for t in accounts.tokens()],
    )
