"""Hostile data and case files: refused at a line, quickly, never a traceback or a hang."""

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coordina.catalog import yaml_source
from coordina.catalog.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_VALUES, read_located_yaml
from coordina.cli import app

runner = CliRunner()
HANG = 60  # seconds: a bound against a hang (an unbounded expansion), not a measure of speed
ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "au-kr-old-age.yaml"
AGREEMENT = ROOT / "src" / "coordina" / "data" / "agreements" / "au-kr.yaml"


def _billion_laughs() -> str:
    """Nine levels of nine aliases: a few hundred bytes standing for 9**9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias bomb": (_billion_laughs(), "aliases stand for more than"),
    "deep nesting": ("id: " + "[" * 10_000 + "]" * 10_000 + "\n", f"nested more than {MAX_DEPTH} levels"),
    "deep block nesting": ("".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "x\n", "nested more"),
    "NUL byte": ("id: au\x00kr\n", "control character U+0000"),
    "escaped NUL": ('id: "au\\0kr"\n', "control character U+0000"),
    "bell": ("title: ring\x07\n", "control character U+0007"),
    "cyclic alias": ("a: &a [1, *a]\n", "refers to the value that contains it"),
    "too many aliases": ("a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n", "more than 100 aliases"),
    "too many values": ("x: [" + ",".join(["1"] * (MAX_VALUES + 1)) + "]\n", f"more than {MAX_VALUES} values"),
    "python tag": ("!!python/object/apply:os.system [echo]\n", "the tag '!!python/object/apply:os.system'"),
    "complex key": ("? [a, b]\n: 1\n", "a key must be a plain value"),
}
COMMANDS = {
    "validate": ["agreements", "validate"],
    "show": ["agreements", "show"],
    "compute": ["compute"],
}


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both parsers: libyaml when PyYAML has it, PyYAML's own otherwise (slower, same limits)."""
    if request.param == "python":
        monkeypatch.setattr(yaml_source, "_Loader", yaml_source._PythonLoader)
    return str(request.param)


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_is_refused_at_a_line_without_data(tmp_path: Path, name: str, parser: str) -> None:
    text, message = HOSTILE[name]
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")

    started = time.perf_counter()
    document, problems = read_located_yaml(path)

    assert time.perf_counter() - started < HANG  # the refusal comes early: a hang would take minutes
    assert document is None
    assert len(problems) == 1 and message in problems[0].message, problems
    assert problems[0].file == path and problems[0].line >= 1


def test_the_alias_bomb_is_a_few_hundred_bytes() -> None:
    assert len(_billion_laughs().encode()) < 400


def test_an_oversized_file_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x: " + b"a" * MAX_BYTES + b"\n")

    document, problems = read_located_yaml(path)

    assert document is None
    assert [str(p) for p in problems] == [f"{path}:1: the file is larger than 2 MiB, the limit for data files"]


def test_a_control_character_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_text("id: au-kr\ntitle: a\x00b\n", encoding="utf-8")

    assert [p.line for p in read_located_yaml(path)[1]] == [2]


def test_scalars_follow_the_yaml_1_2_core_schema(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "core.yaml"
    path.write_text(
        "country: NO\nanswers: [yes, no, on, off, y, n]\nflags: [true, false, True, FALSE]\n"
        "numbers: [012, 0o17, 0x1f, 1e3, 1_000, '1:30']\nday: 2024-02-30\nnothing: ~\n",
        encoding="utf-8",
    )

    document, problems = read_located_yaml(path)

    assert problems == [] and document is not None
    assert document.data == {
        "country": "NO",
        "answers": ["yes", "no", "on", "off", "y", "n"],
        "flags": [True, False, True, False],
        "numbers": [12, 15, 31, 1000.0, "1_000", "1:30"],
        "day": "2024-02-30",
        "nothing": None,
    }


def test_aliases_used_by_the_bundled_data_still_load(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("source: &s https://example.org\nagain: *s\nlist: &l [1, 2]\ncopy: *l\n", encoding="utf-8")

    document, problems = read_located_yaml(path)

    assert problems == [] and document is not None
    assert document.data["again"] == "https://example.org" and document.data["copy"] == [1, 2]
    assert document.line_of(("copy",)) == 4 and document.line_of(("copy", 1)) == 3


def test_a_period_in_norway_reads_as_norway(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8").replace("country: DE", "country: NO"), encoding="utf-8")

    result = runner.invoke(app, ["compute", str(case), "--json"])

    assert result.exit_code == 0, result.stderr
    assert '"NO"' in result.stdout and "Input should be a valid string" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", ["alias bomb", "deep nesting", "NUL byte"])
def test_the_commands_refuse_hostile_files_with_exit_1(tmp_path: Path, command: str, name: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE[name][0], encoding="utf-8")

    started = time.perf_counter()
    result = runner.invoke(app, [*COMMANDS[command], str(path)])

    assert time.perf_counter() - started < HANG
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and HOSTILE[name][1] in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", ["validate", "show"])
def test_an_invalid_date_in_an_agreement_is_a_field_problem(tmp_path: Path, command: str) -> None:
    path = tmp_path / "au-kr.yaml"
    path.write_text(AGREEMENT.read_text(encoding="utf-8").replace("signed: 2006-12-06", "signed: 2024-02-30"))

    result = runner.invoke(app, [*COMMANDS[command], str(path)])

    assert result.exit_code == 1
    assert f"{path}:7: signed: Input should be a valid date" in result.stderr, result.stderr
    assert "'2024-02-30'" in result.stderr and "Traceback" not in result.stderr


def test_an_invalid_date_in_a_case_is_a_field_problem(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8").replace("start: 1985-01-01", "start: 2024-02-30"))

    result = runner.invoke(app, ["compute", str(case)])

    assert result.exit_code == 1
    assert f"{case}:6: periods[0].start: Input should be a valid date" in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _registry_csv(tmp_path: Path, name: str, field: str, value: str) -> Path:
    from coordina.catalog.registry_file import COLUMNS

    row = {c: "" for c in COLUMNS} | {"id": "kr-xx", "parties": "KR;XX", "kind": "bilateral", field: value}
    path = tmp_path / name
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(f'"{row[c]}"' for c in COLUMNS) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("notes", "n" * 200_000, "not readable as CSV: field larger than field limit"),  # over the csv module's limit
        ("notes", "n" * 5_000, "notes: longer than 4000 characters"),
        ("source", "a\x00b", "NUL character"),
    ],
)
def test_a_hostile_registry_csv_is_refused_at_its_row(tmp_path: Path, field: str, value: str, expected: str) -> None:
    path = _registry_csv(tmp_path, "registry.csv", field, value)
    started = time.monotonic()
    result = runner.invoke(
        app, ["registry", "import", str(path)], env={"COORDINA_DATABASE_URL": f"sqlite:///{tmp_path}/r.db"}
    )
    assert time.monotonic() - started < HANG
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit | None)
    assert f"{path}:2: " in result.output and expected in result.output and "Traceback" not in result.output
    assert "nothing was imported" in result.output
