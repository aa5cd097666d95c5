"""The draft generation form: its fields read into ``DraftOptions``, and each problem placed at
the field at fault in words (not pydantic's)."""

import pytest
from pydantic import ValidationError
from starlette.datastructures import FormData

from coordina.domain.drafting.options import DraftOptions
from coordina.web import drafting_generate_pages as pages

FILLED = [
    ("kind", "revision"), ("party-1", "in"), ("party-2", "BR"), ("branches", "old_age"), ("branches", "invalidity"),
    ("posting-months", "12"), ("extension", "months"), ("extension-months", "12"), ("calculation", "independent"),
    ("minimum", "none"), ("special_groups", "seafarer"), ("export", "modified"),
    ("entry-kind", "nth_day_after_deposit"), ("entry-days", "30"), ("languages", "en"), ("languages", "fr"),
]  # fmt: skip


def options(items: list[tuple[str, str]]) -> DraftOptions:
    chosen = pages._chosen(FormData(items))
    return DraftOptions.model_validate({k: v for k, v in chosen.items() if k not in ("kind", "extension")})


def test_every_field_reaches_its_option() -> None:
    made = options(FILLED)
    assert [str(p) for p in made.parties] == ["IN", "BR"]
    assert made.posting is not None and (made.posting.max_months, made.posting.extension_months) == (12, 12)
    assert made.minimum_months is None and made.calculation.value == "independent"
    assert [g.value for g in made.special_groups] == ["seafarer"] and made.languages == ["en", "fr"]
    assert made.entry_into_force.days == 30


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("posting-months", "500"), "posting-months", "Give at most 240."),
        (("entry-days", ""), "entry-days", "needs its number of months or days"),
        (("export", "sometimes"), "export", "Choose one of the values offered."),
    ],
)
def test_a_problem_is_placed_at_its_field_in_words(change: tuple[str, str], field: str, words: str) -> None:
    items = [item for item in FILLED if item[0] != change[0]] + [change]
    with pytest.raises(ValidationError) as raised:
        options(items)
    errors = pages._errors_of(raised.value)
    assert words in (errors.get(field) or ""), errors.messages
