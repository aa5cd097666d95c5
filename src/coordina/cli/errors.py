"""The error tree of ``coordina.errors`` at the command line: one table, no tracebacks.

Each kind of error gives an exit status and a message on stderr, printed unwrapped so
that editors and grep can follow ``file:line:`` references.

A command given ``--json`` prints the error instead as the API's RFC 9457 problem document
(``type``, ``title``, ``status``, ``detail``, ``rule``, and ``errors`` with ``file``, ``line`` and
``message`` for invalid data files; the kinds of ``coordina.services.problems``), on stdout, where
its output would have been, so a script reads one JSON document either way; the exit status is
the same as without ``--json``.
"""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from typer._click.globals import get_current_context  # typer runs its own copy of click

from coordina.errors import (
    CaseError,
    CoordinaError,
    DataError,
    Forbidden,
    NotFound,
    Problem,
    Refused,
    StaleVersion,
    Throttled,
    Unauthorized,
)
from coordina.services.problems import problem_document


def _problems(error: CoordinaError) -> str:
    problems = error.problems if isinstance(error, DataError) else []
    return "\n".join([*(str(p) for p in problems), f"{len(problems)} problem(s) found."])


def _error(error: CoordinaError) -> str:
    return f"error: {error}"


def _refusal(error: CoordinaError) -> str:
    return f"refused by rule '{error.rule}': {error.message}"


# The first class in an error's method resolution order that is listed here decides.
EXIT_STATUS_AND_MESSAGE: dict[type[CoordinaError], tuple[int, Callable[[CoordinaError], str]]] = {
    DataError: (1, _problems),  # every file:line: message, then the count
    CaseError: (1, _error),  # field: message (``coordina compute`` adds the file and line)
    NotFound: (1, _error),  # the unknown id, and the known ones where the library has them
    Refused: (1, _refusal),  # the rule of the process that refused
    Forbidden: (1, _refusal),  # the role or delegation rule
    StaleVersion: (1, _refusal),  # optimistic_lock
    Unauthorized: (1, _refusal),
    Throttled: (1, _refusal),
    CoordinaError: (1, _error),
}


def exit_status_and_message(error: CoordinaError) -> tuple[int, str]:
    status, message = next(EXIT_STATUS_AND_MESSAGE[k] for k in type(error).__mro__ if k in EXIT_STATUS_AND_MESSAGE)
    return status, message(error)


def json_requested() -> bool:
    """Whether the running command was given ``--json`` (its parameter ``json``)."""
    context = get_current_context(silent=True)
    return bool(context is not None and context.params.get("json"))


def print_problem(error: CoordinaError, what: str | None = None) -> None:
    """``error`` as a problem document on stdout (``what`` was left undone, for invalid data)."""
    document: dict[str, Any] = problem_document(error)
    if what and isinstance(error, DataError):
        document["detail"] += f"; {what}"
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def fail(message: str) -> NoReturn:
    if json_requested():
        print_problem(CoordinaError("command_line", message))
    else:
        print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(1)


@contextmanager
def user_errors(what: str = "nothing was loaded") -> Iterator[None]:
    """Report any error of the tree (and a bad option value) as a message with its exit status,
    or with ``--json`` as a problem document."""
    try:
        yield
    except CoordinaError as error:
        status, message = exit_status_and_message(error)
        if json_requested():
            print_problem(error, what)
        else:
            print(message, file=sys.stderr)
            if isinstance(error, DataError):
                print(f"{what}.", file=sys.stderr)
        raise typer.Exit(status) from None
    except (KeyError, ValueError) as error:  # a value given on the command line that does not parse
        fail(error.args[0] if error.args else str(error))


def report_problems(problems: list[Problem]) -> None:
    """One ``file:line: message`` per line on stderr, unwrapped, then the count (with ``--json``:
    one problem document listing them)."""
    if json_requested():
        print_problem(DataError(problems))
    else:
        print(_problems(DataError(problems)), file=sys.stderr)
