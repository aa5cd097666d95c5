"""The bundled library: every file loads, ids resolve, the Python API works."""

from pathlib import Path

import pytest

import coordina
from coordina.catalog.loading import bundled_data_dir, load_library, validate_paths
from coordina.domain import Agreement, Branch, Scheme

DATA = bundled_data_dir()

AGREEMENT_FILES = sorted((DATA / "agreements").glob("*.yaml"))
SCHEME_FILES = sorted((DATA / "schemes").rglob("*.yaml"))
SIX = ["ar-cl", "ca-nl", "fr-tn", "in-de", "au-kr", "mercosur"]
ACCOUNT_KINDS = ("individual_account", "provident_fund")
PENSION_COUNTRIES = ["AR", "BR", "CA", "CL", "DE", "FR", "IN", "KR", "AU", "NL", "PY", "TN", "UY"]


@pytest.mark.parametrize("path", AGREEMENT_FILES + SCHEME_FILES, ids=lambda p: p.name)
def test_every_bundled_file_is_valid(path: Path) -> None:
    assert validate_paths([path]) == []


def test_the_library_holds_the_six_examples_and_the_model() -> None:
    assert set(coordina.library().agreements) >= {*SIX, "ilo-r167-model"}


@pytest.mark.parametrize("country", PENSION_COUNTRIES)
def test_each_party_has_old_age_invalidity_and_survivors_schemes(country: str) -> None:
    covered = {b for s in coordina.library().schemes_of(country) for b in s.branches}
    assert {Branch.old_age, Branch.invalidity, Branch.survivors} <= covered


@pytest.mark.parametrize("agreement_id", SIX)
def test_every_branch_in_scope_has_a_national_scheme(agreement_id: str) -> None:
    library = coordina.library()
    agreement = library.agreement(agreement_id)
    for party in agreement.parties:
        scheme_branches = {b for s in library.schemes_of(party) for b in s.branches}
        assert agreement.branches_of(party) <= scheme_branches, party


@pytest.mark.parametrize("agreement_id", SIX)
def test_material_scope_names_schemes_of_the_right_branch(agreement_id: str) -> None:
    library = coordina.library()
    for entry in library.agreement(agreement_id).material_scope:
        for scheme_id in entry.schemes:
            assert entry.branch in library.scheme(scheme_id).branches, (entry.branch, scheme_id)


@pytest.mark.parametrize("country", PENSION_COUNTRIES)
def test_general_pension_schemes_carry_their_core_parameters(country: str) -> None:
    """Qualifying period, pension age, benefit formula and export rule; a full career where
    the pension is a fraction of a full residence pension. Account schemes pay the account."""
    schemes = [
        s
        for s in coordina.library().schemes_of(country)
        if Branch.old_age in s.branches and s.general and s.kind.value not in ACCOUNT_KINDS
    ]
    assert schemes, country
    for scheme in schemes:
        needed = ["qualifying_period", "pension_age", "benefit_formula", "export"]
        needed += ["full_career"] if scheme.kind.value == "residence_based" else []
        assert [n for n in needed if getattr(scheme.parameters, n) is None] == [], scheme.id


def test_every_parameter_value_has_a_source_and_reference_or_is_unverified() -> None:
    for scheme in coordina.library().schemes.values():
        for name, parameter in scheme.parameters.named():
            for value in parameter.root:
                assert value.source.strip(), (scheme.id, name)
                assert value.reference or not value.verified, (scheme.id, name, value.valid_from)


def test_load_agreement_by_id_and_by_path() -> None:
    by_id = coordina.load_agreement("au-kr")
    by_path = coordina.load_agreement(DATA / "agreements" / "au-kr.yaml")
    assert isinstance(by_id, Agreement)
    assert by_id == by_path


def test_load_scheme_by_id_and_by_path() -> None:
    scheme = coordina.load_scheme("kr-nps")
    assert isinstance(scheme, Scheme)
    assert coordina.load_scheme(str(DATA / "schemes" / "KR" / "kr-nps.yaml")) == scheme


def test_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="au-kr"):
        coordina.load_agreement("xx-yy")


def test_every_citation_points_at_an_article_of_its_agreement() -> None:
    from coordina.domain.agreement import walk
    from coordina.domain.legal import Citation

    for agreement in coordina.library().agreements.values():
        numbers = {a.number for a in agreement.articles}
        cited = [v for _, _, v in walk(agreement) if isinstance(v, Citation) and not v.instrument]
        assert cited, agreement.id
        assert {c.article for c in cited} <= numbers


def test_a_library_folder_loads_to_the_same_library(data_copy: Path) -> None:
    assert load_library(data_copy) == coordina.library()
