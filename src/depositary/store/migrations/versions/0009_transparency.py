"""Trust that outsiders can check (issue 13): the log's Merkle tree and the checkpoints the
depositary signs of it; server-side sign-in sessions; a marker for a register made empty on
purpose; and on SQLite a trigger that refuses an entry number already used, which
`INSERT OR REPLACE` would otherwise get past (it deletes without firing DELETE triggers).

The tree is derived from the log: `StoredRegister.upgrade` rebuilds it, with the projections,
after this migration (the migration itself runs no live code).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER entries_append_only_insert BEFORE INSERT ON entries
       WHEN EXISTS (SELECT 1 FROM entries WHERE seq = NEW.seq OR hash = NEW.hash)
       BEGIN SELECT RAISE(ABORT, 'the register is append-only: an entry cannot be replaced');
       END""",
    """CREATE TRIGGER checkpoints_append_only_update BEFORE UPDATE ON checkpoints
       BEGIN SELECT RAISE(ABORT, 'signed checkpoints cannot be changed'); END""",
    """CREATE TRIGGER checkpoints_append_only_delete BEFORE DELETE ON checkpoints
       BEGIN SELECT RAISE(ABORT, 'signed checkpoints cannot be deleted'); END""",
]
POSTGRESQL_TRIGGERS = [
    """CREATE FUNCTION checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'signed checkpoints cannot be %', lower(TG_OP) || 'd'
           USING ERRCODE = 'restrict_violation';
       END $$""",
    """CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
       FOR EACH ROW EXECUTE FUNCTION checkpoints_append_only()""",
    """CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
       FOR EACH STATEMENT EXECUTE FUNCTION checkpoints_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        "merkle_nodes",
        sa.Column("level", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("idx", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "checkpoints",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("tree_size", sa.Integer, nullable=False),
        sa.Column("root_hash", sa.String(64), nullable=False),
        sa.Column("signed_at", sa.String(40), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("verifier", sa.Text, nullable=False),
    )
    op.create_index("ix_checkpoints_tree_size", "checkpoints", ["tree_size"])
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("person", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("seen_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40), nullable=True),
    )
    op.create_index("ix_web_sessions_person", "web_sessions", ["person"])
    op.create_table(
        "markers",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS entries_append_only_insert")
    else:
        op.execute("DROP TRIGGER IF EXISTS checkpoints_append_only ON checkpoints")
        op.execute("DROP TRIGGER IF EXISTS checkpoints_no_truncate ON checkpoints")
    op.drop_table("markers")
    op.drop_index("ix_web_sessions_person", "web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_checkpoints_tree_size", "checkpoints")
    op.drop_table("checkpoints")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS checkpoints_append_only()")
    op.drop_table("merkle_nodes")
