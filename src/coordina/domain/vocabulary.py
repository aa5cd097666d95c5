"""The controlled vocabulary of social security coordination.

Names follow ILO Convention No. 102 (branches), the ILO brief's Box 1 (principles)
and the design document's domain vocabulary; data files use these exact values.
"""

from enum import StrEnum


class Branch(StrEnum):
    """The nine branches of social security, in the order of ILO C102 Parts II to X."""

    medical_care = "medical_care"  # Part II
    sickness = "sickness"  # Part III
    unemployment = "unemployment"  # Part IV
    old_age = "old_age"  # Part V
    employment_injury = "employment_injury"  # Part VI
    family = "family"  # Part VII
    maternity = "maternity"  # Part VIII
    invalidity = "invalidity"  # Part IX
    survivors = "survivors"  # Part X


class Principle(StrEnum):
    """Key coordination principles (ILO brief, Box 1)."""

    equality_of_treatment = "equality_of_treatment"
    applicable_legislation = "applicable_legislation"
    export_of_benefits = "export_of_benefits"  # maintenance of acquired rights, payment abroad
    totalization = "totalization"  # maintenance of rights in course of acquisition
    administrative_assistance = "administrative_assistance"
    reciprocity = "reciprocity"


class PeriodKind(StrEnum):
    """What a period of a career is a period *of*, as the reporting institution records it."""

    insurance = "insurance"
    employment = "employment"
    self_employment = "self_employment"
    residence = "residence"
    credited = "credited"


class Activity(StrEnum):
    """The situation of a person during a period, which decides the applicable legislation."""

    employed = "employed"
    self_employed = "self_employed"
    posted = "posted"
    seafarer = "seafarer"
    air_crew = "air_crew"
    diplomatic = "diplomatic"
    civil_servant = "civil_servant"


class SchemeKind(StrEnum):
    social_insurance = "social_insurance"
    provident_fund = "provident_fund"
    individual_account = "individual_account"
    residence_based = "residence_based"
    social_assistance = "social_assistance"


class AgreementKind(StrEnum):
    bilateral = "bilateral"
    multilateral = "multilateral"
    model = "model"  # a template such as the ILO R167 model agreement, with no State parties


class TimeUnit(StrEnum):
    """Units in which institutions report and count periods."""

    days = "days"
    weeks = "weeks"
    months = "months"
    quarters = "quarters"
    years = "years"
