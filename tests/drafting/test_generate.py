"""Draft generation (issue 15 item 2): the R167 outline, eIds from the numbering, wIds that stay
with an article across regenerations, text in English, French and Spanish, option changes."""

import re
import uuid

import pytest
from pydantic import ValidationError

from coordina.domain.drafting.options import DraftOptions
from coordina.services import catalog
from coordina.services.drafting.generated import draft_from_options
from coordina.services.drafting.templates import LANGUAGES, template
from tests.drafting.drafting_cases import differences, draft, options


def test_the_outline_follows_the_r167_model() -> None:
    keys = [a.key for a in draft().articles]
    outline = [
        "definitions",
        "material_scope",
        "personal_scope",
        "equality_of_treatment",
        "export",
        "general_rule",
        "posting",
        "totalization",
        "benefits_old_age",
        "administrative_arrangement",
        "mutual_assistance",
        "claims_and_appeals",
        "disputes",
        "entry_into_force",
        "duration",
    ]
    assert keys == outline
    parts = [p.key for p in draft().parts]
    assert parts == ["general", "legislation", "totalization", "benefits", "administration", "final"]
    assert [p.eid for p in draft().parts] == [f"part_{n}" for n in range(1, 7)]


def test_eids_come_from_the_numbering() -> None:
    for index, article in enumerate(draft().articles, start=1):
        assert (article.number, article.eid) == (str(index), f"art_{index}")
        assert [p.eid for p in article.paragraphs] == [
            f"art_{index}__para_{n}" for n in range(1, len(article.paragraphs) + 1)
        ]


def test_wids_are_guids_that_survive_an_added_article_and_renumbering() -> None:
    first = draft()
    wids = [a.wid for a in first.articles]
    assert len(set(wids)) == len(wids) and all(uuid.UUID(w) for w in wids)
    second = draft_from_options(options(special_groups=["self_employed", "seafarer"]), previous=first)
    assert len(second.articles) == len(first.articles) + 2
    before = {a.key: a for a in first.articles}
    renumbered = 0
    for article in second.articles:
        if article.key in before:
            assert article.wid == before[article.key].wid
            renumbered += article.eid != before[article.key].eid
    assert renumbered >= 8  # everything after the posting article moved down by two
    assert {a.wid for a in second.articles} > set(wids)


def test_the_same_options_give_the_same_draft() -> None:
    assert draft() == draft()


def test_every_article_reads_in_three_languages_with_every_value_filled() -> None:
    generated = draft(
        special_groups=["self_employed", "seafarer", "air_crew", "diplomatic"],
        branches=["old_age", "invalidity", "survivors", "sickness"],
    )
    assert set(generated.titles) == set(LANGUAGES)
    for article in generated.articles:
        texts = [article.text(lang) for lang in LANGUAGES]
        assert all(t.strip() for t in texts) and len(set(texts)) == 3, article.key
        assert not any(re.search(r"[{}]", t) for t in texts), article.key
        assert all(article.headings[lang] for lang in LANGUAGES)
    assert "Korea" in generated.titles["en"] and "Corée" in generated.titles["fr"] and "Corea" in generated.titles["es"]
    posting = generated.article("posting")
    assert posting is not None
    assert "24 months" in posting.text("en") and "24 mois" in posting.text("fr") and "24 meses" in posting.text("es")


def test_the_three_templates_have_the_same_articles_and_paragraphs() -> None:
    english = template("en")
    for language in ("fr", "es"):
        other = template(language)
        assert other.articles.keys() == english.articles.keys()
        for key, article in english.articles.items():
            assert other.articles[key].paragraphs.keys() == article.paragraphs.keys(), (language, key)
        assert other.parts.keys() == english.parts.keys() and other.branches.keys() == english.branches.keys()


def test_a_changed_option_changes_only_its_article() -> None:
    short, long = draft(), draft(posting={"max_months": 60, "extension_months": 12})
    changed = [a.key for a, b in zip(short.articles, long.articles, strict=True) if a != b]
    assert changed == ["posting"]
    assert differences(short.model_dump(), long.model_dump()) == [
        ".options.posting.max_months",
        *[f".articles[6].paragraphs[0].texts.{lang}" for lang in ("en", "fr", "es")],
    ]


def test_options_choose_paragraphs() -> None:
    none = draft(
        minimum_months=None,
        posting={"max_months": None},
        calculation="higher_of_independent_and_pro_rata",
        export="national_law",
        entry_into_force={"kind": "nth_day_after_deposit", "days": 30},
    )
    paragraphs = {a.key: [p.key for p in a.paragraphs] for a in none.articles}
    assert paragraphs["totalization"] == ["adding", "no_minimum"]
    assert paragraphs["posting"] == ["no_limit", "certificate"]
    assert paragraphs["benefits_old_age"] == ["higher_of_independent_and_pro_rata"]
    assert paragraphs["export"] == ["national_law"]
    assert paragraphs["entry_into_force"] == ["nth_day_after_deposit", "earlier_periods"]
    assert "30th day" in none.article("entry_into_force").text("en")  # type: ignore[union-attr]
    without = draft(posting=None, principles=["equality_of_treatment", "applicable_legislation", "totalization"])
    assert {"posting", "export", "mutual_assistance"} & {a.key for a in without.articles} == {"mutual_assistance"}


def test_stored_articles_keep_todays_shape_and_add_eid_wid_texts() -> None:
    generated = draft()
    stored = generated.stored_articles("fr")
    assert stored[0]["number"] == "1" and stored[0]["heading"] == "Définitions"
    assert stored[0]["text"] == stored[0]["texts"]["fr"] and set(stored[0]["texts"]) == set(LANGUAGES)
    assert [s["eid"] for s in stored] == [a.eid for a in generated.articles]
    assert [s["wid"] for s in stored] == [a.wid for a in generated.articles]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"parties": ["KR", "KR"]}, "parties"),
        ({"parties": ["KR"]}, "parties"),
        ({"entry_into_force": {"kind": "nth_day_after_deposit"}}, "entry_into_force"),
        ({"languages": ["de"]}, "languages"),
        ({"posting": {"max_months": 0}}, "posting"),
    ],
)
def test_bad_options_name_their_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        DraftOptions.model_validate({"parties": ["AU", "KR"], "branches": ["old_age"], **change})
    error = raised.value.errors()[0]
    where = error["loc"] or (error.get("ctx") or {}).get("at", ())  # a model check says where in ctx "at"
    assert where[0] == field


def test_party_names_can_be_given_per_language() -> None:
    names = {"fr": {"KR": "la République de Corée", "PH": "la République des Philippines"}}
    generated = draft(parties=["KR", "PH"], party_names=names)
    assert (
        generated.titles["fr"]
        == "Accord de sécurité sociale entre la République de Corée et la République des Philippines"
    )
    assert "la République des Philippines" in generated.articles[0].text("fr")
    assert "Philippines" in generated.titles["en"]  # the CLDR name where none is given


def test_each_article_names_the_r167_provision_it_follows() -> None:
    model = catalog.library().agreement("ilo-r167-model")
    generated = draft(branches=["old_age", "sickness"], special_groups=["self_employed"])
    followed = {a.key: a.model for a in generated.articles}
    assert (followed["posting"], followed["benefits_old_age"], followed["benefits_sickness"]) == (
        "I-2",
        "I-8",
        "I-sec3",
    )
    assert followed["entry_into_force"] is None  # final provisions: no model in the file
    assert all(model.article(n) is not None for n in followed.values() if n is not None)
