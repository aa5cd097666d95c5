"""Impact simulation runs as jobs (issue 13 item 4): a run and the manifest of its partitions.

- ``simulation_runs``: one row per run, keyed by ``services.simulation.key`` (agreement content,
  population content, engine version, assumptions, years; unique, so the same run is not redone),
  its request (JSON), state (queued | running | done | failed), stage, partitions done of total,
  the error of a failed run, where its partition results (``run_dir``) and its report
  (``out_dir``) go, and the worker that holds it (process id, host, the claim it took, the time
  of its last heartbeat: a running run whose heartbeat is stale was left by a crashed worker).
- ``simulation_partitions``: the manifest, one row per partition of a run (its index and person
  range), pending or done with the path of its result; unique ``(run_id, index)``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "simulation_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False, server_default="queued"),
        sa.Column("stage", sa.String(length=80), nullable=True),
        sa.Column("partitions_total", sa.Integer(), nullable=True),
        sa.Column("partitions_done", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("run_dir", sa.String(length=1000), nullable=False),
        sa.Column("out_dir", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("worker_pid", sa.Integer(), nullable=True),
        sa.Column("worker_host", sa.String(length=255), nullable=True),
        sa.Column("worker_claim", sa.String(length=32), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="ck_simulation_runs_state"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_simulation_runs_state", "simulation_runs", ["state"])
    op.create_table(
        "simulation_partitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("first_person", sa.BigInteger(), nullable=False),
        sa.Column("last_person", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False, server_default="pending"),
        sa.Column("result_path", sa.String(length=1000), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('pending', 'done')", name="ck_simulation_partitions_state"),
        sa.ForeignKeyConstraint(["run_id"], ["simulation_runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "index"),
    )


def downgrade() -> None:
    op.drop_table("simulation_partitions")
    op.drop_index("ix_simulation_runs_state", table_name="simulation_runs")
    op.drop_table("simulation_runs")
