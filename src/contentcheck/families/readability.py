"""Reading level: the grade of the article against the target for its audience, and the sentences
that drag it up. The figures come from metrics.py, which the report shows for every file."""

from __future__ import annotations

from ..document import DEFAULT_AUDIENCE, RUNNING_TEXT, Document
from ..errors import ConfigError
from ..metrics import PACKAGES, document_metrics
from ..registry import rule_type
from ..rule import Rule, field_line
from ..textstats import sentence_stats

FORMULAS = ("consensus_grade", "flesch_kincaid_grade", "smog", "gunning_fog", "coleman_liau", "dale_chall_grade")


@rule_type
class ReadingLevelRule(Rule):
    """The grade of the article (`report: document`) or of single sentences (`report: sentences`)
    against the target for the document's audience."""

    kind = "reading-level"
    TYPE_FIELDS = {"formula": str, "targets": dict, "min_words": int, "report": str, "margin": (int, float),
                   "sentence_min_words": int}
    PLACEHOLDERS = frozenset({"value", "target", "formula", "audience"})
    DEFAULT_SCOPE = RUNNING_TEXT
    PACKAGES = PACKAGES

    def prepare(self, data, path):
        self.formula = data.get("formula", "consensus_grade")
        if self.formula not in FORMULAS:
            raise ConfigError(f"formula must be one of {', '.join(FORMULAS)}", path, field_line(data, "formula"))
        self.targets = dict(data.get("targets") or {DEFAULT_AUDIENCE: 8})
        for audience, target in self.targets.items():
            if target is not None and not isinstance(target, (int, float)):
                raise ConfigError(f"target for '{audience}' must be a number or null (off)", path,
                                  field_line(data, "targets"))
        self.min_words = data.get("min_words", 100)
        self.report = data.get("report", "document")
        if self.report not in ("document", "sentences"):
            raise ConfigError("report must be document or sentences", path, field_line(data, "report"))
        self.margin = float(data.get("margin", 6))
        self.sentence_min_words = data.get("sentence_min_words", 12)

    def target_for(self, document: Document) -> float | None:
        declared = document.metadata.get("target_grade")
        if isinstance(declared, (int, float)) and not isinstance(declared, bool):
            return float(declared)
        return self.targets.get(document.audience, self.targets.get(DEFAULT_AUDIENCE))

    def check(self, document):
        target = self.target_for(document)
        if target is None:
            return  # this audience has no target (professionals, by default)
        if self.report == "document":
            metrics = document_metrics(document)
            value = metrics.get(self.formula)
            if metrics["words"] >= self.min_words and value is not None and value > target:
                message = self.render(value=f"{value:.1f}", target=f"{target:g}",
                                      formula=self.formula.replace("_", " "), audience=document.audience)
                yield self.finding(message, value=value, target=target)
            return
        limit = target + self.margin
        for block in document.blocks:
            for sentence, stats in zip(block.sentences, sentence_stats(document, block)):
                grade = stats.flesch_kincaid_grade()
                if stats.words >= self.sentence_min_words and grade > limit:
                    start, end = block.to_source(sentence.start, sentence.end)
                    yield self.finding(self.render(value=f"{grade:.1f}", target=f"{target:g}"), start, end,
                                       value=round(grade, 2),
                                       suggestion="Split the sentence and use shorter, everyday words.")
