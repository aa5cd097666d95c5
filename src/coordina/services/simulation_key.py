"""The key of an impact simulation run (issue 13 item 4), computed without reading the population.

A run is keyed by SHA-256 over the agreement's content (and every bundled scheme's), the
population file's SHA-256 (its bytes streamed in blocks: the same file, or a copy of it, the same
key; one changed byte, another key), the engine version, the assumptions and the years: the same
key, the same figures. Submitting a run (``simulation_jobs.submit``, the web page in its request)
so costs loading the agreement and the assumptions and hashing the population file, never parsing
it: its rows are read and checked by the worker (``simulation.prepare``), which keys the run again
and refuses a population that changed since it was submitted.

Nothing here imports polars or the batch kernel.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coordina.catalog.loading import Library
from coordina.catalog.simulation import simulation_assumptions
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.simulation import SimulationRequest
from coordina.domain.simulation_assumptions import SimulationAssumptions
from coordina.errors import CoordinaError, DataError, Problem
from coordina.rules.money import legal_tender
from coordina.services import catalog
from coordina.services.compute import resolve_agreement

__all__ = ["ENGINE_VERSION", "Inputs", "check_rates", "digest", "file_hash", "inputs", "key"]

ENGINE_VERSION = "simulation-2"
"""Changes whenever the same inputs would give other figures (part of ``key``)."""

BLOCK = 1 << 20
"""How much of a file is read at a time to hash it."""


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes, read in blocks of ``BLOCK`` bytes (never the whole file at once)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Inputs:
    """The agreement (dated from the first year when the draft has no date of entry into force),
    the library and the assumptions of a request, loaded and checked."""

    library: Library
    agreement: Agreement
    assumptions: SimulationAssumptions
    in_force_assumed: date | None


def inputs(request: SimulationRequest) -> Inputs:
    """The agreement, library and assumptions of ``request``; refused when the agreement has no
    two parties or the assumptions lack a rate for a party's currency."""
    library = catalog.library()
    agreement = resolve_agreement(request.agreement, library)
    if not agreement.parties or len(agreement.parties) < 2:
        raise CoordinaError("agreement", f"{agreement.id} has no parties to simulate (a model agreement?)")
    assumed = None
    if agreement.in_force is None:
        assumed = date(request.years[0], 1, 1)
        agreement = agreement.model_copy(update={"in_force": assumed})
    assumptions = simulation_assumptions(request.assumptions)
    check_rates(agreement.parties, request.years, assumptions, request.assumptions)
    return Inputs(library, agreement, assumptions, assumed)


def check_rates(
    parties: Sequence[str], years: tuple[int, int], assumptions: SimulationAssumptions, where: Path | None
) -> None:
    """Every party's currency over the horizon has a rate to the reporting currency."""
    missing = sorted(
        {
            c
            for p in parties
            for y in years
            if (c := legal_tender(p, date(y, 7, 1)))
            and c != assumptions.reporting_currency
            and c not in assumptions.exchange_rates
        }
    )
    if missing:
        raise CoordinaError(
            "exchange_rates",
            f"no exchange rate for {', '.join(missing)} in the assumptions"
            f" ({where or 'the bundled assumptions'}): add one under exchange_rates",
        )


def digest(
    agreement: Agreement,
    schemes: dict[str, Scheme],
    population_hash: str,
    assumptions: SimulationAssumptions,
    years: tuple[int, int],
) -> str:
    """SHA-256 over every input that decides the figures, each part ended by a zero byte."""
    hashed = hashlib.sha256()
    parts = [
        agreement.model_dump_json(),
        json.dumps(sorted(schemes)),
        *(schemes[s].model_dump_json() for s in sorted(schemes)),
        population_hash,
        ENGINE_VERSION,
        assumptions.model_dump_json(),
        f"{years[0]}-{years[1]}",
    ]
    for part in parts:
        hashed.update(part.encode())
        hashed.update(b"\0")
    return hashed.hexdigest()


def key(request: SimulationRequest) -> str:
    """The run key of ``request`` (see the module): the population is hashed, not read as a table.
    A population file that is not there is a ``DataError``."""
    loaded = inputs(request)
    if not request.population.is_file():
        raise DataError([Problem(request.population, 1, "no such population file")])
    population_hash = file_hash(request.population)
    return digest(loaded.agreement, loaded.library.schemes, population_hash, loaded.assumptions, request.years)
