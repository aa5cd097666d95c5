"""Options and helpers shared by the drafting generation and compilation tests."""

from typing import Any

from coordina.domain.drafting.draft import GeneratedDraft
from coordina.domain.drafting.options import DraftOptions
from coordina.services.drafting.generated import draft_from_options

LANGUAGES = ["en", "fr", "es"]


def options(**changes: Any) -> DraftOptions:
    """AU–KR old-age draft in three languages, posting 24 months + 12, minimum 12 months, pro rata."""
    base: dict[str, Any] = {
        "parties": ["AU", "KR"],
        "branches": ["old_age"],
        "posting": {"max_months": 24, "extension_months": 12},
        "languages": LANGUAGES,
    }
    return DraftOptions.model_validate({**base, **changes})


def draft(**changes: Any) -> GeneratedDraft:
    return draft_from_options(options(**changes))


def differences(first: Any, second: Any, at: str = "") -> list[str]:
    """The paths where two JSON-like values differ."""
    if isinstance(first, dict) and isinstance(second, dict):
        return [
            d for k in dict.fromkeys([*first, *second]) for d in differences(first.get(k), second.get(k), f"{at}.{k}")
        ]
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        return [d for i, (a, b) in enumerate(zip(first, second, strict=True)) for d in differences(a, b, f"{at}[{i}]")]
    return [] if first == second else [at]
