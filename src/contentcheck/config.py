"""Configuration: discovery, validation and the rule set that applies to each file.

Sources, first found wins: `--config FILE`, else `.contentcheck.yaml` / `.contentcheck.yml` or
`[tool.contentcheck]` in `pyproject.toml`, searched upward from each checked file, no higher
than the root of its git repository (outside git: the current folder).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from .document import AUDIENCES, GENRES, normalise_genre
from .errors import ConfigError
from .finding import SEVERITIES
from .packs import check_pack_name, load_builtin, load_pack, meta_rules, vocabulary_rules
from .registry import default_include
from .rule import Rule
from .yamlload import LineDict, load_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = (".contentcheck.yaml", ".contentcheck.yml")
LANGUAGETOOL_ENV = "CONTENTCHECK_LANGUAGETOOL_URL"
FAIL_ON = ("error", "warning", "info", "none")

# key: (accepted types, description). Unknown keys get the nearest valid one suggested.
TOP_LEVEL = {
    "extends": (str, "a config file this one builds on, relative to this file: it says only what it changes"),
    "packs": (list, "built-in packs to enable (default: all)"),
    "extra_packs": (list, "folders of your own YAML rules, relative to this file"),
    "select": (list, "rule ids, packs or categories to enable (default: all enabled packs)"),
    "ignore": (list, "rule ids, packs or categories to disable"),
    "severity": (dict, "per-rule severity: {rule-id: error|warning|info}"),
    "fail_on": (str, "lowest severity that fails the run: error, warning, info, none"),
    "include": (list, "file globs to check inside folders"),
    "exclude": (list, "file or folder globs to skip"),
    "overrides": (list, "per-glob settings: [{files: [...], select, ignore, severity}]"),
    "vocabulary": (dict, "{accept: [...], reject: [...]} terms"),
    "max_file_size": (int, "largest file checked, in bytes"),
    "options": (dict, "per-rule settings: {rule-id: {field: value}}, e.g. thresholds and allow lists"),
    "claims_library": (str, "YAML file of approved claims and their references, relative to this file"),
    "audience": (str, "who the articles are for: patients (default), general, professionals"),
    "genre": (str, "what the articles are: patient-info, news, press-release, marketing, review, professional"),
    "public_body": (bool, "the articles are a public health body's (a government agency, a national health "
                          "service): true or false; unset, each page's address and publisher decide"),
    "languagetool_url": (str, "URL of a LanguageTool server for grammar checks"),
}
OVERRIDE_KEYS = {"files": list, "select": list, "ignore": list, "severity": dict, "health": bool, "audience": str,
                 "genre": str, "public_body": bool}
VOCABULARY_KEYS = {"accept": list, "reject": list}


@dataclass
class Override:
    files: list[str]
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    health: bool | None = None  # force "is health content" for these files
    audience: str | None = None  # patients, general, professionals, ...
    genre: str | None = None  # patient-info, news, press-release, marketing, review, professional
    public_body: bool | None = None  # a public health body publishes these files
    root: Path | None = None  # the folder its globs are relative to, when an extended config declared it


@dataclass
class Config:
    path: str | None = None
    root: Path = field(default_factory=Path.cwd)
    packs: list[str] | None = None
    extra_packs: list[Path] = field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    include: list[str] = field(default_factory=default_include)
    exclude: list[str] = field(default_factory=list)
    overrides: list[Override] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)
    max_file_size: int = 10 * 1024 * 1024
    options: dict[str, dict] = field(default_factory=dict)
    claims_library: str | None = None
    audience: str | None = None
    genre: str | None = None
    public_body: bool | None = None
    languagetool_url: str | None = None
    # Servers the person running the check named (command line, environment): article text goes to
    # no other. None: a Python API caller, who built this config themselves. Never read from a file.
    allowed_servers: tuple[str, ...] | None = None
    extended: tuple[Path, ...] = ()  # the config files this one builds on (`extends:`), nearest last
    _all_rules: list[Rule] | None = field(default=None, repr=False)
    _rule_cache: dict = field(default_factory=dict, repr=False)

    # --- rules -------------------------------------------------------------------------------------
    def all_rules(self) -> list[Rule]:
        """Every rule this config can use: enabled built-in packs, extra packs, the vocabulary rule."""
        if self._all_rules is None:
            rules = load_builtin(self.packs)
            for folder in self.extra_packs:
                rules.extend(load_pack(str(folder)))
            rules.extend(meta_rules() + vocabulary_rules(self.reject, self.path))
            rules = [self._with_options(rule) for rule in rules]
            unknown = set(self.options) - {rule.id for rule in rules}
            if unknown:
                raise ConfigError(f"options given for unknown rule '{sorted(unknown)[0]}'", self.path)
            seen: dict[str, Rule] = {}
            for rule in rules:
                if rule.id in seen:
                    raise ConfigError(f"rule id '{rule.id}' is defined twice (also in {seen[rule.id].source})",
                                      rule.source)
                seen[rule.id] = rule
            self._all_rules = rules
        return self._all_rules

    def __getstate__(self):
        """Pickled for worker processes without compiled rules; each worker rebuilds them."""
        state = dict(self.__dict__)
        state["_all_rules"] = None
        state["_rule_cache"] = {}
        return state

    def _with_options(self, rule: Rule) -> Rule:
        """The rule rebuilt with this config's `options` for it merged over its YAML fields.

        Path fields keep their meaning: relative to the rule file when the rule sets them, relative
        to this config when the config does.
        """
        options = dict(self.options.get(rule.id, {}))
        for name, setting in type(rule).SETTINGS.items():  # e.g. claims_library fills a claim rule's `library`
            if getattr(self, setting, None):
                options.setdefault(name, getattr(self, setting))
        if not options:
            return rule
        if rule.data is None:
            raise ConfigError(f"rule '{rule.id}' has no options to set", self.path)
        merged = LineDict({**rule.data, **options})
        for name, default in type(rule).PATH_FIELDS.items():
            if name in options:
                base = getattr(self.options.get(rule.id), "root", None) or self.root  # where the option was written
                merged[name] = str(inside_repository(base, str(options[name]), f"{rule.id} {name}",
                                                     self.path, getattr(self.options.get(rule.id),
                                                                                      "line", None)))
            elif rule.data.get(name, default) is not None and rule.source:
                merged[name] = str((Path(rule.source).parent / str(rule.data.get(name, default))).resolve())
        merged.line = getattr(self.options.get(rule.id), "line", 0)
        merged.key_lines = getattr(self.options.get(rule.id), "key_lines", {})
        return type(rule).from_yaml(merged, self.path or "<config>", rule.pack, rule.id)

    def rules_for(self, path: str) -> list[Rule]:
        """The rules that apply to one file, after select/ignore/severity and matching overrides."""
        overrides = tuple(i for i, o in enumerate(self.overrides) if self._matches(path, o.files, o.root))
        if overrides not in self._rule_cache:
            rules = self.all_rules()
            select, ignore, severity = self.select, list(self.ignore), dict(self.severity)
            for index in overrides:
                override = self.overrides[index]
                select = override.select if override.select is not None else select
                ignore += override.ignore
                severity.update(override.severity)
            chosen = [r for r in rules if (select is None or _selected(r, select)) and not _selected(r, ignore)]
            self._rule_cache[overrides] = [r.with_severity(severity[r.id]) if r.id in severity else r for r in chosen]
        return self._rule_cache[overrides]

    def with_selection(self, select: list[str], ignore: list[str]) -> Config:
        """This config with --select replacing and --ignore extending its selection (validated once)."""
        if not select and not ignore:
            return self
        key = ("selection", tuple(select), tuple(ignore))
        if key not in self._rule_cache:
            derived = replace(self, select=select or self.select, ignore=self.ignore + ignore, _rule_cache={})
            derived.validate_selectors()
            self._rule_cache[key] = derived
        return self._rule_cache[key]

    def with_settings(self, **settings: Any) -> Config:
        """This config with top-level settings given on the command line (None: keep the config's)."""
        given = {name: value for name, value in settings.items() if value is not None}
        for name in ("audience", "genre"):
            if name in given:
                check_reader_setting(name, given[name])
        if not given:
            return self
        key = ("settings", tuple(sorted(given.items())))
        if key not in self._rule_cache:
            self._rule_cache[key] = replace(self, **given, _all_rules=None, _rule_cache={})
        return self._rule_cache[key]

    def fingerprint(self) -> str:
        """A hash of everything in the configuration that decides findings: every rule as built (YAML
        data and options, severities), the contents of every file a rule reads (a vocabulary, the
        claims library), and the config's own settings. Part of the results-cache key."""
        if "fingerprint" not in self._rule_cache:
            rules = [(r.id, r.severity, r.kind, r.source, r.data) for r in self.all_rules()]
            settings = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
            settings["root"] = str(self.root)
            digest = hashlib.sha256(json.dumps([rules, settings], default=repr, sort_keys=True).encode())
            for data_file in sorted({name for rule in self.all_rules() for name in rule.data_files}):
                digest.update(data_file.encode("utf-8", "surrogatepass") + b"\x00")
                try:
                    digest.update(Path(data_file).read_bytes())
                except OSError as exc:  # the rule could not have been built; say so in the key anyway
                    digest.update(str(exc).encode())
                digest.update(b"\x00")
            self._rule_cache["fingerprint"] = digest.hexdigest()
        return self._rule_cache["fingerprint"]

    def rule_ids(self) -> frozenset[str]:
        """Every rule id this config knows (suppression comments may name them)."""
        if "rule_ids" not in self._rule_cache:
            self._rule_cache["rule_ids"] = frozenset(rule.id for rule in self.all_rules())
        return self._rule_cache["rule_ids"]

    def accepted_terms(self) -> frozenset[str]:
        """vocabulary.accept, white space and case folded as the engine compares them."""
        return frozenset(" ".join(term.lower().split()) for term in self.accept)

    def audience_for(self, path: str) -> str | None:
        """The last matching override's `audience:`, else the config's own."""
        value = self._last_override(path, "audience", self.audience)
        return value.lower() if value else None

    def genre_for(self, path: str) -> str | None:
        """The last matching override's `genre:`, else the config's own."""
        value = self._last_override(path, "genre", self.genre)
        return normalise_genre(value) if value else None

    def public_body_for(self, path: str) -> bool | None:
        """The last matching override's `public_body:`, else the config's own."""
        return self._last_override(path, "public_body", self.public_body)

    def health_for(self, path: str) -> bool | None:
        """The last matching override's `health:` setting, if any."""
        return self._last_override(path, "health", None)

    def _last_override(self, path: str, name: str, default):
        """The setting `name` of the last override that sets it and matches `path`, else `default`."""
        value = default
        for override in self.overrides:
            if getattr(override, name) is not None and self._matches(path, override.files, override.root):
                value = getattr(override, name)
        return value

    def validate_selectors(self) -> None:
        """Every id in select/ignore/severity must name a rule, pack or category."""
        rules = self.all_rules()
        names = {r.id for r in rules} | {r.pack for r in rules} | {r.category for r in rules}
        ids = sorted(r.id for r in rules)
        groups = [("select", self.select or []), ("ignore", self.ignore), ("severity", list(self.severity))]
        for override in self.overrides:
            groups += [("select", override.select or []), ("ignore", override.ignore),
                       ("severity", list(override.severity))]
        for key, selectors in groups:
            for selector in selectors:
                if selector in names or any(i.startswith(selector + ".") for i in ids):
                    continue
                hint = get_close_matches(selector, sorted(names), n=1)
                raise ConfigError(f"unknown rule id, pack or category '{selector}' in {key}"
                                  + (f"; did you mean '{hint[0]}'?" if hint else ""), self.path)

    def _matches(self, path: str, globs: list[str], root: Path | None = None) -> bool:
        try:
            relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root or self.root)).as_posix()
        except ValueError:
            relative = Path(path).as_posix()
        return any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(Path(relative).name, g) for g in globs)


def _selected(rule: Rule, selectors: list[str]) -> bool:
    return any(s in (rule.id, rule.pack, rule.category) or rule.id.startswith(s + ".") for s in selectors)


# --- loading ---------------------------------------------------------------------------------------
def _check_type(data: dict, key: str, expected, path: str) -> Any:
    value = data[key]
    if not isinstance(value, expected) or (isinstance(value, bool) and expected is int):
        names = {list: "a list", dict: "a mapping", str: "a string", int: "a whole number", bool: "true or false"}
        raise ConfigError(f"'{key}' must be {names[expected]}, not {type(value).__name__}", path, _line(data, key))
    if expected is list and key != "overrides":
        for index, item in enumerate(value):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                line = value.line_of(index) if hasattr(value, "line_of") else _line(data, key)
                raise ConfigError(f"items of '{key}' must be strings", path, line)
        return [str(item) for item in value]
    return value



def _line(data, key):
    return data.line_of(key) if isinstance(data, LineDict) else None


def _unknown_key(key: str, allowed, path: str, line) -> ConfigError:
    hint = get_close_matches(str(key), list(allowed), n=1)
    return ConfigError(f"unknown key '{key}'" + (f"; did you mean '{hint[0]}'?" if hint else ""), path, line)


def _severities(mapping: dict, path: str) -> dict[str, str]:
    for rule_id, severity in mapping.items():
        if severity not in SEVERITIES:
            raise ConfigError(f"severity for '{rule_id}' must be one of {', '.join(SEVERITIES)}", path,
                              _line(mapping, rule_id))
    return {str(k): v for k, v in mapping.items()}


def inside_repository(root: Path, value: str, what: str, where: str | None, line: int | None) -> Path:
    """root/value, refused when a config file's path leads out of its repository (or, outside git, the
    folder tree the config governs) or into .git: a repository's config must not read other files. A
    config built in Python (`where` None) is the caller's own and may name any file."""
    target = (root / value).resolve()
    if where is None:
        return target
    limit = search_limit(root.resolve())
    if os.path.commonpath([target, limit]) != str(limit) or ".git" in target.relative_to(limit).parts:
        raise ConfigError(f"{what} '{value}' is outside the repository ({limit}); only files inside it are read",
                          where, line)
    return target


MAX_FILE_SIZE_LIMIT = 1 << 30  # 1 GiB: the largest max_file_size a config may set


def config_from_mapping(data: Any, path: str | None, root: Path) -> Config:
    where = path or "<config>"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("configuration must be a mapping of keys to values", where, getattr(data, "line", 1))
    config = Config(path=path, root=root)
    for key in data:
        if key not in TOP_LEVEL:
            raise _unknown_key(key, TOP_LEVEL, where, _line(data, key))
        value = _check_type(data, key, TOP_LEVEL[key][0], where)
        if key == "packs":
            for name in value:
                check_pack_name(str(name), where, _line(data, key))
            config.packs = value
        elif key == "extra_packs":
            config.extra_packs = [inside_repository(root, str(folder), "extra pack folder", path, _line(data, key))
                                  for folder in value]
            for folder in config.extra_packs:
                if not folder.is_dir():
                    raise ConfigError(f"extra pack folder '{folder}' does not exist", where, _line(data, key))
        elif key in ("select", "ignore", "include", "exclude"):
            setattr(config, key, value)
        elif key == "severity":
            config.severity = _severities(value, where)
        elif key == "fail_on":
            if value not in FAIL_ON:
                raise ConfigError(f"fail_on must be one of {', '.join(FAIL_ON)}", where, _line(data, key))
            config.fail_on = value
        elif key == "max_file_size":
            if not 1 <= value <= MAX_FILE_SIZE_LIMIT:
                raise ConfigError(f"max_file_size must be between 1 and {MAX_FILE_SIZE_LIMIT:,} bytes", where,
                                  _line(data, key))
            config.max_file_size = value
        elif key == "public_body":
            config.public_body = value
        elif key in ("audience", "genre", "languagetool_url"):
            if key != "languagetool_url":
                check_reader_setting(key, value, where, _line(data, key))
            setattr(config, key, value)
        elif key == "claims_library":
            inside_repository(root, value, "claims library", path, _line(data, key))
            if not (root / value).is_file():
                raise ConfigError(f"claims library '{value}' does not exist", where, _line(data, key))
            config.claims_library = value
        elif key == "options":
            for rule_id, fields in value.items():
                if not isinstance(fields, dict):
                    raise ConfigError(f"options for '{rule_id}' must be a mapping of fields", where,
                                      _line(value, rule_id))
            config.options = value
        elif key == "vocabulary":
            for sub in value:
                if sub not in VOCABULARY_KEYS:
                    raise _unknown_key(sub, VOCABULARY_KEYS, where, _line(value, sub))
            config.accept = _check_type(value, "accept", list, where) if "accept" in value else []
            config.reject = _check_type(value, "reject", list, where) if "reject" in value else []
        elif key == "overrides":
            config.overrides = [_override(item, where) for item in value] if isinstance(value, list) else []
    return config


def _override(item: Any, path: str) -> Override:
    if not isinstance(item, dict):
        raise ConfigError("each override must be a mapping with 'files'", path, getattr(item, "line", None))
    for key in item:
        if key not in OVERRIDE_KEYS:
            raise _unknown_key(key, OVERRIDE_KEYS, path, _line(item, key))
    if "files" not in item:
        raise ConfigError("an override needs 'files' (a list of globs)", path, getattr(item, "line", None))
    return Override(
        files=_check_type(item, "files", list, path),
        select=_check_type(item, "select", list, path) if "select" in item else None,
        ignore=_check_type(item, "ignore", list, path) if "ignore" in item else [],
        severity=_severities(_check_type(item, "severity", dict, path), path) if "severity" in item else {},
        health=_check_bool(item, "health", path),
        public_body=_check_bool(item, "public_body", path),
        audience=check_reader_setting("audience", _check_type(item, "audience", str, path), path,
                                      _line(item, "audience")) if "audience" in item else None,
        genre=check_reader_setting("genre", _check_type(item, "genre", str, path), path,
                                   _line(item, "genre")) if "genre" in item else None,
    )


def check_reader_setting(name: str, value: Any, where: str | None = None, line: int | None = None) -> str:
    """An audience or genre as given, or a ConfigError listing the known ones (a typo would
    otherwise switch off every rule that names its genres)."""
    known = AUDIENCES if name == "audience" else GENRES
    canonical = str(value).lower() if name == "audience" else normalise_genre(str(value))
    if canonical not in known:
        hint = get_close_matches(canonical, known, n=1)
        guess = f"; did you mean '{hint[0]}'?" if hint else ""
        raise ConfigError(f"{name} '{value}' is not one of {', '.join(known)}{guess}", where, line)
    return str(value)


def _check_bool(data: dict, key: str, path: str) -> bool | None:
    if key not in data:
        return None
    if not isinstance(data[key], bool):
        raise ConfigError(f"'{key}' must be true or false", path, _line(data, key))
    return data[key]


MAX_EXTENDS = 8  # configs in one `extends:` chain


def load_config_file(path: Path) -> Config:
    config = _load_config_chain(path, ())
    config.validate_selectors()
    return config


def _read_config_data(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", str(path)) from None
    return _pyproject_section(text, str(path)) if path.name == "pyproject.toml" else load_yaml(text, str(path))


def _load_config_chain(path: Path, seen: tuple[Path, ...]) -> Config:
    """The config at `path`, built over the one it `extends:` (and so on up the chain)."""
    data = _read_config_data(path)
    config = config_from_mapping(data, str(path), path.parent)
    if not isinstance(data, dict) or "extends" not in data:
        return config
    where, line = str(path), _line(data, "extends")
    parent_path = inside_repository(path.parent, str(data["extends"]), "extended config", where, line)
    if parent_path in seen or parent_path == path.resolve():
        raise ConfigError(f"extends '{data['extends']}' leads back to a config already in the chain", where, line)
    if len(seen) >= MAX_EXTENDS:
        raise ConfigError(f"extends chains more than {MAX_EXTENDS} configs", where, line)
    if not parent_path.is_file():
        raise ConfigError(f"extended config '{data['extends']}' does not exist", where, line)
    parent = _load_config_chain(parent_path, (*seen, path.resolve()))
    return merged_over(parent, config, set(data))


def merged_over(parent: Config, child: Config, keys: set[str]) -> Config:
    """`child` (which set `keys`) over `parent`: a key the child sets replaces the parent's, except
    per-rule maps (severity, options), which merge rule by rule, the vocabulary, whose lists add up,
    and overrides, which apply after the parent's. Each keeps the folder its paths and globs are
    relative to."""
    merged = replace(child, extended=(*parent.extended, Path(parent.path)) if parent.path else parent.extended,
                     _all_rules=None, _rule_cache={})
    for name in (k for k in TOP_LEVEL if k not in keys and k not in ("extends", "vocabulary")):
        setattr(merged, name, getattr(parent, name))
    if "claims_library" not in keys and parent.claims_library:
        merged.claims_library = str((parent.root / parent.claims_library).resolve())
    merged.severity = {**parent.severity, **child.severity}
    merged.options = {rule: _rooted(fields, parent.root) for rule, fields in parent.options.items()}
    for rule, fields in child.options.items():
        merged.options[rule] = _rooted({**merged.options.get(rule, {}), **fields}, child.root)
    merged.accept = list(dict.fromkeys(parent.accept + child.accept))
    merged.reject = list(dict.fromkeys(parent.reject + child.reject))
    merged.overrides = [replace(o, root=o.root or parent.root) for o in parent.overrides] + (
        child.overrides if "overrides" in keys else [])
    return merged


def _rooted(fields: dict, root: Path) -> LineDict:
    """A rule's options remembering the folder their paths are relative to."""
    rooted = LineDict(fields)
    rooted.line = getattr(fields, "line", 0)
    rooted.key_lines = getattr(fields, "key_lines", {})
    rooted.root = getattr(fields, "root", None) or root  # type: ignore[attr-defined]
    return rooted


def _pyproject_section(text: str, path: str) -> Any:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path) from None
    return document.get("tool", {}).get("contentcheck")


def languagetool_settings(url: str | None) -> tuple[tuple[str, Any], ...]:
    """Settings for a LanguageTool server the user named (option or environment): it is used and is
    the only one article text may go to; a URL in a repository's config is refused unless it is this
    same one."""
    allowed = ("allowed_servers", (url,) if url else ())
    return (("languagetool_url", url), allowed) if url else (allowed,)


def search_limit(start: Path) -> Path:
    """The highest folder a config is taken from for files in `start`: the root of the git repository
    holding it; outside git, the current folder when `start` is inside it, else `start` itself. A
    config above the checked repository (another user's /tmp, a shared home) never applies."""
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    here = Path.cwd()
    return here if start == here or here in start.parents else start


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above `start` (a folder), up to search_limit(start)."""
    limit = search_limit(start)
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "[tool.contentcheck" in pyproject.read_text(encoding="utf-8", errors="replace"):
                    return pyproject
            except OSError:
                pass
        if folder == limit:
            break
    return None


class ConfigResolver:
    """Finds and caches the config for each checked file (or uses one given explicitly), with the
    command line's selection and settings applied: the config a file is checked with."""

    def __init__(self, explicit: Config | None = None, select: list[str] | tuple[str, ...] = (),
                 ignore: list[str] | tuple[str, ...] = (), settings: dict[str, Any] | None = None):
        self.explicit = explicit
        self.select, self.ignore = list(select), list(ignore)
        self.settings = dict(settings or {})
        self._by_file: dict[Path | None, Config] = {}
        self._by_folder: dict[str, Path | None] = {}  # keyed by str: hashing a Path costs more than the rest

    def for_path(self, path: str) -> Config:
        if self.explicit is not None:
            config_file = None  # the explicit config stands in for every file's own
        else:
            # abspath, not resolve(): a symlink loop must become a read error for that file, not a crash here
            folder = os.path.dirname(os.path.abspath(path)) if path not in ("-", "") else os.getcwd()
            if folder not in self._by_folder:
                self._by_folder[folder] = find_config_file(Path(folder))
            config_file = self._by_folder[folder]
        if config_file not in self._by_file:
            config = self.explicit or (load_config_file(config_file) if config_file else Config())
            self._by_file[config_file] = config.with_settings(**self.settings).with_selection(self.select, self.ignore)
        return self._by_file[config_file]


STARTER_CONFIG_TEMPLATE = """\
# contentcheck configuration. Every key is optional; delete what you do not need.
# Docs: contentcheck rules (list), contentcheck rules --explain ID (one rule).

# Build on another config (a path relative to this file) and say only what changes here.
# extends: ../.contentcheck.yaml

# Built-in rule packs to enable (default: all of them).
# packs: [promotional, plain-language, disclaimers, readability, style]

# Folders of your own YAML rules, relative to this file.
# extra_packs: [styles/house]

# Enable only these rule ids, packs or categories (default: everything enabled above).
# select: [promotional, disclaimers]

# Turn rules off by id, pack or category.
# ignore: [style.acronym-definition]

# Change a rule's severity: error, warning or info.
# severity:
#   promotional.superlatives: error

# The lowest severity that makes the run fail (exit 1): error, warning, info or none.
fail_on: warning

# Which files to check inside folders, and what to skip (.gitignore is always honoured).
include: {include}
exclude: ["node_modules/**", "drafts/**"]

# Settings for some files only.
# overrides:
#   - files: ["professionals/**"]
#     ignore: [readability]

# Who the articles are for (grade targets, plain-language rules): patients (default), general,
# professionals. News and press releases default to general.
# audience: patients

# What the articles are, when the text does not show it: patient-info, news, press-release,
# marketing, review, professional (front matter `genre:` wins for one article).
# genre: patient-info

# Terms the rules must accept (product names, medical terms) or always flag.
vocabulary:
  accept: []
  reject: []

# Approved claims and the references behind them (a YAML file next to this one): a claim that
# matches one is supported. See `contentcheck rules --explain claims.unsupported`.
# claims_library: approved-claims.yaml

# Any rule's own fields, by rule id (`contentcheck rules --explain ID` lists them).
# options:
#   readability.long-sentence: {thresholds: {patients: 20}}
#   duplicates.near-sentence: {threshold: 0.85}

# A LanguageTool server for grammar checks is named on the command line or in the environment
# (CONTENTCHECK_LANGUAGETOOL_URL), not here: a repository's config cannot send its text anywhere.
"""


def starter_config() -> str:
    """The commented .contentcheck.yaml that `contentcheck init` writes."""
    return STARTER_CONFIG_TEMPLATE.replace("{include}", json.dumps(default_include()))
