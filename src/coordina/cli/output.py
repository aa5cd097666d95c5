"""Shared output helpers: JSON that is stable; errors without tracebacks (from ``cli.errors``)."""

import json
import os
import sys
from typing import Any

from rich.console import Console

from coordina.cli.errors import fail, report_problems, user_errors

__all__ = ["console", "fail", "print_json", "report_problems", "user_errors"]

# Wide tables when piped (logs, the quick start): 80 columns cannot hold a 7-agreement matrix.
console = Console(soft_wrap=False, width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160)


def print_json(value: Any) -> None:
    """Indented JSON with keys in model order, so output diffs cleanly between versions."""
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")
