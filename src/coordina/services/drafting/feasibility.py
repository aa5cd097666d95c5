"""The feasibility report: what two or more country profiles say about coordinating their schemes.

The ILO brief's "Obstacles and challenges" of step 2 list what makes an agreement hard: provident
funds or individual accounts against social insurance, residence-based against contributory
schemes, qualifying periods and export restrictions, groups outside scope (informal economy,
irregular status, self-employed, domestic workers), unequal administrative capacity. Each
finding here is computed from the profiles' fields (``StructuredProfile``), cites the field it
was read from, and the provision of the ILO R167 model (``data/agreements/ilo-r167-model.yaml``)
or a bundled agreement's article that addresses it — with that article's own source, so a
provision the data marks ``unverified`` stays ``unverified`` here.

Pure: profiles and agreements in, a report out.
"""

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Literal

from pydantic import BaseModel, ConfigDict

from coordina.domain import Agreement
from coordina.domain.drafting.profile import ProfileScheme, StructuredProfile
from coordina.domain.legal import UNVERIFIED, Citation
from coordina.domain.scheme import ExportKind
from coordina.domain.vocabulary import Branch, SchemeKind
from coordina.services.errors import Refused

MODEL = "ilo-r167-model"
"""The R167 model agreement (Annex II with the model provisions of Annex I)."""

ACCOUNTS = {SchemeKind.provident_fund, SchemeKind.individual_account}

Topic = Literal["branches", "scheme_kinds", "qualifying_period", "periods_counted", "export", "group", "capacity",
                "not_recorded"]  # fmt: skip


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class FieldCited(_Out):
    """A field of a party's profile, e.g. ``IN`` ``schemes[0].kind``."""

    party: str
    field: str
    source: str | None = None  # where the profile's fact was read (or ``unverified``), for a stated fact


class ProvisionCited(_Out):
    """An article of the R167 model or of a bundled agreement, with the source the data gives it."""

    agreement: str
    article: str
    heading: str | None
    source: str

    @property
    def verified(self) -> bool:
        return self.source != UNVERIFIED


class Finding(_Out):
    topic: Topic
    summary: str
    parties: list[str]
    branches: list[Branch] = []
    fields: list[FieldCited]
    provisions: list[ProvisionCited] = []
    note: str | None = None


class FeasibilityReport(_Out):
    parties: list[str]
    common_branches: list[Branch]
    findings: list[Finding]

    def of(self, topic: Topic) -> list[Finding]:
        return [f for f in self.findings if f.topic == topic]


CLASH_CLAUSES: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]] = {
    ("account", "social_insurance"): (
        "a balance in an account, not periods that open a pension: the agreement must say whether the account's "
        "periods count for totalization, or keep the account in scope for coverage (applicable legislation) only",
        [(MODEL, "I-sec3"), ("ar-cl", "11"), ("au-kr", "2"), ("in-de", "2")],
    ),
    ("account", "residence_based"): (
        "a balance in an account against a pension earned by residence: neither counts the other's periods as its own",
        [(MODEL, "I-sec3"), ("au-kr", "2")],
    ),
    ("residence_based", "social_insurance"): (
        "a pension earned by residence against one earned by contributions: the agreement must say how insurance "
        "periods count as residence (and the reverse) for the qualifying period",
        [(MODEL, "I-sec3"), ("au-kr", "16"), ("au-kr", "13")],
    ),
    ("social_assistance", "social_insurance"): (
        "a non-contributory benefit against a contributory one: such benefits are often left out of totalization "
        "and export; the agreement must say whether they are in its material scope",
        [(MODEL, "I-sec1")],
    ),
}
"""Kinds of scheme that clash, what the clash is, and the provisions that address it (the R167 model's
section, and articles of bundled agreements between such schemes: Argentina–Chile with Chile's AFP
accounts, Australia–Korea with the superannuation guarantee and residence-based pensions,
India–Germany with the provident fund left out of the material scope)."""


def _family(kind: SchemeKind) -> str:
    return "account" if kind in ACCOUNTS else kind.value


def cite(agreements: Mapping[str, Agreement], agreement_id: str, cited: str | Citation | None) -> ProvisionCited:
    """The article as the bundled data records it; ``unverified`` where the data has no such article."""
    article = cited.article if isinstance(cited, Citation) else cited
    agreement = agreements.get(agreement_id)
    found = next((a for a in agreement.articles if a.number == article), None) if agreement and article else None
    if found is None:
        return ProvisionCited(agreement=agreement_id, article=article or "?", heading=None, source=UNVERIFIED)
    return ProvisionCited(agreement=agreement_id, article=found.number, heading=found.heading, source=found.source)


def feasibility(
    profiles: Sequence[StructuredProfile], agreements: Mapping[str, Agreement], branches: Sequence[Branch] = ()
) -> FeasibilityReport:
    """The findings on coordinating the parties' schemes, within ``branches`` (default: every branch
    a party covers). Needs two or more profiles of different parties."""
    parties = [p.party for p in profiles]
    if len(set(parties)) < 2 or len(parties) != len(set(parties)):
        raise Refused(
            "profiles", f"two or more profiles of different parties are needed, got {', '.join(parties) or 'none'}"
        )
    wanted = set(branches) or {b for p in profiles for b in p.covered_branches()}
    common = [b for b in Branch if b in wanted and all(b in p.covered_branches() for p in profiles)]
    model = _Model(agreements)
    findings = _branches(profiles, wanted, common)
    findings += _not_recorded(profiles, common)
    for first, second in combinations(profiles, 2):
        findings += _clashes(first, second, common, agreements)
        findings += _periods_counted(first, second, common, model)
    for profile in profiles:
        findings += _qualifying(profile, common, model) + _export(profile, common, model)
        findings += _groups(profile, model) + _capacity(profile, model)
    return FeasibilityReport(parties=parties, common_branches=common, findings=findings)


class _Model:
    """Where the R167 model data puts totalization, export, personal scope and assistance."""

    def __init__(self, agreements: Mapping[str, Agreement]) -> None:
        self.agreements = agreements
        self.model = agreements.get(MODEL)

    def _principle(self, name: str) -> list[ProvisionCited]:
        found = [p.article for p in self.model.principles if p.principle == name] if self.model else []
        return [cite(self.agreements, MODEL, article) for article in found[:1]]

    def totalization(self, branch: Branch) -> list[ProvisionCited]:
        rules = self.model.totalization.rules if self.model and self.model.totalization else []
        found = [r.article for r in rules if branch in r.branches]
        return [cite(self.agreements, MODEL, a) for a in found[:1]] or self._principle("totalization")

    def export(self, branch: Branch) -> list[ProvisionCited]:
        found = [e.article for e in self.model.export if branch in e.branches] if self.model else []
        return [cite(self.agreements, MODEL, a) for a in found[:1]] or self._principle("export_of_benefits")

    def personal_scope(self) -> list[ProvisionCited]:
        persons = self.model.personal_scope.persons if self.model else []
        return [cite(self.agreements, MODEL, a) for a in sorted({p.article.article for p in persons})[:1]]

    def assistance(self) -> list[ProvisionCited]:
        return self._principle("administrative_assistance")

    def definitions(self) -> list[ProvisionCited]:
        terms = [d for d in self.model.definitions if d.term.startswith("periods of")] if self.model else []
        return [cite(self.agreements, MODEL, a) for a in sorted({d.article.article for d in terms if d.article})[:1]]


def _scope_field(profile: StructuredProfile) -> str:
    return "branches" if profile.branches else "schemes[*].branches"


def _branches(profiles: Sequence[StructuredProfile], wanted: set[Branch], common: list[Branch]) -> list[Finding]:
    fields = [FieldCited(party=p.party, field=_scope_field(p)) for p in profiles]
    names = ", ".join(b.value for b in common) or "none"
    findings = [Finding(topic="branches", summary=f"branches every party can coordinate: {names}",
                        parties=[p.party for p in profiles], branches=common, fields=fields)]  # fmt: skip
    for profile in profiles:
        missing = [b for b in Branch if b in wanted and b not in profile.covered_branches()]
        if missing:
            text = ", ".join(b.value for b in missing)
            findings.append(Finding(
                topic="branches", summary=f"{profile.party} records no scheme or scope for: {text}",
                parties=[profile.party], branches=missing,
                fields=[FieldCited(party=profile.party, field=_scope_field(profile))],
            ))  # fmt: skip
    return findings


def _in_branches(profile: StructuredProfile, common: list[Branch]) -> list[tuple[int, ProfileScheme]]:
    return [(i, s) for i, s in enumerate(profile.schemes) if set(s.branches) & set(common)]


def _clashes(a: StructuredProfile, b: StructuredProfile, common: list[Branch],
             agreements: Mapping[str, Agreement]) -> list[Finding]:  # fmt: skip
    findings = []
    for (i, first), (j, second) in ((x, y) for x in _in_branches(a, common) for y in _in_branches(b, common)):
        shared = [br for br in common if br in first.branches and br in second.branches]
        key = tuple(sorted((_family(first.kind), _family(second.kind))))
        if not shared or key not in CLASH_CLAUSES:
            continue
        what, clauses = CLASH_CLAUSES[key]
        findings.append(Finding(
            topic="scheme_kinds",
            summary=f"{a.party} {first.name} ({first.kind.value}) against {b.party} {second.name} "
                    f"({second.kind.value}): {what}",
            parties=[a.party, b.party], branches=shared,
            fields=[FieldCited(party=a.party, field=f"schemes[{i}].kind", source=first.source),
                    FieldCited(party=b.party, field=f"schemes[{j}].kind", source=second.source)],
            provisions=[cite(agreements, agreement, article) for agreement, article in clauses],
        ))  # fmt: skip
    return findings


def _qualifying(profile: StructuredProfile, common: list[Branch], model: _Model) -> list[Finding]:
    findings = []
    for i, scheme in _in_branches(profile, common):
        q = scheme.qualifying_period
        if q is None or q.duration.amount == 0:
            continue
        shared = [b for b in common if b in scheme.branches]
        counts = ", ".join(k.value for k in q.counts)
        findings.append(Finding(
            topic="qualifying_period",
            summary=f"{profile.party} {scheme.name} requires {q.duration} ({counts}): a person with periods in "
                    "several parties may reach it only by totalization",
            parties=[profile.party], branches=shared,
            fields=[FieldCited(party=profile.party, field=f"schemes[{i}].qualifying_period", source=q.source)],
            provisions=model.totalization(shared[0]), note=q.note,
        ))  # fmt: skip
    return findings


def _periods_counted(a: StructuredProfile, b: StructuredProfile, common: list[Branch], model: _Model) -> list[Finding]:
    findings = []
    for (i, first), (j, second) in ((x, y) for x in _in_branches(a, common) for y in _in_branches(b, common)):
        qa, qb = first.qualifying_period, second.qualifying_period
        shared = [br for br in common if br in first.branches and br in second.branches]
        if not shared or qa is None or qb is None or set(qa.counts) == set(qb.counts):
            continue
        only_a = ", ".join(sorted(k.value for k in set(qa.counts) - set(qb.counts))) or "nothing more"
        only_b = ", ".join(sorted(k.value for k in set(qb.counts) - set(qa.counts))) or "nothing more"
        findings.append(Finding(
            topic="periods_counted",
            summary=f"what counts differs: {a.party} {first.name} also counts {only_a}, {b.party} {second.name} "
                    f"also counts {only_b}; the agreement must say which periods of one count under the other",
            parties=[a.party, b.party], branches=shared,
            fields=[FieldCited(party=a.party, field=f"schemes[{i}].qualifying_period.counts", source=qa.source),
                    FieldCited(party=b.party, field=f"schemes[{j}].qualifying_period.counts", source=qb.source)],
            provisions=model.definitions() + model.totalization(shared[0]),
        ))  # fmt: skip
    return findings


def _export(profile: StructuredProfile, common: list[Branch], model: _Model) -> list[Finding]:
    findings = []
    for i, scheme in _in_branches(profile, common):
        e = scheme.export
        if e is None or e.kind == ExportKind.unrestricted:
            continue
        shared = [b for b in common if b in scheme.branches]
        after = f" (after {e.minimum_period})" if e.minimum_period else ""
        findings.append(Finding(
            topic="export",
            summary=f"{profile.party} {scheme.name} pays abroad under national law alone: {e.kind.value}{after}; "
                    "the agreement needs a waiver of residence clauses for the other parties' residents",
            parties=[profile.party], branches=shared,
            fields=[FieldCited(party=profile.party, field=f"schemes[{i}].export", source=e.source)],
            provisions=model.export(shared[0]), note=e.note,
        ))  # fmt: skip
    return findings


def _not_recorded(profiles: Sequence[StructuredProfile], common: list[Branch]) -> list[Finding]:
    findings = []
    for profile in profiles:
        if not profile.schemes:
            findings.append(Finding(
                topic="not_recorded", summary=f"{profile.party} describes no scheme: the report cannot compare kinds, "
                "qualifying periods or export rules; describe them in the profile (kind, branches, qualifying period "
                "and what counts, pension age, full career, formula kind, export rule, each with its source)",
                parties=[profile.party], fields=[FieldCited(party=profile.party, field="schemes")],
            ))  # fmt: skip
        for i, scheme in _in_branches(profile, common):
            facts = ("export",) if scheme.kind in ACCOUNTS else ("qualifying_period", "export")
            absent = [f for f in facts if getattr(scheme, f) is None]
            if absent:
                findings.append(Finding(
                    topic="not_recorded", summary=f"{profile.party} {scheme.name}: {', '.join(absent)} not recorded",
                    parties=[profile.party],
                    fields=[FieldCited(party=profile.party, field=f"schemes[{i}].{f}") for f in absent],
                ))  # fmt: skip
    return findings


def _groups(profile: StructuredProfile, model: _Model) -> list[Finding]:
    findings = []
    for i, group in enumerate(profile.groups):
        if group.coverage == "covered":
            continue
        name = group.description or group.group.value.replace("_", " ")
        coverage = "coverage not recorded" if group.coverage == "not_recorded" else group.coverage.replace("_", " ")
        findings.append(Finding(
            topic="group", summary=f"{profile.party}: {name} — {coverage}, as the profile states",
            parties=[profile.party],
            fields=[FieldCited(party=profile.party, field=f"groups[{i}]", source=group.source)],
            provisions=model.personal_scope(), note=group.note,
        ))  # fmt: skip
    if profile.groups_note:
        findings.append(Finding(
            topic="group", summary=f"{profile.party}: on groups in scope, the profile says", parties=[profile.party],
            fields=[FieldCited(party=profile.party, field="groups_note")], provisions=model.personal_scope(),
            note=profile.groups_note,
        ))  # fmt: skip
    return findings


def _capacity(profile: StructuredProfile, model: _Model) -> list[Finding]:
    notes = [(f"capacity[{i}]", f"{profile.party}: {c.topic}", c.note) for i, c in enumerate(profile.capacity)]
    if profile.capacity_note:
        notes.append(("capacity_note", f"{profile.party}: institutional capacity", profile.capacity_note))
    return [
        Finding(topic="capacity", summary=summary, parties=[profile.party], note=note,
                fields=[FieldCited(party=profile.party, field=field)], provisions=model.assistance())
        for field, summary, note in notes
    ]  # fmt: skip
