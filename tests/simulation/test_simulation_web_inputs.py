"""The services behind the web simulation pages: files sent kept by their content and checked as
the command line checks them (a draft by line, a register by row and field), a launch that draws
its population in a process of its own and then starts the run, and a done run's files served by
their name alone."""

import json
import os
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coordina.domain.simulation import SimulationRequest
from coordina.errors import DataError, NotFound
from coordina.services import simulation_launch, simulation_results, simulation_uploads
from coordina.services.simulation_jobs import Run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "drafts"


def test_a_file_sent_is_kept_by_its_content_and_found_only_by_that_name(tmp_path: Path) -> None:
    kept = simulation_uploads.keep(tmp_path, b"id: x\n", ".yaml")
    assert kept == simulation_uploads.keep(tmp_path, b"id: x\n", ".yaml")  # the same bytes, the same file
    assert kept.parent == tmp_path / "uploads" and simulation_uploads.SAVED.match(kept.name)
    assert simulation_uploads.saved(tmp_path, kept.name) == kept
    for name in ("../coordina.db", kept.name.upper(), "x.yaml", kept.name + "/..", ""):
        assert simulation_uploads.saved(tmp_path, name) is None
    assert simulation_uploads.shown_name("C:\\Users\\me\\draft.yaml", "x") == "draft.yaml"
    assert simulation_uploads.suffix_of("Draft.YML") == ".yaml" and simulation_uploads.suffix_of("x.exe") is None


def test_a_draft_is_checked_line_by_line_under_the_name_it_was_sent_by(tmp_path: Path) -> None:
    good = simulation_uploads.keep(tmp_path, (EXAMPLES / "au-kr-posting-24.yaml").read_bytes(), ".yaml")
    assert simulation_uploads.check_agreement(good, "posting-24.yaml").parties == ["AU", "KR"]
    bad = simulation_uploads.keep(tmp_path, b"id: d\nparties: [AU, KR]\nkind: nonsense\n", ".yaml")
    with pytest.raises(DataError) as refused:
        simulation_uploads.check_agreement(bad, "mine.yaml")
    assert refused.value.problems and {str(p.file) for p in refused.value.problems} == {"mine.yaml"}
    assert all(p.line >= 1 for p in refused.value.problems)


def test_an_assumption_file_is_checked_at_its_lines(tmp_path: Path) -> None:
    good = simulation_uploads.keep(tmp_path, b"discount_rate: {value: '0.025', source: unverified}\n", ".yaml")
    simulation_uploads.check_assumptions(good, "a.yaml")
    bad = simulation_uploads.keep(tmp_path, b"take_up: {value: '7', source: unverified}\n", ".yaml")
    with pytest.raises(DataError) as refused:
        simulation_uploads.check_assumptions(bad, "a.yaml")
    assert {str(p.file) for p in refused.value.problems} == {"a.yaml"}


def test_a_register_s_bad_rows_are_listed_with_their_number_and_field(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text(
        "person,birth_date,residence,country,kind,start,end\n"
        "1,1960-01-01,AU,AU,employment,1990-01-01,1999-12-31\n"
        "2,1960-13-01,AU,KR,employment,1990-01-01,1999-12-31\n"
        "3,1961-01-01,AU,KR,employment,2000-01-01,1990-12-31\n"
    )
    problems, bad, read = simulation_uploads.check_register(register)
    assert (bad, read) == (2, 3)
    assert [(p.row, p.field) for p in problems] == [(2, "birth_date"), (3, "end")]
    unreadable = tmp_path / "other.csv"
    unreadable.write_text("name,age\nx,1\n")
    with pytest.raises(DataError):
        simulation_uploads.check_register(unreadable)


def test_the_population_drawn_for_a_run_is_named_by_its_draw(tmp_path: Path) -> None:
    one = simulation_uploads.population_file(tmp_path, "au-kr", ["AU", "KR"], 30, 1, 2050)
    assert one == simulation_uploads.population_file(tmp_path, "au-kr", ["AU", "KR"], 30, 1, 2050)
    assert one.path.parent == tmp_path / "populations" and one.until.isoformat() == "2050-12-31"
    others = {simulation_uploads.population_file(tmp_path, "au-kr", ["AU", "KR"], *change).path
              for change in ((31, 1, 2050), (30, 2, 2050), (30, 1, 2040))}  # fmt: skip
    assert one.path not in others and len(others) == 3


def _run(out_dir: Path, state: str = "done") -> Run:
    now = datetime.now(UTC)
    return Run(7, "k", {}, state, None, 1, 1, None, out_dir.parent, out_dir, now, now, None, None, None)


def test_a_done_run_serves_the_files_of_its_report_folder_by_name_alone(tmp_path: Path) -> None:
    out = tmp_path / "runs" / "7" / "report"
    out.mkdir(parents=True)
    (out / "report.json").write_text(json.dumps({"time_frame": "2026-2050"}))
    (out / "benefits_added.png").write_bytes(b"\x89PNG")
    (tmp_path / "runs" / "7" / "worker.log").write_text("secret")
    (tmp_path / "secret.txt").write_text("secret")
    (out / "link.txt").symlink_to(tmp_path / "secret.txt")
    run = _run(out)
    assert simulation_results.report(run) == {"time_frame": "2026-2050"}
    assert simulation_results.files(run) == ["benefits_added.png", "report.json"]
    assert simulation_results.file(run, "report.json") == (out / "report.json").resolve()
    for name in ("../worker.log", "..%2Fworker.log", "link.txt", "/etc/passwd", "missing.json", "REPORT.JSON"):
        with pytest.raises(NotFound):
            simulation_results.file(run, name)
    running = _run(out, "running")
    assert simulation_results.report(running) is None and simulation_results.files(running) == []


def test_a_launch_is_keyed_and_fails_when_its_process_is_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    popen = "coordina.services.simulation_launch.subprocess.Popen"
    monkeypatch.setattr(popen, lambda command, **_: started.append(command))

    class Engine:
        class url:  # the shape of a SQLAlchemy engine's url
            @staticmethod
            def render_as_string(hide_password: bool) -> str:
                return "sqlite:///x.db"

    class FakeDb:
        engine = Engine

    generated = simulation_uploads.population_file(tmp_path, "au-kr", ["AU", "KR"], 30, 1, 2050)
    request = SimulationRequest(agreement="au-kr", population=generated.path, years=(2026, 2050))
    first = simulation_launch.launch(FakeDb(), request, generated, tmp_path)  # type: ignore[arg-type]
    assert first.state == "drawing" and len(started) == 1
    assert started[0][:3] == [sys.executable, "-m", "coordina.services.simulation_launch"]
    again = simulation_launch.launch(FakeDb(), request, generated, tmp_path)  # type: ignore[arg-type]
    assert again.token == first.token and len(started) == 1  # the same launch, no second process
    assert simulation_launch.launched(tmp_path, "../" + first.token) is None
    marker = tmp_path / "launches" / f"{first.token}.json"
    data = json.loads(marker.read_text())
    data.update(pid=2**22 + 12345, host=socket.gethostname())  # a process that is not running
    marker.write_text(json.dumps(data))
    gone = simulation_launch.launched(tmp_path, first.token)
    assert gone is not None and gone.state == "failed" and gone.error
    relaunched = simulation_launch.launch(FakeDb(), request, generated, tmp_path)  # type: ignore[arg-type]
    assert relaunched.state == "drawing" and len(started) == 2
    data.update(pid=None)
    marker.write_text(json.dumps(data))
    old = time.time() - 3600
    os.utime(marker, (old, old))  # never said it runs, long ago
    assert simulation_launch.launched(tmp_path, first.token).state == "failed"  # type: ignore[union-attr]
    data.update(state="started", run_id=3)
    marker.write_text(json.dumps(data))
    assert simulation_launch.launched(tmp_path, first.token) == simulation_launch.Launch(first.token, "started", 30, 3)
    owned = simulation_launch.launch(FakeDb(), request, generated, tmp_path, owner=4)  # type: ignore[arg-type]
    assert owned.token != first.token and owned.owner == 4, "each user's launch is their own"
    assert simulation_launch.launched(tmp_path, owned.token).owner == 4  # type: ignore[union-attr]
