"""A DOCX the other delegation edited and sent back, read as a counterproposal (ILO brief, steps 2-3:
the parties exchange drafts and counterproposals), every change attributed to that delegation.

The document has the layout of ``ooxml`` (an article starts at a "Heading 2" paragraph such as
"Article 12", found by the style's name, not its localised id). Its text is read twice:

- **accepted**: insertions kept, deletions dropped (``w:ins``, ``w:moveTo`` kept; ``w:del``,
  ``w:moveFrom`` dropped; ECMA-376 Part 1, §17.13.5): the counterproposal;
- **rejected**: the other way round: the text the delegation started from.

Changes come from the revision marks (accepted against rejected, word by word, each word with the
``w:author`` and ``w:date`` of its mark) and, for edits made without tracking, from the base
version against the rejected text (author not recorded). Both are attributed to ``delegation``.
"""

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from coordina.errors import Refused
from coordina.services.comparison import WORD, Piece, WordChange, compare_words
from coordina.services.drafting.document import MAX_ARTICLES, MAX_TEXT, DraftArticle
from coordina.services.drafting.docx_package import Package
from coordina.services.drafting.ooxml import HEADING_STYLE, NUMBER_STYLE, W

NUMBER_LINE = re.compile(r"^\s*\S+\s+(\S{1,20})\s*$")  # "Article 12", "Artículo 12"
KEPT = {"ins": True, "moveTo": True, "del": False, "moveFrom": False}
CONTAINERS = {"hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "bdo", "dir"}
MAX_CHARACTERS = 2_000_000


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Mark:
    """Who made a revision, when (as the document records them; either may be missing)."""

    author: str | None
    date: str | None


@dataclass
class _View:
    """A text with, for each stretch of it, the revision mark it came from (None: not marked)."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    marks: list[Mark | None] = field(default_factory=list)

    def add(self, text: str, mark: Mark | None) -> None:
        self.starts.append(len(self.text))
        self.marks.append(mark)
        self.text += text

    def mark_at(self, offset: int) -> Mark | None:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.marks[index] if index >= 0 else None

    def word_marks(self) -> list[Mark | None]:
        return [self.mark_at(m.start()) for m in WORD.finditer(self.text)]


@dataclass
class _Paragraph:
    style: str
    accepted: _View
    rejected: _View


@dataclass(frozen=True)
class AttributedChange:
    """Words changed in an article's ``part`` (number, heading or text), by ``delegation``;
    ``tracked`` when they came from revision marks (with the marks' authors and latest date)."""

    article: str
    part: str
    change: WordChange
    before: str
    after: str
    delegation: str
    tracked: bool
    authors: tuple[str, ...] = ()
    date: str | None = None


@dataclass(frozen=True)
class Counterproposal:
    """The articles of the returned document and every change in it."""

    delegation: str
    articles: list[dict[str, Any]]
    changes: list[AttributedChange]
    tracked: bool  # whether the document holds revision marks

    @property
    def words_added(self) -> list[str]:
        return [word for c in self.changes for word in WORD.findall(c.after)]

    @property
    def words_removed(self) -> list[str]:
        return [word for c in self.changes for word in WORD.findall(c.before)]


def _walk(element: Any, mark: Mark | None, kept: bool, paragraph: _Paragraph) -> None:
    """Add the text under ``element`` to the paragraph's views (``kept``: not inside a deletion)."""
    for child in element:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{W}}}"):
            continue  # comments, processing instructions, other vocabularies (mc:AlternateContent)
        name = child.tag[len(W) + 2 :]
        if name in KEPT:
            here = Mark(child.get(w("author")), child.get(w("date")))
            _walk(child, here, KEPT[name], paragraph)
        elif name in CONTAINERS:
            _walk(child, mark, kept, paragraph)
        elif name == "r":
            for piece in child:
                tag = piece.tag if isinstance(piece.tag, str) else ""
                text = {w("t"): piece.text or "", w("delText"): piece.text or "", w("tab"): " ", w("br"): " ",
                        w("cr"): " ", w("noBreakHyphen"): "-"}.get(tag)  # fmt: skip
                if text is None:
                    continue
                if kept:
                    paragraph.accepted.add(text, mark)
                if not kept:
                    paragraph.rejected.add(text, mark)  # deleted: in the text the delegation started from
                elif mark is None:
                    paragraph.rejected.add(text, None)  # not marked: in both


def _style_names(package: Package) -> dict[str, str]:
    styles = package.styles()
    names: dict[str, str] = {}
    if styles is not None:
        for style in styles.iter(w("style")):
            name = style.find(w("name"))
            if style.get(w("styleId")) and name is not None:
                names[style.get(w("styleId"))] = (name.get(w("val")) or "").lower()
    return names


def _paragraphs(package: Package) -> Iterator[_Paragraph]:
    document = package.main_document()
    body = document.find(w("body"))
    if body is None:
        raise Refused("docx_upload", "the document has no body")
    names = _style_names(package)
    total = 0
    for element in body.iter(w("p")):
        if next(element.iterancestors(w("tbl")), None) is not None:
            continue  # paragraphs in tables (the signatures) are not articles
        properties = element.find(w("pPr"))
        style_id = properties.find(w("pStyle")).get(w("val"), "") if properties is not None and \
            properties.find(w("pStyle")) is not None else ""  # fmt: skip
        paragraph = _Paragraph(names.get(style_id, style_id.lower()), _View(), _View())
        _walk(element, None, True, paragraph)
        total += len(paragraph.accepted.text) + len(paragraph.rejected.text)
        if total > MAX_CHARACTERS:
            raise Refused("docx_upload", f"the document holds more than {MAX_CHARACTERS} characters of text")
        yield paragraph


@dataclass
class _Block:
    """One article as the document has it: number line, heading and text paragraphs."""

    number: _Paragraph
    heading: _Paragraph | None = None
    text: list[_Paragraph] = field(default_factory=list)


def _blocks(package: Package) -> list[_Block]:
    number_style, heading_style = NUMBER_STYLE.lower(), HEADING_STYLE.lower()
    blocks: list[_Block] = []
    for paragraph in _paragraphs(package):
        if paragraph.style == number_style and (NUMBER_LINE.match(paragraph.accepted.text) or
                                                NUMBER_LINE.match(paragraph.rejected.text)):  # fmt: skip
            blocks.append(_Block(paragraph))
            if len(blocks) > MAX_ARTICLES:
                raise Refused("docx_upload", f"the document has more than {MAX_ARTICLES} articles")
        elif blocks and paragraph.style == "heading 1":
            break  # the signatures after the articles
        elif blocks and paragraph.style == heading_style and blocks[-1].heading is None and not blocks[-1].text:
            blocks[-1].heading = paragraph
        elif blocks:
            blocks[-1].text.append(paragraph)
    if not blocks:
        raise Refused("docx_upload", f"no article found: each article starts with a '{NUMBER_STYLE}' paragraph "
                      "such as 'Article 1'")  # fmt: skip
    return blocks


def _joined(paragraphs: Sequence[_Paragraph], accepted: bool) -> _View:
    view = _View()
    for paragraph in paragraphs:
        part = paragraph.accepted if accepted else paragraph.rejected
        if not part.text.strip():
            continue
        if view.text:
            view.add("\n", None)
        for start, mark, end in zip(part.starts, part.marks, [*part.starts[1:], len(part.text)], strict=True):
            view.add(part.text[start:end], mark)
    return view


def _number(view: _View) -> str | None:
    match = NUMBER_LINE.match(view.text)
    return match.group(1) if match else None


def _tracked(article: str, part: str, old: _View, new: _View, delegation: str) -> list[AttributedChange]:
    """The revision marks' changes: the rejected text against the accepted, each word's mark."""
    changes, at_old, at_new = [], 0, 0
    old_marks, new_marks = old.word_marks(), new.word_marks()
    for piece in compare_words(old.text, new.text):
        gone, came = len(WORD.findall(piece.before)), len(WORD.findall(piece.after))
        if piece.change is not WordChange.same:
            marks = [m for m in (*old_marks[at_old : at_old + gone], *new_marks[at_new : at_new + came]) if m]
            authors = tuple(dict.fromkeys(m.author for m in marks if m.author))
            dates = [m.date for m in marks if m.date]
            latest = max(dates) if dates else None
            changes.append(AttributedChange(article, part, piece.change, piece.before, piece.after, delegation,
                                            tracked=True, authors=authors, date=latest))  # fmt: skip
        at_old, at_new = at_old + gone, at_new + came
    return changes


def _untracked(article: str, part: str, pieces: Sequence[Piece], delegation: str) -> list[AttributedChange]:
    return [AttributedChange(article, part, p.change, p.before, p.after, delegation, tracked=False)
            for p in pieces if p.change is not WordChange.same]  # fmt: skip


def read_counterproposal(data: bytes, base: Sequence[DraftArticle], *, delegation: str) -> Counterproposal:
    """The counterproposal in ``data`` (a DOCX), its changes against ``base`` (the version sent)
    attributed to ``delegation``; ``Refused("docx_upload", ...)`` for a file that is not one."""
    blocks = _blocks(Package(data))
    by_number = {a.number: a for a in base}
    articles: list[dict[str, Any]] = []
    changes: list[AttributedChange] = []
    tracked = False
    seen: set[str] = set()
    for block in blocks:
        views = {
            "number": (_joined([block.number], False), _joined([block.number], True)),
            "heading": (_joined([block.heading] if block.heading else [], False),
                        _joined([block.heading] if block.heading else [], True)),
            "text": (_joined(block.text, False), _joined(block.text, True)),
        }  # fmt: skip
        was, now = _number(views["number"][0]), _number(views["number"][1])
        origin = by_number.get(was) if was else None
        if was:
            seen.add(was)
        label = now or was or "?"
        for part, (old, new) in views.items():
            if any(old.marks) or any(new.marks):
                tracked = True
            changes += _tracked(label, part, old, new, delegation)
            if part != "number" and was:  # edits made without tracking, against the base
                first = "" if origin is None else (origin.heading or "") if part == "heading" else origin.text
                changes += _untracked(label, part, compare_words(first, old.text), delegation)
        if now is None:
            continue  # the article is deleted
        text = views["text"][1].text
        if len(text) > MAX_TEXT:
            raise Refused("docx_upload", f"article {now} is longer than {MAX_TEXT} characters")
        article: dict[str, Any] = {"number": now, "heading": views["heading"][1].text or None, "text": text}
        if origin is not None:
            unchanged = (origin.number, origin.heading or None, origin.text) == (now, article["heading"], text)
            for key in ("wid", "guid"):
                if getattr(origin, key):
                    article[key] = getattr(origin, key)
            if origin.eid and origin.number == now:
                article["eid"] = origin.eid
            if unchanged and origin.texts:
                article["texts"], article["headings"] = dict(origin.texts), dict(origin.headings)
        articles.append(article)
    for number, origin in by_number.items():  # an article deleted without tracking
        if number not in seen:
            changes += _untracked(number, "text", compare_words(origin.text, ""), delegation)
    numbers = [a["number"] for a in articles]
    if not articles or len(set(numbers)) != len(numbers):
        raise Refused("docx_upload", "the document's articles must have distinct numbers")
    return Counterproposal(delegation, articles, changes, tracked)
