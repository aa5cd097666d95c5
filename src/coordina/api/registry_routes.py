"""The registry of agreements worldwide: search, statistics and figures."""

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from coordina.api.deps import DB
from coordina.api.types import Line
from coordina.services import registry as registry_service

router = APIRouter(prefix="/registry", tags=["registry"])


@router.get("/agreements")
def search(
    db: DB,
    party: Line | None = None,
    between: list[Line] = Query(default=[], max_length=2),  # noqa: B008
    branch: Line | None = None,
    region: Line | None = None,
    in_force_before: date | None = None,
) -> list[dict[str, Any]]:
    """Agreements by party, pair of countries (between=KR&between=AU), branch, region or date."""
    pair = (between[0], between[1]) if len(between) == 2 else None
    found, encoded = registry_service.search(db, party, pair, branch, region, in_force_before)
    return [{**e.model_dump(mode="json"), "encoded_as": encoded.get(e.id)} for e in found]


@router.get("/agreements/{entry_id}")
def show(entry_id: str, db: DB) -> dict[str, Any]:
    registry = registry_service.current(db)
    entry = registry.entry(entry_id)
    return {**entry.model_dump(mode="json"), "encoded_as": registry.encoded.get(entry_id)}


@router.get("/stats")
def stats(db: DB) -> dict[str, Any]:
    """Counts by region, year (cumulative), branch, kind and country, with the share of complete rows."""
    return registry_service.current(db).stats()


FIGURE = {
    "description": "The figure as PNG or SVG",
    "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in ("image/png", "image/svg+xml")},
    "headers": {"X-Caption": {"description": "The figure's caption (ASCII)", "schema": {"type": "string"}}},
}


@router.get("/figures/{name}", response_class=Response, responses={200: FIGURE})
def figure(name: Literal["1", "2", "network"], db: DB, format: Literal["png", "svg"] = "png") -> Response:
    """Figure 1, Figure 2 or the network, drawn from the registry (caption in the X-Caption header)."""
    content, caption = registry_service.figure(db, name, format)
    media = "image/png" if format == "png" else "image/svg+xml"
    return Response(content, media_type=media, headers={"X-Caption": caption.encode("ascii", "replace").decode()})
