"""WordprocessingML pieces shared by the DOCX writers and the reader (ECMA-376 Part 1, 5th ed.).

Tracked changes are revision marks (ECMA-376 Part 1, §17.13.5): a run inserted is inside
``w:ins`` (§17.13.5.18), a run deleted inside ``w:del`` (§17.13.5.14) with its text in
``w:delText`` (§17.3.3.7); each mark has a unique ``w:id``, its ``w:author`` and ``w:date``.
A paragraph inserted or deleted as a whole also marks its paragraph mark, ``w:ins``/``w:del`` in
the paragraph's run properties (``w:pPr/w:rPr``, §17.13.5.16 and §17.13.5.15).

A draft's DOCX has one layout, which the reader relies on: the title (style Title), then for each
article a "Heading 2" paragraph with the word and number ("Article 12"), an optional "Heading 3"
paragraph with its heading, and its text in body paragraphs.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from coordina.services.drafting.document import printable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBER_STYLE = "Heading 2"
HEADING_STYLE = "Heading 3"


def word_date(moment: datetime) -> str:
    """A revision's ``w:date``: ISO 8601 in UTC, to the second (ST_DateTime)."""
    when = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def text_run(text: str, *, deleted: bool = False) -> BaseOxmlElement:
    """A run holding ``text``; in ``w:delText`` when it sits inside a deletion."""
    run = OxmlElement("w:r")
    holder = OxmlElement("w:delText" if deleted else "w:t")
    holder.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    holder.text = printable(text)
    run.append(holder)
    return run


@dataclass
class Revisions:
    """Who makes the revision marks, when, and the next free ``w:id``."""

    author: str
    date: datetime
    _ids: "count[int]" = field(default_factory=lambda: count(1))

    def mark(self, tag: str) -> BaseOxmlElement:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self._ids)))
        element.set(qn("w:author"), printable(self.author)[:255] or "unknown")
        element.set(qn("w:date"), word_date(self.date))
        return element

    def inserted(self, text: str) -> BaseOxmlElement:
        wrapper = self.mark("w:ins")
        wrapper.append(text_run(text))
        return wrapper

    def deleted(self, text: str) -> BaseOxmlElement:
        wrapper = self.mark("w:del")
        wrapper.append(text_run(text, deleted=True))
        return wrapper

    def mark_paragraph(self, paragraph: BaseOxmlElement, tag: str) -> None:
        """Mark the paragraph mark of ``paragraph`` as inserted (``w:ins``) or deleted (``w:del``)."""
        properties = paragraph.get_or_add_pPr()  # CT_P
        run_properties = properties.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = OxmlElement("w:rPr")
            properties.append(run_properties)
        run_properties.append(self.mark(tag))
