"""The comparison matrix of the six examples, checked against the ILO brief's table."""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import coordina
from coordina.catalog.compare import Comparison, compare
from coordina.cli import app

BRIEF = yaml.safe_load((Path(__file__).parent / "data" / "brief_table.yaml").read_text(encoding="utf-8"))
SIX = list(BRIEF["agreements"])


@pytest.fixture(scope="module")
def matrix() -> Comparison:
    return compare([coordina.load_agreement(i) for i in SIX])


@pytest.mark.parametrize("agreement_id", SIX)
def test_branches_per_party_are_the_briefs(matrix: Comparison, agreement_id: str) -> None:
    expected: dict[str, list[str]] = BRIEF["agreements"][agreement_id]["material_scope"]
    column = matrix.column(agreement_id)

    assert {party: set(branches) for party, branches in column.material_scope.items()} == {
        party: set(branches) for party, branches in expected.items()
    }


@pytest.mark.parametrize("agreement_id", SIX)
def test_limited_branches_say_their_limit(matrix: Comparison, agreement_id: str) -> None:
    limited: dict[str, list[str]] = BRIEF["agreements"][agreement_id].get("limited", {})
    column = matrix.column(agreement_id)
    for party, branches in limited.items():
        for branch in branches:
            assert column.material_scope[party][branch] != "covered", (party, branch)


@pytest.mark.parametrize("agreement_id", SIX)
def test_principles_are_the_briefs(matrix: Comparison, agreement_id: str) -> None:
    assert set(matrix.column(agreement_id).principles) == set(BRIEF["principles"])


@pytest.mark.parametrize("agreement_id", SIX)
def test_personal_scope_has_the_briefs_groups(agreement_id: str) -> None:
    expected: dict[str, Any] = BRIEF["agreements"][agreement_id]
    scope = coordina.load_agreement(agreement_id).personal_scope

    assert set(expected["personal_scope"]) <= {p.category.value for p in scope.persons}
    conditional = {p.category.value for p in scope.persons if p.conditional}
    assert set(expected.get("conditional", [])) <= conditional
    if "irrespective_of_nationality" in expected:
        assert scope.irrespective_of_nationality is expected["irrespective_of_nationality"]


@pytest.mark.parametrize("agreement_id", SIX)
def test_special_provisions_and_exclusions_are_the_briefs(agreement_id: str) -> None:
    expected: dict[str, Any] = BRIEF["agreements"][agreement_id]
    agreement = coordina.load_agreement(agreement_id)
    specials = " ".join(f"{p.topic} {p.description}" for p in agreement.special_provisions).lower()
    exclusions = " ".join(e.description for e in agreement.exclusions).lower()

    for words in expected["special_provisions"]:
        assert any(word in specials for word in words), words
    for words in expected.get("exclusions", []):
        assert any(word in exclusions for word in words), words


def test_compare_takes_two_to_seven_agreements() -> None:
    everything = list(coordina.library().agreements.values())
    with pytest.raises(ValueError, match="2 to 7"):
        compare(everything[:1])
    assert len(compare(everything[:7]).columns) == 7


def test_cli_compare_json_is_the_matrix(matrix: Comparison) -> None:
    result = CliRunner().invoke(app, ["agreements", "compare", *SIX, "--json"])

    assert result.exit_code == 0, result.stderr
    assert Comparison.model_validate(json.loads(result.stdout)) == matrix


def test_cli_compare_table_shows_every_agreement() -> None:
    result = CliRunner().invoke(app, ["agreements", "compare", "au-kr", "ilo-r167-model"])

    assert result.exit_code == 0, result.stderr
    assert "au-kr" in result.stdout and "ilo-r167-model" in result.stdout


def test_cli_compare_refuses_one_agreement() -> None:
    result = CliRunner().invoke(app, ["agreements", "compare", "au-kr"])

    assert result.exit_code == 1
    assert "2 to 7" in result.stderr
