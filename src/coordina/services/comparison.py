"""A word-level comparison of two versions of a draft, article by article.

The ILO brief (steps 2-3) has the parties exchange an initial draft, counterproposals and
revisions; the negotiators must see what each version changed. Articles are matched by their
number; within an article the heading and the text are compared word by word (a word is a run
of characters between white space, punctuation included), giving runs of words that are the
same, added, removed, or changed (removed words replaced by added ones at the same place).

Pure: versions in, a typed ``Comparison`` out. The drafting issue adds tracked changes (who
changed what, when) to the same records: a ``Piece`` is the unit a tracked change will annotate.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

WORD = re.compile(r"\S+")


class ArticleLike(Protocol):
    """An article of a draft version (``services.negotiation.views.ArticleText`` is one)."""

    @property
    def number(self) -> str: ...

    @property
    def heading(self) -> str | None: ...

    @property
    def text(self) -> str: ...


class WordChange(StrEnum):
    """What happened to a run of words from the first version to the second."""

    same = "same"
    added = "added"
    removed = "removed"
    changed = "changed"  # the words ``before`` replaced by the words ``after``


class ArticleChange(StrEnum):
    """What happened to an article: present in the second version only, the first only, in
    both with different words, or in both alike."""

    added = "added"
    removed = "removed"
    changed = "changed"
    unchanged = "unchanged"


@dataclass(frozen=True)
class Piece:
    """A run of words: ``before`` as in the first version, ``after`` as in the second ("" where
    the run is not in that version; equal for ``same``)."""

    change: WordChange
    before: str
    after: str

    @property
    def words_added(self) -> int:
        return len(WORD.findall(self.after)) if self.change in (WordChange.added, WordChange.changed) else 0

    @property
    def words_removed(self) -> int:
        return len(WORD.findall(self.before)) if self.change in (WordChange.removed, WordChange.changed) else 0


@dataclass(frozen=True)
class ArticleComparison:
    """One article in the two versions: its heading and text as runs of words."""

    number: str
    change: ArticleChange
    heading: tuple[Piece, ...]
    text: tuple[Piece, ...]

    @property
    def words_added(self) -> int:
        return sum(p.words_added for p in (*self.heading, *self.text))

    @property
    def words_removed(self) -> int:
        return sum(p.words_removed for p in (*self.heading, *self.text))


@dataclass(frozen=True)
class Comparison:
    """Every article of either version, in the order of the second version, then the articles
    only the first version has (in its order)."""

    articles: tuple[ArticleComparison, ...]

    def of(self, change: ArticleChange) -> tuple[ArticleComparison, ...]:
        return tuple(a for a in self.articles if a.change is change)

    @property
    def differs(self) -> bool:
        return any(a.change is not ArticleChange.unchanged for a in self.articles)


def compare_words(before: str, after: str) -> tuple[Piece, ...]:
    """``before`` to ``after`` as runs of same, added, removed and changed words."""
    old, new = WORD.findall(before), WORD.findall(after)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        gone, came = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if tag == "equal":
            pieces.append(Piece(WordChange.same, gone, came))
        elif tag == "insert":
            pieces.append(Piece(WordChange.added, "", came))
        elif tag == "delete":
            pieces.append(Piece(WordChange.removed, gone, ""))
        else:
            pieces.append(Piece(WordChange.changed, gone, came))
    return tuple(pieces)


def compare_versions(first: Sequence[ArticleLike], second: Sequence[ArticleLike]) -> Comparison:
    """The articles of two versions of a draft, matched by number, compared word by word."""
    before = {a.number: a for a in first}
    after = {a.number: a for a in second}
    order = [*after, *(n for n in before if n not in after)]
    articles = []
    for number in order:
        old, new = before.get(number), after.get(number)
        heading = compare_words(old.heading or "" if old else "", new.heading or "" if new else "")
        text = compare_words(old.text if old else "", new.text if new else "")
        if old is None:
            change = ArticleChange.added
        elif new is None:
            change = ArticleChange.removed
        elif all(p.change is WordChange.same for p in (*heading, *text)):
            change = ArticleChange.unchanged
        else:
            change = ArticleChange.changed
        articles.append(ArticleComparison(number, change, heading, text))
    return Comparison(tuple(articles))
