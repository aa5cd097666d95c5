"""``services.compute``: the one door to the engine resolves the agreement and loads the schemes."""

from pathlib import Path
from typing import Any

import pytest
import yaml

import coordina
from coordina.errors import CaseError, NotFound
from coordina.services import compute as door

EXAMPLE = Path(__file__).parents[1] / "examples" / "au-kr-old-age.yaml"


def case() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The engine's calls, recorded instead of made: these tests are about the door only."""
    made: list[tuple[Any, ...]] = []
    monkeypatch.setattr(door.engine, "compute", lambda *args: made.append(args) or "decision")
    return made


def test_the_door_calls_the_engine_with_the_case_the_agreement_and_the_schemes(calls: list[tuple[Any, ...]]) -> None:
    assert coordina.compute(case(), "au-kr") == "decision"

    ((given, agreement, schemes, earlier),) = calls
    assert earlier == []  # au-kr has one text
    assert given.claim.branch.value == "old_age"
    assert agreement is coordina.library().agreement("au-kr")
    assert schemes is coordina.library().schemes


def test_the_agreement_comes_from_the_case_or_a_path(calls: list[tuple[Any, ...]]) -> None:
    door.compute(case())
    door.compute(case(), str(Path(coordina.__file__).parent / "data" / "agreements" / "au-kr.yaml"))
    assert [agreement.id for _, agreement, *_ in calls] == ["au-kr", "au-kr"]


def test_no_agreement_is_a_case_error_and_an_unknown_one_not_found(calls: list[tuple[Any, ...]]) -> None:
    without = {k: v for k, v in case().items() if k != "agreement"}
    with pytest.raises(CaseError) as raised:
        door.compute(without)
    assert raised.value.field == "agreement"
    opened: list[bool] = []

    def workspace() -> Any:
        opened.append(True)
        raise NotFound("agreement", "no workspace in this test")

    with pytest.raises(NotFound):
        door.compute(case(), "xx-yy", workspace=workspace)
    assert opened, "an id that is not bundled is looked for in the workspace"
    door.compute(case(), "au-kr", workspace=workspace)
    assert len(opened) == 1, "a bundled id never opens the workspace"
