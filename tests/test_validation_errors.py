"""A broken data file is rejected with file:line: message for every problem, nothing loaded."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from coordina.catalog.loading import load_library, validate_paths
from coordina.catalog.problems import DataError
from coordina.cli import app

Data = dict[str, Any]


def _break(path: Path, change: Callable[[Data], None], sentinel: str) -> int:
    """Rewrite ``path`` with ``change`` applied; return the line where ``sentinel`` now is."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), 1) if sentinel in line)


def _set(*keys: Any, value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value

    return change


AGREEMENT_BREAKS = {
    "unknown country": (_set("material_scope", 0, "party", value="ZZ"), "ZZ", "unknown country 'ZZ'"),
    "unknown branch": (_set("material_scope", 0, "branch", value="pensionz"), "pensionz", "pensionz"),
    "end before start": (_set("in_force", value="1900-01-02"), "1900-01-02", "before the signature"),
    "citation of a missing article": (
        _set("principles", 0, "article", value="999zz"),
        "999zz",
        "cites article 999zz, which the agreement does not have",
    ),
}


@pytest.mark.parametrize("case", AGREEMENT_BREAKS, ids=str)
def test_a_broken_agreement_is_reported_at_its_line(data_copy: Path, case: str) -> None:
    change, sentinel, message = AGREEMENT_BREAKS[case]
    path = data_copy / "agreements" / "au-kr.yaml"
    line = _break(path, change, sentinel)

    problems = validate_paths([path])

    assert [(p.file, p.line) for p in problems] == [(path, line)]
    assert message in problems[0].message


def test_overlapping_validity_of_a_parameter(data_copy: Path) -> None:
    path = data_copy / "schemes" / "KR" / "kr-nps.yaml"

    def overlap(data: Data) -> None:
        values = data["parameters"]["qualifying_period"]
        duplicate = {key: value for key, value in values[-1].items() if key != "note"}
        values.append({"note": "OVERLAP-SENTINEL", **duplicate})

    line = _break(path, overlap, "OVERLAP-SENTINEL")
    problems = validate_paths([path])

    assert [(p.line, "overlaps" in p.message) for p in problems] == [(line, True)]


def test_yaml_syntax_error(data_copy: Path) -> None:
    path = data_copy / "agreements" / "au-kr.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "broken: [unclosed")
    path.write_text("\n".join(lines), encoding="utf-8")

    problems = validate_paths([path])

    assert len(problems) == 1
    assert "YAML syntax error" in problems[0].message
    assert problems[0].line >= 5


def test_every_problem_is_reported_not_only_the_first(data_copy: Path) -> None:
    path = data_copy / "agreements" / "au-kr.yaml"

    def several(data: Data) -> None:
        data["material_scope"][0]["party"] = "ZZ"
        data["material_scope"][-1]["branch"] = "pensionz"
        data["principles"][0]["article"] = "999zz"

    _break(path, several, "ZZ")

    messages = [p.message for p in validate_paths([path])]

    assert len(messages) == 3, messages


def test_model_level_problems_are_all_reported(data_copy: Path) -> None:
    path = data_copy / "agreements" / "au-kr.yaml"

    def several(data: Data) -> None:
        data["in_force"] = "1900-01-02"
        data["parties"] = [data["parties"][0], data["parties"][0]]

    _break(path, several, "1900-01-02")

    messages = " | ".join(p.message for p in validate_paths([path]))

    assert "before the signature" in messages
    assert "listed twice" in messages


def test_a_broken_file_loads_nothing(data_copy: Path) -> None:
    _break(data_copy / "agreements" / "au-kr.yaml", _set("parties", 0, value="ZZ"), "ZZ")
    _break(data_copy / "schemes" / "KR" / "kr-nps.yaml", _set("branches", 0, value="pensionz"), "pensionz")

    with pytest.raises(DataError) as raised:
        load_library(data_copy)

    assert {p.file.name for p in raised.value.problems} == {"au-kr.yaml", "kr-nps.yaml"}


def test_an_unknown_scheme_id_in_material_scope(data_copy: Path) -> None:
    path = data_copy / "agreements" / "au-kr.yaml"
    line = _break(path, _set("material_scope", 0, "schemes", value=["au-nothing"]), "au-nothing")

    with pytest.raises(DataError) as raised:
        load_library(data_copy)

    assert [(p.line, "unknown scheme" in p.message) for p in raised.value.problems] == [(line, True)]


def test_cli_validate_prints_file_line_message_and_exits_1(data_copy: Path) -> None:
    path = data_copy / "agreements" / "au-kr.yaml"
    line = _break(path, _set("material_scope", 0, "party", value="ZZ"), "ZZ")

    result = CliRunner().invoke(app, ["agreements", "validate", str(path)])

    assert result.exit_code == 1
    assert f"{path}:{line}: material_scope[0].party: unknown country 'ZZ'" in result.stderr


def test_cli_validate_accepts_good_files_and_folders(data_copy: Path) -> None:
    result = CliRunner().invoke(app, ["agreements", "validate", str(data_copy)])

    assert result.exit_code == 0, result.stderr
