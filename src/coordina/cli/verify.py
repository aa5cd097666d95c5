"""``coordina verify``: is a certificate of coverage valid, and why not, offline.

Exit status 0 valid, 1 not valid (every reason printed in words), 2 the input or the trust list
could not be used (no such file, no QR code, a trust list its authorities did not sign).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coordina.errors import CoordinaError, DataError

VALID, NOT_VALID, BAD_INPUT = 0, 1, 2


def _bad_input(error: CoordinaError, as_json: bool) -> None:
    from coordina.cli.errors import print_problem

    if as_json:
        print_problem(error)
    elif isinstance(error, DataError):  # a file's problems: the line where there is one
        for problem in error.problems:
            where = f"{problem.file}" if problem.line == 0 else f"{problem.file}:{problem.line}"
            typer.echo(f"error: {where}: {problem.message}", err=True)
    else:
        typer.echo(f"error: {error.message}", err=True)
    raise typer.Exit(BAD_INPUT)


def verify(
    source: Annotated[
        str, typer.Argument(help="A PNG (or other image) or PDF with the QR code, a text file, or the CC1: text")
    ],
    trust_list: Annotated[
        Path | None, typer.Option("--trust-list", envvar="COORDINA_TRUST_LIST", help="The signed trust list file.")
    ] = None,
    anchors: Annotated[
        Path | None,
        typer.Option("--anchors", envvar="COORDINA_TRUST_ANCHORS", help="The authorities' keys that sign the list."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
) -> None:
    """Say whether a certificate of coverage is valid and why not, without the network."""
    from coordina.cli.output import print_json
    from coordina.services import exchange_verify

    if trust_list is None or anchors is None:
        _bad_input(
            CoordinaError("command_line", "a trust list and its anchors are needed: --trust-list FILE --anchors FILE"),
            json,
        )
        return
    try:
        checked = exchange_verify.verify(source, trust_list=trust_list, anchors=anchors)
    except CoordinaError as error:
        _bad_input(error, json)
        return
    except Exception as error:  # a decoder's or reader's own failure: said in one line, no traceback
        _bad_input(CoordinaError("unreadable", f"{source}: {type(error).__name__}: {error}"), json)
        return
    verdict = checked.verdict
    if json:
        print_json(exchange_verify.verdict_document(checked))
    elif verdict.valid:
        certificate = verdict.certificate or {}
        number = (certificate.get("institution") or {}).get("certificate_number", "")
        typer.echo(f"valid: certificate of coverage {number} ({checked.source})".replace("  ", " "))
        issued = f"{verdict.issued_at:%Y-%m-%d}" if verdict.issued_at else "not recorded"
        until = f"{verdict.expires:%Y-%m-%d}" if verdict.expires else "not recorded"
        kid = verdict.kid.hex() if verdict.kid else "?"
        by = f"{verdict.issuing_body} ({verdict.issuer})"
        typer.echo(f"  issued by {by} with key {kid}, signed {issued}, valid until {until}")
    else:
        typer.echo(f"not valid ({checked.source}):")
        for words in verdict.words:
            typer.echo(f"  - {words}")
    raise typer.Exit(VALID if verdict.valid else NOT_VALID)
