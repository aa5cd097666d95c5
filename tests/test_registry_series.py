"""The series behind the registry's figures and statistics (services.registry_series)."""

from datetime import date

from coordina.catalog import registry as registry_lib
from coordina.domain.registry import RegistryEntry
from coordina.domain.vocabulary import Branch
from coordina.services import registry_series


def _row(id: str, parties: str, in_force: str = "", branches: str = "", kind: str = "bilateral",
         signed: str = "") -> RegistryEntry:  # fmt: skip
    return RegistryEntry.model_validate({"id": id, "parties": parties, "kind": kind, "in_force": in_force or None,
                                         "signed": signed or None, "branches": branches, "source": "test"})  # fmt: skip


ROWS = (
    _row("es-ma", "ES;MA", "1982", "old_age;invalidity", signed="1979-11-08"),  # Europe and Africa
    _row("es-fr", "ES;FR", "1984-05", "old_age"),
    _row("ar-cl", "AR;CL", "1984-03-01"),
    _row("cl-es", "CL;ES"),  # no date: not counted in Figure 1
    _row("multi-x", "AR;BR;UY", "2005", "sickness", kind="multilateral"),
)
REGISTRY = registry_lib.Registry(ROWS)


def test_figure_1_counts_bilateral_rows_by_region_and_year_cumulatively() -> None:
    series = registry_series.region_years(REGISTRY)
    assert series.years == (1982, 1983, 1984)
    assert series.rows == 4 and series.counted == 3 and series.share_counted == 0.75
    assert series.regions == ("Europe", "Americas", "Africa")  # REGIONS' order; none in Asia or Africa
    assert series.per_year["Europe"] == (1, 0, 1)
    assert series.cumulative("Europe") == (1, 1, 2)
    assert series.cumulative("Americas") == (0, 0, 1)  # ar-cl; the multilateral row is not bilateral
    assert series.cumulative("Africa") == (1, 1, 1)


def test_figure_2_shares_are_of_the_rows_that_state_their_branches() -> None:
    series = registry_series.branch_shares(REGISTRY)
    assert (series.known, series.rows) == (3, 5)
    by_branch = {s.branch: s for s in series.shares}
    assert [s.branch for s in series.shares] == list(Branch)
    assert by_branch[Branch.old_age].agreements == 2 and abs(by_branch[Branch.old_age].share - 2 / 3) < 1e-9
    assert by_branch[Branch.maternity].share == 0


def test_the_network_has_one_edge_per_bilateral_agreement_and_countries_by_region() -> None:
    series = registry_series.network(REGISTRY)
    assert [c.code for c in series.countries] == ["ES", "FR", "AR", "CL", "MA"]
    assert [(e.a, e.b) for e in series.edges] == [("ES", "MA"), ("ES", "FR"), ("AR", "CL"), ("CL", "ES")]
    assert series.multilateral == 1
    assert series.partners("ES") == ("CL", "FR", "MA")


def test_decades_and_the_coverage_of_dates() -> None:
    assert registry_series.decades(REGISTRY) == {1980: 3, 2000: 1}
    coverage = registry_series.date_coverage(REGISTRY)
    assert (coverage.rows, coverage.in_force, coverage.signed) == (5, 4, 1)
    assert coverage.in_force_precision == {"day": 1, "month": 1, "year": 2}


def test_since_a_date_keeps_only_rows_certainly_in_force_from_then() -> None:
    found = registry_series.in_force_since(list(ROWS), date(1984, 3, 1))
    assert [e.id for e in found] == ["es-fr", "ar-cl", "multi-x"]
    assert [e.id for e in registry_series.in_force_since(list(ROWS), date(1982, 6, 1))] == ["es-fr", "ar-cl", "multi-x"]


def test_countries_by_code_or_english_name() -> None:
    assert registry_series.country("South Korea") == registry_series.country("kr") == "KR"
    assert registry_series.country("Atlantis") is None
    assert registry_series.countries()["MA"][1] == "Africa"
    assert registry_series.regions_of(REGISTRY, ROWS[0]) == ("Europe", "Africa")


def test_the_bundled_registry_gives_the_figures_their_numbers() -> None:
    registry = registry_lib.build(registry_lib.bundled_entries())
    series = registry_series.region_years(registry)
    stats = registry.stats()
    assert series.rows == stats["kind"]["bilateral"]
    last = {region: series.cumulative(region)[-1] for region in series.regions}
    assert all(0 < n <= stats["by_region"][region] for region, n in last.items())
    shares = registry_series.branch_shares(registry)
    assert shares.known == stats["branches_known"]
    assert {s.branch.value: s.agreements for s in shares.shares} == stats["by_branch"]
