"""Accounts for a multi-country deployment: the administrator role, normalised user names,
expiring and revocable tokens, invitations and failed-login counters.

- ``users`` gains ``username_key`` (NFKC case fold) and ``username_skeleton`` (Unicode TR39
  look-alike form), each with a unique index, and ``administrator``. The columns are added with
  a server default rather than by rebuilding ``users`` in SQLite batch mode: with foreign keys
  on, dropping the old table would cascade to memberships and tokens. Existing names get their
  key and skeleton here (with the functions and table of ``services.accounts.names`` as they
  were at this revision, copied below); a second name with the key or skeleton of an earlier one
  (``Kim`` beside ``kim``) keeps its row, that value suffixed with ``#id`` so the unique index
  holds, and an administrator renames it.
- ``api_tokens`` is made anew with ``kind``, ``family``, ``expires_at`` and ``revoked_at``: the
  tokens issued before never expired, so they are dropped and their users log in again.
- ``invitations`` and ``login_failures`` are new.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import unicodedata
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _key(name: str) -> str:  # as coordina.services.accounts.names.key, frozen here
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


CONFUSABLES = {  # coordina.services.accounts.names.CONFUSABLES at this revision (Unicode TR39)
    "а": "a", "в": "b", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "ӏ": "l", "м": "rn", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "ь": "b",
    "г": "r", "п": "n", "и": "u", "ц": "u", "ш": "w", "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i",
    "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j", "μ": "u",
    "m": "rn", "ı": "i", "ɩ": "i", "ł": "l", "0": "o", "1": "l", "|": "l",
}  # fmt: skip


def _skeleton(name: str) -> str:  # as coordina.services.accounts.names.skeleton, frozen here
    decomposed = unicodedata.normalize("NFD", _key(name))
    return unicodedata.normalize("NFD", "".join(CONFUSABLES.get(c, c) for c in decomposed))


def _unique(value: str, taken: set[str], user_id: int, length: int) -> str:
    if value in taken:
        suffix = f"#{user_id}"
        value = value[: length - len(suffix)] + suffix
    taken.add(value)
    return value


def _api_tokens(new: bool) -> None:
    columns: list[sa.Column[Any]] = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
    ]
    if new:
        columns += [
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="access"),
            sa.Column("family", sa.String(length=32), nullable=True),
        ]
    columns.append(sa.Column("created_at", sa.DateTime(timezone=True), nullable=False))
    if new:
        columns += [
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        ]
    op.create_table(
        "api_tokens",
        *columns,
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    if new:
        op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
        op.create_index("ix_api_tokens_family", "api_tokens", ["family"])


def upgrade() -> None:
    op.add_column("users", sa.Column("username_key", sa.String(length=80), nullable=False, server_default=""))
    op.add_column("users", sa.Column("username_skeleton", sa.String(length=160), nullable=False, server_default=""))
    op.add_column("users", sa.Column("administrator", sa.Boolean(), nullable=False, server_default=sa.false()))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("username", sa.String()),
                     sa.column("username_key", sa.String()), sa.column("username_skeleton", sa.String()))  # fmt: skip
    connection = op.get_bind()
    keys: set[str] = set()
    skeletons: set[str] = set()
    for user_id, username in connection.execute(sa.select(users.c.id, users.c.username).order_by(users.c.id)).all():
        key = _unique(_key(username)[:80], keys, user_id, 80)
        shape = _unique(_skeleton(username)[:160], skeletons, user_id, 160)
        connection.execute(
            sa.update(users).where(users.c.id == user_id).values(username_key=key, username_skeleton=shape)
        )
    op.create_index("ix_users_username_key", "users", ["username_key"], unique=True)
    op.create_index("ix_users_username_skeleton", "users", ["username_skeleton"], unique=True)

    op.drop_table("api_tokens")
    _api_tokens(new=True)

    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("negotiation_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=6), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("invited_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["negotiation_id"], ["negotiations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["invited_by"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["used_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_index("ix_invitations_negotiation_id", "invitations", ["negotiation_id"])
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=80), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("account", "address", "at"):
        op.create_index(f"ix_login_failures_{column}", "login_failures", [column])


def downgrade() -> None:
    for column in ("at", "address", "account"):
        op.drop_index(f"ix_login_failures_{column}", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index("ix_invitations_negotiation_id", table_name="invitations")
    op.drop_table("invitations")
    op.drop_index("ix_api_tokens_family", table_name="api_tokens")
    op.drop_index("ix_api_tokens_user_id", table_name="api_tokens")
    op.drop_table("api_tokens")
    _api_tokens(new=False)
    op.drop_index("ix_users_username_skeleton", table_name="users")
    op.drop_index("ix_users_username_key", table_name="users")
    for column in ("administrator", "username_skeleton", "username_key"):
        op.drop_column("users", column)
