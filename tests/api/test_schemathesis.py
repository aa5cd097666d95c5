"""Schemathesis against the running API's OpenAPI: every operation fuzzed as a head, a member
and an observer of the demo workspace, on SQLite and on PostgreSQL.

Valid writes (``seeds``) go first, as each role; then each generated request (valid for the
schema, or not) is sent as one role, the roles taking turns. Every response must not be a
server error and must conform to the OpenAPI document: a documented status, the documented
content type, the documented headers and a body valid under the documented schema. Rule
refusals (409, 422) and missing records (404) are documented statuses, not failures; so are
401 and 429 from the login the fuzzer tries with passwords it invents.

Path parameters name the demo's own records most of the time (its negotiations, their parties,
drafts, rounds, points, reviews, the library's agreements and registry rows), so that requests
reach the services instead of stopping at a 404. Generation is derandomized: a run is
reproducible, and each run has a database of its own, so the writes it makes are too.
"""

import contextlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import hypothesis
import requests
import schemathesis
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import API, ROLES, DemoServer
from tests.api.seeds import CURRENT, SEEDS

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = {"sqlite": 25, "postgresql": 5}  # per operation, sent as each role in turn
MORE = os.environ.get("COORDINA_FUZZ_EXAMPLES")  # a longer run by hand: examples per operation, both
ANSWER_WITHIN = 30  # seconds: generous for a loaded machine; the hostile-input tests bound time
REAL_SHARE = 4  # of 5 path parameters name a record of the demo


@dataclass
class Findings:
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: dict[tuple[str, str, int], str] = field(default_factory=dict)  # (operation, check, status) -> example
    answered: set[str] = field(default_factory=set)  # operations that answered 2xx at least once

    def summary(self, operations: int) -> str:
        server_errors = sum(n for status, n in self.statuses.items() if status >= 500)
        statuses = ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items()))
        return (
            f"{operations} operations ({len(self.answered)} answered 2xx), {self.requests} requests, "
            f"{server_errors} 5xx; statuses {statuses}"
        )


def records(server: DemoServer) -> dict[str, list[Any]]:
    """Values naming records of the demo workspace, by path or query parameter."""
    library = httpx.get(f"{server.api}/library/agreements", headers=server.headers(2, "head")).json()
    registry = httpx.get(f"{server.api}/registry/agreements").json()
    return {
        "negotiation_id": list(server.parties),
        "number": [1, 2],  # drafts and rounds
        "first": [1, 2],
        "second": [1, 2],
        "point_id": [1, 2],
        "review_id": [1, 2, 3],
        "agreement_id": sorted(a["id"] for a in library)[:8],
        "entry_id": sorted(e["id"] for e in registry)[:8],
    }


Draw = Callable[[st.SearchStrategy[Any]], Any]


def aim(case: Case, draw: Draw, real: dict[str, list[Any]], server: DemoServer) -> int:
    """Point most parameters at records of the demo; returns the negotiation the request is about."""
    for where in (case.path_parameters, case.query):
        for name in list(where or {}):
            if name in real and draw(st.integers(0, REAL_SHARE)):
                where[name] = draw(st.sampled_from(real[name]))
    negotiation_id = (case.path_parameters or {}).get("negotiation_id")
    negotiation_id = negotiation_id if negotiation_id in server.parties else 2
    path = case.path_parameters or {}
    if "party" in path and draw(st.integers(0, REAL_SHARE)):
        path["party"] = draw(st.sampled_from(server.parties[negotiation_id]))
    if isinstance(case.body, dict) and "expected_version" in case.body and draw(st.booleans()):
        case.body["expected_version"] = current_version(server, case, negotiation_id)
    return negotiation_id


def current_version(server: DemoServer, case: Case, negotiation_id: int) -> int:
    """The version a write must name to pass the optimistic lock: the profile's, or the negotiation's."""
    party = (case.path_parameters or {}).get("party")
    read = f"/profiles/{party}" if "/profiles/" in case.operation.path and isinstance(party, str) else ""
    response = httpx.get(
        f"{server.api}/negotiations/{negotiation_id}{read}", headers=server.headers(negotiation_id, "head")
    )
    version: int = response.json().get("version", 0) if response.status_code == 200 else 0
    return version


def strategy(operation: Any) -> st.SearchStrategy[Case]:
    modes = [operation.as_strategy(GenerationMode.POSITIVE)]
    with contextlib.suppress(Exception):  # an operation with nothing to get wrong (no parameter, no body)
        modes.append(operation.as_strategy(GenerationMode.NEGATIVE))
    return st.one_of(modes)


def send(case: Case, role: str, negotiation_id: int, server: DemoServer, session: Any, found: Findings) -> None:
    """Send the request as the role and check the response against the OpenAPI document."""
    headers = server.headers(negotiation_id, role)
    found.requests += 1
    try:
        response = case.call(base_url=server.root, session=session, headers=headers, timeout=ANSWER_WITHIN)
    except requests.RequestException as error:  # no answer: a hang is a failure too
        found.failures.setdefault((case.operation.label, type(error).__name__, 0), case.as_curl_command(headers))
        return
    found.statuses[response.status_code] += 1
    if response.status_code < 300:
        found.answered.add(case.operation.label)
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except (Failure, FailureGroup) as error:
        for failure in getattr(error, "exceptions", [error]):
            key = (case.operation.label, type(failure).__name__, response.status_code)
            found.failures.setdefault(key, f"as {role}: {failure}\n{case.as_curl_command(headers)}")


def send_seeds(schema: Any, server: DemoServer, found: Findings) -> None:
    """The valid writes of ``seeds``, each as the observer, the member, then the head."""
    with requests.Session() as session:
        for seed in SEEDS:
            operation = schema[API + seed.path][seed.method]
            negotiation_id = seed.path_parameters.get("negotiation_id", 2)
            for role in reversed(ROLES):
                body = NOT_SET if seed.body is None else seed.body
                case = operation.Case(path_parameters=seed.path_parameters, query=seed.query, body=body)
                if isinstance(seed.body, dict) and seed.body.get("expected_version") == CURRENT:
                    case.body = {**seed.body, "expected_version": current_version(server, case, negotiation_id)}
                send(case, role, negotiation_id, server, session, found)


def fuzz(operation: Any, examples: int, server: DemoServer, real: dict[str, list[Any]], found: Findings) -> None:
    cases = strategy(operation)
    sent = [0]

    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,  # reproducible: the same requests on every run
        database=None,
        phases=[hypothesis.Phase.generate],  # nothing raises in here, so nothing to shrink
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(st.data())
    def run(data: st.DataObject) -> None:
        case = data.draw(cases)
        negotiation_id = aim(case, data.draw, real, server)
        role = ROLES[sent[0] % len(ROLES)]  # in turn: head, member, observer
        sent[0] += 1
        send(case, role, negotiation_id, server, session, found)

    with requests.Session() as session:
        run()


def test_every_operation_conforms_to_the_openapi_document(demo_server: DemoServer, database_url: str) -> None:
    server = demo_server
    schema = schemathesis.openapi.from_url(f"{server.api}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    # Sessions last, and the logout at the very end: it ends the roles' own sessions.
    operations.sort(key=lambda op: (op.path.startswith(f"{API}/auth"), op.path.endswith("/logout")))
    examples = int(MORE) if MORE else EXAMPLES[database_url.split(":", 1)[0].split("+", 1)[0]]
    real = records(server)
    found = Findings()
    send_seeds(schema, server, found)
    for operation in operations:
        fuzz(operation, examples, server, real, found)
    print(found.summary(len(operations)))  # shown with -s: the figures of the run
    print("never 2xx (refused whatever was drawn):", ", ".join(sorted({o.label for o in operations} - found.answered)))
    assert found.statuses[200] + found.statuses[201] + found.statuses[204] > 0, found.summary(len(operations))
    report = "\n\n".join(f"{op} {check} {status}:\n{ex}" for (op, check, status), ex in found.failures.items())
    assert not found.failures, f"{found.summary(len(operations))}\n{len(found.failures)} kinds of failure:\n{report}"
