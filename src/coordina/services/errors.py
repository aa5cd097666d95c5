"""Why a service refused an action: every refusal names the rule that refused it.

The classes are those of the one hierarchy in ``coordina.errors``, importable from here too.
"""

from coordina.errors import CoordinaError, Forbidden, NotFound, Refused, StaleVersion, Throttled, Unauthorized

ServiceError = CoordinaError  # the former base of the workspace errors: now the root itself

__all__ = ["Forbidden", "NotFound", "Refused", "ServiceError", "StaleVersion", "Throttled", "Unauthorized"]
