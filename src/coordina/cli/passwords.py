"""Passwords at the command line: from ``COORDINA_PASSWORD`` (for scripts), else asked for
without echo; never a command-line option, which would stay in the shell's history and in
the process list."""

import os

import typer


def read_password(confirm: bool = False, prompt: str = "Password") -> str:
    given = os.environ.get("COORDINA_PASSWORD")
    if given:
        return given
    value: str = typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm)
    return value
