"""contentcheck: lint health articles for duplicated text, unsupported claims, missing disclaimers
and hard reading."""

from .plugins import load_plugins
from .version import __version__

load_plugins()  # every rule type, input format and report format registers itself

from .api import check_paths, check_text  # noqa: E402
from .config import Config  # noqa: E402
from .errors import ConfigError, ContentcheckError, InputError  # noqa: E402
from .finding import Finding  # noqa: E402
from .options import Options  # noqa: E402
from .report import FileResult, Report  # noqa: E402

__all__ = ["Config", "ConfigError", "ContentcheckError", "FileResult", "Finding", "InputError", "Options", "Report",
           "__version__", "check_paths", "check_text"]
