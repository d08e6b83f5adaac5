"""Safe YAML loading that keeps line numbers and refuses alias bombs.

Only plain data is constructed (SafeLoader). Aliases are refused outright: configs and rule
packs do not need them, and refusing them makes a billion-laughs document a one-line error.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import ConfigError


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based), for error messages."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: ~10x faster


class _Loader(_BASE):  # type: ignore[misc, valid-type]

    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            key_node.value: key_node.start_mark.line + 1
            for key_node, _ in node.value
            if isinstance(key_node, yaml.ScalarNode)
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        items = LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


    def construct_yaml_timestamp(self, node):
        """A date that cannot be ("2024-13-45") is a YAML error at its line, not a ValueError."""
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(None, None, f"impossible date {node.value!r}: {exc}",
                                                    node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def read_yaml_file(path, what: str) -> Any:
    """Read and parse a YAML data file (a vocabulary, a word list, a claims library); a file that
    cannot be read is a ConfigError naming `what` it was meant to be."""
    from pathlib import Path

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise ConfigError(f"cannot read {what}: {reason}", str(path)) from None
    return load_yaml(text, str(path))


def load_yaml(text: str, path: str, line_offset: int = 0, error=ConfigError) -> Any:
    """Parse YAML text; any problem becomes `error` naming path and line."""
    try:
        if "*" in text:  # an alias needs one; refuse aliases before anything is built
            for event in yaml.parse(text, Loader=_BASE):
                if isinstance(event, yaml.AliasEvent):
                    line = event.start_mark.line + 1 + line_offset if event.start_mark else None
                    raise error("invalid YAML: YAML aliases (*name) are not supported here", path, line)
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and any(word in (exc.context or "") for word in ("flow", "quoted")):
            mark = exc.context_mark  # an unclosed bracket or quote: point at where it opened
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise error(f"invalid YAML: {exc}", path, None) from None
    except RecursionError:
        raise error("invalid YAML: nested too deeply", path, None) from None
