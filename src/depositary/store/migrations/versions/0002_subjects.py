"""What each entry is about, and instruments by alias: indexes for reading one instrument
or one participant without replaying the whole log. Derived, like the projections.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json

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
    # Index the entries already in the log (a database made before this migration).
    from depositary.store.database import index_row, subjects_of
    from depositary.store.schema import instrument_index as instrument_index_table

    bind = op.get_bind()
    aliases: dict[str, str] = {}
    rows = bind.execute(sa.text("SELECT seq, kind, key, payload FROM entries ORDER BY seq"))
    for seq, kind, key, payload in list(rows):
        data = json.loads(payload)
        if kind == "instrument":
            aliases[data["alias"]] = key
        for subject in subjects_of(kind, key, data, lambda k: aliases.get(k, k)):
            bind.execute(
                sa.text("INSERT INTO entry_subjects (seq, subject) VALUES (:seq, :subject)"),
                {"seq": seq, "subject": subject},
            )
        if kind == "instrument":
            bind.execute(sa.insert(instrument_index_table), [index_row(key, data)])


def downgrade() -> None:
    op.drop_table("instrument_index")
    op.drop_table("entry_subjects")
