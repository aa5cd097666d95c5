"""Turn a located YAML document into a domain model, or into ``file:line`` problems."""

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from coordina.catalog.problems import Problem
from coordina.catalog.yaml_source import LocatedYaml, Location, read_located_yaml
from coordina.errors import DataError

M = TypeVar("M", bound=BaseModel)


def read_model(model: type[M], path: Path) -> M:
    """The file at ``path`` (YAML or JSON) as ``model``; ``DataError`` with each problem's line and field."""
    document, problems = read_located_yaml(path)
    if document is None:
        raise DataError(problems)
    found, problems = validate_document(model, document, path)
    if found is None:
        raise DataError(problems)
    return found


def validate_document(model: type[M], document: LocatedYaml, path: Path) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(document.data, context=_context(model, document.data)), []
    except ValidationError as error:
        problems = []
        for err in error.errors():
            problems.append(_problem(err, document, path))
            base = tuple(part for part in err["loc"] if part != "root")
            for loc, message in (err.get("ctx") or {}).get("more", ()):
                problems.append(_located(document, path, (*base, *loc), message))
        return None, problems


def _context(model: type[BaseModel], data: Any) -> dict[str, Any] | None:
    """Hand the article numbers to the citation check, so all bad citations show at once."""
    if model.__name__ != "Agreement" or not isinstance(data, dict):
        return None
    articles = data.get("articles")
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        return None
    return {"articles": {str(a.get("number")) for a in articles}}


def _problem(err: Any, document: LocatedYaml, path: Path) -> Problem:
    loc: Location = tuple(part for part in err["loc"] if part != "root")
    ctx = err.get("ctx") or {}
    loc = (*loc, *ctx.get("at", ()))
    message = err["msg"]
    if err["type"] in (
        "enum",
        "literal_error",
        "string_pattern_mismatch",
        "date_from_datetime_parsing",
    ):
        message += f" (got {err['input']!r})"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return _located(document, path, loc, message)


def _located(document: LocatedYaml, path: Path, loc: Location, message: str) -> Problem:
    return Problem(path, document.line_of(loc), f"{_dotted(loc)}: {message}" if loc else message)


def _dotted(loc: Location) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
