"""Load agreements and schemes from YAML files: all valid, or nothing."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from coordina.catalog.validation import validate_document
from coordina.catalog.yaml_source import LocatedYaml, read_located_yaml
from coordina.domain import Agreement, Scheme
from coordina.domain.drafting.template import Template
from coordina.domain.exchange_flow import Flows
from coordina.domain.simulation import PopulationAssumptions
from coordina.domain.simulation_assumptions import SimulationAssumptions
from coordina.errors import DataError, NotFound, Problem

YAML_SUFFIXES = (".yaml", ".yml")
M = TypeVar("M", Agreement, Scheme)


def bundled_data_dir() -> Path:
    return Path(str(resources.files("coordina") / "data"))


@dataclass(frozen=True)
class Library:
    """A consistent set of agreements and national schemes, keyed by id."""

    agreements: dict[str, Agreement] = field(default_factory=dict)
    schemes: dict[str, Scheme] = field(default_factory=dict)

    def agreement(self, agreement_id: str) -> Agreement:
        try:
            return self.agreements[agreement_id]
        except KeyError:
            raise NotFound("agreement", _unknown("agreement", agreement_id, self.agreements)) from None

    def scheme(self, scheme_id: str) -> Scheme:
        try:
            return self.schemes[scheme_id]
        except KeyError:
            raise NotFound("scheme", _unknown("scheme", scheme_id, self.schemes)) from None

    def schemes_of(self, country: str) -> list[Scheme]:
        return [s for s in self.schemes.values() if s.country == country.upper()]

    def versions(self, agreement_id: str) -> list[Agreement]:
        """Every text of an agreement (itself and the files that are ``version_of`` it), oldest first."""
        root = self.agreement(agreement_id)
        root_id = root.version_of or root.id
        found = [a for a in self.agreements.values() if a.id == root_id or a.version_of == root_id]
        return sorted(found, key=lambda a: (a.in_force or date.max, a.id))

    def version_on(self, agreement_id: str, on: date) -> Agreement:
        """The text of the agreement in force on ``on``: the newest version in force by then (the
        oldest where the day comes before them all, which then decides "not in force")."""
        versions = self.versions(agreement_id)
        in_force = [a for a in versions if a.in_force is not None and a.in_force <= on]
        return in_force[-1] if in_force else versions[0]


def _unknown(kind: str, wanted: str, known: Iterable[str]) -> str:
    return f"no {kind} {wanted!r}; known: {', '.join(sorted(known))}"


def load_agreement_file(path: Path) -> Agreement:
    agreement, problems, _ = _load_one(Agreement, path)
    if agreement is None:
        raise DataError(problems)
    return agreement


def load_scheme_file(path: Path) -> Scheme:
    scheme, problems, _ = _load_one(Scheme, path)
    if scheme is None:
        raise DataError(problems)
    return scheme


def _load_one(model: type[M], path: Path) -> tuple[M | None, list[Problem], LocatedYaml | None]:
    document, problems = read_located_yaml(path)
    if document is None:
        return None, problems, None
    value, problems = validate_document(model, document, path)
    return value, problems, document


def with_user_files(
    base: Library, scheme_paths: Iterable[Path], agreement_path: Path | None = None
) -> tuple[Library, Agreement | None]:
    """The library with a user's scheme files beside its schemes, and a user agreement file
    checked against them all (its material scope's schemes must exist, of the right party).

    Every problem of every file (``file:line``) is reported at once, as ``DataError``; a scheme
    id already in the library is a problem (a user file adds a scheme, it does not replace one).
    """
    problems: list[Problem] = []
    schemes = dict(base.schemes)
    for path in scheme_paths:
        scheme, found, document = _load_one(Scheme, path)
        problems += found
        if scheme is None:
            continue
        if scheme.id in schemes:
            line = document.line_of(("id",)) if document else 1
            problems.append(Problem(path, line, f"id: {scheme.id!r} is already a scheme of the library"))
            continue
        schemes[scheme.id] = scheme
    agreement: Agreement | None = None
    if agreement_path is not None:
        agreement, found, document = _load_one(Agreement, agreement_path)
        problems += found
        if agreement is not None:
            problems += _check_scheme_references(agreement, agreement_path, document, schemes)
    if problems:
        raise DataError(problems)
    return Library(agreements=base.agreements, schemes=dict(sorted(schemes.items()))), agreement


def load_library(data_dir: Path) -> Library:
    """Load ``agreements/*.yaml`` and ``schemes/<CC>/*.yaml`` under ``data_dir``.

    Every file is checked and every problem reported before anything is returned, so
    a library is never loaded half-way.
    """
    problems: list[Problem] = []
    agreements: dict[str, tuple[Agreement, Path]] = {}
    schemes: dict[str, tuple[Scheme, Path]] = {}
    documents: dict[Path, LocatedYaml | None] = {}
    for path in _yaml_files(data_dir / "agreements"):
        agreement, found, documents[path] = _load_one(Agreement, path)
        problems += found
        if agreement is not None:
            problems += _register(agreements, agreement.id, agreement, path, documents[path])
    for path in _yaml_files(data_dir / "schemes"):
        scheme, found, documents[path] = _load_one(Scheme, path)
        problems += found
        if scheme is not None:
            problems += _register(schemes, scheme.id, scheme, path, documents[path])
            problems += _check_scheme_folder(scheme, path, data_dir / "schemes")
    known_schemes = {k: v for k, (v, _) in schemes.items()}
    for agreement, path in agreements.values():
        problems += _check_scheme_references(agreement, path, documents[path], known_schemes)
        problems += _check_version(agreement, path, documents[path], agreements)
    if problems:
        raise DataError(problems)
    return Library(
        agreements={k: v for k, (v, _) in sorted(agreements.items())},
        schemes={k: v for k, (v, _) in sorted(schemes.items())},
    )


def validate_paths(paths: Iterable[Path]) -> list[Problem]:
    """Check agreement or scheme files (or folders of them) and return every problem.

    A file is read as a scheme when it lies under a ``schemes`` folder or has a
    top-level ``country`` key, as assumptions (population or simulation) under a ``simulation`` folder, as
    the exchange's flows under an ``exchange`` folder, as article templates under a ``drafting``
    folder, else as an agreement.
    """
    problems: list[Problem] = []
    for given in paths:
        if not given.exists():
            problems.append(Problem(given, 1, "no such file or folder"))
            continue
        files = _yaml_files(given) if given.is_dir() else [given]
        if given.is_dir() and not files:
            problems.append(Problem(given, 1, "no .yaml files in this folder"))
        for path in files:
            document, found = read_located_yaml(path)
            problems += found
            if document is not None:
                problems += validate_document(_model_of(path, document.data), document, path)[1]
    return problems


def _model_of(
    path: Path, data: object
) -> type[Agreement | Scheme | PopulationAssumptions | SimulationAssumptions | Flows | Template]:
    """What a data file holds: under ``simulation``, the population's or the simulation's
    assumptions (told apart by their fields); under ``exchange``, the declared flows; else a
    scheme or an agreement."""
    if "exchange" in path.parts:
        return Flows
    if "drafting" in path.parts:
        return Template
    if "simulation" in path.parts:
        fields = set(data) if isinstance(data, dict) else set()
        own = fields - set(PopulationAssumptions.model_fields)
        return SimulationAssumptions if own & set(SimulationAssumptions.model_fields) else PopulationAssumptions
    return Scheme if _looks_like_scheme(path, data) else Agreement


def _looks_like_scheme(path: Path, data: object) -> bool:
    return "schemes" in path.parts or (isinstance(data, dict) and "country" in data)


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())


def _register(
    registry: dict[str, tuple[M, Path]], key: str, value: M, path: Path, document: LocatedYaml | None
) -> list[Problem]:
    if key in registry:
        line = document.line_of(("id",)) if document else 1
        return [Problem(path, line, f"id: {key!r} is already used by {registry[key][1]}")]
    registry[key] = (value, path)
    return []


def _check_scheme_folder(scheme: Scheme, path: Path, schemes_dir: Path) -> list[Problem]:
    folder = path.parent.name
    if path.parent.parent == schemes_dir and folder != scheme.country.split("-")[0]:
        return [Problem(path, 1, f"country {scheme.country} does not match its folder {folder}/")]
    return []


def _check_version(
    agreement: Agreement, path: Path, document: LocatedYaml | None, agreements: dict[str, tuple[Agreement, Path]]
) -> list[Problem]:
    """A version names an agreement of the library, with the same parties, in force on another day."""
    if agreement.version_of is None:
        return []
    line = document.line_of(("version_of",)) if document else 1
    root = agreements.get(agreement.version_of)
    if root is None:
        return [Problem(path, line, f"version_of: no agreement {agreement.version_of!r} in the library")]
    if root[0].version_of is not None:
        return [Problem(path, line, f"version_of: {agreement.version_of!r} is itself a version; name the agreement")]
    if set(root[0].parties) != set(agreement.parties):
        return [Problem(path, line, f"version_of: the parties differ from those of {agreement.version_of!r}")]
    if agreement.in_force is None or agreement.in_force == root[0].in_force:
        return [Problem(path, line, "in_force: a version needs its own date of entry into force")]
    return []


def _check_scheme_references(
    agreement: Agreement, path: Path, document: LocatedYaml | None, schemes: dict[str, Scheme]
) -> list[Problem]:
    problems = []
    for i, entry in enumerate(agreement.material_scope):
        for j, scheme_id in enumerate(entry.schemes):
            where = f"material_scope[{i}].schemes[{j}]"
            line = document.line_of(("material_scope", i, "schemes", j)) if document else 1
            scheme = schemes.get(scheme_id)
            if scheme is None:
                problems.append(Problem(path, line, f"{where}: unknown scheme {scheme_id!r}"))
            elif entry.party is not None and scheme.country != entry.party:
                message = f"{where}: scheme {scheme_id!r} is of {scheme.country}, not {entry.party}"
                problems.append(Problem(path, line, message))
    return problems


@cache
def bundled_library() -> Library:
    return load_library(bundled_data_dir())
