"""Where rules come from: the built-in packs (folders of YAML shipped inside the wheel as
contentcheck/rules), extra pack folders, the config's rejected vocabulary, and the engine's own
meta rules (documented like any other, so `--explain` and SARIF can describe them)."""

from __future__ import annotations

from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .finding import INTERNAL_ERROR_RULE, UNKNOWN_ID_RULE
from .registry import RULE_TYPES
from .rule import Rule, field_line
from .yamlload import LineDict, load_yaml


def builtin_rules_dir() -> Path:
    """contentcheck/rules in an installed wheel; the repository's rules/ in an editable install."""
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_pack_names() -> list[str]:
    root = builtin_rules_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def build_rule(data, path: str, pack: str, default_id: str) -> Rule:
    """Build a rule from one parsed YAML mapping; every problem names the file and line."""
    if not isinstance(data, dict):
        raise ConfigError("a rule file must be a mapping of fields", path, getattr(data, "line", 1))
    kind = data.get("extends")
    if kind not in RULE_TYPES:
        hint = get_close_matches(str(kind), RULE_TYPES, n=1)
        extra = f" (did you mean '{hint[0]}'?)" if hint else f" (one of: {', '.join(sorted(RULE_TYPES))})"
        raise ConfigError(f"unknown rule type 'extends: {kind}'{extra}", path, field_line(data, "extends"))
    return RULE_TYPES[kind].from_yaml(data, path, pack, default_id)


@lru_cache(maxsize=64)
def load_pack(folder: str, name: str | None = None) -> tuple[Rule, ...]:
    """Every rule in a pack folder, in file-name order. Raises ConfigError naming file and line."""
    path = Path(folder)
    if not path.is_dir():
        raise ConfigError("rule pack folder does not exist", str(path))
    pack = name or path.name
    rules = []
    for file in sorted(path.glob("*.y*ml")):
        if file.name in ("pack.yaml", "pack.yml") or file.name.startswith("_"):
            continue  # pack metadata and data files (a vocabulary), not rules
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read rule file: {exc}", str(file)) from None
        data = load_yaml(text, str(file))
        rules.append(build_rule(data, str(file), pack, f"{pack}.{file.stem}"))
    return tuple(rules)


def check_pack_name(name: str, path: str | None = None, line: int | None = None) -> None:
    """A built-in pack's name, or a ConfigError naming where it was written and the closest pack."""
    available = builtin_pack_names()
    if name not in available:
        hint = get_close_matches(name, available, n=1)
        hint_text = f"; did you mean '{hint[0]}'?" if hint else f" (available: {', '.join(available)})"
        raise ConfigError(f"unknown rule pack '{name}'{hint_text}", path, line)


def load_builtin(names: list[str] | None = None) -> list[Rule]:
    available = builtin_pack_names()
    rules: list[Rule] = []
    for name in names if names is not None else available:
        check_pack_name(name)
        rules.extend(load_pack(str(builtin_rules_dir() / name), name))
    return rules


def vocabulary_rules(reject: list[str], config_path: str | None) -> list[Rule]:
    """The config's rejected terms as one existence rule (accepted terms are filtered by the engine)."""
    if not reject:
        return []
    data = LineDict(
        extends="existence", category="style", severity="warning", tokens=list(reject),
        message="'{match}' is on this project's list of rejected terms.",
        description="A term listed under `vocabulary.reject` in the configuration.",
        why="House style: terms the publisher has decided never to use.",
        example="vocabulary: {reject: [breakthrough]}", better="Rephrase without the rejected term.",
    )
    data.key_lines = {}
    return [build_rule(data, config_path or "<config>", "vocabulary", "vocabulary.rejected")]


class MetaRule(Rule):
    """A finding the engine makes itself, not by matching text; `check` finds nothing."""

    PLACEHOLDERS = frozenset({"match"})

    def check(self, document):
        return ()


def meta_rules() -> list[Rule]:
    return [
        MetaRule(
            id=UNKNOWN_ID_RULE, category="style", severity="warning", pack="meta",
            message="suppression comment names unknown rule '{match}'",
            description="A `contentcheck: disable=...` comment names a rule id that does not exist.",
            why="A misspelt id silences nothing, so the finding it was meant to silence still shows, "
                "or a later rename quietly re-enables a rule. Naming real ids keeps suppressions honest.",
            example="<!-- contentcheck: disable=promotional.superlative -->",
            better="<!-- contentcheck: disable=promotional.superlatives -->",
        ),
        MetaRule(
            id=INTERNAL_ERROR_RULE, category="style", severity="error", pack="meta",
            message="rule {match} crashed on this file",
            description="A rule raised an unexpected error on this file. The other rules still ran.",
            why="A crash is a bug in contentcheck or in a custom rule, never in your article. The run exits "
                "with code 2 so CI does not pass silently over a file that was not fully checked.",
            example="(any file that makes a rule crash)",
            better="Report the file and the hint in the message to the rule's author.",
        ),
    ]
