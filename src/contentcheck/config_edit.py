"""Adding a term to a config's `vocabulary.accept` by editing its text where the list stands, so the
editor's comments, order and layout stay as they were (a YAML dump would drop every comment).

The edit is checked before it is used: the new text must load to the old settings plus the term.
"""

from __future__ import annotations

import json

import yaml

from .errors import ConfigError


def add_accepted_term(text: str | None, term: str, where: str) -> str:
    """The config text with `term` in vocabulary.accept; a new config when `text` is None. A layout
    this cannot edit safely (flow-style mappings, TOML) is a ConfigError naming `where`."""
    quoted = json.dumps(term, ensure_ascii=False)  # a JSON string is a valid YAML flow scalar
    if text is None or not text.strip():
        return f"vocabulary:\n  accept: [{quoted}]\n"
    if where.endswith(".toml"):
        raise ConfigError(f"add '{term}' to [tool.contentcheck.vocabulary] accept by hand", where)
    try:
        root = yaml.compose(text)
        before = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot read the config to add '{term}': {exc}".split("\n")[0], where) from None
    if root is None:
        return text.rstrip("\n") + f"\nvocabulary:\n  accept: [{quoted}]\n"
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ConfigError(f"the config is not a block mapping; add '{term}' to vocabulary.accept by hand", where)
    edited = _edited(text, root, quoted, where)
    _check(before, yaml.safe_load(edited), term, where)
    return edited


def _value_of(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _line_end(text: str, index: int) -> int:
    """The offset just after the line holding `index` (its newline included)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _edited(text: str, root: yaml.MappingNode, quoted: str, where: str) -> str:
    vocabulary = _value_of(root, "vocabulary")
    if vocabulary is None:
        return text.rstrip("\n") + f"\nvocabulary:\n  accept: [{quoted}]\n"
    key, value = vocabulary
    if isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null"):  # "vocabulary:" and nothing
        at = _line_end(text, key.start_mark.index)
        return text[:at] + f"  accept: [{quoted}]\n" + text[at:]
    if not isinstance(value, yaml.MappingNode) or value.flow_style:
        raise _by_hand(quoted, where)
    accept = _value_of(value, "accept")
    if accept is None:  # a new key, indented as the mapping's first key
        indent = " " * value.value[0][0].start_mark.column if value.value else "  "
        at = _line_end(text, key.start_mark.index)
        return text[:at] + f"{indent}accept: [{quoted}]\n" + text[at:]
    accept_key, items = accept
    if isinstance(items, yaml.ScalarNode) and items.value in ("", "~", "null"):  # "accept:" and nothing
        at = accept_key.end_mark.index + 1  # after the colon
        return text[:at] + f" [{quoted}]" + text[items.end_mark.index:]
    if not isinstance(items, yaml.SequenceNode):
        raise _by_hand(quoted, where)
    if items.flow_style:  # [a, b] -> [a, b, "term"]
        closing = items.end_mark.index - 1
        separator = ", " if items.value else ""
        return text[:closing].rstrip() + separator + quoted + text[closing:]
    last = items.value[-1]  # a block list: one more "- term" line, lined up with the others
    indent = " " * items.start_mark.column
    at = _line_end(text, max(last.end_mark.index - 1, last.start_mark.index))
    return text[:at] + f"{indent}- {quoted}\n" + text[at:]


def _by_hand(quoted: str, where: str) -> ConfigError:
    return ConfigError(f"vocabulary is not written as a block mapping; add {quoted} to vocabulary.accept by hand",
                       where)


def _check(before: object, after: object, term: str, where: str) -> None:
    """The edit changed nothing but the accept list, and the term is in it."""
    def accepted(data: object) -> list:
        vocabulary = data.get("vocabulary") if isinstance(data, dict) else None
        return list((vocabulary or {}).get("accept") or []) if isinstance(vocabulary, dict) else []

    def rest(data: object) -> object:
        if not isinstance(data, dict):
            return data
        vocabulary = data.get("vocabulary")
        others = {k: v for k, v in vocabulary.items() if k != "accept"} if isinstance(vocabulary, dict) else {}
        return {**{k: v for k, v in data.items() if k != "vocabulary"}, "vocabulary": others}

    if accepted(after) != accepted(before) + [term] or rest(after) != rest(before):
        raise ConfigError(f"could not add '{term}' to vocabulary.accept safely; add it by hand", where)
