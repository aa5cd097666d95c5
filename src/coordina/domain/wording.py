"""What the engine says, kept translatable: each trace outcome and reason as a message template
with named values (issue 11 item 6: "Translations cover labels, the engine's reasons and trace
wording, and refusals").

The rules write ``say("{months} months under the legislation of {country}", months=…, country=…)``:
the English text is ``template.format(**values)``, exactly what an f-string over the same values
gives (both call ``format(value, "")``), so the API and the CLI show the same words as before.
The template is the message id an interface translates (the web extracts the keyword ``say``
from ``rules/``); the values stay what the engine had (dates, fractions, vocabulary members,
durations), so an interface may show them in its language too. A value may itself be a
``Wording`` (a sentence inside a sentence) or a ``Listing`` (several, one after the other).
Pure: no I/O, no translation here.
"""

from collections.abc import Iterable, Mapping
from typing import NamedTuple


class Wording(NamedTuple):
    """A sentence of the engine: its template, the values it names, and the English text
    (a tuple: immutable, and cheap to build on the engine's hot path)."""

    template: str
    values: Mapping[str, object]
    text: str

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)


class Listing(NamedTuple):
    """Values shown one after the other, joined by ``separator`` (``", "``, ``"; "``, ``" and "``)."""

    items: tuple[object, ...]
    separator: str = ", "

    def __str__(self) -> str:
        return self.separator.join(format(item) for item in self.items)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def say(template: str, **values: object) -> Wording:
    """A sentence of the engine: ``template`` with its named ``{values}`` (the marker the web's
    catalogue extraction looks for in ``rules/``)."""
    return _new(Wording, (template, values, template.format(**values) if values else template))


def listing(items: Iterable[object], separator: str = ", ") -> Listing:
    return Listing(tuple(items), separator)


_new = tuple.__new__  # a tuple's own constructor: skips the named tuple's keyword handling
