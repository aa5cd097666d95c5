"""``coordina trust``: signing keys, and the signed trust list of an agreement's institutions.

``keygen`` writes a key pair (the private key readable by its owner alone); ``make`` builds a trust
list from a JSON description (signed at once with the authorities' keys given, or not at all);
``sign`` adds one competent authority's signature; ``anchors`` writes the anchors file a node is
given out of band (each party's authority public key).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from coordina.cli.output import fail, print_json, user_errors

app = typer.Typer(help="Keys and signed trust lists for the exchange between institutions.", no_args_is_help=True)


class Algorithm(StrEnum):
    ed25519 = "Ed25519"
    p256 = "P-256"


def _pairs(values: list[str], what: str) -> dict[str, Path]:
    pairs: dict[str, Path] = {}
    for value in values:
        party, sep, file = value.partition("=")
        if not sep or not party or not file:
            fail(f"{what} {value!r}: expected PARTY=FILE, e.g. KR=kr-authority.key")
        pairs[party.strip().upper()] = Path(file)
    return pairs


@app.command()
def keygen(
    out: Annotated[Path, typer.Option("--out", help="The private key file (mode 0600); the public key in FILE.pub.")],
    alg: Annotated[Algorithm, typer.Option("--alg", help="Ed25519 or P-256.")] = Algorithm.ed25519,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Generate a signing key: the private key in --out (mode 0600), the public key beside it."""
    from coordina.services.exchange_keys import generate_key_files, public_path

    with user_errors("no key was written"):
        key = generate_key_files(out, alg.value)
    record = {
        "private_key": str(out),
        "public_key": str(public_path(out)),
        "kid": key.kid.hex(),
        "alg": key.public().alg_name,
    }
    if json:
        print_json(record)
    else:
        typer.echo(f"wrote {out} (mode 0600) and {public_path(out)}: key {record['kid']} ({record['alg']})")


@app.command()
def make(
    description: Annotated[Path, typer.Argument(help="The trust list as JSON.")],
    out: Annotated[Path, typer.Option("--out", help="The signed trust list (COSE_Sign).")],
    key: Annotated[
        list[str] | None, typer.Option("--key", help="PARTY=FILE: an authority's private key; repeat.")
    ] = None,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Build a trust list from its description, signed with each authority key given."""
    from coordina.services.exchange_trust import make_trust_list

    keys = _pairs(key or [], "--key")
    with user_errors("no trust list was written"):
        trust_list = make_trust_list(description, out, keys)
    missing = [party for party in trust_list.parties if party not in keys]
    record = {
        "agreement": trust_list.agreement,
        "version": trust_list.version,
        "bodies": len(trust_list.entries),
        "signed_by": sorted(keys),
        "to_sign": missing,
        "out": str(out),
    }
    if json:
        print_json(record)
    else:
        typer.echo(
            f"wrote {out}: {trust_list.describe()}, {len(trust_list.entries)} "
            f"{'body' if len(trust_list.entries) == 1 else 'bodies'}; "
            f"signed by {', '.join(sorted(keys)) or 'no one yet'}"
            + (f"; still to sign: {', '.join(missing)} (coordina trust sign)" if missing else "")
        )


@app.command()
def sign(
    trust_list: Annotated[Path, typer.Argument(help="The trust list file to sign.")],
    key: Annotated[Path, typer.Option("--key", help="The competent authority's private key file.")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the signed list (default: in place).")
    ] = None,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Add a competent authority's signature to a trust list."""
    from coordina.services.exchange_trust import sign_trust_list_file

    with user_errors("the trust list was not changed"):
        listed, kids = sign_trust_list_file(trust_list, key, out)
    if json:
        print_json(
            {"agreement": listed.agreement, "version": listed.version, "signed_by_keys": [k.hex() for k in kids]}
        )
    else:
        typer.echo(f"signed {listed.describe()}; its signatures are by keys {', '.join(k.hex() for k in kids)}")


@app.command()
def anchors(
    party: Annotated[list[str], typer.Option("--party", help="PARTY=FILE.pub: an authority's public key; repeat.")],
    out: Annotated[Path, typer.Option("--out", help="The anchors file (JSON) to give each node out of band.")],
) -> None:
    """Write the trust anchors file: each party's competent authority public key."""
    from coordina.services.exchange_trust import write_anchors

    keys = _pairs(party, "--party")
    with user_errors("no anchors file was written"):
        write_anchors(out, keys)
    typer.echo(f"wrote {out}: anchors of {', '.join(sorted(keys))}")
