"""Where rule types, input formats and report formats register themselves, so that adding one is a
module of its own with no edit to the run, the config or this file.

Modules in `contentcheck.ruletypes`, `families`, `parsers` and `reports` register when imported;
`plugins.load_plugins` imports them all, and the modules that installed packages declare under the
entry-point group `contentcheck.plugins`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, TypeVar

from .document import Document
from .errors import ConfigError
from .rule import Rule

RuleType = TypeVar("RuleType", bound=type[Rule])
Parse = Callable[[str, str], Document]
FormatReport = Callable[..., "str | Iterable[str]"]

RULE_TYPES: dict[str, type[Rule]] = {}
INPUT_FORMATS: dict[str, InputFormat] = {}
REPORT_FORMATS: dict[str, FormatReport] = {}
FALLBACK_FORMAT = "text"  # files with a suffix no format claims are read as plain text


@dataclass(frozen=True)
class InputFormat:
    """A markup front end: the suffixes it claims and the function that parses text into a Document."""

    name: str
    suffixes: tuple[str, ...]
    parse: Parse
    packages: tuple[str, ...] = ()  # distributions whose behaviour decides the parse (their versions key the cache)


def rule_type(cls: RuleType) -> RuleType:
    """Class decorator: make `extends: <cls.kind>` build this class."""
    _add(RULE_TYPES, cls.kind, cls, "rule type")
    return cls


def input_format(name: str, suffixes: Iterable[str], packages: Iterable[str] = ()) -> Callable[[Parse], Parse]:
    """Function decorator: parse files with these suffixes (lower case, with the dot) as `name`."""

    def register(parse: Parse) -> Parse:
        _add(INPUT_FORMATS, name, InputFormat(name, tuple(suffixes), parse, tuple(packages)), "input format")
        return parse

    return register


def report_format(name: str) -> Callable[[FormatReport], FormatReport]:
    """Function decorator: `--format name` writes the report with this function, which takes the
    Report and keyword options and returns the text whole or as an iterable of pieces."""

    def register(format_report: FormatReport) -> FormatReport:
        _add(REPORT_FORMATS, name, format_report, "report format")
        return format_report

    return register


def _add(table: dict[str, Any], name: str, item: Any, what: str) -> None:
    if name in table and table[name] is not item:
        raise ConfigError(f"{what} '{name}' is registered twice ({_origin(table[name])} and {_origin(item)})")
    table[name] = item


def _origin(item: Any) -> str:
    item = getattr(item, "parse", item)
    return f"{getattr(item, '__module__', '?')}.{getattr(item, '__qualname__', '?')}"


def format_for(path: str) -> str:
    """The input format that claims the file's suffix; text for any other."""
    suffix = PurePath(path).suffix.lower()
    for name, input_format in INPUT_FORMATS.items():
        if suffix in input_format.suffixes:
            return name
    return FALLBACK_FORMAT


_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_MARKDOWN_SIGNS = re.compile(r"\A\ufeff?---\s*\n|^#{1,6} \S|^\s*[-*] \S.*\n\s*[-*] \S|\]\(\S+\)", re.MULTILINE)


def format_of_text(text: str) -> str | None:
    """The format a nameless text (standard input) is written in, from its first characters: an HTML
    page, Markdown (front matter, '#' headings, lists, links), or None for plain text."""
    head = text[:4000].lstrip("\ufeff \t\r\n")
    while head.startswith("<!--") and (end := head.find("-->")) >= 0:  # comments before the page
        head = head[end + 3:].lstrip()
    if _HTML_START.match(head):
        return "html"
    return "markdown" if _MARKDOWN_SIGNS.search(head) else None


def parse(text: str, path: str, fmt: str | None = None) -> Document:
    """Parse text as the format named, or as its suffix says."""
    return INPUT_FORMATS[fmt or format_for(path)].parse(text, path)


def suffixes() -> list[str]:
    """Every suffix some input format claims, sorted."""
    return sorted({suffix for input_format in INPUT_FORMATS.values() for suffix in input_format.suffixes})


def suffix_pattern() -> str:
    """A regex matching the files some input format claims, in any case (the pre-commit hook's `files:`)."""
    return "(?i)\\.(" + "|".join(re.escape(suffix[1:]) for suffix in suffixes()) + ")$"


def default_include() -> list[str]:
    """The globs a folder is walked with when the config sets no `include`."""
    return [f"*{suffix}" for suffix in suffixes()]


def render(report: Any, fmt: str, **options: Any) -> str:
    """One report format's whole text."""
    text = REPORT_FORMATS[fmt](report, **options)
    return text if isinstance(text, str) else "".join(text)
