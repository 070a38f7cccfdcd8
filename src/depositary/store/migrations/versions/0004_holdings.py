"""Each status row carries what a list of a participant's instruments shows (alias, kind,
titles, adoption), so that "what binds X on D" is one index range scan with no join; and
entries can be found by key (an instrument's entry, participants by code) directly.
Filled here from the index of instruments, as the write path fills them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_LISTED = ("alias", "kind", "titles", "adopted")


def upgrade() -> None:
    with op.batch_alter_table("status_intervals") as table:
        table.add_column(sa.Column("alias", sa.Text, nullable=True))
        table.add_column(sa.Column("kind", sa.String(24), nullable=True))
        table.add_column(sa.Column("titles", sa.Text, nullable=True))
        table.add_column(sa.Column("adopted", sa.Date, nullable=True))
    for column in _LISTED:
        op.execute(
            f"UPDATE status_intervals SET {column} = (SELECT i.{column} FROM instrument_index i"
            " WHERE i.instrument = status_intervals.instrument)"
        )
    op.create_index("ix_entries_key", "entries", ["key"])


def downgrade() -> None:
    op.drop_index("ix_entries_key", "entries")
    with op.batch_alter_table("status_intervals") as table:
        for column in _LISTED:
            table.drop_column(column)
