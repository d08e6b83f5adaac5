"""contentcheck: lint health articles for duplicated text, unsupported claims, missing disclaimers
and hard reading."""

__version__ = "0.1.0"

from .api import check_paths, check_text  # noqa: E402
from .config import Config  # noqa: E402
from .errors import ConfigError, ContentcheckError, InputError  # noqa: E402
from .finding import Finding  # noqa: E402
from .report import FileResult, Report  # noqa: E402

__all__ = ["check_text", "check_paths", "Config", "Finding", "FileResult", "Report",
           "ContentcheckError", "ConfigError", "InputError", "__version__"]
