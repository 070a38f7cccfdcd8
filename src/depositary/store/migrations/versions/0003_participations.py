"""What a status chart shows beside each participant's status: its signature, its
consents, the instruments of consent counted for entry into force, its reservations.
Derived, like the projections; `rebuild` fills it for a database made before it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "participations",
        sa.Column("instrument", sa.Text, nullable=False),
        sa.Column("participant", sa.String(16), nullable=False),
        sa.Column("data", sa.Text, nullable=False),  # JSON, see store/participations.py
    )
    op.create_index("ix_participations", "participations", ["instrument"])


def downgrade() -> None:
    op.drop_table("participations")
