"""The domain model: pure, typed, no I/O. What a lawyer or actuary reads."""

from coordina.domain.agreement import (
    AdministrativeArrangement,
    Agreement,
    Article,
    Body,
    Definition,
    Instrument,
    SpecialProvision,
)
from coordina.domain.legal import UNVERIFIED, Citation, NationalReference
from coordina.domain.parameters import Dated, DatedParameter
from coordina.domain.party import CountryCode, Party, country_of, party_name
from coordina.domain.provisions import (
    ApplicableLegislation,
    ApplicableLegislationRule,
    CalculationMethod,
    CalculationRule,
    EntryIntoForceRule,
    ExportProvision,
    LegislationOf,
    LegislationRule,
    PrincipleProvision,
    Totalization,
    TotalizationRule,
)
from coordina.domain.quantities import Duration, Money
from coordina.domain.scheme import Scheme, SchemeParameters
from coordina.domain.scope import Exclusion, MaterialScopeEntry, PersonalScope, PersonCategory
from coordina.domain.vocabulary import (
    Activity,
    AgreementKind,
    Branch,
    PeriodKind,
    Principle,
    SchemeKind,
    TimeUnit,
)

__all__ = [
    "UNVERIFIED",
    "Activity",
    "AdministrativeArrangement",
    "Agreement",
    "AgreementKind",
    "ApplicableLegislation",
    "ApplicableLegislationRule",
    "Article",
    "Body",
    "Branch",
    "CalculationMethod",
    "CalculationRule",
    "Citation",
    "CountryCode",
    "Dated",
    "DatedParameter",
    "Definition",
    "Duration",
    "EntryIntoForceRule",
    "Exclusion",
    "ExportProvision",
    "Instrument",
    "LegislationOf",
    "LegislationRule",
    "MaterialScopeEntry",
    "Money",
    "NationalReference",
    "Party",
    "PeriodKind",
    "PersonCategory",
    "PersonalScope",
    "Principle",
    "PrincipleProvision",
    "Scheme",
    "SchemeKind",
    "SchemeParameters",
    "SpecialProvision",
    "TimeUnit",
    "Totalization",
    "TotalizationRule",
    "country_of",
    "party_name",
]
