"""A party's own schemes, described in its profile, compiled to scheme files the loader accepts;
``coordina compute --scheme`` decides a case with them beside a user agreement file."""

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coordina.catalog.loading import bundled_data_dir
from coordina.cli import app
from coordina.errors import DataError, Refused
from coordina.services import catalog
from coordina.services.drafting.feasibility_sources import read_profile
from coordina.services.drafting.scheme_files import compile_scheme, own_schemes, write_scheme_files
from coordina.services.negotiation.encoding import skeleton
from tests.drafting.profile_helpers import PH

runner = CliRunner()
ARTICLES = {"scope": "2", "equality": "4", "export": "5", "legislation": "6", "totalization": "13"}
CASE = {
    "person": {"birth_date": "1960-03-10", "nationality": ["PH"], "residence": "PH", "status": "none"},
    "claim": {"branch": "old_age", "date": "2026-06-01"},
    "periods": [
        {"country": "KR", "kind": "insurance", "activity": "employed", "start": "2000-01-01", "end": "2005-12-31"},
        {"country": "PH", "kind": "insurance", "activity": "employed", "start": "2010-01-01", "end": "2015-12-31"},
    ],
}


def _agreement(folder: Path) -> Path:
    """A Korea–Philippines agreement file, as the workspace's starting encoding writes it."""
    data = skeleton("kr-ph-test", "Korea–Philippines (test)", ["KR", "PH"], ["old_age"], ARTICLES)
    data["in_force"] = "2025-01-01"
    data["material_scope"][0]["schemes"] = ["kr-nps"]
    data["material_scope"][1]["schemes"] = ["ph-sss"]
    path = folder / "kr-ph.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_the_philippines_profile_compiles_to_a_scheme_file_the_loader_accepts(tmp_path: Path) -> None:
    profile = read_profile(PH)

    (path,) = write_scheme_files(profile, tmp_path)

    scheme = catalog.scheme(path)
    assert path.name == "ph-sss.yaml" and scheme.country == "PH" and scheme.kind == "social_insurance"
    qualifying = scheme.parameters.qualifying_period
    assert qualifying is not None and str(qualifying.latest().value.duration) == "120 months"
    assert scheme.parameters.export is not None and scheme.parameters.export.latest().source == "unverified"
    assert catalog.validate([path]) == []


def test_compute_decides_a_case_with_the_compiled_scheme_beside_a_user_agreement(tmp_path: Path) -> None:
    (scheme,) = write_scheme_files(read_profile(PH), tmp_path)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    agreement = _agreement(tmp_path)

    result = runner.invoke(
        app, ["compute", str(case), "--agreement", str(agreement), "--scheme", str(scheme), "--json"]
    )

    assert result.exit_code == 0, result.output
    decisions = {d["scheme"]: d for d in json.loads(result.stdout)["decisions"]}
    assert decisions["ph-sss"]["totalized_months"] == 144
    assert decisions["ph-sss"]["eligible_national"] is False and decisions["ph-sss"]["eligible_totalized"] is True
    assert "kr-nps" in decisions


def test_a_user_agreement_naming_a_scheme_not_given_is_refused_at_its_line(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    agreement = _agreement(tmp_path)
    other = tmp_path / "ph-other.yaml"
    data = compile_scheme(read_profile(PH), 0) | {"id": "ph-other"}
    other.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = runner.invoke(app, ["compute", str(case), "--agreement", str(agreement), "--scheme", str(other)])

    assert result.exit_code == 1
    assert "kr-ph.yaml:" in result.stderr and "unknown scheme 'ph-sss'" in result.stderr


def test_a_bad_scheme_file_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE), encoding="utf-8")
    bad = tmp_path / "ph-sss.yaml"
    text = yaml.safe_dump(compile_scheme(read_profile(PH), 0), sort_keys=False).replace("social_insurance", "banana")
    bad.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "banana" in row)

    result = runner.invoke(app, ["compute", str(case), "--agreement", str(_agreement(tmp_path)), "--scheme", str(bad)])

    assert result.exit_code == 1
    assert f"ph-sss.yaml:{line}: kind:" in result.stderr and "Traceback" not in result.output


def test_a_scheme_file_may_not_replace_a_bundled_scheme(tmp_path: Path) -> None:
    nps = tmp_path / "kr-nps.yaml"
    nps.write_text(
        (bundled_data_dir() / "schemes" / "KR" / "kr-nps.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )

    with pytest.raises(DataError, match="already a scheme of the library"):
        catalog.with_schemes([nps])


def test_a_scheme_the_profile_leaves_incomplete_is_refused_naming_the_fields() -> None:
    profile = read_profile(PH)
    bare = profile.model_copy(update={"schemes": [profile.schemes[0].model_copy(update={"institution": None})]})

    with pytest.raises(Refused, match=r"PH schemes\[0\]\.institution"):
        compile_scheme(bare, 0)
    assert own_schemes(bare) == [0]


def test_the_command_writes_the_profile_schemes_to_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["drafting", "schemes", str(PH), "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    assert "ph-sss.yaml" in result.stdout and catalog.validate([tmp_path / "out"]) == []
