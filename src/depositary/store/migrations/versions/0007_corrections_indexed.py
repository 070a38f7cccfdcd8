"""Corrections indexed under their kind too, beside their instrument: a correction may move
an act from another instrument, and reading that instrument must find it. Filled from the
log in place, as `rebuild` would.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "INSERT INTO entry_subjects (seq, subject) "
        "SELECT seq, 'correction' FROM entries WHERE kind = 'correction'"
    )


def downgrade() -> None:
    op.execute("DELETE FROM entry_subjects WHERE subject = 'correction'")
