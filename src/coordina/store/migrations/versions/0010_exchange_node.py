"""An institution's exchange node: its message log, its conversations and its access log.

- ``exchange_messages``: every document sent or received, as the signed bytes it travelled as,
  with its key id and signature; ``document`` and ``payload`` are emptied when retention purges
  it (``purged_at`` set), the row stays.
- ``exchange_conversations``: the state of each run of a declared flow.
- ``exchange_access_log``: who handled which document's personal data, when and why.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "exchange_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(36), nullable=False),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("agreement", sa.String(80), nullable=False),
        sa.Column("form", sa.String(64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("flow", sa.String(64), nullable=True),
        sa.Column("conversation_id", sa.String(36), nullable=True),
        sa.Column("in_reply_to", sa.String(36), nullable=True),
        sa.Column("sender", sa.String(80), nullable=False),
        sa.Column("recipient", sa.String(80), nullable=False),
        sa.Column("person", sa.String(80), nullable=True),
        sa.Column("sent_at", UTC_TIME, nullable=False),
        sa.Column("logged_at", UTC_TIME, nullable=False),
        sa.Column("kid", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("delivery", sa.String(500), nullable=True),
        sa.Column("retain_until", UTC_TIME, nullable=True),
        sa.Column("purged_at", UTC_TIME, nullable=True),
        sa.CheckConstraint("direction IN ('sent', 'received')", name="ck_exchange_messages_direction"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    for column in ("agreement", "conversation_id", "person", "retain_until"):
        op.create_index(f"ix_exchange_messages_{column}", "exchange_messages", [column])
    op.create_table(
        "exchange_conversations",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("flow", sa.String(64), nullable=False),
        sa.Column("agreement", sa.String(80), nullable=False),
        sa.Column("initiator", sa.String(80), nullable=False),
        sa.Column("responder", sa.String(80), nullable=False),
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("entered_at", UTC_TIME, nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "exchange_access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("message_id", sa.String(36), nullable=True),
        sa.Column("person", sa.String(80), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["exchange_messages.message_id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_exchange_access_log_message_id", "exchange_access_log", ["message_id"])
    op.create_index("ix_exchange_access_log_person", "exchange_access_log", ["person"])


def downgrade() -> None:
    op.drop_table("exchange_access_log")
    op.drop_table("exchange_conversations")
    op.drop_table("exchange_messages")
