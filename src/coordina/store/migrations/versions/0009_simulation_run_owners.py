"""Simulation runs have owners: the signed-in users who submitted them.

- ``simulation_run_owners``: one row per (run, user) that submitted the run. A run is keyed
  (``services.simulation_key``) and computed once, so a second user submitting the very same
  inputs is recorded as an owner of the same run (they hold the same agreement, population and
  assumptions: its figures tell them nothing they could not compute). A run without a row here
  (every run made before this migration, and the command line's, which has no signed-in user)
  belongs to the workspace's local owner: the command line and administrators see it. Deleting a
  user or a run deletes its rows.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "simulation_run_owners",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["simulation_runs.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("run_id", "user_id"),
    )
    op.create_index("ix_simulation_run_owners_user_id", "simulation_run_owners", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_simulation_run_owners_user_id", table_name="simulation_run_owners")
    op.drop_table("simulation_run_owners")
