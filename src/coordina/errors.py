"""The one root of every error coordina raises on purpose.

Every error names what refused it (``rule``: a rule of the process, a field of a case, a
kind of record) and says why (``message``). The interfaces translate the tree at their
edge, each in one table: the command line to an exit status and a message
(``coordina.cli.errors``), the API to an HTTP status and a body (``coordina.api.errors``).

::

    CoordinaError
    ├── DataError        data files are invalid: every problem with file and line
    ├── CaseError        a case cannot be decided as given (names the field)
    │   └── Conflict     two exceptions of the agreement apply and disagree
    ├── NotFound         no such agreement, scheme, negotiation, user, registry row …
    ├── Refused          a rule of the process refuses the action in the current state
    ├── Forbidden        the actor's role or delegation does not allow the action
    ├── StaleVersion     the write was based on an older version
    ├── Unauthorized     unknown user, wrong password, unknown, expired or revoked token
    ├── Throttled        too many attempts (failed logins): try again after ``retry_after`` s
    ├── ClusterError     the Dask cluster could not run a simulation (unreachable, a worker died)
    └── ExchangeRefused  a signed document, trust list or certificate is not accepted (the reason in words)
"""

from dataclasses import dataclass
from pathlib import Path


class CoordinaError(Exception):
    """Root of the hierarchy: ``rule`` names what refused, ``message`` says why."""

    def __init__(self, rule: str, message: str) -> None:
        self.rule = rule
        self.message = message
        super().__init__(f"{rule}: {message}")

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a data file, reported as ``file:line: message``."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataError(CoordinaError):
    """One or more data files are invalid; nothing from them was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        text = "\n".join(str(p) for p in self.problems)
        super().__init__("valid_data", text)
        self.args = (text,)


class CaseError(CoordinaError, ValueError):
    """The case is inconsistent (e.g. contradictory periods); ``field`` names where."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(field, message)


class Conflict(CaseError):
    """Two exceptions of the agreement apply and disagree: never a silent pick (Catala's Conflict)."""


class NotFound(CoordinaError, KeyError):
    """No record of that kind with that id; ``rule`` names the kind (``agreement``, ``scheme`` …).

    Also a ``KeyError``, as an unknown id in the library has always been.
    """

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(rule, message)
        self.args = (message,)


class Refused(CoordinaError):
    """A rule of the process refuses the action in the current state; ``rule`` is its name."""


class Forbidden(CoordinaError):
    """The actor's delegation or role does not allow the action."""


class StaleVersion(CoordinaError):
    """The write was based on an older version: never a silent overwrite."""


class Unauthorized(CoordinaError):
    """Unknown user or wrong password, or an unknown or revoked token."""


class Throttled(CoordinaError):
    """Too many attempts in a window (failed logins); ``retry_after`` says when to try again."""

    def __init__(self, rule: str, message: str, retry_after: int) -> None:
        super().__init__(rule, message)
        self.retry_after = retry_after


class ClusterError(CoordinaError):
    """The Dask cluster could not run the simulation (``services.simulation_dask``): no scheduler
    answered, a worker died running a partition or could not read the population (rule
    ``dask_cluster``). Said in one line, never with a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__("dask_cluster", message)


class ExchangeRefused(CoordinaError):
    """A document between institutions, a trust list or a certificate of coverage is not accepted
    (``coordina.exchange``): ``rule`` is the reason's code (``signature_invalid``, ``key_unknown``,
    ``key_expired``, ``key_revoked``, ``key_not_on_trust_list``, ``trust_list_outdated``, ``replay``,
    ``wrong_agreement``, ``form_not_in_arrangement``, ...), ``message`` says it in words."""
