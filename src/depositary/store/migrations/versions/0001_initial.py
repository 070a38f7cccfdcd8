"""The log, its append-only triggers, and the projections.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The database itself refuses to change the log: the code is not the only guard.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries
       BEGIN SELECT RAISE(ABORT, 'the register is append-only: entries cannot be updated'); END""",
    """CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries
       BEGIN SELECT RAISE(ABORT, 'the register is append-only: entries cannot be deleted'); END""",
]
POSTGRESQL_TRIGGERS = [
    """CREATE FUNCTION entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'the register is append-only: entries cannot be %', lower(TG_OP)
           USING ERRCODE = 'restrict_violation';
       END $$""",
    """CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
       FOR EACH ROW EXECUTE FUNCTION entries_append_only()""",
    """CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
       FOR EACH STATEMENT EXECUTE FUNCTION entries_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "status_intervals",
        sa.Column("instrument", sa.Text, nullable=False),
        sa.Column("participant", sa.String(16), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("valid_from", sa.Date, nullable=True),
        sa.Column("valid_to", sa.Date, nullable=True),
        sa.Column("in_force_from", sa.Date, nullable=True),
        sa.Column("reasons", sa.Text, nullable=False),
    )
    op.create_index("ix_status_by_participant", "status_intervals", ["participant", "valid_from"])
    op.create_index("ix_status_by_instrument", "status_intervals", ["instrument", "valid_from"])
    op.create_table(
        "instrument_status",
        sa.Column("instrument", sa.Text, primary_key=True),
        sa.Column("entry_into_force", sa.Date, nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("instrument_status")
    op.drop_table("status_intervals")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS entries_append_only ON entries")
        op.execute("DROP TRIGGER IF EXISTS entries_no_truncate ON entries")
        op.execute("DROP FUNCTION IF EXISTS entries_append_only()")
    op.drop_table("entries")
