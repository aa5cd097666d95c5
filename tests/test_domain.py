"""The domain model's own rules: dated parameters, citations, parties, durations."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from coordina.domain import Citation, DatedParameter, Duration, Money, TimeUnit
from coordina.domain.party import party_name
from coordina.domain.scheme import Scheme

Param = DatedParameter[int]


def _values(*starts: date, until: dict[int, date] | None = None) -> list[dict[str, object]]:
    until = until or {}
    return [
        {
            "valid_from": start,
            "value": i,
            "source": "test",
            **({"valid_until": until[i]} if i in until else {}),
        }
        for i, start in enumerate(starts)
    ]


def test_a_value_holds_until_the_next_one_starts() -> None:
    param = Param.model_validate(_values(date(2000, 1, 1), date(2010, 1, 1)))

    assert param.at(date(1999, 12, 31)) is None
    assert param.at(date(2009, 12, 31)).value == 0  # type: ignore[union-attr]
    assert param.at(date(2010, 1, 1)).value == 1  # type: ignore[union-attr]
    assert param.latest().value == 1


def test_a_value_with_an_end_leaves_a_gap() -> None:
    param = Param.model_validate(_values(date(2000, 1, 1), date(2010, 1, 1), until={0: date(2004, 12, 31)}))

    assert param.at(date(2005, 6, 1)) is None


@pytest.mark.parametrize(
    "values",
    [
        _values(date(2000, 1, 1), date(2000, 1, 1)),
        _values(date(2000, 1, 1), date(2010, 1, 1), until={0: date(2010, 1, 1)}),
    ],
    ids=["same start", "end reaches into the next"],
)
def test_overlapping_validity_is_refused(values: list[dict[str, object]]) -> None:
    with pytest.raises(ValidationError, match="overlaps"):
        Param.model_validate(values)


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="before valid_from"):
        Param.model_validate(_values(date(2000, 1, 1), until={0: date(1999, 1, 1)}))


@given(
    st.lists(st.dates(date(1950, 1, 1), date(2050, 1, 1)), min_size=1, max_size=8, unique=True),
    st.dates(date(1940, 1, 1), date(2060, 1, 1)),
)
def test_at_gives_the_latest_value_started_on_or_before_the_day(starts: list[date], day: date) -> None:
    param = Param.model_validate(_values(*starts))
    started = [s for s in starts if s <= day]

    found = param.at(day)

    if not started:
        assert found is None
    else:
        assert found is not None and found.valid_from == max(started)


@given(st.lists(st.dates(date(1950, 1, 1), date(2050, 1, 1)), min_size=2, max_size=6, unique=True))
def test_order_of_values_in_the_file_does_not_matter(starts: list[date]) -> None:
    forward = Param.model_validate(_values(*starts))
    probe = max(starts) + timedelta(days=1)
    backward = Param.model_validate(list(reversed(_values(*starts))))

    assert forward.at(probe) == backward.at(probe)


@pytest.mark.parametrize(
    ("given_", "article", "paragraph", "eid"),
    [(12, "12", None, "art_12"), ("12(2)", "12", "2", "art_12__para_2"), ("5bis", "5bis", None, "art_5bis")],
)
def test_citation_shorthand_and_akoma_ntoso_eid(given_: object, article: str, paragraph: str | None, eid: str) -> None:
    citation = Citation.model_validate(given_)

    assert (citation.article, citation.paragraph, citation.eid) == (article, paragraph, eid)


def test_a_citation_in_context_must_name_an_existing_article() -> None:
    with pytest.raises(ValidationError, match="does not have"):
        Citation.model_validate("9", context={"articles": {"1", "2"}})


def test_durations_convert_exactly_or_refuse() -> None:
    assert Duration(amount=Decimal(10), unit=TimeUnit.years).in_months() == 120
    assert Duration(amount=Decimal(40), unit=TimeUnit.quarters).in_months() == 120
    with pytest.raises(ValueError, match="weeks"):
        Duration(amount=Decimal(52), unit=TimeUnit.weeks).in_months()


def test_money_needs_an_iso_currency() -> None:
    assert str(Money(amount=Decimal("10.50"), currency="EUR")) == "10.50 EUR"
    with pytest.raises(ValidationError):
        Money(amount=Decimal(1), currency="euro")


def test_parties_are_iso_codes_with_readable_names() -> None:
    assert party_name("AR") == "Argentina"
    assert party_name("CA-QC") == "Canada (CA-QC)"


def test_a_scheme_id_starts_with_its_country() -> None:
    with pytest.raises(ValidationError, match="must start with"):
        Scheme.model_validate(
            {
                "id": "fr-cnav",
                "country": "DE",
                "name": "x",
                "institution": "x",
                "branches": ["old_age"],
                "kind": "social_insurance",
                "contributory": True,
                "general": True,
                "public": True,
                "legal_basis": [{"source": "test"}],
            }
        )
