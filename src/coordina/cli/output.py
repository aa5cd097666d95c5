"""Shared output helpers: JSON that is stable, errors without tracebacks."""

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console

from coordina.library.problems import DataError, Problem

# Wide tables when piped (logs, the quick start): 80 columns cannot hold a 7-agreement matrix.
console = Console(soft_wrap=False, width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160)
errors = Console(stderr=True)


def print_json(value: Any) -> None:
    """Indented JSON with keys in model order, so output diffs cleanly between versions."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def fail(message: str) -> NoReturn:
    errors.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(1)


@contextmanager
def user_errors(what: str = "nothing was loaded") -> Iterator[None]:
    """Report bad data or unknown ids as messages and exit 1, never as a traceback."""
    try:
        yield
    except DataError as error:
        report_problems(error.problems)
        print(f"{what}.", file=sys.stderr)
        raise typer.Exit(1) from None
    except (KeyError, ValueError) as error:
        fail(error.args[0] if error.args else str(error))


def report_problems(problems: list[Problem]) -> None:
    """One ``file:line: message`` per line on stderr, unwrapped, for editors and grep."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s) found.", file=sys.stderr)
