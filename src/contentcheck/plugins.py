"""Loads every rule type, input format and report format: the modules of the four plugin packages
(each registers itself when imported, see registry.py), then those that installed packages declare
under the entry-point group `contentcheck.plugins`. Runs once per process."""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points

from .errors import ConfigError

PLUGIN_PACKAGES = ("contentcheck.parsers", "contentcheck.ruletypes", "contentcheck.families", "contentcheck.reports")
ENTRY_POINT_GROUP = "contentcheck.plugins"
_loaded = False


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
        except Exception as exc:  # a broken third-party plugin is a one-line error, not a traceback
            raise ConfigError(f"plugin '{entry_point.name}' ({entry_point.value}) failed to load: "
                              f"{type(exc).__name__}: {exc}") from None
