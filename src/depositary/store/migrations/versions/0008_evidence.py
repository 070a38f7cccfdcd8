"""Each status row and each general entry into force carries its evidence (the weakest
confidence of the facts it rests on, their sources, the readings not chosen where sources
disagree), and a general entry into force may be unknown. The rows written before have
none: `open_register` (`StoredRegister.upgrade`), having applied this migration, rebuilds the
projections from the log, as `rebuild` would (the migration itself runs no live code).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("status_intervals") as table:
        table.add_column(sa.Column("evidence", sa.Text, nullable=True))
    with op.batch_alter_table("instrument_status") as table:
        table.add_column(
            sa.Column("known", sa.Boolean, nullable=False, server_default=sa.true())
        )
        table.add_column(sa.Column("evidence", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("instrument_status") as table:
        table.drop_column("evidence")
        table.drop_column("known")
    with op.batch_alter_table("status_intervals") as table:
        table.drop_column("evidence")
