"""Parties to an agreement: States by ISO 3166-1 alpha-2, sub-national parties by ISO 3166-2."""

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from coordina.domain.countries import COUNTRY_NAMES

_SUBDIVISION = re.compile(r"^([A-Z]{2})-([A-Z0-9]{1,3})$")


def country_of(party: str) -> str:
    """The State a party belongs to: ``CA`` for ``CA-QC``, the code itself for a State."""
    return party.split("-", 1)[0]


def _check_country(code: str) -> str:
    if code not in COUNTRY_NAMES:
        raise ValueError(f"unknown country {code!r}: not an ISO 3166-1 alpha-2 code")
    return code


def _check_party(code: str) -> str:
    match = _SUBDIVISION.match(code)
    if match:
        _check_country(match.group(1))
        return code
    return _check_country(code)


_NORMAL = StringConstraints(strip_whitespace=True, to_upper=True)  # in pydantic-core, no Python call

CountryCode = Annotated[str, _NORMAL, AfterValidator(_check_country)]
"""A State, by ISO 3166-1 alpha-2 code (``AR``, ``KR``)."""

Party = Annotated[str, _NORMAL, AfterValidator(_check_party)]
"""A State party (``AR``) or a sub-national party by ISO 3166-2 (``CA-QC``)."""


def party_name(party: str) -> str:
    """A readable name: ``Canada``, ``Canada (CA-QC)``."""
    name = COUNTRY_NAMES.get(country_of(party), party)
    return name if party == country_of(party) else f"{name} ({party})"
