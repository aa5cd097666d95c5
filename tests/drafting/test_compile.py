"""A generated draft compiles to an agreement file (issue 15 item 3): each option becomes its rule
data citing the generated article, the loader and the engine accept the file, and a changed option
changes exactly its rule."""

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from coordina.domain.agreement import Agreement, walk
from coordina.domain.drafting.draft import GeneratedDraft
from coordina.domain.legal import Citation
from coordina.services import catalog
from coordina.services.compute import compute
from coordina.services.drafting.compile import agreement_yaml, compile_draft, compile_to_file
from tests.drafting.drafting_cases import differences, draft

IN_FORCE = date(2008, 10, 1)  # assumed, as au-kr's, so the README case's periods fall under it


def _compiled(generated: GeneratedDraft, **kwargs: Any) -> Agreement:
    return compile_draft(generated, catalog.library().schemes.values(), **kwargs)


def _eid(generated: GeneratedDraft, key: str, paragraph: str | None = None) -> str:
    article = generated.article(key)
    assert article is not None
    if paragraph is None:
        return article.eid
    found = article.paragraph(paragraph)
    assert found is not None
    return found.eid


def test_every_rule_cites_an_article_and_paragraph_the_draft_has() -> None:
    generated = draft(
        special_groups=["self_employed", "seafarer", "air_crew", "diplomatic"],
        branches=["old_age", "survivors", "sickness"],
    )
    agreement = _compiled(generated)
    eids = {a.eid for a in generated.articles} | {p.eid for a in generated.articles for p in a.paragraphs}
    cited = [value for _, _, value in walk(agreement) if isinstance(value, Citation)]
    assert len(cited) > 20
    assert all(c.eid in eids for c in cited), [c.eid for c in cited if c.eid not in eids]
    assert {a.number for a in agreement.articles} == {a.number for a in generated.articles}


def test_each_option_becomes_its_rule_citing_its_article() -> None:
    generated = draft()
    agreement = _compiled(generated)
    assert agreement.applicable_legislation is not None
    posting = agreement.applicable_legislation.exceptions[0]
    assert (posting.rule, posting.max_months, posting.extension and posting.extension.max_months) == ("posting", 24, 12)
    assert posting.article.eid == _eid(generated, "posting", "limit")
    assert agreement.totalization is not None
    minimum = agreement.totalization.rules[0]
    assert (minimum.minimum_own_months, minimum.article.eid) == (12, _eid(generated, "totalization", "minimum"))
    [calculation] = agreement.calculation
    assert (calculation.method, calculation.article.eid) == ("pro_rata", _eid(generated, "benefits_old_age"))
    [export] = agreement.export
    assert (export.rule, export.article.eid) == ("without_reduction", _eid(generated, "export"))
    assert agreement.entry_into_force is not None
    assert (agreement.entry_into_force.kind, agreement.entry_into_force.months) == (
        "first_day_of_nth_month_after_last_notification",
        3,
    )
    assert agreement.entry_into_force.article.eid == _eid(
        generated, "entry_into_force", "first_day_of_nth_month_after_last_notification"
    )
    # The superannuation guarantee (an individual account) is in scope for coverage only, as au-kr has it.
    assert [(e.schemes, e.benefits) for e in agreement.material_scope if e.party == "AU"] == [
        (["au-age-pension"], True),
        (["au-sg"], False),
    ]


def test_the_loader_accepts_the_written_file(tmp_path: Path) -> None:
    path = tmp_path / "au-kr-draft.yaml"
    loaded = compile_to_file(draft(), path, in_force=IN_FORCE)
    assert loaded == catalog.agreement(path) == _compiled(draft(), in_force=IN_FORCE)
    assert catalog.validate([path]) == []


def test_24_or_60_months_of_posting_give_files_that_differ_only_in_that_rule() -> None:
    short = yaml.safe_load(agreement_yaml(_compiled(draft(posting={"max_months": 24}))))
    long = yaml.safe_load(agreement_yaml(_compiled(draft(posting={"max_months": 60}))))
    assert differences(short, long) == [".applicable_legislation.exceptions[0].max_months"]
    assert (
        short["applicable_legislation"]["exceptions"][0]["max_months"],
        long["applicable_legislation"]["exceptions"][0]["max_months"],
    ) == (24, 60)


def test_a_changed_calculation_method_regenerates_text_and_rule() -> None:
    before, after = draft(), draft(calculation="independent")
    assert differences(before.model_dump(), after.model_dump()) == [
        ".options.calculation",
        *[f".articles[8].paragraphs[0].{f}" for f in ("key", "texts.en", "texts.fr", "texts.es")],
    ]
    rules = differences(_compiled(before).model_dump(mode="json"), _compiled(after).model_dump(mode="json"))
    assert rules == [".calculation[0].method"]


def test_the_engine_decides_the_readme_case_under_the_compiled_draft() -> None:
    """tests/cases/au-kr.yaml's first case: Korean insurance 1988-91 is 48 months, short of the
    National Pension's 120; the draft's totalization adds the Australian periods."""
    [first] = [c for c in yaml.safe_load(Path("tests/cases/au-kr.yaml").read_text()) if "README" in c["name"]]
    generated = draft()
    decision = compute(first["case"], _compiled(generated, in_force=IN_FORCE))
    korea = next(d for d in decision.decisions if d.scheme == "kr-nps")
    assert (korea.own_months, korea.eligible_national, korea.eligible_totalized) == (Fraction(48), False, True)
    cited = {step.basis.eid for d in decision.decisions for step in d.trace if step.basis and step.basis.eid}
    assert _eid(generated, "totalization", "minimum") in cited
    assert _eid(generated, "benefits_old_age") in cited


def test_the_posting_limit_decides_when_the_host_legislation_applies() -> None:
    """Three years posted from Australia to Korea: under 24 months the last year is Korean, under 60 none."""
    case = {
        "person": {"birth_date": "1970-01-01", "nationality": ["AU"], "residence": "AU"},
        "claim": {"branch": "old_age", "date": "2035-02-01"},
        "periods": [
            {"country": "AU", "kind": "employment", "activity": "employed", "start": "2000-01-01", "end": "2019-12-31"},
            {
                "country": "KR",
                "kind": "employment",
                "activity": "posted",
                "employer_country": "AU",
                "start": "2020-01-01",
                "end": "2022-12-31",
                "certificate": True,
            },
        ],
    }
    spells = {}
    for months in (24, 60):
        decision = compute(case, _compiled(draft(posting={"max_months": months}), in_force=IN_FORCE))
        spells[months] = [
            (s.start.isoformat(), s.country, s.rule) for s in decision.applicable_legislation if s.start.year >= 2020
        ]
    assert spells[24] == [("2020-01-01", "AU", "posting"), ("2022-01-01", "KR", "lex_loci_laboris")]
    assert spells[60] == [("2020-01-01", "AU", "posting")]


def test_india_germany_draft_computes_with_both_parties_schemes() -> None:
    generated = draft(parties=["IN", "DE"], branches=["old_age"])
    agreement = _compiled(generated, in_force=date(2017, 5, 1))
    schemes = {e.party: e.schemes for e in agreement.material_scope if e.benefits}
    assert "in-eps" in schemes["IN"] and "de-grv" in schemes["DE"]
    case = {
        "person": {"birth_date": "1960-01-01", "nationality": ["IN"], "residence": "IN"},
        "claim": {"branch": "old_age", "date": "2027-02-01"},
        "periods": [
            {"country": "DE", "kind": "insurance", "activity": "employed", "start": "2005-01-01", "end": "2008-12-31"},
            {"country": "IN", "kind": "insurance", "activity": "employed", "start": "2009-01-01", "end": "2024-12-31"},
        ],
    }
    decision = compute(case, agreement)
    germany = next(d for d in decision.decisions if d.scheme == "de-grv")
    assert (germany.own_months, germany.eligible_national, germany.eligible_totalized) == (Fraction(48), False, True)
