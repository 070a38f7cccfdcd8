"""What each entry is about, and instruments by alias: indexes for reading one instrument
or one participant without replaying the whole log. Derived, like the projections: created
empty here and filled by the rebuild that follows the upgrade.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_subjects",
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
    )
    op.create_index("ix_entry_subjects", "entry_subjects", ["subject", "seq"])
    op.create_table(
        "instrument_index",
        sa.Column("alias", sa.Text, primary_key=True),
        sa.Column("instrument", sa.Text, nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("titles", sa.Text, nullable=False),
        sa.Column("adopted", sa.Date, nullable=True),
    )
    op.create_index("ix_instrument_index_instrument", "instrument_index", ["instrument"])
    # The rows are derived from the log: a register migrated from before this revision is
    # rebuilt by `StoredRegister.upgrade` (which runs the engine after 0008), never filled here
    # with the live code of today, which indexes differently from the code of then.


def downgrade() -> None:
    op.drop_table("instrument_index")
    op.drop_table("entry_subjects")
