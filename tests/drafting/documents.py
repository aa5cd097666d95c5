"""Draft documents shared by the documents tests (AKN, DOCX, PDF, tracked changes, import)."""

from datetime import date
from typing import Any

from coordina.services.drafting.document import DraftArticle, DraftDocument, Signing

FIRST = [
    {"number": "1", "heading": "Definitions", "wid": "w-def",
     "text": "In this Agreement the term State means a party.\nCompetent authority means the minister."},
    {"number": "2", "heading": "Scope", "wid": "w-scope", "text": "This Agreement applies to pensions."},
    {"number": "3", "heading": "Equality of treatment", "wid": "w-equal", "text": "Persons are treated alike."},
    {"number": "4", "heading": "Final provisions", "wid": "w-final", "text": "This Agreement enters into force."},
]  # fmt: skip
SECOND = [
    {"number": "1", "heading": "Definitions", "wid": "w-def",
     "text": "In this Agreement the word State means a Contracting Party.\nCompetent authority means the minister "
             "responsible."},
    {"number": "2", "heading": "Personal scope", "wid": "w-scope",
     "text": "This Agreement applies to old-age pensions."},
    {"number": "3", "heading": "Final provisions", "wid": "w-final", "text": "This Agreement enters into force."},
    {"number": "4", "heading": "Export", "wid": "w-export", "text": "Benefits are paid abroad."},
]  # fmt: skip
FRENCH = {"1": ("Définitions", "Dans le présent Accord, le terme État désigne une Partie."),
          "2": ("Champ d'application", "Le présent Accord s'applique aux pensions."),
          "3": ("Égalité de traitement", "Les personnes sont traitées de la même manière."),
          "4": ("Dispositions finales", "Le présent Accord entre en vigueur.")}  # fmt: skip


def document(articles: list[dict[str, Any]] = FIRST, **changes: Any) -> DraftDocument:
    base: dict[str, Any] = {
        "title": "Agreement on Social Security between the Philippines and the Republic of Korea",
        "parties": ["PH", "KR"], "drafting_party": "PH", "languages": ["en", "fr"], "number": "negotiation-1",
        "work_date": date(2026, 1, 5), "version": 1, "version_date": date(2026, 1, 5), "kind": "initial",
        "version_party": "PH", "articles": [DraftArticle.model_validate(a) for a in articles],
    }  # fmt: skip
    return DraftDocument.model_validate({**base, **changes})


def first() -> DraftDocument:
    return document()


def second() -> DraftDocument:
    return document(SECOND, version=2, version_date=date(2026, 2, 1), kind="counterproposal", version_party="KR",
                    earlier=[(1, date(2026, 1, 5))])  # fmt: skip


def translated() -> DraftDocument:
    articles = [{**a, "texts": {"fr": FRENCH[a["number"]][1]}, "headings": {"fr": FRENCH[a["number"]][0]}}
                for a in FIRST]  # fmt: skip
    return document(articles)


def signed() -> DraftDocument:
    return document(version=3, version_date=date(2026, 5, 1), work_date=date(2026, 6, 1), kind="revision",
                    earlier=[(1, date(2026, 1, 5)), (2, date(2026, 2, 1))],
                    signatures=[Signing(party="PH", signatory="A. Cruz", capacity="Secretary of Labor and Employment",
                                        signed_on=date(2026, 6, 1), place="Manila"),
                                Signing(party="KR", signatory="B. Kim", capacity="Minister of Health and Welfare",
                                        signed_on=date(2026, 6, 1), place="Manila")])  # fmt: skip
