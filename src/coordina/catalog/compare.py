"""The comparison matrix of agreements: the ILO brief's table of examples, as data.

Rows: personal scope, material scope per party by branch, principles, special
provisions and exclusions; one column per agreement.
"""

from collections.abc import Iterable

from pydantic import BaseModel

from coordina.domain import Agreement, Branch, Principle


class AgreementColumn(BaseModel):
    id: str
    short_title: str
    kind: str
    parties: list[str]
    personal_scope: list[str]
    irrespective_of_nationality: bool
    material_scope: dict[str, dict[str, str]]  # party -> branch -> "covered" | limitation
    principles: list[str]
    special_provisions: list[str]
    exclusions: list[str]


class Comparison(BaseModel):
    agreements: list[str]
    columns: list[AgreementColumn]

    def column(self, agreement_id: str) -> AgreementColumn:
        return next(c for c in self.columns if c.id == agreement_id)


MIN_COMPARED, MAX_COMPARED = 2, 7


def compare(agreements: list[Agreement]) -> Comparison:
    if not MIN_COMPARED <= len(agreements) <= MAX_COMPARED:
        raise ValueError(f"compare takes {MIN_COMPARED} to {MAX_COMPARED} agreements, not {len(agreements)}")
    return Comparison(agreements=[a.id for a in agreements], columns=[_column(a) for a in agreements])


def _column(agreement: Agreement) -> AgreementColumn:
    parties = agreement.parties or ["*"]
    material: dict[str, dict[str, str]] = {party: {} for party in parties}
    for entry in sorted(agreement.material_scope, key=lambda e: list(Branch).index(e.branch)):
        for party in [entry.party] if entry.party else parties:
            cell = material[party]
            limit = entry.limited_to or "covered"
            # Two entries for one branch (e.g. a general and a limited scheme): covered wins.
            if cell.get(entry.branch) != "covered":
                cell[entry.branch] = limit
    return AgreementColumn(
        id=agreement.id,
        short_title=agreement.short_title,
        kind=agreement.kind.value,
        parties=agreement.parties,
        personal_scope=_ordered_unique(
            _category_label(e.category.value, e.party, e.conditional) for e in agreement.personal_scope.persons
        ),
        irrespective_of_nationality=agreement.personal_scope.irrespective_of_nationality,
        material_scope=material,
        principles=[p.value for p in Principle if p in agreement.principle_set()],
        special_provisions=_ordered_unique(p.topic for p in agreement.special_provisions),
        exclusions=[f"{e.party}: {e.description}" if e.party else e.description for e in agreement.exclusions],
    )


def _category_label(category: str, party: str | None, conditional: bool) -> str:
    label = f"{category} ({party})" if party else category
    return f"{label} (conditional)" if conditional else label


def _ordered_unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
