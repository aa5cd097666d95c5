"""Impact simulation of an agreement (issue 13 item 3): every person of a population computed with
and without the agreement, year by year over a horizon, partition by partition.

``prepare`` loads the agreement (a bundled id or a draft's file), the schemes carried over the
horizon (``simulation_schemes``), the assumptions and the population, and lists the partitions;
``run_partition`` reads only its persons from the Parquet file, decides them with the batch kernel
once (the decision rows carry both answers: national law alone and the agreement), and returns
small tables of exact sums; ``combine`` adds them up in any order to the same ``Report``
(``simulation_report``); ``simulate`` runs it all here (``engine="local"``: a partition per core
in threads, ``partition_pool``) or on Dask. The
modelling choices are in ``batch.claims``, ``batch.outcomes``, ``batch.projection`` and
``batch.postings``, and in every report.
"""

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl

from coordina.batch import claims as claiming
from coordina.batch import outcomes as outcome_rows
from coordina.batch import summaries
from coordina.batch.decisions import tables
from coordina.batch.kernel import BatchDecisions, decide
from coordina.batch.postings import contributions_saved, posted_stretches
from coordina.batch.projection import FLOWS, yearly_flows
from coordina.domain.agreement import Agreement
from coordina.domain.scheme import Scheme
from coordina.domain.simulation import SimulationRequest
from coordina.domain.simulation_assumptions import SimulationAssumptions
from coordina.errors import CoordinaError, DataError, Problem
from coordina.rules.money import legal_tender
from coordina.services import partition_pool, simulation_key
from coordina.services.compute import earlier_texts
from coordina.services.simulation_compare import Comparison, compare
from coordina.services.simulation_inputs import checked_population
from coordina.services.simulation_output import write_comparison, write_report
from coordina.services.simulation_parts import Partition, PartitionResult, Prepared, Progress
from coordina.services.simulation_report import Report, build_report
from coordina.services.simulation_schemes import projected


def prepare(request: SimulationRequest) -> Prepared:
    """The agreement, schemes, assumptions and population of ``request``, checked, the partitions
    listed, and the run's key (``simulation_key``: the population file's hash, as ``key`` gives it)."""
    loaded = simulation_key.inputs(request)
    population = checked_population(request.population, request.skip_invalid)
    listed = partitions(population.path, request.partition_size)
    if not listed:
        raise DataError([Problem(request.population, 1, "the population holds no period: nothing to simulate")])
    schemes = projected(loaded.library.schemes, request.years[1], loaded.assumptions)
    run_key = simulation_key.digest(
        loaded.agreement, loaded.library.schemes, population.content_hash, loaded.assumptions, request.years
    )
    return Prepared(
        request,
        loaded.agreement,
        schemes,
        earlier_texts(loaded.agreement, loaded.library),
        loaded.assumptions,
        population,
        listed,
        run_key,
        loaded.in_force_assumed,
    )


def key(request: SimulationRequest) -> str:
    """SHA-256 over the agreement's content (and the schemes'), the population file's bytes, the
    engine version, the assumptions and the years: the same key, the same figures. The population
    is hashed, never read as a table (``simulation_key.key``)."""
    return simulation_key.key(request)


def partitions(population: Path, size: int) -> list[Partition]:
    """The population's persons in ranges of ``size`` ids (so at most ``size`` persons each), only the
    ranges holding someone, read from the person column alone (streamed)."""
    buckets = (
        pl.scan_parquet(population)
        .select((pl.col("person") // size).unique().alias("bucket"))
        .collect(engine="streaming")
        .get_column("bucket")
        .sort()
        .to_list()
    )
    return [Partition(i, b * size, (b + 1) * size - 1) for i, b in enumerate(buckets)]


def run_partition(prepared: Prepared, partition: Partition) -> PartitionResult:
    """Decide the partition's persons once with the kernel and sum what they give, year by year."""
    years = prepared.request.years
    periods = (
        pl.scan_parquet(prepared.population.path)
        .filter(pl.col("person").is_between(partition.first_person, partition.last_person))
        .collect()
    )
    facts = claiming.persons(periods)
    agreement, schemes = prepared.agreement, prepared.schemes
    dates = claiming.claim_dates(facts, claiming.old_age_schemes(agreement, schemes), years)
    claimants = dates.filter(pl.col("claim_date").is_not_null()).select("person", "claim_date")
    after = date(years[1], 12, 31) + timedelta(days=1)
    posted = (
        periods.filter((pl.col("activity") == "posted") & (pl.col("end") >= date(years[0], 1, 1)))
        .select("person")
        .unique()
        .join(claimants, on="person", how="anti")
    )
    cuts = pl.concat([claimants.rename({"claim_date": "cut"}), posted.with_columns(cut=pl.lit(after))]).sort("person")
    cut = claiming.cut_at_claims(periods, cuts)
    kernel_claims = cuts.select("person", pl.lit("old_age").alias("branch"), pl.col("cut").alias("claim_date"))
    decided = _decide(cut, kernel_claims, agreement, schemes, prepared.earlier)
    facts_only = facts.select("person", "birth_date", "sex", "residence", "death_date")
    outcome = outcome_rows.outcomes(decided.decisions, facts_only, claimants, schemes)
    a = prepared.assumptions
    flows = yearly_flows(
        outcome,
        years,
        a.life_table,
        {k: v.value for k, v in a.indexation.items()},
        a.indexation_default.value,
        a.take_up.value,
        prepared.population.deaths_drawn_until,
    )
    contributions = contributions_saved(
        posted_stretches(decided.legislation, cut, years),
        _host_schemes(agreement, schemes),
        lambda country, year: legal_tender(country, date(year, 7, 1)),
        _converter(a),
        years,
    )
    refused = decided.persons.filter(pl.col("problem").is_not_null()).sort("person")
    meta = {
        "people": facts.height,
        "claim_outcomes": dict(sorted(_counts(dates.get_column("outcome")).items())),
        "decided": decided.persons.height,
        "not_covered": decided.persons.filter(pl.col("covered") == False).height,  # noqa: E712
        "refused": refused.height,
        "refused_examples": [[int(p), str(m)] for p, m in refused.select("person", "problem").head(10).iter_rows()],
        "fallback": decided.fallback,
        "fallback_reasons": dict(decided.fallback_reasons),
    }
    tables = {
        "yearly": flows,
        "claims": summaries.claims_by_scheme(outcome),
        "party_claims": summaries.claims_by_party(outcome),
        "contributions": summaries.contributions_by_scheme(contributions),
        "posted": contributions.group_by("party", "year")
        .agg(pl.col("person").n_unique().cast(pl.Int64).alias("posted"))
        .sort("party", "year"),
        "fractions": outcome_rows.fraction_bands(outcome),
        "gains": outcome_rows.gain_bands(outcome, _rates_frame(a, years)),
    }
    return PartitionResult(partition.index, tables, meta)


def _counts(column: pl.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in column.value_counts().iter_rows()}


def _decide(periods: pl.DataFrame, claims: pl.DataFrame, agreement: Agreement, schemes: dict[str, Scheme],
            earlier: list[Agreement]) -> BatchDecisions:  # fmt: skip
    """The kernel's decisions; a partition with nobody to decide gets the kernel's empty tables."""
    if claims.height:
        return decide(periods, claims, agreement, schemes, earlier)
    persons, decisions, legislation = tables([], [], [])
    return BatchDecisions(persons.with_columns(pl.lit(None, dtype=pl.Utf8).alias("problem")), decisions, legislation)


def _host_schemes(agreement: Agreement, schemes: dict[str, Scheme]) -> dict[str, list[Scheme]]:
    """Each party's schemes in the agreement's material scope that hold contribution rates."""
    found: dict[str, list[Scheme]] = {party: [] for party in agreement.parties}
    for entry in agreement.material_scope:
        for scheme_id in entry.schemes:
            scheme = schemes.get(scheme_id)
            if scheme is None or scheme.parameters.contributions is None:
                continue
            listed = found.setdefault(scheme.country, [])
            if all(s.id != scheme.id for s in listed):
                listed.append(scheme)
    return {party: sorted(listed, key=lambda s: s.id) for party, listed in found.items()}


def _converter(a: SimulationAssumptions) -> Callable[[Decimal, str, str, int], Decimal | None]:
    def convert(amount: Decimal, source: str, target: str, year: int) -> Decimal | None:
        try:
            return amount / a.rate(source, year)[0] * a.rate(target, year)[0]
        except KeyError:
            return None

    return convert


def _rates_frame(a: SimulationAssumptions, years: tuple[int, int]) -> pl.DataFrame:
    currencies = sorted({*a.exchange_rates, a.reporting_currency})
    rows = [(c, y, float(a.rate(c, y)[0])) for c in currencies for y in range(years[0], years[1] + 1)]
    return pl.DataFrame(rows, schema={"currency": pl.Utf8, "year": pl.Int32, "per_eur": pl.Float64}, orient="row")


def combine(prepared: Prepared, results: Sequence[PartitionResult]) -> Report:
    """The report of all partitions: exact sums, so any order of ``results`` gives the same report."""
    ordered = sorted(results, key=lambda r: r.index)
    if [r.index for r in ordered] != [p.index for p in prepared.partitions]:
        raise CoordinaError("partitions", "the results do not cover each partition exactly once")
    return build_report(prepared, ordered)


def simulate(
    request: SimulationRequest, engine: str = "local", scheduler: str | None = None, progress: Progress | None = None
) -> Report:
    """Prepare, run every partition (here, or on Dask with ``engine="dask"``) and combine."""
    prepared = prepare(request)
    if engine == "dask":
        try:
            from coordina.services import simulation_dask  # type: ignore[attr-defined, unused-ignore]
        except ImportError:
            raise CoordinaError("engine", "the Dask engine is not available in this installation") from None
        results: list[PartitionResult] = simulation_dask.map_partitions(
            run_partition, prepared, prepared.partitions, scheduler, progress
        )
        return combine(prepared, results)
    if engine != "local":
        raise CoordinaError("engine", f"unknown engine {engine!r}: local or dask")
    results = []
    for _, result in partition_pool.as_done(lambda part: run_partition(prepared, part), prepared.partitions):
        results.append(result)
        if progress is not None:
            progress(len(results), len(prepared.partitions))
    return combine(prepared, results)


__all__ = [
    "FLOWS",
    "Comparison",
    "Partition",
    "PartitionResult",
    "Prepared",
    "Report",
    "combine",
    "compare",
    "key",
    "partitions",
    "prepare",
    "run_partition",
    "simulate",
    "write_comparison",
    "write_report",
]
