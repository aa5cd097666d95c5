"""Generate a draft agreement from the drafting party's options (ILO brief, step 2).

Pure: options, templates and names in, a ``GeneratedDraft`` out. The outline is the one of the
model provisions of ILO Recommendation No. 167 (Annex I) and its model agreement (Annex II):
general provisions (definitions, scope, equality of treatment, payment abroad), applicable
legislation, totalization, benefits by branch, administrative assistance, final provisions.

Articles are numbered in order (eId ``art_N``, paragraphs ``art_N__para_M``, Akoma Ntoso naming);
each article's wId is a UUID 5 of the draft's lineage and the article's key, so a regenerated
draft keeps every article's wId however the articles are renumbered.
"""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from coordina.domain.drafting.draft import DraftArticle, DraftChapter, DraftParagraph, GeneratedDraft, Texts
from coordina.domain.drafting.options import PENSION_BRANCHES, DraftLanguage, DraftOptions, SpecialGroup
from coordina.domain.vocabulary import Branch, Principle
from coordina.services.drafting.templates import Template

_LINEAGE_NAMESPACE = uuid.UUID("5b1f0c3e-8a52-4d7e-9a40-2f6d3c1b7e90")
"""Our own namespace for the UUID 5 of a draft's lineage (RFC 9562, section 5.5)."""

MODEL_PROVISIONS = {
    "definitions": "II-1",
    "material_scope": "I-sec1",
    "personal_scope": "I-sec1",
    "equality_of_treatment": "I-sec1",
    "export": "I-sec4",
    "general_rule": "I-sec2",
    "posting": "I-2",
    "self_employed": "I-sec2",
    "crew": "I-sec2",
    "government_staff": "I-sec2",
    "totalization": "I-sec3",
    "benefits": "I-8",
    "administrative_arrangement": "I-sec6",
    "mutual_assistance": "I-sec6",
    "claims_and_appeals": "I-sec6",
    "disputes": "I-sec6",
}
"""The part of ILO R167 each template follows, by its article number in ``data/agreements/ilo-r167-model.yaml``
(``I-2``: Annex I, Article 2); the final provisions have no model there."""

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


@dataclass
class _Planned:
    """An article to write: its key, template, part, paragraph keys and the values they need."""

    key: str
    template: str
    part: str
    paragraphs: list[str]
    values: dict[str, str] = field(default_factory=dict)
    branch: Branch | None = None


def default_lineage(options: DraftOptions) -> str:
    """The lineage of a first draft between these parties: the same parties give the same lineage."""
    return str(uuid.uuid5(_LINEAGE_NAMESPACE, "draft:" + "-".join(options.parties)))


def article_wid(lineage: str, key: str) -> str:
    """The article's wId: a UUID 5 of its key within the lineage (RFC 9562, section 5.5)."""
    return str(uuid.uuid5(uuid.UUID(lineage), key))


def plan(options: DraftOptions) -> list[_Planned]:
    """The articles the options call for, in the R167 outline's order."""
    has = options.has
    planned = [
        _Planned("definitions", "definitions", "general", ["terms", "other_terms"]),
        _Planned("material_scope", "material_scope", "general", ["branches", "later_laws"]),
        _Planned("personal_scope", "personal_scope", "general", ["persons"]),
    ]
    if has(Principle.equality_of_treatment):
        planned.append(_Planned("equality_of_treatment", "equality_of_treatment", "general", ["equal"]))
    if has(Principle.export_of_benefits):
        planned.append(_Planned("export", "export", "general", [options.export.value]))
    if has(Principle.applicable_legislation):
        planned += _legislation(options)
    if has(Principle.totalization):
        minimum = "minimum" if options.minimum_months is not None else "no_minimum"
        values = {"minimum": str(options.minimum_months or "")}
        planned.append(_Planned("totalization", "totalization", "totalization", ["adding", minimum], values))
    for branch in options.branches:
        paragraph = options.calculation.value if branch in options.pension_branches else "national"
        planned.append(_Planned(f"benefits_{branch.value}", "benefits", "benefits", [paragraph], branch=branch))
    planned += [
        _Planned(
            "administrative_arrangement", "administrative_arrangement", "administration", ["arrangement", "liaison"]
        ),
        _Planned("mutual_assistance", "mutual_assistance", "administration", ["free_of_charge", "personal_data"]),
        _Planned("claims_and_appeals", "claims_and_appeals", "administration", ["lodgement"]),
        _Planned("disputes", "disputes", "final", ["consultation"]),
        _entry_into_force(options),
        _Planned("duration", "duration", "final", ["indefinite", "rights_kept"]),
    ]
    return planned


def _legislation(options: DraftOptions) -> list[_Planned]:
    planned = [_Planned("general_rule", "general_rule", "legislation", ["place_of_work", "single_legislation"])]
    posting = options.posting
    if posting is not None:
        paragraphs = ["limit" if posting.max_months is not None else "no_limit"]
        if posting.extension_months is not None:
            paragraphs.append("extension")
        elif posting.extension_without_limit:
            paragraphs.append("extension_without_limit")
        values = {"months": str(posting.max_months or ""), "extension_months": str(posting.extension_months or "")}
        planned.append(_Planned("posting", "posting", "legislation", [*paragraphs, "certificate"], values))
    groups = options.special_groups
    if SpecialGroup.self_employed in groups:
        planned.append(_Planned("self_employed", "self_employed", "legislation", ["residence"]))
    crew = [g.value for g in (SpecialGroup.seafarer, SpecialGroup.air_crew) if g in groups]
    if crew:
        planned.append(_Planned("crew", "crew", "legislation", crew))
    if SpecialGroup.diplomatic in groups:
        planned.append(_Planned("government_staff", "government_staff", "legislation", ["diplomatic"]))
    return planned


def _entry_into_force(options: DraftOptions) -> _Planned:
    rule = options.entry_into_force
    values = {
        "months": str(rule.months if rule.months is not None else ""),
        "days": str(rule.days if rule.days is not None else ""),
        "date": rule.on.isoformat() if rule.on else "",
    }
    return _Planned("entry_into_force", "entry_into_force", "final", [rule.kind.value, "earlier_periods"], values)


def generate(
    options: DraftOptions,
    templates: Mapping[DraftLanguage, Template],
    names: Mapping[DraftLanguage, Mapping[str, str]],
    lineage: str | None = None,
) -> GeneratedDraft:
    """The draft the options call for, in every language of ``options.languages``.

    ``lineage`` is the GUID of the draft being revised (its articles keep their wIds); a first
    draft gets ``default_lineage(options)``.
    """
    lineage = lineage or default_lineage(options)
    languages = list(options.languages)
    planned = plan(options)
    used_parts = list(dict.fromkeys(p.part for p in planned))
    parts = [
        DraftChapter(
            key=key,
            number=_ROMAN[i],
            eid=f"part_{i + 1}",
            headings={lang: templates[lang].parts[key] for lang in languages},
        )
        for i, key in enumerate(used_parts)
    ]
    articles = []
    for index, article in enumerate(planned, start=1):
        number = str(index)
        values = {lang: _values(article, options, templates[lang], names[lang]) for lang in languages}
        paragraphs = [
            DraftParagraph(
                key=key,
                number=str(p),
                eid=f"art_{number}__para_{p}",
                texts={
                    lang: templates[lang].articles[article.template].paragraphs[key].format(**values[lang])
                    for lang in languages
                },
            )
            for p, key in enumerate(article.paragraphs, start=1)
        ]
        headings: Texts = {
            lang: templates[lang].articles[article.template].heading.format(**values[lang]) for lang in languages
        }
        articles.append(
            DraftArticle(
                key=article.key,
                number=number,
                eid=f"art_{number}",
                wid=article_wid(lineage, article.key),
                part=article.part,
                model=_model(article),
                headings=headings,
                paragraphs=paragraphs,
            )
        )
    titles = _texts(languages, templates, lambda t: t.title.format(**_party_values(options, names[t.language])))
    return GeneratedDraft(lineage=lineage, options=options, titles=titles, parts=parts, articles=articles)


def regenerate(
    draft: GeneratedDraft,
    options: DraftOptions,
    templates: Mapping[DraftLanguage, Template],
    names: Mapping[DraftLanguage, Mapping[str, str]],
) -> GeneratedDraft:
    """The next version of ``draft`` with changed options: same lineage, so same wIds for the same articles."""
    return generate(options, templates, names, lineage=draft.lineage)


def _texts(
    languages: list[DraftLanguage], templates: Mapping[DraftLanguage, Template], pick: Callable[[Template], str]
) -> Texts:
    return {lang: pick(templates[lang]) for lang in languages}


def _party_values(options: DraftOptions, names: Mapping[str, str]) -> dict[str, str]:
    first, second = options.parties
    return {"party_a": names.get(first, first), "party_b": names.get(second, second)}


def _values(article: _Planned, options: DraftOptions, template: Template, names: Mapping[str, str]) -> dict[str, str]:
    values = {**_party_values(options, names), **article.values}
    values["branches"] = _listed([template.branches[b] for b in options.branches], template.list_and)
    if article.branch is not None:
        branch = template.branches[article.branch]
        values["branch"] = branch
        values["branch_title"] = _title(branch)
    return values


def _model(article: _Planned) -> str | None:
    """Benefits follow Annex I, Art. 8 for pensions (several institutions), Section III otherwise."""
    if article.template == "benefits" and article.branch not in PENSION_BRANCHES:
        return "I-sec3"
    return MODEL_PROVISIONS.get(article.template)


def _listed(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _title(name: str) -> str:
    """'les prestations de vieillesse' → 'Prestations de vieillesse' (heading without the article)."""
    for article in ("les ", "las ", "la ", "le ", "l'"):
        if name.startswith(article):
            name = name[len(article) :]
            break
    return name[:1].upper() + name[1:]
