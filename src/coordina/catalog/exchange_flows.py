"""The declared flows of documents between institutions (``data/exchange/flows.yaml``, or a
user's file of the same shape), read with the file, line and field of any problem."""

from functools import cache
from pathlib import Path

from coordina.catalog.loading import bundled_data_dir
from coordina.catalog.validation import read_model
from coordina.domain.exchange_flow import Flow, Flows

FLOWS_FILE = "exchange/flows.yaml"


def read_flows(path: Path) -> Flows:
    """The flows of the file at ``path``; ``DataError`` naming the line and field of each problem."""
    return read_model(Flows, path)


@cache
def bundled_flows() -> dict[str, Flow]:
    """The bundled flows by id."""
    return {flow.id: flow for flow in read_flows(bundled_data_dir() / FLOWS_FILE).flows}
