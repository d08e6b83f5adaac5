"""Loads every rule type, input format and report format: the modules of the four plugin packages
(each registers itself when imported, see registry.py), then those that installed packages declare
under the entry-point group `contentcheck.plugins`. Runs once per process, when contentcheck is
imported; a third-party plugin that fails to load is kept as an error for the run to report
(`raise_load_errors`), so that the command line can say so in one line."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points

from .errors import ConfigError

PLUGIN_PACKAGES = ("contentcheck.parsers", "contentcheck.ruletypes", "contentcheck.families", "contentcheck.reports")
ENTRY_POINT_GROUP = "contentcheck.plugins"
_loaded = False
LOAD_ERRORS: list[ConfigError] = []


def load_plugins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for package_name in PLUGIN_PACKAGES:
        package = importlib.import_module(package_name)
        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            importlib.import_module(f"{package_name}.{module.name}")
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry_point.load()
        except Exception as exc:  # someone else's code: whatever it raises is that plugin's error
            LOAD_ERRORS.append(ConfigError(f"plugin '{entry_point.name}' ({entry_point.value}) failed to load: "
                                           f"{type(exc).__name__}: {exc}"))


def raise_load_errors() -> None:
    """Raise the first plugin that failed to load, before a run that might need it."""
    if LOAD_ERRORS:
        raise LOAD_ERRORS[0]
