"""The OpenAPI document's error responses, in one place: every status each operation can return,
each an RFC 9457 problem (``application/problem+json``, the ``Problem`` schema) with an example.

Which statuses apply is read off each operation as FastAPI generated it:

- 400 when it takes a request body: one that is not text in its declared encoding does not parse;
- 401 when it needs the bearer token (OAuth2 security), and for ``/auth`` (a wrong password);
- 403 when it acts as a user in a negotiation, or writes as one: a role or a delegation refuses;
- 404 when its path names a record (a path parameter), or its body does (a field ``…_id``);
- 409 for the writes under ``/negotiations`` and ``/auth/users`` (a stale ``expected_version``, or a
  number a concurrent writer took);
- 413 when it takes a request body (``api.body_limit``);
- 422 for every operation: a request that does not parse, or a refusal by a rule of the process;
- 429 for the login (``/auth/token``): failed logins are throttled, with ``Retry-After``; and for
  ``…/compute`` when every computation slot stays busy.

FastAPI's own 422 schema (``HTTPValidationError``) is replaced: the body really is a problem
with ``errors[]`` of ``{field, message}`` (``api.errors``). The examples of refusals name the
rule the operation's service checks: read from the table of ``coordina.domain.permissions`` for
the writes that service allows (``act.allow(Write.…)``), else from the refusals it raises.
"""

import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi import routing as fastapi_routing

from coordina.api.body_limit import DEFAULT_LIMIT
from coordina.api.errors import HTTP_KIND, MEDIA_TYPE, Problem
from coordina.domain.negotiation import Role, Status, Step
from coordina.domain.permissions import DRAFT_WRITES, PERMISSIONS, Refusal, Write, refusal
from coordina.errors import Forbidden, NotFound, Refused, StaleVersion, Throttled, Unauthorized
from coordina.services.problems import TYPE_BASE, kind_of

Operation = dict[str, Any]
WRITES = {"post", "put", "patch", "delete"}
DESCRIPTION = {
    400: "The request body cannot be read (not UTF-8 JSON, or a broken form)",
    401: "Not authenticated: no token, or an unknown, expired or revoked one (at login: a wrong password)",
    403: "Not allowed for your role or delegation (the rule says which)",
    404: "No such record (the rule names its kind)",
    409: "Changed since you read it (a stale expected_version) or taken by a concurrent write: read again, retry",
    413: "Request body too large",
    422: "The request does not parse (errors[] names each field), or a rule of the process refuses it (rule)",
    429: "Too many failed attempts: try again after Retry-After seconds",
}
HEADERS = {
    401: {"WWW-Authenticate": {"description": "Bearer (RFC 6750 s 3)", "schema": {"type": "string"}}},
    429: {"Retry-After": {"description": "Seconds to wait (RFC 9110 s 10.2.3)", "schema": {"type": "string"}}},
}
_RAISED = re.compile(r'\b(Refused|Forbidden|NotFound|Throttled)\(\s*"(\w+)",\s*(f?)"([^"]*)"')


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` document every error response as a problem (see the module's doc)."""
    generate = app.openapi
    completed: list[dict[str, Any]] = []  # the last document completed

    def openapi() -> dict[str, Any]:
        document = generate()  # FastAPI's, cached until the routes change; completed in place once
        if not completed or completed[0] is not document:
            complete(document, _endpoints(app), prefix=(app.openapi_url or "").rsplit("/", 1)[0])
            completed[:] = [document]
        return document

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend it


def _endpoints(app: FastAPI) -> dict[tuple[str, str], Callable[..., Any]]:
    """Each operation's endpoint function, by (path, method)."""
    found: dict[tuple[str, str], Callable[..., Any]] = {}
    for route in fastapi_routing.iter_route_contexts(app.routes):
        endpoint, path = route.endpoint, route.path_format
        if endpoint is None or path is None or not getattr(route, "include_in_schema", False):
            continue
        for method in route.methods or ():
            found[(path, method.lower())] = endpoint
    return found


def complete(document: dict[str, Any], endpoints: dict[tuple[str, str], Callable[..., Any]], prefix: str) -> None:
    """Add the error responses to every operation of ``document`` and ``Problem`` to its components."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for path, method, operation in _operations(document):
        endpoint = endpoints.get((path, method))
        for status in statuses(path.removeprefix(prefix), method, operation, schemas):
            problems = examples(status, path, operation, endpoint, schemas)
            operation["responses"][str(status)] = _response(status, problems)
    text = repr(document["paths"])
    for unused in ("HTTPValidationError", "ValidationError"):
        if f"#/components/schemas/{unused}'" not in text:
            schemas.pop(unused, None)


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, Operation]]:
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method in WRITES | {"get", "head", "options"} and isinstance(operation, dict):
                yield path, method, operation


def statuses(path: str, method: str, operation: Operation, schemas: dict[str, Any]) -> list[int]:
    """The error statuses of one operation (``path`` below the API's root), as the module's doc says."""
    secured = bool(operation.get("security"))
    write = method in WRITES
    found = {422}
    if secured or path.startswith("/auth"):
        found.add(401)
    if secured and (write or path.startswith("/negotiations/")):
        found.add(403)
    names_a_record = any(name.endswith("_id") for name in _body_schema(operation, schemas).get("properties", {}))
    if names_a_record or any(p.get("in") == "path" for p in operation.get("parameters", [])):
        found.add(404)
    if write and path.startswith(("/negotiations", "/auth/users")):
        found.add(409)
    if "requestBody" in operation:
        found |= {400, 413}
    if path.startswith(("/auth/token", "/auth/password")) or path.endswith("/compute"):  # failed logins; busy slots
        found.add(429)
    return sorted(found)


def _response(status: int, examples: dict[str, Any]) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": DESCRIPTION[status],
        "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}, "examples": examples}},
    }
    if status in HEADERS:
        response["headers"] = {name: {**header, "required": True} for name, header in HEADERS[status].items()}
    return response


def _problem(kind: tuple[int, str, str], detail: str, **extra: Any) -> dict[str, Any]:
    status, slug, title = kind
    return {"type": TYPE_BASE + slug, "title": title, "status": status, "detail": detail, **extra}


def _example(summary: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"summary": summary, "value": value}


def examples(
    status: int, path: str, operation: Operation, endpoint: Callable[..., Any] | None, schemas: dict[str, Any]
) -> dict[str, Any]:
    """Named examples of the problems ``status`` stands for in this operation."""
    raised = _raised(endpoint)
    writes = _writes(endpoint)
    if status == 401:
        error: Unauthorized = Unauthorized("token", "unknown or revoked token")
        if "security" not in operation:
            error = Unauthorized("credentials", "unknown user or wrong password")
        return {error.rule: _example(error.message, _problem(kind_of(error), error.message, rule=error.rule))}
    if status == 403:
        found = [r for w in writes if (r := _role_refusal(w))] or [
            Refusal(rule, message, True) for kind, rule, message in raised if kind == "Forbidden"
        ]
        first = found[0] if found else Refusal("participant", "you take no part in this negotiation", True)
        return {
            first.rule: _example(first.message, _problem(kind_of(Forbidden("", "")), first.message, rule=first.rule))
        }
    if status == 404:
        fields = [name for name in _body_schema(operation, schemas).get("properties", {}) if name.endswith("_id")]
        what = _record(path) if "{" in path or not fields else fields[0].removesuffix("_id")
        detail = f"no {what} 9999" if what != "agreement" else "no agreement 'xx-yy' in the library"
        return {what: _example(detail, _problem(kind_of(NotFound("", "")), detail, rule=what))}
    if status == 409:
        detail = "negotiation is at version 4, your change was based on 3: someone saved a change a moment ago"
        if "/negotiations" not in path:
            detail = "a concurrent request took this name a moment ago: read again, then retry"
        kind = kind_of(StaleVersion("", ""))
        return {"optimistic_lock": _example("a stale expected_version", _problem(kind, detail, rule="optimistic_lock"))}
    if status == 400:  # FastAPI's own HTTPException, as api.errors answers it
        detail = "There was an error parsing the body"
        return {
            "unreadable-body": _example(detail, _problem((400, *HTTP_KIND.get(400, ("http", "HTTP error"))), detail))
        }
    if status == 413:
        detail = f"a request body is at most {DEFAULT_LIMIT} bytes"
        return {"body_size": _example(detail, _problem((413, *HTTP_KIND[413]), detail, rule="body_size"))}
    if status == 429 and path.endswith("/compute"):
        detail = "all 4 computation slots stayed busy for 10 s; try again shortly"
        kind = kind_of(Throttled("", "", 10))
        return {"busy": _example("computation slots busy", _problem(kind, detail, rule="compute_busy"))}
    if status == 429:
        detail = "too many failed logins for this account or address; try again in 60 s"
        kind = kind_of(Throttled("", "", 60))
        return {"throttled": _example("failed logins throttled", _problem(kind, detail, rule="login_throttle"))}
    return {"invalid-request": _malformed(operation, schemas), **_refusals(writes, raised)}


def _malformed(operation: Operation, schemas: dict[str, Any]) -> dict[str, Any]:
    """A 422 for a request that does not parse, naming a field it really has."""
    field, message = "query", "Input should be a valid value"
    body = operation.get("requestBody", {}).get("content", {})
    schema = _body_schema(operation, schemas)
    parameters = [p for p in operation.get("parameters", []) if p.get("in") in ("path", "query")]
    if schema.get("required"):
        field, message = f"body.{schema['required'][0]}", "Field required"
    elif body:
        field, message = "body", "Field required"
    elif parameters:
        field, message = f"{parameters[0]['in']}.{parameters[0]['name']}", "Input should be a valid integer"
    value = _problem((422, *HTTP_KIND[422]), f"{field}: {message}", rule="request")
    value["errors"] = [{"field": field, "message": message}]
    return _example("the request does not parse", value)


def _body_schema(operation: Operation, schemas: dict[str, Any]) -> dict[str, Any]:
    """The schema of the operation's request body, its reference resolved ({} without a body)."""
    body: dict[str, Any] = operation.get("requestBody", {}).get("content", {})
    media: dict[str, Any] = next(iter(body.values()), {})
    schema: dict[str, Any] = media.get("schema", {})
    found: dict[str, Any] = schemas.get(str(schema.get("$ref", "")).rsplit("/", 1)[-1], schema)
    return found


def _refusals(writes: list[Write], raised: list[tuple[str, str, str]]) -> dict[str, Any]:
    """422 refusals by the rules of the process: the step or status the write needs, else a
    refusal the service raises itself."""
    found: dict[str, Any] = {}
    kind = kind_of(Refused("", ""))
    for write in writes[:1]:
        for wrong in (_state_refusal(write, Status.active), _state_refusal(write, Status.in_force)):
            if wrong is not None:
                found[wrong.rule] = _example(wrong.message, _problem(kind, wrong.message, rule=wrong.rule))
    for error, rule, message in raised:
        if error == "Refused" and not found:
            found[rule] = _example(message, _problem(kind, message, rule=rule))
    return found


def _role_refusal(write: Write) -> Refusal | None:
    permission = PERMISSIONS[write]
    outsider = next((r for r in Role if r not in permission.roles), None)
    step = min(permission.steps)
    return None if outsider is None else refusal(write, outsider, step, Status.active)


def _state_refusal(write: Write, status: Status) -> Refusal | None:
    permission = PERMISSIONS[write]
    role = min(permission.roles)
    if status is Status.active:
        elsewhere = [s for s in Step if s not in permission.steps and s is not Step.entry_into_force]
        return refusal(write, role, elsewhere[0], status) if elsewhere else None
    return refusal(write, role, Step.entry_into_force, status)


RECORD = {"party": "delegation", "entry": "registry"}  # the rule of the NotFound their services raise


def _record(path: str) -> str:
    """The kind of record the last path parameter names: ``{negotiation_id}`` a negotiation,
    ``/rounds/{number}`` a round."""
    segments = path.strip("/").split("/")
    named = [(i, s[1:-1]) for i, s in enumerate(segments) if s.startswith("{")]
    if not named:
        return "record"
    index, name = named[-1]
    if name in RECORD:
        return RECORD[name]
    if name.endswith("_id"):
        name = name.removesuffix("_id")
    elif index > 0:
        name = segments[index - 1].removesuffix("s")
    return RECORD.get(name, name)


def _services(endpoint: Callable[..., Any] | None) -> Iterator[Callable[..., Any]]:
    """The service functions an endpoint calls (``drafts.create_draft(...)``, one level deep)."""
    if endpoint is None or not hasattr(endpoint, "__code__"):
        return
    names = endpoint.__code__.co_names
    for name in names:
        value = endpoint.__globals__.get(name)
        if inspect.ismodule(value) and value.__name__.startswith("coordina.services"):
            yield from (f for n in names if inspect.isfunction(f := getattr(value, n, None)))
        elif inspect.isfunction(value) and value.__module__.startswith("coordina.services"):
            yield value


def _sources(endpoint: Callable[..., Any] | None) -> list[str]:
    """The source of the service functions an endpoint calls, and of the helpers of their own
    module those call (``create_draft`` -> ``_check_kind``)."""
    functions = [inspect.unwrap(f) for f in _services(endpoint)]
    for function in list(functions):
        code, space = getattr(function, "__code__", None), getattr(function, "__globals__", {})
        for name in code.co_names if code else ():
            helper = space.get(name)
            if inspect.isfunction(helper) and helper.__module__ == function.__module__ and helper not in functions:
                functions.append(inspect.unwrap(helper))
    sources = []
    for function in functions:
        try:
            sources.append(inspect.getsource(function))
        except (OSError, TypeError):  # no source shipped: the examples stay generic
            continue
    return sources


def _writes(endpoint: Callable[..., Any] | None) -> list[Write]:
    """The writes of ``coordina.domain.permissions`` the endpoint's services allow."""
    found: list[Write] = []
    for source in _sources(endpoint):
        names = re.findall(r"\bWrite\.(\w+)", source)
        if "DRAFT_WRITES" in source:
            names += [w.value for w in DRAFT_WRITES.values()]
        found += [Write(n) for n in names if n in Write.__members__ and Write(n) not in found]
    return found


def _raised(endpoint: Callable[..., Any] | None) -> list[tuple[str, str, str]]:
    """(error, rule, message) for each refusal the endpoint's services raise with a literal rule."""
    found = []
    for source in _sources(endpoint):
        for error, rule, f_string, message in _RAISED.findall(source):
            found.append((error, rule, re.sub(r"\{[^}]*\}", "…", message) if f_string else message))
    return found
