"""Invitations: the one-time links through which a person sets their own password, made
by an administrator for a newcomer or for a reset, each kept as the SHA-256 of its secret,
with when it expires and when it was used. Secrets, kept out of the public log like the
passwords (0005).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invitations",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("person", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
        sa.Column("used_at", sa.String(40), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("invitations")
