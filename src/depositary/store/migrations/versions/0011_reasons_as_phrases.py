"""The projections keep each reason as a phrase (its English with placeholders and the
values apart: depositary.domain.phrases), so a stored chart is said in any language. The
schema is unchanged; the rows written before hold English sentences, which no language
but English can say: `open_register` (`StoredRegister.upgrade`), having applied this
revision, rebuilds the projections from the log, as `rebuild` would.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing in the schema: the revision marks the projections to rebuild."""


def downgrade() -> None:
    """Nothing to undo."""
