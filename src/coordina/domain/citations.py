"""Which articles an agreement's data cite, and whether each was read in the authentic text.

Every rule cites its article; every article in ``articles`` says where its number and content
were read (``source``), or ``unverified``. This module lists them for a caseworker or an editor
(``coordina agreements show ID --sources``) and gives the share verified.
"""

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from coordina.domain.agreement import Agreement, walk
from coordina.domain.legal import UNVERIFIED, Citation

Status = Literal["verified", "unverified", "not listed"]

_ARTICLE_NUMBER = re.compile(r"^(?:[0-9]+[A-Za-z]*|[IVXLCDM]+[A-Za-z]*|[0-9]+(?:\.[0-9]+)*)$")
"""What an article number looks like: ``9``, ``12bis``, ``X``, ``XIV``, ``2.1`` (never a word)."""


@dataclass(frozen=True)
class CitedArticle:
    number: str
    heading: str | None
    source: str | None
    cited_by: tuple[str, ...]
    """The fields that cite it, e.g. ``applicable_legislation.exceptions[0].article``."""

    @property
    def status(self) -> Status:
        if self.source is None and not self.listed:
            return "not listed"
        return "unverified" if self.source in (None, UNVERIFIED) else "verified"

    listed: bool = True


def is_article_number(number: str) -> bool:
    """Whether ``number`` is an article number rather than a placeholder id (``entry-into-force``)."""
    return bool(_ARTICLE_NUMBER.match(number))


def cited_articles(agreement: Agreement) -> list[CitedArticle]:
    """Every article of the agreement's own text that its data cite, in the order of ``articles``."""
    citing: dict[str, list[str]] = {}
    for loc, _, value in walk(agreement):
        if isinstance(value, Citation) and value.instrument is None:
            citing.setdefault(value.article, []).append(_dotted(loc))
    listed = {a.number: a for a in agreement.articles}
    found = [
        CitedArticle(a.number, a.heading, a.source, tuple(citing[a.number]))
        for a in agreement.articles
        if a.number in citing
    ]
    found += [CitedArticle(n, None, None, tuple(c), listed=False) for n, c in citing.items() if n not in listed]
    return found


def verified_share(agreement: Agreement) -> Fraction:
    """The share of the cited articles that were read in the text (1 where none is cited)."""
    cited = cited_articles(agreement)
    return Fraction(sum(c.status == "verified" for c in cited), len(cited)) if cited else Fraction(1)


def _dotted(loc: tuple[object, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
