"""Pension ages are keyed by birth cohort: every table gives an age to every cohort, each sex.

A claim on any date must find the person's row; a table with a hole for some birth dates would
leave those people undecided. Checked for everyone born from 1900 on, in every value of every
bundled scheme's pension_age (rules.coverage.cohort_gaps).
"""

from datetime import date

from coordina.domain import Scheme
from coordina.domain.parameters import DatedParameter
from coordina.domain.scheme import PensionAge
from coordina.rules.coverage import Span, cohort_gaps
from coordina.services import catalog


def test_every_pension_age_table_has_a_row_for_every_cohort_and_sex() -> None:
    gaps = [(s.id, *gap) for s in catalog.schemes() for gap in cohort_gaps(s)]
    assert not gaps, gaps[:10]


def test_a_table_without_rows_for_women_born_before_1949_has_that_gap() -> None:
    scheme = catalog.scheme("au-age-pension")
    table = DatedParameter[list[PensionAge]].model_validate(
        [
            {
                "valid_from": "1991-07-01",
                "source": "unverified",
                "value": [{"years": 65, "sex": "men"}, {"years": 65, "sex": "women", "born_from": "1949-01-01"}],
            }
        ]
    )
    reduced = Scheme.model_validate(
        {**scheme.model_dump(), "parameters": {**scheme.parameters.model_dump(), "pension_age": table.model_dump()}}
    )

    assert cohort_gaps(reduced) == [(date(1991, 7, 1), "women", Span(date(1900, 1, 1), date(1948, 12, 31)))]
