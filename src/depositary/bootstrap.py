"""The composition root: the one module that knows both the use cases (`app`) and the
storage that implements their ports (`store`). The CLI and the web application open a
register here, and ask here what a storage failure means."""

from __future__ import annotations

from depositary.app.passwords import Passwords
from depositary.app.settings import Settings
from depositary.app.stored import StoredRegister, refuse_emptied
from depositary.log.checkpoints import Notary
from depositary.store.database import Database
from depositary.store.failures import Failure, StoreError, failure_of, reason_of

__all__ = ["Failure", "StoreError", "failure_of", "open_register", "reason_of"]


def open_register(settings: Settings | None = None, *, load_bundled: bool = True) -> StoredRegister:
    """The configured register: its database created and migrated on first use, an empty
    log given the bundled Commonwealth register (unless `load_bundled` is false or it was
    made empty on purpose), with the depositary's key to sign checkpoints."""
    settings = settings or Settings.from_environment()
    database = Database(settings.database_url)
    refuse_emptied(database)  # before anything is made, the signing key included
    ledger = StoredRegister(database, Notary.open(settings.signing_key()), settings.origin,
                            Passwords(settings.password_hashing))
    ledger.prepare(load_bundled=load_bundled)
    return ledger
