"""Reading level: the grade of the article against the target for its audience, and the sentences
that drag it up. The figures come from metrics.py, which the report shows for every file."""

from __future__ import annotations

from ..document import DEFAULT_AUDIENCE, RUNNING_TEXT, Document
from ..errors import ConfigError
from ..metrics import PACKAGES, document_metrics
from ..pointers import is_pointer
from ..registry import rule_type
from ..rule import Rule, field_line
from ..ruletypes.existence import inside_quotation
from ..textstats import as_read, median_of, sentence_stats, without_names_and_explanations

FORMULAS = {"consensus_grade": "consensus grade", "flesch_kincaid_grade": "Flesch-Kincaid", "smog": "SMOG",
            "gunning_fog": "Gunning fog", "coleman_liau": "Coleman-Liau", "dale_chall_grade": "Dale-Chall grade"}


@rule_type
class ReadingLevelRule(Rule):
    """The grade of the article (`report: document`) or of single sentences (`report: sentences`)
    against the target for the document's audience."""

    kind = "reading-level"
    TYPE_FIELDS = {"formula": str, "targets": dict, "min_words": int, "report": str, "margin": (int, float),
                   "sentence_min_words": int, "median_margin": (int, float), "margin_ceiling": (int, float),
                   "skip_quoted": bool, "skip_pointers": bool}
    PLACEHOLDERS = frozenset({"value", "target", "formula", "audience", "polysyllables"})
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
        # how far above the target a document (default 0) or a sentence (default 6 grades) must read
        self.margin = float(data.get("margin", 6 if self.report == "sentences" else 0))
        self.sentence_min_words = data.get("sentence_min_words", 12)
        # sentences: also this many grades above the article's median sentence, so a report on an
        # article that is hard throughout points at its worst sentences, not at half of them
        self.median_margin = data.get("median_margin")
        self.margin_ceiling = data.get("margin_ceiling")  # ... but a sentence this far above the target always counts
        self.skip_quoted = data.get("skip_quoted", False)
        self.skip_pointers = data.get("skip_pointers", False)  # "For information on X, see Question 5."

    def target_and_reader(self, document: Document) -> tuple[float | None, str]:
        """The grade target and whom it is for: front matter `target_grade:`, else the genre's own target
        (`targets` may name genres: news) unless an audience was set, else the audience's."""
        declared = document.metadata.get("target_grade")
        if isinstance(declared, (int, float)) and not isinstance(declared, bool):
            return float(declared), document.audience
        audience_set = bool(document.metadata.get("audience")) or bool(document.configured_audience)
        if document.genre in self.targets and not audience_set:
            return self.targets[document.genre], document.genre or ""
        return self.targets.get(document.audience, self.targets.get(DEFAULT_AUDIENCE)), document.audience

    def check(self, document):
        target, reader = self.target_and_reader(document)
        if target is None:
            return  # this audience has no target (professionals, by default)
        if self.report == "document":
            metrics = document_metrics(document)
            value = metrics.get(self.formula)
            if metrics["words"] >= self.min_words and value is not None and value > target + self.margin:
                message = self.render(value=f"{value:.1f}", target=f"{target:g}",
                                      formula=FORMULAS[self.formula], audience=reader)
                yield self.finding(message, value=value, target=target)
            return
        sentences = [(block, sentence, stats) for block in document.blocks
                     for sentence, stats in zip(block.sentences, sentence_stats(document, block))]
        limit = target + self.margin
        if self.median_margin is not None:
            graded = [s.flesch_kincaid_grade() for *_, s in sentences if s.words >= self.sentence_min_words]
            limit = max(limit, median_of(graded) + self.median_margin)
            if self.margin_ceiling is not None:
                limit = min(limit, target + self.margin_ceiling)
        for block, sentence, stats in sentences:
            grade = stats.flesch_kincaid_grade()
            if stats.words < self.sentence_min_words or grade <= limit:
                continue
            if self.skip_quoted and inside_quotation(block.text, sentence.start + 1):
                continue
            if self.skip_pointers and is_pointer(sentence.text):
                continue  # its hard words name where to go
            plain = without_names_and_explanations(sentence.text)  # only for the few sentences over the limit
            if plain.words < self.sentence_min_words or plain.flesch_kincaid_grade() <= limit:
                continue  # hard only for its names ("University of Texas Health Science Center") or an explanation
            if as_read(sentence.text).flesch_kincaid_grade() <= limit:
                continue  # hard only for an aside in brackets or a list of necessary terms
            start, end = block.to_source(sentence.start, sentence.end)
            message = self.render(value=f"{grade:.1f}", target=f"{target:g}", polysyllables=stats.polysyllables)
            yield self.finding(message, start, end, value=round(grade, 2),
                               suggestion="Use shorter, everyday words for the long ones.")
