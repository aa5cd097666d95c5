"""Two institutions' nodes as separate processes on loopback (``coordina node serve``), exchanging
signed documents over real HTTP: a request for periods answered from the other node's register,
the claim decided on the certified periods with the document and its signature in the trace,
and a refusal said in words across the wire."""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import select

from coordina.errors import ExchangeRefused
from coordina.services import exchange_log
from coordina.services.exchange_node import Node
from coordina.services.exchange_settings import open_node, read_settings
from coordina.store.db import Database
from coordina.store.exchange_tables import ExchangeConversation
from tests.exchange.federation import AGREEMENT, DE, IN, PERSON, Federation, federation
from tests.forms.samples import SAMPLES

COORDINA = [sys.executable, "-m", "coordina"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def settings(found: Federation, body: str, port: int) -> Path:
    path = found.folder / f"{body.replace(':', '-')}-node.yaml"
    path.write_text(yaml.safe_dump({
        "institution": body, "key": found.key_file(body).name, "trust_lists": {AGREEMENT: found.trust_list.name},
        "anchors": found.anchors.name, "records": found.records(body).name,
        "database": f"sqlite:///{body.replace(':', '-')}.db", "port": port,
    }))  # fmt: skip
    return path


def coordina(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COORDINA, *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Federation, dict[str, Path]]]:
    folder = tmp_path_factory.mktemp("nodes")
    ports = {DE: free_port(), IN: free_port()}
    found = federation(folder, {body: f"http://127.0.0.1:{port}" for body, port in ports.items()})
    configs = {body: settings(found, body, port) for body, port in ports.items()}
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    servers = [subprocess.Popen([*COORDINA, "node", "serve", "--config", str(configs[body])], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for body in (DE, IN)]  # fmt: skip
    try:
        for body, port in ports.items():
            deadline = time.monotonic() + 60
            while True:
                try:
                    about = httpx.get(f"http://127.0.0.1:{port}/exchange/v1/node", timeout=2).json()
                    assert about["institution"] == body
                    break
                except httpx.HTTPError:
                    assert time.monotonic() < deadline, f"the node of {body} did not start"
                    time.sleep(0.2)
        yield found, configs
    finally:
        for server in servers:
            server.terminate()
            server.wait(10)


def test_periods_requested_over_http_are_certified_and_decide_the_claim(nodes) -> None:  # type: ignore[no-untyped-def]
    _, configs = nodes
    asked = coordina("node", "request-periods", "--config", configs[DE], "--agreement", AGREEMENT, "--to", IN,
                     "--identifier", PERSON["identifier"], "--surname", "Nair", "--forenames", "Priya",
                     "--birth-date", "1958-05-01", "--claim-date", "2026-06-01", "--json")  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    sent = json.loads(asked.stdout)
    assert sent["receipt"]["state"] == "requested"
    statement = None
    log_of_de = Database(f"sqlite:///{configs[DE].parent / 'DE-drv.db'}")  # the node's own database, read here
    deadline = time.monotonic() + 30
    while statement is None:  # the other node answers from its register after its receipt
        log = exchange_log.as_rows(exchange_log.messages(log_of_de))
        statement = next((m for m in log if m["form"] == "insurance_periods"), None)
        assert statement is not None or time.monotonic() < deadline, "no statement came back"
        time.sleep(0.2)
    assert statement["in_reply_to"] == sent["message_id"] and statement["sender"] == IN
    decided = coordina("node", "decide", "--config", configs[DE], "--agreement", AGREEMENT, "--person",
                       "DE-12-010558-N-001", "--claim-date", "2026-06-01", "--statement", statement["message_id"],
                       "--json")  # fmt: skip
    assert decided.returncode == 0, decided.stderr
    trace = json.loads(decided.stdout)["trace"]
    certified = [s for s in trace if s["rule"] == "certified_periods"]
    assert certified[0]["inputs"]["document"] == statement["message_id"]
    assert certified[0]["inputs"]["signature"] == statement["signature"]
    accesses = exchange_log.accesses(log_of_de)
    assert [a["action"] for a in accesses if a["message_id"] == statement["message_id"]][:2] == ["received", "read"]


def test_a_changed_document_is_refused_over_http_with_the_reason(nodes) -> None:  # type: ignore[no-untyped-def]
    found, _ = nodes
    blob = bytearray(b"\xd2\x84" + b"\x00" * 40)
    answer = httpx.post(found.endpoints[IN] + "/exchange/v1/documents", content=bytes(blob),
                        headers={"content-type": "application/cose"})  # fmt: skip
    assert answer.status_code == 422
    problem = answer.json()
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert problem["rule"] in ("not_cose", "signature_invalid", "key_unknown") and problem["detail"]
    wrong_type = httpx.post(found.endpoints[IN] + "/exchange/v1/documents", content=b"{}",
                            headers={"content-type": "application/json"})  # fmt: skip
    assert wrong_type.status_code == 422 and wrong_type.json()["rule"] == "not_cose"


def test_every_form_goes_over_http_in_its_flow(nodes) -> None:  # type: ignore[no-untyped-def]
    _, configs = nodes
    de, india = (open_node(read_settings(configs[body])) for body in (DE, IN))  # the nodes' databases, over HTTP

    def send(node: Node, form: str, to: str, reply: str | None = None, **changes: object) -> str:
        payload = {**SAMPLES[form], **changes}
        sent = node.send(agreement=AGREEMENT, form=form, payload=payload, recipient=to, in_reply_to=reply,
                         actor="caseworker", purpose="test of every form")  # fmt: skip
        assert sent.delivery.accepted
        return sent.message_id

    def acknowledge(node: Node, message_id: str, to: str) -> str:
        received = datetime.now(UTC).isoformat()
        return send(node, "acknowledgement", to, message_id, acknowledged=message_id, received=received)

    certificate = send(de, "coverage_certificate", IN)
    acknowledge(india, certificate, DE)
    claim = send(india, "pension_claim", DE)
    acknowledge(de, claim, IN)
    send(india, "insurance_periods", DE, claim, institution={"body": IN, "name": "EPFO"}, party="IN")
    send(india, "invalidity_medical_report", DE, claim)
    send(de, "decision_notification", IN, claim)
    certificate_of_life = send(india, "life_certificate", DE)
    acknowledge(de, certificate_of_life, IN)
    with de.db.transaction() as session:
        states = {c.flow: c.state for c in session.scalars(select(ExchangeConversation))}
    assert states["coverage_certificate"] == "acknowledged" and states["life_certificate"] == "acknowledged"
    assert states["pension_claim"] == "decided"
    received = {m.form for m in exchange_log.messages(de.db) if m.direction == "received"}
    assert {"acknowledgement", "pension_claim", "insurance_periods", "invalidity_medical_report",
            "life_certificate"} <= received  # fmt: skip
    with pytest.raises(ExchangeRefused) as closed:  # a decided claim takes no second decision
        send(de, "decision_notification", IN, claim)
    assert closed.value.rule == "flow_closed"
