"""Amending negotiations: the agreement a negotiation amends.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("negotiations") as batch:
        batch.add_column(sa.Column("amends", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("negotiations") as batch:
        batch.drop_column("amends")
