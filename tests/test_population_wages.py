"""Synthetic earnings follow each country's wage index (issue 13 item 2): a year's wage is the
wage of the assumptions x the index of the year / the index of the wage's year, ``wage_growth``
outside the series; a file of one's own replaces the series; and a seeded population's amounts,
revalued by the national formulas, are of the order of each country's current wage."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from coordina.batch import claims as claiming
from coordina.batch.kernel import decide
from coordina.batch.wage_levels import chained, level, wage_in
from coordina.domain.simulation import SimulationRequest, WageSeries
from coordina.errors import DataError
from coordina.services import catalog, populations
from coordina.services.simulation import prepare
from coordina.services.simulation_parts import Prepared
from coordina.services.wage_series import wage_indices

GROWTH = Decimal("1.02")


def _yearly(table: pl.DataFrame, country: str) -> dict[int, Decimal]:
    """A country's average earnings per calendar year worked, from the employed periods of whole
    calendar years (a period of several years shared evenly between them: its wage moved little)."""
    whole = table.filter(
        (pl.col("country") == country)
        & (pl.col("activity") == "employed")
        & (pl.col("start").dt.month() == 1)
        & (pl.col("start").dt.day() == 1)
        & (pl.col("end").dt.month() == 12)
        & (pl.col("end").dt.day() == 31)
    )
    years = whole.with_columns(
        year=pl.int_ranges(pl.col("start").dt.year(), pl.col("end").dt.year() + 1),
        each=pl.col("earnings").cast(pl.Float64) / (pl.col("end").dt.year() - pl.col("start").dt.year() + 1),
    ).explode("year")
    means = years.group_by("year").agg(pl.col("each").mean())
    return {int(y): Decimal(str(m)) for y, m in means.iter_rows()}


def test_the_level_reads_the_series_interpolates_a_gap_and_grows_outside_it() -> None:
    series = {2000: Decimal(100), 2002: Decimal(121), 2003: Decimal(150)}
    assert level(series, 2002, GROWTH) == 121
    assert level(series, 2001, GROWTH) == pytest.approx(Decimal(110))  # geometric: 100 x 1.1
    assert level(series, 2005, GROWTH) == Decimal(150) * GROWTH**2
    assert level(series, 1998, GROWTH) == Decimal(100) / GROWTH**2


def test_series_are_chained_at_their_nearest_common_year() -> None:
    later = {2010: Decimal(10), 2011: Decimal(11)}
    earlier = {2008: Decimal(1), 2009: Decimal(2), 2010: Decimal(4)}
    assert chained([later, earlier]) == {2008: Decimal("2.5"), 2009: Decimal(5), 2010: 10, 2011: 11}
    with pytest.raises(ValueError, match="no year in common"):
        chained([later, {1990: Decimal(1)}])


def test_each_indexed_country_follows_its_scheme_series() -> None:
    assumptions = populations.assumptions()
    indices = wage_indices(assumptions, Path("population.yaml"))
    assert set(indices) == {"DE", "KR", "CA", "FR", "TN", "AR", "BR", "UY", "PY", "NL", "AU"}
    imss = catalog.scheme("uy-bps").parameters.tables["revaluation_index"].values
    assert indices["UY"] == imss
    german = catalog.scheme("de-grv").parameters.tables["average_earnings"].values
    assert indices["DE"][2024] == german[2024] and indices["DE"][2001] == german[2001] / Decimal("1.95583")
    minimum = catalog.scheme("py-ips").parameters.values["minimum_wage_monthly"]
    assert indices["PY"][2020] == minimum.at(date(2020, 7, 1)).value  # type: ignore[union-attr]
    rates = catalog.scheme("kr-nps").parameters.tables["revaluation_2026"].values
    assert indices["KR"][1990] * rates[1990] == pytest.approx(Decimal(1))  # the level is 1 / the rate


def test_drawn_earnings_follow_the_index_within_the_spread() -> None:
    table = populations.population("mercosur", 400, 5)
    yearly = _yearly(table, "UY")
    imss = catalog.scheme("uy-bps").parameters.tables["revaluation_index"].values
    for early, late in [(1985, 2015), (1995, 2020), (2005, 2024)]:
        observed = yearly[late] / yearly[early]
        expected = imss[late] / imss[early]
        assert expected / 3 < observed < expected * 3  # each person's level is the wage x U(0.5, 1.5)
    assert yearly[2015] / yearly[1985] > 500  # not 2 % a year (1.8)


def test_a_year_outside_the_series_grows_at_wage_growth() -> None:
    wage = populations.assumptions().wages["UY"]
    series = wage_indices(populations.assumptions(), Path("population.yaml"))["UY"]
    assert wage_in(wage, series, GROWTH, 1966) * GROWTH**2 == pytest.approx(wage_in(wage, series, GROWTH, 1968))
    assert wage_in(wage, series, GROWTH, 2030) == pytest.approx(wage_in(wage, series, GROWTH, 2025) * GROWTH**5)
    chilean = populations.assumptions().wages["CL"]  # no series: growth from the wage's year
    assert wage_in(chilean, None, GROWTH, 2000) == chilean.amount * GROWTH ** (2000 - 2024)


def test_an_employment_is_cut_where_the_wage_moves_more_than_the_step() -> None:
    table = populations.population("mercosur", 200, 3).filter(pl.col("activity") == "employed")
    spans = table.with_columns(years=pl.col("end").dt.year() - pl.col("start").dt.year() + 1)
    fast = spans.filter((pl.col("country") == "UY") & (pl.col("start").dt.year().is_between(1983, 1996)))
    assert fast.height and (fast["years"] == 1).all()  # the IMS rose 16-107 % a year from 1983 to 1997
    assumptions = populations.assumptions()
    german = populations.population("in-de", 200, 3).filter(pl.col("activity") == "employed")
    germany = german.filter(pl.col("country") == "DE")
    longest = (germany["end"].dt.year() - germany["start"].dt.year()).max()
    assert isinstance(longest, int) and longest >= 2  # years of average earnings within 10 %
    assert assumptions.earnings_step.value == Decimal("0.1")


def test_a_file_of_ones_own_replaces_the_series_or_removes_it(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "wages:\n"
        "  UY: {year: 2024, amount: 600000, currency: UYU, source: mine}\n"
        "  BR:\n    year: 2024\n    amount: 40000\n    currency: BRL\n    source: mine\n"
        "    index: {values: {2000: 1, 2010: 4, 2024: 16}, source: my wage survey}\n"
    )
    found = populations.assumptions(own)
    assert found.wages["UY"].index == [] and found.wages["BR"].index[0].named() == "own values"
    table = populations.population("mercosur", 300, 2, own)
    uruguay, brazil = _yearly(table, "UY"), _yearly(table, "BR")
    assert uruguay[2015] / uruguay[1985] < 3  # 2 % a year again (1.8), within the spread
    assert 2 < brazil[2010] / brazil[2000] < 8  # 4, within the spread


def test_a_series_the_scheme_data_do_not_hold_is_refused(tmp_path: Path) -> None:
    own = tmp_path / "bad.yaml"
    own.write_text(
        "wages:\n  UY: {year: 2024, amount: 1, currency: UYU, source: mine,"
        " index: {scheme: uy-bps, table: no_such_table}}\n"
    )
    with pytest.raises(DataError, match=r"wages\.UY\.index: uy-bps has no table 'no_such_table'"):
        populations.population("mercosur", 5, 1, own)
    with pytest.raises(ValueError, match="give a scheme with one table or value"):
        WageSeries(scheme="uy-bps", table="a", value="b")


def test_a_seeded_populations_full_career_amounts_are_of_the_order_of_the_current_wage(tmp_path: Path) -> None:
    """The theoretical amount (every totalized period as if national) x 12 over the country's wage
    of the year before the claim: a full career's replacement rate, between 10 % and 150 % for
    the median claimant of each country (44.9 bn EUR of Uruguayan benefits for 400 people had
    rates in the thousands)."""
    path = tmp_path / "mercosur.parquet"
    populations.write_population(populations.population("mercosur", 400, 1), path)
    prepared = prepare(SimulationRequest(agreement="mercosur", population=path, years=(2026, 2050)))
    decisions = _decisions(prepared)
    assumptions = populations.assumptions()
    indices = wage_indices(assumptions, Path("population.yaml"))
    growth = 1 + assumptions.wage_growth.value
    rates: dict[str, list[float]] = {}
    for row in decisions.filter(pl.col("theoretical_amount").is_not_null()).iter_rows(named=True):
        country = row["country"]
        wage = wage_in(assumptions.wages[country], indices.get(country), growth, row["claim_date"].year - 1)
        rates.setdefault(country, []).append(float(Decimal(str(row["theoretical_amount"])) * 12 / wage))
    assert set(rates) == {"AR", "BR", "PY", "UY"}
    for country, found in rates.items():
        found.sort()
        assert 0.1 <= found[len(found) // 2] <= 1.5, (country, found[len(found) // 2])
        assert found[-1] < 3, (country, found[-1])  # the spread (1.5) x a high rate, never thousands


def _decisions(prepared: Prepared) -> pl.DataFrame:
    """The kernel's decisions of the simulation's claims (as ``simulation.run_partition`` makes
    them: each claimant at their claim date, their periods cut there), with the claim dates."""
    periods = pl.read_parquet(prepared.population.path)
    agreement, schemes = prepared.agreement, prepared.schemes
    dates = claiming.claim_dates(claiming.persons(periods), claiming.old_age_schemes(agreement, schemes), (2026, 2050))
    claims = dates.filter(pl.col("claim_date").is_not_null()).select("person", "claim_date")
    cut = claiming.cut_at_claims(periods, claims.rename({"claim_date": "cut"}))
    kernel_claims = claims.select("person", pl.lit("old_age").alias("branch"), "claim_date")
    return decide(cut, kernel_claims, agreement, schemes, prepared.earlier).decisions.join(claims, on="person")


def test_a_drawn_population_is_keyed_by_the_wage_levels_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    # the web page keeps drawn populations by this fingerprint: a scheme table a wage index reads
    # changing (new data) must give another file, not the one drawn from the old levels
    parties = ["AR", "UY"]
    assert populations.fingerprint(parties) == populations.fingerprint(reversed(parties))
    before = populations.fingerprint(parties)
    real = populations.wage_indices

    def changed(*args: Any, **kwargs: Any) -> dict[str, dict[int, Decimal]]:
        found = real(*args, **kwargs)
        return {c: {y: v * 2 if y == max(by_year) else v for y, v in by_year.items()} for c, by_year in found.items()}

    monkeypatch.setattr(populations, "wage_indices", changed)
    assert populations.fingerprint(parties) != before
