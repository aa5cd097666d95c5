"""One language's article templates for generated drafts (``data/drafting/{en,fr,es}.yaml``): the
title, the branches' names, the parts' headings and each article's heading and paragraphs, in the
project's own wording (read by ``services.drafting.templates``; ``coordina agreements validate``
checks the files with this model)."""

from pydantic import BaseModel, ConfigDict, Field

from coordina.domain.drafting.options import DraftLanguage
from coordina.domain.vocabulary import Branch


class _Template(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArticleTemplate(_Template):
    heading: str = Field(min_length=1)
    paragraphs: dict[str, str] = Field(min_length=1)


class Template(_Template):
    """One language's templates: the title, branch names, part headings and articles by key."""

    language: DraftLanguage
    title: str
    list_and: str
    branches: dict[Branch, str]
    parts: dict[str, str]
    articles: dict[str, ArticleTemplate]
