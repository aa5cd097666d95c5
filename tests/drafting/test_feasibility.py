"""The feasibility report: on the demo's negotiations and on profile files, every finding citing
the profile field it was read from and the provision (with the source the data gives it)."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from coordina.cli import app
from coordina.errors import CoordinaError, Forbidden, Refused
from coordina.services import catalog
from coordina.services.drafting.feasibility import MODEL, FeasibilityReport, feasibility
from coordina.services.drafting.feasibility_sources import for_files, for_negotiation, read_profile
from coordina.services.drafting.profile_store import get_structured, save_structured
from coordina.services.negotiation import profiles, workspace
from coordina.store.db import Database
from tests.drafting.profile_helpers import PH, demo_database, library_profile

runner = CliRunner()
Demo = tuple[Database, dict[str, int], list[int]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    yield demo_database(tmp_path_factory.mktemp("demo"))


def _fields_exist(report: FeasibilityReport, profiles: dict[str, object]) -> None:
    for finding in report.findings:
        assert finding.fields, finding.summary
        for cited in finding.fields:
            head = cited.field.split("[")[0].split(".")[0]
            assert head in type(profiles[cited.party]).model_fields, cited  # a field of the profile


def test_the_demo_india_brazil_profiles_show_the_provident_fund_against_social_insurance(demo: Demo) -> None:
    db, users, (_, india_brazil, _) = demo

    report = for_negotiation(db, users["priya_nair"], india_brazil)

    (clash,) = report.of("scheme_kinds")
    assert "provident_fund" in clash.summary and "social_insurance" in clash.summary
    assert {(f.party, f.field) for f in clash.fields} == {("IN", "schemes[0].kind"), ("BR", "schemes[0].kind")}
    r167 = next(p for p in clash.provisions if p.agreement == MODEL)
    assert r167.article == "I-sec3" and r167.source.startswith("https://")  # as the R167 data records it
    assert ("in-de", "2") in {(p.agreement, p.article) for p in clash.provisions}
    assert report.common_branches == ["old_age", "invalidity", "survivors"]
    assert {f.parties[0] for f in report.of("qualifying_period")} == {"IN", "BR"}
    assert all(f.provisions for f in report.of("qualifying_period") + report.of("export"))


def test_the_demo_korea_philippines_report_says_the_philippines_describes_no_scheme(demo: Demo) -> None:
    db, users, (korea_philippines, _, _) = demo

    report = for_negotiation(db, users["ilo_adviser"], korea_philippines)

    assert report.common_branches == []
    assert any(f.parties == ["PH"] and f.fields[0].field == "schemes" for f in report.of("not_recorded"))


def test_someone_outside_the_negotiation_gets_no_report(demo: Demo) -> None:
    db, users, (_, india_brazil, _) = demo

    with pytest.raises(Forbidden):
        for_negotiation(db, users["sami_ben_ali"], india_brazil)


def test_india_and_germany_clash_on_the_provident_fund_against_the_statutory_pension() -> None:
    india, germany = library_profile("IN"), library_profile("DE")

    report = feasibility([india, germany], catalog.library().agreements)

    clashes = [f.summary for f in report.of("scheme_kinds")]
    assert any("Employees' Provident Fund" in s and "provident_fund" in s for s in clashes)
    assert all("Employees' Pension Scheme" not in s for s in clashes)  # EPS is social insurance too
    _fields_exist(report, {"IN": india, "DE": germany})


def test_residence_based_against_contributory_cites_the_agreement_that_totalizes_them() -> None:
    report = feasibility([library_profile("AU"), library_profile("KR")], catalog.library().agreements)

    residence = [f for f in report.of("scheme_kinds") if "residence_based" in f.summary]
    assert residence and all(("au-kr", "16") in {(p.agreement, p.article) for p in f.provisions} for f in residence)
    assert report.of("periods_counted") and report.of("export")  # residence counts only in AU; AU restricts export


def test_a_party_describing_its_own_schemes_gets_groups_capacity_and_qualifying_findings() -> None:
    korea, philippines = library_profile("KR"), read_profile(PH)

    report = feasibility([korea, philippines], catalog.library().agreements)

    assert report.common_branches == ["old_age", "invalidity", "survivors"]
    assert not report.of("scheme_kinds")  # social insurance on both sides
    groups = {f.fields[0].field: f for f in report.of("group")}
    assert set(groups) == {"groups[1]", "groups[2]"}  # self-employed are covered: no finding
    assert "informal economy" in groups["groups[1]"].summary and groups["groups[1]"].provisions
    (capacity,) = report.of("capacity")
    assert capacity.fields[0].field == "capacity[0]" and capacity.provisions[0].article == "I-sec6"
    (sss,) = [f for f in report.of("qualifying_period") if f.parties == ["PH"]]
    assert "120 months" in sss.summary and sss.fields[0].source == philippines.schemes[0].qualifying_period.source  # type: ignore[union-attr]
    _fields_exist(report, {"KR": korea, "PH": philippines})


def test_one_profile_is_not_enough() -> None:
    with pytest.raises(Refused):
        feasibility([library_profile("KR")], catalog.library().agreements)


def test_the_command_reports_on_profile_files_as_text_and_json(tmp_path: Path) -> None:
    korea = tmp_path / "kr.json"
    korea.write_text(library_profile("KR").model_dump_json(), encoding="utf-8")

    text = runner.invoke(app, ["drafting", "feasibility", "--profile", str(korea), "--profile", str(PH)])
    as_json = runner.invoke(app, ["drafting", "feasibility", "--profile", str(korea), "--profile", str(PH), "--json"])

    assert text.exit_code == 0, text.output
    assert "profile fields: PH groups[1]" in text.stdout and "provision: ilo-r167-model art. I-sec3" in text.stdout
    assert json.loads(as_json.stdout)["parties"] == ["KR", "PH"]


def test_the_command_names_the_line_of_a_bad_profile_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    data = yaml.safe_load(PH.read_text(encoding="utf-8"))
    data["groups"][0]["coverage"] = "somewhat"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if "somewhat" in text)

    result = runner.invoke(app, ["drafting", "feasibility", "--profile", str(bad), "--profile", str(PH)])

    assert result.exit_code == 1
    assert f"bad.yaml:{line}: groups[0].coverage" in result.stderr and "Traceback" not in result.output


def test_two_files_of_the_same_party_are_refused() -> None:
    with pytest.raises(Refused):
        for_files([PH, PH])


def test_a_delegation_saves_its_structured_profile_and_the_report_reads_it(demo: Demo, tmp_path: Path) -> None:
    db, users, _ = demo
    opened = workspace.open_negotiation(
        db, users["min_jun"], title="Korea–Philippines (a second agreement)", parties=["KR", "PH"],
        branches=["old_age", "invalidity", "survivors"], drafting_party="KR", own_party="KR",
    )  # fmt: skip
    workspace.add_member(db, users["min_jun"], opened.id, username="maria_santos", role="head", party="PH")
    profiles.prefill_profile(db, users["min_jun"], opened.id, "KR", 0)

    with pytest.raises(CoordinaError):  # Korea's delegation may not write the Philippines' profile
        save_structured(db, users["min_jun"], opened.id, read_profile(PH))
    save_structured(db, users["maria_santos"], opened.id, read_profile(PH))
    report = for_negotiation(db, users["min_jun"], opened.id)

    assert get_structured(db, users["min_jun"], opened.id, "PH") == read_profile(PH)
    assert report.of("group") and report.of("capacity") and not report.of("scheme_kinds")
    assert report.common_branches == ["old_age", "invalidity", "survivors"]


def test_the_commands_read_a_negotiation_and_a_party_profile(demo: Demo) -> None:
    db, _, (_, india_brazil, _) = demo
    env = {"COORDINA_DATABASE_URL": str(db.engine.url)}

    report = runner.invoke(app, ["drafting", "feasibility", str(india_brazil), "--as", "joao_silva", "--json"], env=env)
    shown = runner.invoke(app, ["drafting", "profile", str(india_brazil), "IN", "--as", "joao_silva"], env=env)

    assert report.exit_code == 0, report.output
    assert any(f["topic"] == "scheme_kinds" for f in json.loads(report.stdout)["findings"])
    assert shown.exit_code == 0, shown.output
    assert "in-epf Employees' Provident Fund: provident_fund, library" in shown.stdout
