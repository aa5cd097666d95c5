"""The published JSON Schemas of the data files, generated from the domain models."""

from typing import Any, Literal

from coordina.domain import Agreement, Scheme

SchemaKind = Literal["agreement", "scheme"]
_MODELS: dict[str, type[Agreement] | type[Scheme]] = {"agreement": Agreement, "scheme": Scheme}


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    schema = _MODELS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:coordina:schema:{kind}:v1",
        **schema,
    }
