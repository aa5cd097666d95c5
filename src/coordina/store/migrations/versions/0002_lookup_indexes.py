"""Indexes for the lookups every request makes: memberships by user, audit entries by negotiation.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    op.create_index("ix_audit_log_negotiation_id", "audit_log", ["negotiation_id"])
    op.create_index("ix_drafts_negotiation_id", "drafts", ["negotiation_id"])


def downgrade() -> None:
    op.drop_index("ix_drafts_negotiation_id", table_name="drafts")
    op.drop_index("ix_audit_log_negotiation_id", table_name="audit_log")
    op.drop_index("ix_memberships_user_id", table_name="memberships")
