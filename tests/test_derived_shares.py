"""A survivors' share by the insured person's months (domain.series.DerivedShare.share_for)."""

from decimal import Decimal
from fractions import Fraction

from coordina.domain.series import DerivedShare

KOREA_LIKE = DerivedShare.model_validate(
    {
        "share": "0.4",
        "by_months": [{"from_months": 120, "share": "0.5"}, {"from_months": 240, "share": "0.6"}],
        "description": "40 % under 10 years, 50 % from 10, 60 % from 20 (National Pension Act art. 74 shape)",
    }
)


def test_the_band_reached_by_the_months_applies() -> None:
    assert KOREA_LIKE.share_for(Fraction(119)) == Decimal("0.4")
    assert KOREA_LIKE.share_for(Fraction(120)) == Decimal("0.5")
    assert KOREA_LIKE.share_for(Fraction(239, 1)) == Decimal("0.5")
    assert KOREA_LIKE.share_for(Fraction(240)) == Decimal("0.6")


def test_without_bands_the_share_applies() -> None:
    flat = DerivedShare.model_validate({"share": "0.55", "description": "a widow's pension"})
    assert flat.share_for(Fraction(1)) == Decimal("0.55")
