"""Small hand-made populations and assumption files for the simulation tests: each person written
out period by period, so the figures can be checked by hand."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from coordina.services import populations

ASSUMPTIONS = """\
take_up: {value: 1, source: unverified}
indexation_default: {value: 0, source: unverified}
discount_rate: {value: 0.03, source: unverified}
"""
"""Take-up 1 and no indexation: the expected benefits are the amount x months x survival."""


def period(
    person: int,
    country: str,
    kind: str,
    start: date,
    end: date,
    *,
    born: date = date(1961, 3, 15),
    sex: str = "men",
    residence: str = "AU",
    activity: str | None = None,
    employer: str | None = None,
    earnings: int | None = None,
    currency: str | None = None,
    death: date | None = None,
) -> dict[str, Any]:
    return {
        "person": person,
        "birth_date": born,
        "sex": sex,
        "nationality": residence,
        "residence": residence,
        "death_date": death,
        "country": country,
        "kind": kind,
        "activity": activity,
        "employer_country": employer,
        "start": start,
        "end": end,
        "earnings": None if earnings is None else Decimal(earnings),
        "currency": currency,
    }


def newly_eligible_in_korea(person: int = 0) -> list[dict[str, Any]]:
    """Born 15 March 1961, living in Australia: 20 years in Australia (1990-2009, employed), then five
    years insured in Korea (2010-2014): short of the National Pension's 10 years alone, eligible with
    the Australian years added (au-kr Art. 13). Claims on 1 April 2028 (Australian age 67 on
    15 March 2028 is the later of the two pension ages)."""
    return [
        period(
            person,
            "AU",
            "employment",
            date(1990, 1, 1),
            date(2009, 12, 31),
            activity="employed",
            earnings=1_500_000,
            currency="AUD",
        ),
        period(person, "AU", "residence", date(1990, 1, 1), date(2009, 12, 31)),
        period(
            person,
            "KR",
            "employment",
            date(2010, 1, 1),
            date(2014, 12, 31),
            activity="employed",
            earnings=200_000_000,
            currency="KRW",
        ),
        period(person, "KR", "residence", date(2010, 1, 1), date(2014, 12, 31)),
    ]


def posted_to_korea(person: int, months: int = 12, earnings: int = 60_000) -> list[dict[str, Any]]:
    """Born 1990, employed in Australia from 2015, then posted by the Australian employer to Korea
    from 1 January 2027 for ``months`` months (``earnings`` AUD over the posting)."""
    born = date(1990, 6, 1)
    end_year, end_month = 2027 + (months - 1) // 12, (months - 1) % 12 + 1
    last = date(end_year + (end_month == 12), end_month % 12 + 1, 1) - date.resolution
    return [
        period(
            person,
            "AU",
            "employment",
            date(2015, 1, 1),
            date(2026, 12, 31),
            born=born,
            activity="employed",
            earnings=700_000,
            currency="AUD",
        ),
        period(person, "AU", "residence", date(2015, 1, 1), date(2026, 12, 31), born=born),
        period(
            person,
            "KR",
            "employment",
            date(2027, 1, 1),
            last,
            born=born,
            activity="posted",
            employer="AU",
            earnings=earnings,
            currency="AUD",
        ),
    ]


def write(tmp: Path, rows: list[dict[str, Any]], name: str = "population.parquet") -> Path:
    path = tmp / name
    populations.write_population(pl.DataFrame(rows, schema=populations.SCHEMA, orient="row"), path)
    return path


def assumptions(tmp: Path, text: str = ASSUMPTIONS) -> Path:
    path = tmp / "assumptions.yaml"
    path.write_text(text, encoding="utf-8")
    return path
