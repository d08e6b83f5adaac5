"""Findings about the check itself: a bad suppression comment, a rule that crashed."""

from __future__ import annotations

from ..ruletypes import Rule
from ..suppressions import UNKNOWN_ID_RULE

INTERNAL_ERROR_RULE = "meta.internal-error"


class MetaRule(Rule):
    """Raised by the engine, not by matching text; `check` finds nothing by itself."""

    kind = "python"

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
