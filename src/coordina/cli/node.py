"""``coordina node``: an institution's exchange node — serve its endpoint, send and answer
documents, read its message log (every read logged with its purpose), purge what retention ends,
export a person's data, and decide a claim on the periods other institutions certified.

Every command takes the node's settings file (``--config``, or ``COORDINA_NODE_CONFIG``)."""

import getpass
import json as json_module
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from coordina.cli.agreements import JsonFlag
from coordina.cli.errors import fail, user_errors
from coordina.cli.output import print_json

app = typer.Typer(help="An institution's exchange node: signed documents with the other parties' institutions.",
                  no_args_is_help=True)  # fmt: skip

Config = Annotated[Path, typer.Option("--config", envvar="COORDINA_NODE_CONFIG", help="The node's settings file.")]
Actor = Annotated[str | None, typer.Option("--as", help="Who acts (for the access log); default: your user name.")]


def _node(config: Path) -> Any:
    from coordina.services.exchange_settings import open_node, read_settings

    return open_node(read_settings(config))


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown user"


@app.command()
def serve(config: Config) -> None:
    """Run the node's endpoint (``POST /exchange/v1/documents``) until stopped."""
    import uvicorn

    from coordina.api.node_app import create_node_app
    from coordina.services.exchange_settings import open_node, read_settings

    with user_errors():
        settings = read_settings(config)
        node = open_node(settings)
    typer.echo(f"{settings.institution}: listening on http://{settings.host}:{settings.port}", err=True)
    uvicorn.run(create_node_app(node), host=settings.host, port=settings.port, log_level="warning")


@app.command()
def send(
    config: Config,
    agreement: Annotated[str, typer.Option(help="The agreement the document is sent under.")],
    form: Annotated[str, typer.Option(help="The form's name (coordina schema form NAME).")],
    to: Annotated[str, typer.Option("--to", help="The receiving institution's body id.")],
    payload: Annotated[Path, typer.Option(help="The form's data, a JSON file.")],
    in_reply_to: Annotated[str | None, typer.Option(help="The message id it answers.")] = None,
    flow: Annotated[str | None, typer.Option(help="The flow it opens (default: the one its form opens).")] = None,
    purpose: Annotated[str, typer.Option(help="Why (for the access log).")] = "exchange under the agreement",
    actor: Actor = None,
    json: JsonFlag = False,
) -> None:
    """Sign a document and deliver it; print its message id and the other node's receipt."""
    with user_errors():
        data = _payload(payload)
        sent = _node(config).send(agreement=agreement, form=form, payload=data, recipient=to, in_reply_to=in_reply_to,
                                  flow=flow, actor=_actor(actor), purpose=purpose)  # fmt: skip
    _print_sent(sent, json)


@app.command("request-periods")
def request_periods(
    config: Config,
    agreement: Annotated[str, typer.Option(help="The agreement.")],
    to: Annotated[str, typer.Option("--to", help="The institution asked (body id).")],
    surname: Annotated[str, typer.Option()],
    forenames: Annotated[str, typer.Option()],
    birth_date: Annotated[str, typer.Option(help="YYYY-MM-DD")],
    claim_date: Annotated[str, typer.Option(help="YYYY-MM-DD")],
    identifier: Annotated[str | None, typer.Option(help="The person's number at the institution asked.")] = None,
    branch: Annotated[str, typer.Option()] = "old_age",
    actor: Actor = None,
    json: JsonFlag = False,
) -> None:
    """Ask another institution for the periods a person completed under its legislation."""
    with user_errors():
        node = _node(config)
        person = {"identifier": identifier, "surname": surname, "forenames": forenames, "birth_date": birth_date}
        name = node.config.records.name if node.config.records else node.config.institution
        asking = {"body": node.config.institution, "name": name}
        payload = {"person": {k: v for k, v in person.items() if v is not None}, "branch": branch,
                   "institution": asking, "claim_date": claim_date}  # fmt: skip
        sent = node.send(agreement=agreement, form="periods_request", payload=payload, recipient=to,
                         actor=_actor(actor), purpose=f"claim of {surname}, {forenames}")  # fmt: skip
    _print_sent(sent, json)


@app.command()
def answer(
    config: Config,
    message_id: Annotated[str, typer.Argument(help="The request for periods received.")],
    actor: Actor = None,
    json: JsonFlag = False,
) -> None:
    """Answer a request for periods from the node's register."""
    with user_errors():
        sent = _node(config).answer_request(message_id, actor=_actor(actor))
    _print_sent(sent, json)


@app.command()
def messages(
    config: Config,
    person: Annotated[str | None, typer.Option(help="Only this person's documents (their number).")] = None,
    actor: Actor = None,
    json: JsonFlag = False,
) -> None:
    """The message log, newest first (``coordina node read`` shows a document); the listing is logged."""
    from coordina.services import exchange_log

    with user_errors():
        rows = exchange_log.as_rows(exchange_log.messages(_node(config).db, person=person, actor=_actor(actor)))
    if json:
        print_json(rows)
        return
    for row in rows:
        purged = " (purged)" if row["purged_at"] else ""
        typer.echo(f"{row['sent_at']}  {row['direction']:8}  {row['form']:24} {row['sender']} -> {row['recipient']}"
                   f"  {row['message_id']}{purged}")  # fmt: skip


@app.command()
def read(
    config: Config,
    message_id: Annotated[str, typer.Argument()],
    purpose: Annotated[str, typer.Option(help="Why you read it: every access to personal data is logged.")],
    actor: Actor = None,
) -> None:
    """A document of the log with its data, as JSON; the access is logged."""
    from coordina.services import exchange_log

    with user_errors():
        logged, payload = exchange_log.read(_node(config).db, message_id, actor=_actor(actor), purpose=purpose)
    print_json({**exchange_log.as_rows([logged])[0], "payload": payload})


@app.command("access-log")
def access_log(
    config: Config,
    person: Annotated[str | None, typer.Option(help="Only accesses to this person's data.")] = None,
) -> None:
    """Who handled which document's personal data, when and why."""
    from coordina.services import exchange_log

    with user_errors():
        print_json(exchange_log.accesses(_node(config).db, person=person))


@app.command()
def purge(config: Config, actor: Actor = None, json: JsonFlag = False) -> None:
    """Empty the documents whose retention has ended (the log keeps the fact)."""
    from coordina.services import exchange_log
    from coordina.services.exchange_node import utc_now

    with user_errors():
        purged = exchange_log.purge(_node(config).db, utc_now(), actor=_actor(actor))
    if json:
        print_json({"purged": purged})
    else:
        typer.echo(f"{len(purged)} document(s) purged")


@app.command()
def export(
    config: Config,
    person: Annotated[str, typer.Argument(help="The person's number.")],
    out: Annotated[Path, typer.Option(help="Where to write the export (JSON).")],
    purpose: Annotated[str, typer.Option(help="The request it answers.")] = "the person's request",
    actor: Actor = None,
) -> None:
    """Everything the node holds on a person, for their request (the export is logged)."""
    from coordina.services import exchange_log

    with user_errors():
        found = exchange_log.export_person(_node(config).db, person, actor=_actor(actor), purpose=purpose)
    out.write_text(json_module.dumps(found, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    typer.echo(f"{len(found['documents'])} document(s) of {person} written to {out}", err=True)


@app.command()
def decide(
    config: Config,
    agreement: Annotated[str, typer.Option()],
    person: Annotated[str, typer.Option(help="The person's number in the node's register.")],
    claim_date: Annotated[str, typer.Option(help="YYYY-MM-DD")],
    statement: Annotated[list[str], typer.Option(help="A statement of periods received (message id); repeatable.")],
    actor: Actor = None,
    json: JsonFlag = False,
) -> None:
    """Decide a claim on the register's periods and the certified foreign ones."""
    from coordina.cli.explain import explain
    from coordina.services import exchange_cases

    with user_errors():
        node = _node(config)
        if node.config.records is None:
            fail("the node has no register (records in its settings)")
        decision = exchange_cases.decide(node.db, node.config.records, agreement=agreement, identifier=person,
                                         claim_date=date.fromisoformat(claim_date), statements=statement,
                                         actor=_actor(actor))  # fmt: skip
    if json:
        print_json(decision.model_dump(mode="json"))
    else:
        explain(decision)


@app.command()
def certificate(
    config: Config,
    agreement: Annotated[str, typer.Option()],
    payload: Annotated[Path, typer.Option(help="The certificate's data (coverage_certificate form), a JSON file.")],
    out: Annotated[Path, typer.Option(help="Where to write it: OUT.txt (the CC1: text), .png, .svg and .pdf.")],
    to: Annotated[str | None, typer.Option("--to", help="Also send it to this institution (body id).")] = None,
    actor: Actor = None,
) -> None:
    """Issue a certificate of coverage signed by the node: the CC1: text, its QR code and a PDF."""
    from coordina.services import exchange_certificates

    with user_errors():
        issued = exchange_certificates.issue(_node(config), agreement=agreement, data=_payload(payload), stem=out,
                                             send_to=to, actor=_actor(actor))  # fmt: skip
    for kind, path in issued.files.items():
        typer.echo(f"{kind}: {path}", err=True)
    typer.echo(issued.text)


def _payload(path: Path) -> dict[str, Any]:
    from coordina.errors import DataError, Problem

    try:
        found = json_module.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError([Problem(path, 0, "no such file")]) from None
    except json_module.JSONDecodeError as error:
        raise DataError([Problem(path, error.lineno, f"not JSON: {error.msg}")]) from None
    if not isinstance(found, dict):
        raise DataError([Problem(path, 1, "the form's data must be a JSON object")])
    return found


def _print_sent(sent: Any, as_json: bool) -> None:
    if as_json:
        print_json({"message_id": sent.message_id, "receipt": sent.delivery.receipt})
    else:
        typer.echo(sent.message_id)
