"""The forms of an administrative arrangement as data: per benefit, the personal data an
institution collects to apply the agreement (ILO brief, step 7: the arrangement sets out the
forms and the data-protection provisions; ``negotiation.closing.conclude_arrangement`` stores
them as ``{"name", "branch", "personal_data"}``).

Pure: stored forms in, typed forms out, and back. The exchange issue turns each form into a
versioned schema of the documents institutions send each other; ``ArrangementForm`` is the
record it extends.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coordina.domain.vocabulary import Branch


@dataclass(frozen=True)
class ArrangementForm:
    """One form: its name (e.g. "KR/PH 1 – certificate of coverage"), the branch it serves and
    the personal data it collects, in the order the arrangement lists them."""

    name: str
    branch: str
    personal_data: tuple[str, ...]

    @property
    def known_branch(self) -> bool:
        return self.branch in Branch.__members__

    def stored(self) -> dict[str, Any]:
        """As ``conclude_arrangement`` stores it."""
        return {"name": self.name, "branch": self.branch, "personal_data": list(self.personal_data)}


def from_stored(forms: Iterable[Mapping[str, Any]]) -> list[ArrangementForm]:
    """The stored forms (JSON) as records; missing parts are empty, never invented."""
    found = []
    for form in forms:
        data = form.get("personal_data") or []
        items = [data] if isinstance(data, str) else list(data)
        found.append(ArrangementForm(str(form.get("name") or ""), str(form.get("branch") or ""),
                                     tuple(str(item) for item in items)))  # fmt: skip
    return found


def personal_data_items(typed: str) -> tuple[str, ...]:
    """The personal data of a form as typed: items separated by commas or new lines."""
    return tuple(item.strip() for item in typed.replace("\n", ",").split(",") if item.strip())


def missing_parts(form: ArrangementForm) -> list[str]:
    """What a form lacks of what the arrangement needs (the same check as the service's):
    ``name``, ``branch``, ``personal_data``."""
    return [part for part in ("name", "branch", "personal_data") if not getattr(form, part)]
