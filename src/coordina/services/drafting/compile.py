"""Compile a generated draft to an agreement file: each option becomes the rule data it stands for,
each rule citing the article (and paragraph) the draft generated for it.

| option | rule data (``domain/provisions.py``) | article |
| --- | --- | --- |
| posting limit, extension | ``applicable_legislation.exceptions``: ``max_months``, ``extension`` | posting |
| special groups | further exceptions (self-employed, seafarer, air crew, diplomatic) | their articles |
| minimum period | ``totalization.rules[].minimum_own_months`` for pensions | totalization, para. 2 |
| calculation method | ``calculation[]`` per pension branch | benefits of the branch |
| export | ``export[]`` | payment abroad |
| entry into force | ``entry_into_force`` | entry into force |

The national schemes in the material scope are the library's schemes of each party for each branch.
"""

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from coordina.domain.agreement import Agreement, Article
from coordina.domain.drafting.draft import DraftArticle, GeneratedDraft
from coordina.domain.drafting.options import DraftOptions, SpecialGroup
from coordina.domain.legal import Citation
from coordina.domain.provisions import (
    ApplicableLegislation,
    ApplicableLegislationRule,
    CalculationMethod,
    CalculationRule,
    EntryIntoForceRule,
    ExportProvision,
    Extension,
    LegislationOf,
    LegislationRule,
    PrincipleProvision,
    Totalization,
    TotalizationRule,
)
from coordina.domain.scheme import Scheme
from coordina.domain.scope import MaterialScopeEntry, PersonalScope, PersonalScopeEntry, PersonCategory
from coordina.domain.vocabulary import Activity, AgreementKind, Branch, PeriodKind, Principle, SchemeKind
from coordina.errors import Refused
from coordina.services import catalog

EXTENSION_REQUIRES = (
    "agreement of the competent authorities of both parties, at the joint request of employer and employee"
)
_PERIOD_KINDS = list(PeriodKind)
_ACCOUNT_KINDS = (SchemeKind.individual_account, SchemeKind.provident_fund)
_PRINCIPLE_ARTICLES = {
    Principle.equality_of_treatment: "equality_of_treatment",
    Principle.applicable_legislation: "general_rule",
    Principle.totalization: "totalization",
    Principle.export_of_benefits: "export",
    Principle.administrative_assistance: "mutual_assistance",
}
_GROUP_RULES = {
    SpecialGroup.self_employed: (
        "self_employed",
        "residence",
        LegislationRule.self_employed,
        LegislationOf.residence_state,
        [Activity.self_employed],
    ),
    SpecialGroup.seafarer: (
        "crew",
        "seafarer",
        LegislationRule.seafarer,
        LegislationOf.employer_seat_state,
        [Activity.seafarer],
    ),
    SpecialGroup.air_crew: (
        "crew",
        "air_crew",
        LegislationRule.air_crew,
        LegislationOf.employer_seat_state,
        [Activity.air_crew],
    ),
    SpecialGroup.diplomatic: (
        "government_staff",
        "diplomatic",
        LegislationRule.diplomatic,
        LegislationOf.employing_administration_state,
        [Activity.diplomatic, Activity.civil_servant],
    ),
}


class _Cite:
    """Citations of the draft's generated articles by template key."""

    def __init__(self, draft: GeneratedDraft) -> None:
        self.draft = draft

    def __call__(self, key: str, paragraph: str | None = None) -> Citation:
        article = self.draft.article(key)
        if article is None:  # a draft file edited by hand: its options call for an article it lacks
            raise Refused("draft_articles", f"the draft has no {key} article for its options: generate it again")
        found = article.paragraph(paragraph) if paragraph else None
        return Citation(
            article=article.number, paragraph=found.number if found and len(article.paragraphs) > 1 else None
        )

    def has(self, key: str) -> bool:
        return self.draft.article(key) is not None


def compile_draft(
    draft: GeneratedDraft, schemes: Iterable[Scheme], *, in_force: date | None = None, agreement_id: str | None = None
) -> Agreement:
    """The agreement the draft stands for. ``in_force`` is an assumed date of entry into force (for
    the engine and the impact simulation); a draft has none of its own."""
    options, cite = draft.options, _Cite(draft)
    language = "en" if "en" in draft.languages else draft.languages[0]
    first, second = options.parties
    return Agreement(
        id=agreement_id or f"{first}-{second}-draft".lower(),
        title=draft.titles[language],
        short_title=f"{first}–{second} (draft)",
        kind=AgreementKind.bilateral,
        parties=list(options.parties),
        languages=list(options.languages),
        in_force=in_force,
        version="generated draft",
        sources=[f"coordina draft, lineage {draft.lineage}: generated from options, not a signed text"],
        articles=[Article(number=a.number, heading=a.headings[language], source=_source(a)) for a in draft.articles],
        personal_scope=PersonalScope(
            irrespective_of_nationality=True,
            persons=[
                PersonalScopeEntry(category=c, article=cite("personal_scope"))
                for c in (PersonCategory.subject_to_legislation, PersonCategory.dependants, PersonCategory.survivors)
            ],
        ),
        material_scope=_material_scope(options, schemes, cite),
        principles=[
            PrincipleProvision(principle=p, article=cite(_PRINCIPLE_ARTICLES[p]) if p in _PRINCIPLE_ARTICLES else None)
            for p in options.principles
        ],
        applicable_legislation=_legislation(options, cite) if cite.has("general_rule") else None,
        totalization=_totalization(options, cite) if cite.has("totalization") else None,
        calculation=[
            CalculationRule(
                branches=[b], method=CalculationMethod(options.calculation.value), article=cite(f"benefits_{b.value}")
            )
            for b in options.pension_branches
        ],
        export=_export(options, cite) if cite.has("export") else [],
        entry_into_force=EntryIntoForceRule(
            kind=options.entry_into_force.kind,
            months=options.entry_into_force.months,
            days=options.entry_into_force.days,
            article=cite("entry_into_force", options.entry_into_force.kind.value),
        ),
    )


def _material_scope(options: DraftOptions, schemes: Iterable[Scheme], cite: _Cite) -> list[MaterialScopeEntry]:
    """One entry per party and branch with the library's schemes; account-based schemes (provident
    funds, individual accounts: the brief's first obstacle) in an entry of their own, covered for the
    applicable legislation only, since a balance is not totalized (as au-kr Art. 2 does for the SG)."""
    known = list(schemes)
    entries = []
    for party in options.parties:
        for branch in options.branches:
            found = [s for s in known if s.country == party and branch in s.branches]
            insured = [s.id for s in found if s.kind not in _ACCOUNT_KINDS]
            accounts = [s.id for s in found if s.kind in _ACCOUNT_KINDS]
            name = branch.value.replace("_", " ")
            article = cite("material_scope", "branches")
            entries.append(
                MaterialScopeEntry(
                    party=party,
                    branch=branch,
                    legislation=f"The legislation of {party} on {name}.",
                    schemes=insured,
                    article=article,
                )
            )
            if accounts:
                entries.append(
                    MaterialScopeEntry(
                        party=party,
                        branch=branch,
                        legislation=f"The {party} account-based schemes on {name}.",
                        schemes=accounts,
                        limited_to="applicable legislation (coverage) only",
                        benefits=False,
                        article=article,
                    )
                )
    return entries


def _legislation(options: DraftOptions, cite: _Cite) -> ApplicableLegislation:
    base = ApplicableLegislationRule(
        rule=LegislationRule.lex_loci_laboris,
        legislation_of=LegislationOf.place_of_work,
        activities=[Activity.employed],
        article=cite("general_rule", "place_of_work"),
    )
    exceptions = []
    posting = options.posting
    if posting is not None:
        extension = (
            Extension(max_months=posting.extension_months, requires=EXTENSION_REQUIRES)
            if posting.has_extension
            else None
        )
        exceptions.append(
            ApplicableLegislationRule(
                rule=LegislationRule.posting,
                overrides=LegislationRule.lex_loci_laboris,
                legislation_of=LegislationOf.sending_state,
                activities=[Activity.posted],
                max_months=posting.max_months,
                extension=extension,
                article=cite("posting", "limit" if posting.max_months else "no_limit"),
            )
        )
    for group in options.special_groups:
        key, paragraph, rule, legislation_of, activities = _GROUP_RULES[group]
        exceptions.append(
            ApplicableLegislationRule(
                rule=rule,
                overrides=LegislationRule.lex_loci_laboris,
                legislation_of=legislation_of,
                activities=activities,
                article=cite(key, paragraph),
            )
        )
    return ApplicableLegislation(base=base, exceptions=exceptions)


def _totalization(options: DraftOptions, cite: _Cite) -> Totalization:
    rules = []
    if options.pension_branches:
        minimum = options.minimum_months
        rules.append(
            TotalizationRule(
                branches=options.pension_branches,
                period_kinds=_PERIOD_KINDS,
                minimum_own_months=minimum,
                article=cite("totalization", "minimum" if minimum is not None else "adding"),
            )
        )
    if options.other_branches:
        rules.append(
            TotalizationRule(
                branches=options.other_branches, period_kinds=_PERIOD_KINDS, article=cite("totalization", "adding")
            )
        )
    return Totalization(rules=rules)


def _export(options: DraftOptions, cite: _Cite) -> list[ExportProvision]:
    cash = [b for b in options.branches if b is not Branch.medical_care]
    if not cash:
        return []
    return [ExportProvision(branches=cash, rule=options.export, article=cite("export"))]


def _source(article: DraftArticle) -> str:
    follows = f"; follows ILO R167 (ilo-r167-model {article.model})" if article.model else ""
    return f"coordina draft, article wId {article.wid}{follows}"


def agreement_yaml(agreement: Agreement) -> str:
    """The agreement as an agreement file (the documented format the loader reads)."""
    data: dict[str, Any] = agreement.model_dump(mode="json", exclude_none=True)
    header = "# Compiled by coordina from a generated draft: every rule cites the draft's article.\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def compile_to_file(draft: GeneratedDraft, path: Path, *, in_force: date | None = None) -> Agreement:
    """Compile with the library's schemes and write the agreement file; the file is read back by the
    loader, so what is written is what the engine will load."""
    agreement = compile_draft(draft, catalog.library().schemes.values(), in_force=in_force)
    path.write_text(agreement_yaml(agreement), encoding="utf-8")
    return catalog.agreement(path)
