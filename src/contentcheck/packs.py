"""Rule packs: folders of YAML rule files. Built-in packs ship inside the wheel as contentcheck/rules."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .ruletypes import Rule, build_rule
from .yamlload import load_yaml


def builtin_rules_dir() -> Path:
    """contentcheck/rules in an installed wheel; the repository's rules/ in an editable install."""
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_pack_names() -> list[str]:
    root = builtin_rules_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))) if root.is_dir() else []


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


def load_builtin(names: list[str] | None = None) -> list[Rule]:
    available = builtin_pack_names()
    rules: list[Rule] = []
    for name in names if names is not None else available:
        if name not in available:
            from difflib import get_close_matches

            hint = get_close_matches(name, available, n=1)
            raise ConfigError(f"unknown rule pack '{name}'" + (f"; did you mean '{hint[0]}'?" if hint else f" (available: {', '.join(available)})"))
        rules.extend(load_pack(str(builtin_rules_dir() / name), name))
    return rules
