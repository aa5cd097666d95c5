"""Two versions of a draft as tracked changes: a DOCX with Word revision marks a negotiator can
accept or reject one by one, and an HTML page with ``<ins>`` and ``<del>`` (HTML Living Standard,
§4.7 Edits).

The changes are those of ``services.comparison`` (the comparison the web page shows): articles
matched (by wId when every article of both versions has one, so that a renumbered article is
followed; else by number), then compared word by word. The revision marks are written in
WordprocessingML directly (``ooxml``): python-docx writes no revision marks. A word's paragraph is
the one it has in the second version; deleted words sit where they stood.
"""

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time

from coordina.domain import party_name
from coordina.services.comparison import (
    WORD,
    ArticleChange,
    Comparison,
    Piece,
    WordChange,
    compare_versions,
    compare_words,
)
from coordina.services.drafting.document import DraftArticle, DraftDocument, article_word, paragraphs
from coordina.services.drafting.docx_render import new_document, to_bytes
from coordina.services.drafting.ooxml import HEADING_STYLE, NUMBER_STYLE, Revisions, text_run


@dataclass(frozen=True)
class _Keyed:
    """An article under the key it is matched by (its wId or its number)."""

    number: str
    heading: str | None
    text: str


@dataclass(frozen=True)
class Segment:
    """Words of one paragraph that are the same, inserted or deleted."""

    kind: WordChange  # same, added or removed
    text: str


@dataclass(frozen=True)
class TrackedArticle:
    """One article of the comparison as paragraphs of segments: its number line, heading, text."""

    key: str
    eid: str
    change: ArticleChange
    number: list[Segment]
    heading: list[Segment]
    text: list[list[Segment]]


def _keys(first: Sequence[DraftArticle], second: Sequence[DraftArticle]) -> bool:
    return all(a.wid for a in (*first, *second))


def compared(before: DraftDocument, after: DraftDocument) -> tuple[Comparison, list[TrackedArticle]]:
    """The comparison of two versions, and each article as segments to render, in reading order
    (an article removed stays where it stood in the first version)."""
    by_wid = _keys(before.articles, after.articles)

    def keyed(articles: Sequence[DraftArticle]) -> dict[str, DraftArticle]:
        return {(a.wid if by_wid and a.wid else a.number): a for a in articles}

    old, new = keyed(before.articles), keyed(after.articles)
    comparison = compare_versions(
        [_Keyed(k, a.heading, a.text) for k, a in old.items()], [_Keyed(k, a.heading, a.text) for k, a in new.items()]
    )
    found = {c.number: c for c in comparison.articles}
    order = list(new)
    for index, key in enumerate(old):  # a removed article goes after the one before it in the first version
        if key not in new:
            previous = next((k for k in reversed(list(old)[:index]) if k in order), None)
            order.insert(order.index(previous) + 1 if previous else 0, key)
    tracked = []
    for key in order:
        item = found[key]
        first, second = old.get(key), new.get(key)
        number_before = f"{article_word(before.language)} {first.number}" if first else ""
        number_after = f"{article_word(after.language)} {second.number}" if second else ""
        shown = second or first
        assert shown is not None
        if second is None:
            text = [[Segment(WordChange.removed, p)] for p in paragraphs(shown.text)]
        else:
            text = _segments(item.text, paragraphs(second.text))
        renumbered = first is not None and second is not None and first.number != second.number
        change = ArticleChange.changed if renumbered and item.change is ArticleChange.unchanged else item.change
        tracked.append(TrackedArticle(
            key=key, eid=shown.akn_eid, change=change,
            number=_segments(compare_words(number_before, number_after), [number_after])[0],
            heading=_segments(item.heading, [second.heading or "" if second else ""])[0],
            text=text,
        ))  # fmt: skip
    return comparison, tracked


def _segments(pieces: Sequence[Piece], after_paragraphs: list[str]) -> list[list[Segment]]:
    """Word pieces laid out in the paragraphs of the second version."""
    owner = [i for i, p in enumerate(after_paragraphs) for _ in WORD.findall(p)]  # paragraph of each word
    laid: list[list[tuple[WordChange, str]]] = [[] for _ in after_paragraphs] or [[]]
    at = 0  # the next word of the second version
    for piece in pieces:
        change, gone, came = piece.change, piece.before, piece.after
        here = owner[at] if at < len(owner) else (owner[-1] if owner else 0)
        if change in (WordChange.removed, WordChange.changed):
            laid[here].extend((WordChange.removed, w) for w in WORD.findall(gone))
        if change is not WordChange.removed:
            kind = WordChange.same if change is WordChange.same else WordChange.added
            for word in WORD.findall(came):
                laid[owner[at]].append((kind, word))
                at += 1
    return [_runs(words) for words in laid]


def _runs(words: list[tuple[WordChange, str]]) -> list[Segment]:
    """Consecutive words of a kind as one segment, each word followed by a space but the last."""
    segments: list[Segment] = []
    for index, (kind, word) in enumerate(words):
        text = word if index == len(words) - 1 else f"{word} "
        if segments and segments[-1].kind is kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))
    return segments


def _author(document: DraftDocument) -> str:
    return party_name(document.version_party or document.drafting_party)


def tracked_docx(before: DraftDocument, after: DraftDocument, *, author: str | None = None,
                 date: datetime | None = None) -> bytes:  # fmt: skip
    """The second version as a DOCX whose revision marks turn the first into it.

    ``author`` defaults to the delegation of the second version, ``date`` to its date (UTC).
    """
    revisions = Revisions(author or _author(after), date or datetime.combine(after.version_date, time(), UTC))
    word = new_document(after)
    _, tracked = compared(before, after)
    for article in tracked:
        whole = {ArticleChange.added: "w:ins", ArticleChange.removed: "w:del"}.get(article.change)
        _paragraph(word.add_paragraph(style=NUMBER_STYLE), article.number, revisions, whole)
        if article.heading:
            _paragraph(word.add_paragraph(style=HEADING_STYLE), article.heading, revisions, whole)
        for segments in article.text:
            _paragraph(word.add_paragraph(), segments, revisions, whole)
    return to_bytes(word)


def _paragraph(paragraph: object, segments: list[Segment], revisions: Revisions, whole: str | None) -> None:
    element = paragraph._p  # type: ignore[attr-defined]  # python-docx's CT_P
    if whole:
        revisions.mark_paragraph(element, whole)
    for segment in segments:
        if segment.kind is WordChange.added:
            element.append(revisions.inserted(segment.text))
        elif segment.kind is WordChange.removed:
            element.append(revisions.deleted(segment.text))
        else:
            element.append(text_run(segment.text))


def tracked_html(before: DraftDocument, after: DraftDocument) -> str:
    """The comparison as a standalone HTML page: ``<ins>`` for words added, ``<del>`` for removed."""
    _, tracked = compared(before, after)
    title = html.escape(after.title)
    parts = [
        "<!DOCTYPE html>", f'<html lang="{after.language}">', "<head>", '<meta charset="utf-8">',
        f"<title>{title}: version {before.version} to {after.version}</title>",
        "<style>ins{background:#d4f7d4;text-decoration:underline}del{background:#f9d6d6}</style>",
        "</head>", "<body>", f"<h1>{title}</h1>",
        f"<p>Version {before.version} ({before.version_date.isoformat()}) to version {after.version} "
        f"({after.version_date.isoformat()}).</p>",
    ]  # fmt: skip
    for article in tracked:
        parts.append(f'<section id="{html.escape(article.eid)}" data-change="{article.change.value}">')
        parts.append(f"<h2>{_html(article.number)}</h2>")
        if article.heading:
            parts.append(f"<h3>{_html(article.heading)}</h3>")
        parts.extend(f"<p>{_html(segments)}</p>" for segments in article.text if segments)
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _html(segments: list[Segment]) -> str:
    out = []
    for segment in segments:
        text = html.escape(segment.text)
        if segment.kind is WordChange.added:
            out.append(f"<ins>{text}</ins>")
        elif segment.kind is WordChange.removed:
            out.append(f"<del>{text}</del>")
        else:
            out.append(text)
    return "".join(out)
