"""Shared populations and claims for the batch tests."""

import random
from datetime import date, timedelta

import polars as pl

from coordina.catalog.loading import Library
from coordina.services import catalog, populations

AGREEMENTS = ("in-de", "au-kr", "ca-nl", "fr-tn", "ar-cl", "mercosur")


def claims_for(
    table: pl.DataFrame, seed: int, first: date = date(1985, 1, 1), last: date = date(2045, 12, 31)
) -> pl.DataFrame:
    """One old-age claim per person on a seeded day between ``first`` and ``last`` (before and
    after entry into force, before and after pension ages)."""
    rng = random.Random(seed)
    people = table.get_column("person").unique().sort().to_list()
    span = (last - first).days
    days = [first + timedelta(days=rng.randrange(span)) for _ in people]
    return pl.DataFrame({"person": people, "branch": ["old_age"] * len(people), "claim_date": days},
                        schema={"person": pl.Int64, "branch": pl.Utf8, "claim_date": pl.Date})  # fmt: skip


def population(agreement_id: str, size: int, seed: int) -> pl.DataFrame:
    return populations.population(agreement_id, size, seed)


def library() -> Library:
    return catalog.library()
