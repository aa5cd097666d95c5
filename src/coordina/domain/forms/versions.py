"""The forms by name and version, their JSON Schemas, and the paths of their fields.

A form's name is its id everywhere (the agreement's data, the envelope, the trace); a new version
is added next to the old one, which stays readable (a document is read by the version it names).
The schemas are JSON Schema 2020-12, ``$id`` ``urn:coordina:form:<name>:v<version>``.
"""

import types
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from coordina.domain.forms.acknowledgement import Acknowledgement
from coordina.domain.forms.base import FormModel
from coordina.domain.forms.coverage_certificate import CoverageCertificate
from coordina.domain.forms.decision_notification import DecisionNotification
from coordina.domain.forms.insurance_periods import InsurancePeriods
from coordina.domain.forms.invalidity_medical_report import InvalidityMedicalReport
from coordina.domain.forms.life_certificate import LifeCertificate
from coordina.domain.forms.pension_claim import PensionClaim
from coordina.domain.forms.periods_request import PeriodsRequest
from coordina.errors import NotFound

_ALL: tuple[type[FormModel], ...] = (
    CoverageCertificate,
    InsurancePeriods,
    PeriodsRequest,
    PensionClaim,
    InvalidityMedicalReport,
    LifeCertificate,
    DecisionNotification,
    Acknowledgement,
)

VERSIONS: Mapping[tuple[str, int], type[FormModel]] = types.MappingProxyType({(m.form, m.version): m for m in _ALL})
"""Every version of every form, by (name, version)."""

FORMS: Mapping[str, type[FormModel]] = types.MappingProxyType(
    {name: VERSIONS[name, max(v for n, v in VERSIONS if n == name)] for name, _ in VERSIONS}
)
"""Each form's current version, by name."""


def form_model(name: str, version: int | None = None) -> type[FormModel]:
    """The model of a form (its current version unless ``version`` says); NotFound otherwise."""
    if name not in FORMS:
        raise NotFound("form", f"there is no form {name!r}; the forms are {', '.join(sorted(FORMS))}")
    if version is None:
        return FORMS[name]
    if (name, version) not in VERSIONS:
        known = ", ".join(str(v) for n, v in sorted(VERSIONS) if n == name)
        raise NotFound("form_version", f"form {name} has no version {version}; it has {known}")
    return VERSIONS[name, version]


def form_json_schema(name: str, version: int | None = None) -> dict[str, Any]:
    """The JSON Schema (2020-12) a document of that form and version satisfies."""
    model = form_model(name, version)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:coordina:form:{model.form}:v{model.version}",
        **model.model_json_schema(),
        "x-form": model.form,
        "x-version": model.version,
        "x-purpose": model.purpose,
    }


def field_paths(model: type[BaseModel]) -> frozenset[str]:
    """Every field of a form, sections included, as dotted paths: ``person``, ``person.surname``,
    ``periods.start`` (a list's items have no index)."""
    return frozenset(_paths(model, ""))


def _paths(model: type[BaseModel], prefix: str) -> Iterator[str]:
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        yield path
        for sub in _models_in(info.annotation):
            yield from _paths(sub, f"{path}.")


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models an annotation holds: ``X``, ``X | None``, ``list[X]``, ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list, tuple, Annotated):
        for arg in get_args(annotation):
            yield from _models_in(arg)
