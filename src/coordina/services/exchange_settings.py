"""A node's settings file (``coordina node ... --config FILE``): which institution it is, its
private key file, the trust list file of each agreement and the anchors file, its register (if
it answers requests from it), its database and where it listens. Paths are relative to the
file. Read with the file, line and field of any problem."""

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from coordina.catalog.validation import read_model
from coordina.domain.forms.identifiers import BodyId
from coordina.errors import DataError, Problem

if TYPE_CHECKING:
    from coordina.exchange.transport import Transport
    from coordina.services.exchange_node import Node


class NodeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    institution: BodyId
    key: Path = Field(description="The node's private signing key (readable by the node's user alone).")
    trust_lists: dict[str, Path] = Field(min_length=1, max_length=100, description="Agreement id -> signed trust list.")
    anchors: Path = Field(description="The competent authorities' public keys, given out of band.")
    records: Path | None = Field(default=None, description="The institution's register, to answer requests from.")
    database: str = Field(min_length=1, max_length=500, description="sqlite:///FILE or postgresql://...")
    host: str = "127.0.0.1"
    port: int = Field(default=8701, ge=1, le=65535)


def read_settings(path: Path) -> NodeSettings:
    found = read_model(NodeSettings, path)
    base = path.resolve().parent
    database = found.database
    if database.startswith("sqlite:///") and not database.startswith("sqlite:////"):
        database = "sqlite:///" + str(base / database.removeprefix("sqlite:///"))
    return found.model_copy(update={
        "key": base / found.key, "anchors": base / found.anchors,
        "trust_lists": {a: base / p for a, p in found.trust_lists.items()},
        "records": base / found.records if found.records else None, "database": database,
    })  # fmt: skip


def open_node(settings: NodeSettings, transport: "Transport | None" = None) -> "Node":
    """The node the settings describe, its database migrated, delivering over HTTP by default."""
    from coordina.catalog.exchange_records import read_records
    from coordina.services import catalog, exchange_keys
    from coordina.services.database import open_database
    from coordina.services.exchange_http import HttpTransport
    from coordina.services.exchange_node import Node, NodeConfig, TrustFiles

    library = catalog.library().agreements
    unknown = [a for a in settings.trust_lists if a not in library]
    if unknown:
        raise DataError([Problem(Path("trust_lists"), 0, f"no agreement {', '.join(unknown)} in the library")])
    config = NodeConfig(
        institution=settings.institution,
        key=exchange_keys.read_private_key(settings.key),
        trust=TrustFiles(dict(settings.trust_lists), settings.anchors),
        agreements={a: library[a] for a in settings.trust_lists},
        records=read_records(settings.records) if settings.records else None,
    )
    return Node(open_database(settings.database), config, transport or HttpTransport())
