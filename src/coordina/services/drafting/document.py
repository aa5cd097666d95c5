"""A version of a draft as a document: what the Akoma Ntoso, DOCX and PDF renderings read.

A draft is a list of articles ``{number, heading, text}`` (``services.negotiation.drafts``), with,
when the drafting service generated them, an Akoma Ntoso ``eid`` (from the numbering), a stable
``wid`` (and ``guid``) that follows the article across renumbering, and ``texts``/``headings`` per
language (the translations recorded in step 5 of the ILO brief). Around the articles: the
negotiation's title, parties and official languages, the version's number, date and party, and
the signatures once given (step 6).

Pure: plain values in, typed records out.
"""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coordina.domain.agreement import LanguageCode
from coordina.domain.legal import Citation

MAX_ARTICLES = 2000
MAX_TEXT = 100_000  # characters of one article's text in one language

ISO_639_2 = {  # ISO 639-1 code -> ISO 639-2/T code (the three letters of Akoma Ntoso IRIs)
    "am": "amh", "ar": "ara", "az": "aze", "bg": "bul", "bn": "ben", "bs": "bos", "ca": "cat", "cs": "ces",
    "da": "dan", "de": "deu", "el": "ell", "en": "eng", "es": "spa", "et": "est", "eu": "eus", "fa": "fas",
    "fi": "fin", "fr": "fra", "ga": "gle", "gl": "glg", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun",
    "hy": "hye", "id": "ind", "is": "isl", "it": "ita", "ja": "jpn", "ka": "kat", "kk": "kaz", "km": "khm",
    "ko": "kor", "ky": "kir", "lo": "lao", "lt": "lit", "lv": "lav", "mk": "mkd", "mn": "mon", "ms": "msa",
    "mt": "mlt", "my": "mya", "ne": "nep", "nl": "nld", "no": "nor", "pl": "pol", "pt": "por", "ro": "ron",
    "ru": "rus", "si": "sin", "sk": "slk", "sl": "slv", "sq": "sqi", "sr": "srp", "sv": "swe", "sw": "swa",
    "ta": "tam", "tg": "tgk", "th": "tha", "tl": "tgl", "tr": "tur", "uk": "ukr", "ur": "urd", "uz": "uzb",
    "vi": "vie", "zh": "zho",
}  # fmt: skip
ARTICLE_WORD = {"en": "Article", "fr": "Article", "es": "Artículo"}
"""The word before an article's number, in the languages the drafting templates are written in."""


def three_letter(language: str) -> str:
    """The ISO 639-2 code of ``language`` (given in ISO 639-1 or 639-2); ``ValueError`` if unknown."""
    if len(language) == 3 and language.isalpha() and language.islower():
        return language
    try:
        return ISO_639_2[language]
    except KeyError:
        raise ValueError(f"language {language!r}: not an ISO 639-1 code coordina knows") from None


def article_word(language: str) -> str:
    return ARTICLE_WORD.get(language, "Article")


class DraftArticle(BaseModel):
    """One article; ``heading`` and ``text`` are in the document's ``language``, the others in
    ``headings`` and ``texts``."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    number: str = Field(min_length=1, max_length=20)
    heading: str | None = Field(default=None, max_length=500)
    text: str = Field(max_length=MAX_TEXT)
    eid: str | None = Field(default=None, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")
    wid: str | None = Field(default=None, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")
    guid: str | None = Field(default=None, max_length=100, pattern=r"^\S+$")
    texts: dict[str, str] = Field(default_factory=dict)
    headings: dict[str, str] = Field(default_factory=dict)

    @field_validator("texts", "headings", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @property
    def akn_eid(self) -> str:
        """The eId: as generated, else from the number (``art_12``, AKN naming convention)."""
        return self.eid or Citation(article=self.number).eid

    @property
    def akn_wid(self) -> str:
        return self.wid or self.akn_eid


class Signing(BaseModel):
    """A party's signature (ILO brief, step 6), as ``negotiation.records.SignatureRecord`` holds it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    party: str
    signatory: str
    capacity: str
    signed_on: date
    place: str


class DraftDocument(BaseModel):
    """One version of a negotiation's draft, with what the documents print around its articles."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=300)
    parties: list[str] = Field(min_length=1, max_length=50)
    drafting_party: str
    language: LanguageCode = "en"  # the language of the articles' ``heading`` and ``text``
    languages: list[LanguageCode] = Field(default_factory=list, max_length=30)  # the official languages (step 5)
    translations: dict[LanguageCode, str] = Field(default_factory=dict)  # who translates into each language
    number: str = Field(default="draft", pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")  # the work's number in its IRI
    work_date: date  # the date of the work: of signature if signed, else of the first version
    version: int = Field(ge=1)
    version_date: date
    version_party: str | None = None  # whose version (a counterproposal's delegation)
    kind: str | None = None  # initial | counterproposal | revision | change
    earlier: list[tuple[int, date]] = Field(default_factory=list)  # earlier versions: number and date
    articles: list[DraftArticle] = Field(min_length=1, max_length=MAX_ARTICLES)
    signatures: list[Signing] = Field(default_factory=list)

    @model_validator(mode="after")
    def _distinct(self) -> "DraftDocument":
        for name, values in (("number", [a.number for a in self.articles]),
                             ("eId", [a.akn_eid for a in self.articles]),
                             ("wId", [a.akn_wid for a in self.articles])):  # fmt: skip
            if len(set(values)) != len(values):
                raise ValueError(f"articles: each article has a {name} of its own")
        return self

    def text(self, article: DraftArticle, language: str) -> str | None:
        """The article's text in ``language``; None where no translation is recorded."""
        return article.text if language == self.language else article.texts.get(language)

    def heading(self, article: DraftArticle, language: str) -> str | None:
        return article.heading if language == self.language else article.headings.get(language, article.heading)

    def complete_languages(self) -> list[str]:
        """The document's language, then each official language every article is translated into."""
        others = [lang for lang in self.languages if lang != self.language]
        return [self.language, *(lang for lang in others if all(lang in a.texts for a in self.articles))]


def document_of(negotiation: Any, draft: Any, *, articles: list[dict[str, Any]] | None = None,
                first_version_date: date | None = None, signatures: Sequence[Any] = ()) -> DraftDocument:  # fmt: skip
    """The document of a stored draft (``DraftView``) of a negotiation (``NegotiationView``).

    ``articles`` gives the stored articles with their eId, wId and translations when the view
    dropped them; ``signatures`` are ``SignatureRecord``s.
    """
    rows = articles if articles is not None else [a.model_dump() for a in draft.articles]
    parsed = [DraftArticle.model_validate(a) for a in rows]
    signed = [Signing.model_validate(s, from_attributes=True) for s in signatures]
    created = draft.created_at.date()
    work_date = min((s.signed_on for s in signed), default=first_version_date or created)
    return DraftDocument(
        title=negotiation.title, parties=list(negotiation.parties), drafting_party=negotiation.drafting_party,
        languages=list(negotiation.official_languages), translations=dict(negotiation.translations or {}),
        number=f"negotiation-{negotiation.id}",
        work_date=work_date, version=draft.number, version_date=created, version_party=draft.party,
        kind=draft.kind, articles=parsed, signatures=signed, language=written_in(parsed),
    )  # fmt: skip


def written_in(articles: Sequence[DraftArticle], default: str = "en") -> str:
    """The language of the articles' ``text``: the one whose recorded translation it is (a generated
    draft holds its text in every language), else ``default``."""
    first = articles[0] if articles else None
    if first is not None:
        for language, text in first.texts.items():
            if text == first.text and all(a.texts.get(language) == a.text for a in articles):
                return language
    return default


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot hold (section 2.2, Char)."""
    return _CONTROL.sub("", text)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an article's text: its non-empty lines."""
    return [line.strip() for line in printable(text).splitlines() if line.strip()] or [""]
