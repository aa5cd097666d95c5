"""The liaison agencies and competent institutions an administrative arrangement names (JSON:
``{"id", "party", "name", "role", "branches"}``); NULL for an arrangement concluded before they
were recorded (not recorded, never "none").

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("arrangements") as batch:
        batch.add_column(sa.Column("bodies", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("arrangements") as batch:
        batch.drop_column("bodies")
