"""Accounts as the interfaces use them: users, logins, tokens, invitations.

The work is done in ``coordina.services.accounts`` (one module per concern); this module is
the one door to it, as it has always been for the API and the command line.
"""

from coordina.services.accounts.invitations import NewInvitation
from coordina.services.accounts.invitations import accept as accept_invitation
from coordina.services.accounts.invitations import create as invite
from coordina.services.accounts.tokens import TokenPair, issue, refresh, revoke_family, user_for_token
from coordina.services.accounts.users import (
    authenticate,
    change_password,
    create_user,
    is_administrator,
    require_administrator,
    user_id_by_name,
    username,
)

__all__ = [
    "NewInvitation",
    "TokenPair",
    "accept_invitation",
    "authenticate",
    "change_password",
    "create_user",
    "invite",
    "is_administrator",
    "issue",
    "refresh",
    "require_administrator",
    "revoke_family",
    "user_for_token",
    "user_id_by_name",
    "username",
]
