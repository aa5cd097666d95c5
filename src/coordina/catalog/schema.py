"""The published JSON Schemas of the data files and of the arrangements' forms, generated from
the domain models."""

from typing import Any, Literal

from coordina.domain import Agreement, Scheme
from coordina.domain.forms import FORMS, form_json_schema

SchemaKind = Literal["agreement", "scheme", "form"]
_MODELS: dict[str, type[Agreement] | type[Scheme]] = {"agreement": Agreement, "scheme": Scheme}


def json_schema(kind: SchemaKind, name: str | None = None, version: int | None = None) -> dict[str, Any]:
    """The schema of agreement or scheme files, or of the form ``name`` (its current version
    unless ``version`` says); ``form`` without a name: the forms, each with its version, purpose
    and schema id."""
    if kind == "form":
        return form_json_schema(name, version) if name is not None else forms_index()
    schema = _MODELS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:coordina:schema:{kind}:v1",
        **schema,
    }


def forms_index() -> dict[str, Any]:
    """Every form's current version, purpose and schema id, by name."""
    return {
        name: {"version": model.version, "purpose": model.purpose, "$id": f"urn:coordina:form:{name}:v{model.version}"}
        for name, model in FORMS.items()
    }
