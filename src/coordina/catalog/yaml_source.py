"""Read YAML while remembering the line of every value, so errors can name it.

Every data and case file is read here, and read defensively: a file over ``MAX_BYTES``,
a control character, more than ``MAX_VALUES`` values, nesting deeper than ``MAX_DEPTH``,
more than ``MAX_ALIASES`` aliases or aliases standing for more than ``MAX_ALIAS_VALUES``
values are refused with a ``file:line`` problem before anything is built. Plain scalars follow the YAML 1.2 core
schema: only ``true``/``false`` are booleans (``NO``, ``yes``, ``on`` stay strings), ``012``
is the integer 12, and dates stay text for the models to check (``2024-02-30`` is then a
problem of its field, not a crash).
"""

import re
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from coordina.catalog.problems import Problem

Location = tuple[str | int, ...]

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_ALIAS_VALUES = 10_000
MAX_VALUES = 100_000
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep"
STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class LocatedYaml:
    """A parsed YAML document and the 1-based line where each value starts."""

    def __init__(self, data: Any, lines: dict[Location, int]) -> None:
        self.data = data
        self._lines = lines

    @property
    def lines(self) -> dict[Location, int]:
        """The line of each value, by its path."""
        return self._lines

    def line_of(self, loc: Location) -> int:
        """The line of the deepest existing value on the path ``loc``."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self._lines:
                return self._lines[loc[:end]]
        return 1


class _Refused(Exception):
    """The document breaks a limit; ``line`` is where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _CoreResolver(BaseResolver):
    """Plain scalars as the YAML 1.2 core schema reads them (no 1.1 booleans, dates or octals)."""


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$", "-+.0123456789"),
    ("float", r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _CoreResolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


def _core_bool(_: SafeConstructor, node: yaml.ScalarNode) -> bool:
    return str(node.value).lower() == "true"


def _core_int(_: SafeConstructor, node: yaml.ScalarNode) -> int:
    value = str(node.value)
    if value.startswith(("0o", "0x")):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value, 10)


class _CoreConstructor(SafeConstructor):
    """Scalars only, core-schema tags only: any other tag (``!!binary``, ``!!python/…``) is refused."""

    yaml_constructors: ClassVar[dict[str | None, Any]] = {
        "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
        "tag:yaml.org,2002:bool": _core_bool,
        "tag:yaml.org,2002:int": _core_int,
        "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
        STR: SafeConstructor.construct_yaml_str,
        None: SafeConstructor.construct_undefined,
    }


class _PythonLoader(Reader, Scanner, Parser, Composer, _CoreConstructor, _CoreResolver):
    """PyYAML's own parser, for an installation built without libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _CoreConstructor.__init__(self)
        _CoreResolver.__init__(self)


_Loader: type[_PythonLoader] | type["_LibyamlLoader"] = _PythonLoader
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML's wheels ship libyaml
    pass
else:

    class _LibyamlLoader(CParser, _CoreConstructor, _CoreResolver):
        """libyaml's parser (about twenty times faster), with the same schema and limits."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _CoreConstructor.__init__(self)
            _CoreResolver.__init__(self)

    _Loader = _LibyamlLoader


def read_located_yaml(path: Path) -> tuple[LocatedYaml | None, list[Problem]]:
    """Parse ``path``; on a syntax error or a broken limit return the problems instead of a document."""
    try:
        text = _read_text(path)
        node = _compose(text)
        if node is None:
            return None, [Problem(path, 1, "the file is empty")]
        _Expansion().measure(node, 1)
        lines: dict[Location, int] = {}
        problems: list[Problem] = []
        data = _build(_CoreConstructor(), node, (), lines, problems, path)
    except _Refused as refused:
        return None, [Problem(path, refused.line, refused.message)]
    except yaml.YAMLError as error:
        return None, [_yaml_problem(path, error)]
    if problems:
        return None, problems
    return LocatedYaml(data, lines), []


def _read_text(path: Path) -> str:
    """The file's text: at most ``MAX_BYTES`` of UTF-8 without control characters."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _Refused(1, f"cannot read file: {error}") from None
    if len(raw) > MAX_BYTES:
        raise _Refused(1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB, the limit for data files")
    found = CONTROL_CHARACTER.search(text)
    if found:
        raise _Refused(text.count("\n", 0, found.start()) + 1, _control_message(found.group()))
    return text


def _control_message(character: str) -> str:
    return f"control character U+{ord(character):04X} is not allowed (only tab and line breaks are)"


def _compose(text: str) -> yaml.Node | None:
    """The document's node graph, after its shape was checked (composing recurses per level)."""
    _check_shape(text)
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _check_shape(text: str) -> None:
    """One pass over the parser's events, building nothing: refuse too many values, deep nesting
    and too many aliases before anything is composed."""
    loader = _Loader(text)
    depth = aliases = values = 0
    try:
        while (event := loader.get_event()) is not None:
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, ScalarEvent | SequenceStartEvent | MappingStartEvent):
                values += 1
                if values > MAX_VALUES:
                    raise _Refused(line, f"more than {MAX_VALUES} values in one file")
            if isinstance(event, SequenceStartEvent | MappingStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _Refused(line, _TOO_DEEP)
            elif isinstance(event, SequenceEndEvent | MappingEndEvent):
                depth -= 1
            elif isinstance(event, AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise _Refused(line, f"more than {MAX_ALIASES} aliases (*name); write the values out")
    finally:
        loader.dispose()


class _Expansion:
    """One walk over the composed values as aliases would expand them, linear in the file.

    A value met a second time is an alias: what it stands for counts against
    ``MAX_ALIAS_VALUES``, and its nesting where it is used counts against ``MAX_DEPTH``.
    An alias inside the value it names (a cycle) is refused.
    """

    def __init__(self) -> None:
        self.measured: dict[int, tuple[int, int]] = {}
        self.open: set[int] = set()
        self.alias_values = 0

    def measure(self, node: yaml.Node, level: int) -> tuple[int, int]:
        """The number of values in ``node`` and its levels, for ``node`` met at nesting ``level``."""
        if isinstance(node, yaml.ScalarNode):
            return 1, 0
        line, key = node.start_mark.line + 1, id(node)
        if key in self.open:
            raise _Refused(line, "an alias refers to the value that contains it")
        if key in self.measured:
            values, levels = self.measured[key]
            self.alias_values += values
            if self.alias_values > MAX_ALIAS_VALUES:
                raise _Refused(line, f"aliases stand for more than {MAX_ALIAS_VALUES} values; write them out")
        else:
            if level > MAX_DEPTH:
                raise _Refused(line, _TOO_DEEP)
            self.open.add(key)
            inner = [self.measure(child, level + 1) for child in _children(node)]
            self.open.discard(key)
            values = 1 + sum(count for count, _ in inner)
            levels = 1 + max((depth for _, depth in inner), default=0)
            self.measured[key] = values, levels
        if level + levels - 1 > MAX_DEPTH:
            raise _Refused(line, _TOO_DEEP)
        return values, levels


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)


def _yaml_problem(path: Path, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    reason = getattr(error, "problem", None) or str(error)
    if reason == "exceeded maximum nesting depth":  # libyaml's own limit (1000) met before ours
        return Problem(path, line, _TOO_DEEP)
    kind = "YAML error" if isinstance(error, ConstructorError) else "YAML syntax error"
    return Problem(path, line, f"{kind}: {reason}")


def _build(
    loader: _CoreConstructor,
    node: yaml.Node,
    loc: Location,
    lines: dict[Location, int],
    problems: list[Problem],
    path: Path,
) -> Any:
    lines[loc] = node.start_mark.line + 1
    _check_tag(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, "a key must be a plain value, not a list or mapping")
            _check_tag(key_node)
            key = _scalar(loader, key_node, path, problems)
            if key in result:
                problems.append(Problem(path, key_node.start_mark.line + 1, f"duplicate key {key!r}"))
                continue
            child = (*loc, key)
            result[key] = _build(loader, value_node, child, lines, problems, path)
            lines[child] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, index), lines, problems, path) for index, item in enumerate(node.value)]
    return _scalar(loader, node, path, problems)


def _check_tag(node: yaml.Node) -> None:
    """Only the core schema's tags: ``!!binary``, ``!!set``, ``!!python/…`` and the like are refused."""
    allowed = _CoreConstructor.yaml_constructors if isinstance(node, yaml.ScalarNode) else (SEQ, MAP)
    if node.tag not in allowed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise _Refused(node.start_mark.line + 1, f"the tag {tag!r} is not allowed in data files")


def _scalar(loader: _CoreConstructor, node: yaml.Node, path: Path, problems: list[Problem]) -> Any:
    """The value of a scalar node; a problem (and ``None``) for a value that cannot be read."""
    line = node.start_mark.line + 1
    try:
        value = loader.construct_object(node)
    except (ValueError, OverflowError) as error:
        problems.append(Problem(path, line, f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {error}"))
        return None
    if isinstance(value, str) and (found := CONTROL_CHARACTER.search(value)):
        problems.append(Problem(path, line, _control_message(found.group())))
    return value
