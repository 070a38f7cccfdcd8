"""An index of the log by transaction time: a reading as recorded at a past time finds
where the log stood then with one probe, not a scan of the whole log.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entries_recorded_at", "entries", ["recorded_at"])


def downgrade() -> None:
    op.drop_index("ix_entries_recorded_at", table_name="entries")
