"""Legal basis: where a rule or a parameter comes from.

Article anchors follow Akoma Ntoso eIds (``art_12__para_2``) so that every citation
points at a stable place in the instrument.
"""

import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

UNVERIFIED = "unverified"
"""The value of ``source`` for a fact that could not be confirmed from a source."""


def _number_as_text(value: object) -> object:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_ARTICLE_PATTERN = r"^[0-9A-Za-z.\-]+$"

ArticleNumber = Annotated[
    str,
    BeforeValidator(_number_as_text),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20, pattern=_ARTICLE_PATTERN),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": _ARTICLE_PATTERN}, {"type": "integer", "minimum": 0}]}),
]
"""An article number as the instrument numbers it: ``"5"``, ``"12bis"``, ``"X"``."""

SourceText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A URL or document title, or ``unverified``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    """A reference to an article of an agreement (the agreement itself unless ``instrument`` says).

    When ``instrument`` is empty the article must exist in the citing agreement; the
    loader checks it.
    """

    article: ArticleNumber
    paragraph: str | None = None
    instrument: str | None = Field(
        default=None, description="Another instrument (e.g. the administrative arrangement)."
    )
    url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """Accept ``12``, ``"12"`` or ``"12(2)"`` for article 12 (paragraph 2)."""
        if isinstance(value, int) and not isinstance(value, bool):
            return {"article": str(value)}
        if isinstance(value, str):
            match = _SHORTHAND.match(value.strip())
            if not match:
                raise PydanticCustomError(
                    "citation",
                    "{value!r} is not an article reference like '12' or '12(2)'",
                    {"value": value},
                )
            return {"article": match.group(1), "paragraph": match.group(2)}
        return value

    @model_validator(mode="after")
    def _cites_existing_article(self, info: ValidationInfo) -> "Citation":
        """Against the agreement's article numbers, when the loader passes them as context."""
        articles = (info.context or {}).get("articles")
        if articles is not None and self.instrument is None and self.article not in articles:
            raise PydanticCustomError(
                "unknown_article",
                "cites article {article}, which the agreement does not have",
                {"article": self.article},
            )
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """Publish the shorthand forms too: ``12`` and ``"12(2)"`` are citations."""
        full = handler.resolve_ref_schema(handler(core_schema))
        shorthand = [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": _SHORTHAND.pattern}]
        return {"anyOf": [*shorthand, full]}

    @property
    def eid(self) -> str:
        """The Akoma Ntoso eId of the cited place, e.g. ``art_12__para_2``."""
        eid = f"art_{_eid_part(self.article)}"
        if self.paragraph:
            eid += f"__para_{_eid_part(self.paragraph)}"
        return eid

    def __str__(self) -> str:
        text = f"Art. {self.article}"
        if self.paragraph:
            text += f"({self.paragraph})"
        return f"{text} {self.instrument}" if self.instrument else text


class NationalReference(_Strict):
    """Where a national parameter comes from: the law and article, and the source consulted."""

    reference: str | None = Field(default=None, description="The national provision, e.g. 'SGB VI §50(1)'.")
    source: SourceText = Field(description="URL or document consulted, or 'unverified'.")

    @property
    def verified(self) -> bool:
        return self.source != UNVERIFIED


class LegalBasis(_Strict):
    """The legal basis of one step of a decision: an article of an agreement, or a national
    provision, with the source it was read in (DESIGN.md: "Legal basis on every element")."""

    instrument: str = Field(min_length=1, description="The agreement (its id and text) or the national law.")
    article: str | None = Field(default=None, description="Agreement article as read: 'Art. 12(2)'.")
    eid: str | None = Field(default=None, description="Akoma Ntoso eId of the article: 'art_12__para_2'.")
    provision: str | None = Field(default=None, description="National provision, e.g. 'SGB VI §50(1)'.")
    source: str | None = Field(default=None, description="URL or document consulted, or 'unverified'.")

    @property
    def verified(self) -> bool:
        return self.source not in (None, UNVERIFIED)

    def __str__(self) -> str:
        return self.article or self.provision or self.instrument


_SHORTHAND = re.compile(r"^([0-9A-Za-z.\-]+)(?:\(([0-9A-Za-z]+)\))?$")


def _eid_part(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()
