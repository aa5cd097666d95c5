"""The simulation's assumption files: the bundled ones, and a user's that replaces any of their
values, read with the file, line and field of any problem (``coordina.errors.DataError``)."""

from pathlib import Path

from coordina.catalog.loading import bundled_data_dir
from coordina.catalog.problems import Problem
from coordina.catalog.validation import validate_document
from coordina.catalog.yaml_source import LocatedYaml, read_located_yaml
from coordina.domain.simulation import PopulationAssumptions
from coordina.domain.simulation_assumptions import SimulationAssumptions
from coordina.errors import DataError

POPULATION_ASSUMPTIONS = "simulation/population.yaml"
SIMULATION_ASSUMPTIONS = "simulation/assumptions.yaml"
MERGED_BY_KEY = ("exchange_rates", "indexation")
"""The simulation assumptions a user's file replaces key by key (a currency, a country), not whole."""


def population_assumptions(path: Path | None = None) -> PopulationAssumptions:
    """The bundled population assumptions, with the values of the file at ``path`` (if any)
    replacing theirs (``wages`` country by country)."""
    bundled_path = bundled_data_dir() / POPULATION_ASSUMPTIONS
    bundled = _read(bundled_path)
    if path is None:
        return _validated(bundled, bundled_path)
    own = _read(path)
    if not isinstance(own.data, dict):
        raise DataError([Problem(path, 1, "the assumptions must be a mapping of fields to values")])
    merged = {**bundled.data, **own.data}
    if isinstance(own.data.get("wages"), dict) and isinstance(bundled.data.get("wages"), dict):
        merged["wages"] = {**bundled.data["wages"], **own.data["wages"]}
    return _validated(LocatedYaml(merged, own.lines), path)


def simulation_assumptions(path: Path | None = None) -> SimulationAssumptions:
    """The bundled simulation assumptions (exchange rates, life table, growth, indexation, discount
    rate, take-up), with the values of the file at ``path`` (if any) replacing theirs
    (``exchange_rates`` currency by currency, ``indexation`` country by country)."""
    bundled_path = bundled_data_dir() / SIMULATION_ASSUMPTIONS
    bundled = _read(bundled_path)
    if path is None:
        return _checked(SimulationAssumptions, bundled, bundled_path)
    own = _read(path)
    if not isinstance(own.data, dict):
        raise DataError([Problem(path, 1, "the assumptions must be a mapping of fields to values")])
    merged = {**bundled.data, **own.data}
    for name in MERGED_BY_KEY:
        if isinstance(own.data.get(name), dict) and isinstance(bundled.data.get(name), dict):
            merged[name] = {**bundled.data[name], **own.data[name]}
    return _checked(SimulationAssumptions, LocatedYaml(merged, own.lines), path)


def _checked(model: type[SimulationAssumptions], document: LocatedYaml, path: Path) -> SimulationAssumptions:
    found, problems = validate_document(model, document, path)
    if found is None:
        raise DataError(problems)
    return found


def _read(path: Path) -> LocatedYaml:
    document, problems = read_located_yaml(path)
    if document is None:
        raise DataError(problems)
    return document


def _validated(document: LocatedYaml, path: Path) -> PopulationAssumptions:
    found, problems = validate_document(PopulationAssumptions, document, path)
    if found is None:
        raise DataError(problems)
    return found
