"""Who claims when, and careers cut at the claim (``coordina.batch.claims``): the first day of the
month after the latest pension age, 1 January of the first year for those past it, no claim after a
recorded death or past the horizon."""

from datetime import date

import polars as pl

from coordina.batch import claims
from coordina.services import catalog
from tests.simulation import cases


def _dates(rows: list[dict[str, object]]) -> dict[int, tuple[date | None, str]]:
    library = catalog.library()
    table = pl.DataFrame(rows, schema=cases.populations.SCHEMA, orient="row")
    schemes = claims.old_age_schemes(library.agreements["au-kr"], library.schemes)
    assert sorted(s.id for s in schemes) == ["au-age-pension", "kr-nps"]
    found = claims.claim_dates(claims.persons(table), schemes, (2026, 2050))
    return {p: (d, o) for p, d, o in found.iter_rows()}


def test_the_latest_pension_age_then_the_first_of_the_next_month() -> None:
    one = cases.period(0, "AU", "residence", date(1990, 1, 1), date(2000, 12, 31), born=date(1961, 3, 15))
    past = cases.period(1, "AU", "residence", date(1970, 1, 1), date(2000, 12, 31), born=date(1950, 7, 2))
    young = cases.period(2, "AU", "residence", date(2010, 1, 1), date(2020, 12, 31), born=date(1995, 1, 1))
    dead = cases.period(
        3, "AU", "residence", date(1990, 1, 1), date(2000, 12, 31), born=date(1961, 3, 15), death=date(2027, 5, 1)
    )
    december = cases.period(4, "KR", "residence", date(1990, 1, 1), date(2000, 12, 31), born=date(1962, 12, 20))
    found = _dates([one, past, young, dead, december])
    assert found[0] == (date(2028, 4, 1), claims.CLAIMED)  # Australia 67 on 15 March 2028 (Korea: 63 in 2024)
    assert found[1] == (date(2026, 1, 1), claims.CLAIMED)  # past every pension age: the horizon's first day
    assert found[2] == (None, claims.AFTER_HORIZON)  # 67 in 2062
    assert found[3] == (None, claims.DIES_BEFORE)
    assert found[4] == (date(2030, 1, 1), claims.CLAIMED)  # 67 on 20 December 2029


def test_careers_are_cut_the_day_before_the_claim_their_earnings_shared_by_days() -> None:
    rows = [
        cases.period(0, "AU", "employment", date(2027, 1, 1), date(2028, 12, 31), earnings=731_000, currency="AUD"),
        cases.period(0, "AU", "residence", date(2029, 1, 1), date(2029, 12, 31)),
    ]
    table = pl.DataFrame(rows, schema=cases.populations.SCHEMA, orient="row")
    cut = claims.cut_at_claims(table, pl.DataFrame({"person": [0], "cut": [date(2028, 1, 1)]}))
    assert cut.height == 1  # the period starting after the claim is dropped
    row = cut.row(0, named=True)
    assert row["end"] == date(2027, 12, 31)
    assert int(row["earnings"]) == 365_000  # 731,000 over 731 days (2028 is a leap year), 365 kept
    assert cut.schema == table.schema
