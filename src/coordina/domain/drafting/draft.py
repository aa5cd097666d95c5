"""A generated draft agreement: parts, articles and paragraphs, with text per language.

Naming follows Akoma Ntoso 3.0 (OASIS, "Akoma Ntoso Naming Convention", section on eId and wId):
the ``eid`` comes from the numbering (``art_7``, ``art_7__para_2``) and changes when articles
are renumbered; the ``wid`` is a GUID minted once for an article and kept across versions and
renumbering, so a comparison follows an article and a trace cites the eId of the version applied.
"""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from coordina.domain.drafting.options import DraftLanguage, DraftOptions

Texts = dict[DraftLanguage, Annotated[str, StringConstraints(max_length=20_000)]]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,60}$")]
Number = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z-]{1,12}$")]
Guid = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
Eid = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,80}$")]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DraftParagraph(_Part):
    key: Key = Field(description="The template paragraph it comes from, e.g. 'limit'.")
    number: Number
    eid: Eid = Field(description="e.g. 'art_7__para_2'.")
    texts: Texts


class DraftArticle(_Part):
    key: Key = Field(description="The template article it comes from, e.g. 'posting'.")
    number: Number
    eid: Eid = Field(description="e.g. 'art_7'.")
    wid: Guid = Field(description="A GUID that stays with the article across versions and renumbering.")
    part: Key = Field(description="Key of the part (chapter) it belongs to.")
    model: Number | None = Field(
        default=None, description="The ILO R167 provision it follows: an article number of the ilo-r167-model file."
    )
    headings: Texts
    paragraphs: list[DraftParagraph] = Field(min_length=1, max_length=30)

    def paragraph(self, key: str) -> DraftParagraph | None:
        return next((p for p in self.paragraphs if p.key == key), None)

    def text(self, language: DraftLanguage) -> str:
        """The article's text: numbered paragraphs separated by a blank line (one paragraph: unnumbered)."""
        if len(self.paragraphs) == 1:
            return self.paragraphs[0].texts[language]
        return "\n\n".join(f"{p.number}. {p.texts[language]}" for p in self.paragraphs)

    def stored(self, language: DraftLanguage, languages: list[DraftLanguage]) -> dict[str, Any]:
        """The article as a negotiation draft stores it: ``{number, heading, text}`` in ``language``
        plus ``eid``, ``wid``, ``texts`` and ``headings`` by language."""
        return {
            "number": self.number,
            "heading": self.headings[language],
            "text": self.text(language),
            "eid": self.eid,
            "wid": self.wid,
            "texts": {lang: self.text(lang) for lang in languages},
            "headings": {lang: self.headings[lang] for lang in languages},
        }


class DraftChapter(_Part):
    key: Key
    number: Number = Field(description="Roman numeral, as treaties number their parts.")
    eid: Eid = Field(description="e.g. 'part_2'.")
    headings: Texts


class GeneratedDraft(_Part):
    """A draft as generated from its options: regenerate it with new options to get the next version."""

    lineage: Guid = Field(description="GUID of the draft's line of versions; the articles' wIds derive from it.")
    options: DraftOptions
    titles: Texts
    parts: list[DraftChapter] = Field(max_length=20)
    articles: list[DraftArticle] = Field(min_length=1, max_length=300)

    @property
    def languages(self) -> list[DraftLanguage]:
        return list(self.options.languages)

    def article(self, key: str) -> DraftArticle | None:
        return next((a for a in self.articles if a.key == key), None)

    def stored_articles(self, language: DraftLanguage | None = None) -> list[dict[str, Any]]:
        """The articles for ``create_draft``, in ``language`` (default: the first of the draft's)."""
        chosen = language or self.languages[0]
        return [a.stored(chosen, self.languages) for a in self.articles]
