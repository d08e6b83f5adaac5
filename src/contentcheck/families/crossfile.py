"""Duplicates across files checked together (`contentcheck check site/`).

Never all-pairs: sentences and paragraphs are matched exactly by hashing their normalised words,
and reworded paragraphs by MinHash LSH (datasketch). Each near-duplicate cluster keeps one
representative in the LSH index, so a paragraph repeated in every file costs one query per file,
not one per earlier copy. Text that repeats in more than `boilerplate_share` of the files is
boilerplate and is not reported; so is anything on the `allow` list.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..document import Document
from ..finding import Finding
from ..patterns import Matcher
from .duplicates import COMPARED_KINDS, DuplicateRuleBase, normalise, sentence_units, word_list


@dataclass
class Place:
    """Where a copy sits, with everything a finding needs, so documents need not be kept."""

    file: int
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass
class Group:
    """All copies of one sentence or paragraph (exact), or one near-duplicate cluster."""

    first: Place
    files: set[int] = field(default_factory=set)
    later: list[tuple[Place, float]] = field(default_factory=list)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


def _place(document: Document, file: int, start: int, end: int) -> Place:
    line, column = document.lines.position(start)
    end_line, end_column = document.lines.position(end)
    return Place(file, start, end, line, column, end_line, end_column, document.source[start:end])


class CrossFileDuplicateRule(DuplicateRuleBase):
    """Collects every checked file, then reports text that also appears in another file."""

    kind = "cross-file-duplicate"
    TYPE_FIELDS = {**DuplicateRuleBase.TYPE_FIELDS, "allow": list, "allow_patterns": list,
                   "boilerplate_share": float, "boilerplate_min_files": int, "min_paragraph_words": int,
                   "num_perm": int}

    def prepare(self, data, path):
        super().prepare(data, path)
        self.allow = {normalise(str(text)) for text in data.get("allow") or []}
        self.allow_patterns = Matcher((), [str(p) for p in data.get("allow_patterns") or []], True, False, path,
                                      data.line_of("allow_patterns") if "allow_patterns" in data else None)
        self.boilerplate_share = float(data.get("boilerplate_share", 0.3))
        self.boilerplate_min_files = data.get("boilerplate_min_files", 3)
        self.min_paragraph_words = data.get("min_paragraph_words", 25)
        self.num_perm = data.get("num_perm", 64)

    def check(self, document):
        return ()  # reported by CrossFileIndex once every file has been read

    def allowed(self, text: str) -> bool:
        return normalise(text) in self.allow or self.allow_patterns.search(text)


class CrossFileIndex:
    """Built while files are checked; `findings()` answers once all are in."""

    def __init__(self):
        self.sentences: dict[bytes, Group] = {}
        self.paragraphs: dict[bytes, Group] = {}
        self.clusters: dict[int, Group] = {}
        self.rules: dict[int, CrossFileDuplicateRule] = {}
        self.files = 0
        self._lsh = None
        self._next_cluster = 0

    def _lsh_index(self, rule: CrossFileDuplicateRule):
        if self._lsh is None:
            from datasketch import MinHashLSH  # imported only when several files are checked

            self._lsh = MinHashLSH(threshold=rule.threshold, num_perm=rule.num_perm)
        return self._lsh

    def add(self, file: int, document: Document, rule: CrossFileDuplicateRule) -> None:
        self.files += 1
        self.rules[file] = rule
        seen_here: set[bytes] = set()
        for unit in sentence_units(document, include_quotes=rule.include_quotes, min_words=rule.min_words):
            key = _digest(unit.key)
            if key in seen_here:
                continue  # a repeat inside one file is duplicates.sentence's business
            seen_here.add(key)
            start, end = unit.block.to_source(unit.start, unit.end)
            self._record(self.sentences, key, _place(document, file, start, end), 1.0)
        paragraphs_here: set[bytes] = set()
        for block in document.blocks:
            if block.kind not in COMPARED_KINDS or (block.quoted and not rule.include_quotes):
                continue
            words = word_list(block.text)
            if len(words) < rule.min_paragraph_words:
                continue
            place = _place(document, file, block.source_start, block.source_end)
            key = _digest(" ".join(words))
            if key in self.paragraphs or key in paragraphs_here:
                self._record(self.paragraphs, key, place, 1.0)
                continue
            paragraphs_here.add(key)
            self._record(self.paragraphs, key, place, 1.0)
            self._add_near(words, place, rule)

    def _record(self, groups: dict, key, place: Place, similarity: float) -> None:
        group = groups.get(key)
        if group is None:
            groups[key] = Group(place, {place.file})
        elif place.file != group.first.file:
            group.files.add(place.file)
            group.later.append((place, similarity))

    def _add_near(self, words: list[str], place: Place, rule: CrossFileDuplicateRule) -> None:
        from datasketch import LeanMinHash, MinHash

        # Word pairs: a reworded paragraph keeps most of them (two words changed in 35 keep ~80%).
        shingles = {" ".join(words[i:i + 2]).encode("utf-8") for i in range(len(words) - 1)}
        minhash = MinHash(num_perm=rule.num_perm)
        minhash.update_batch(list(shingles))
        lsh = self._lsh_index(rule)
        for cluster in lsh.query(minhash):
            group = self.clusters[cluster]
            similarity = minhash.jaccard(group.representative)
            if similarity >= rule.threshold and place.file not in group.files:
                group.files.add(place.file)
                group.later.append((place, similarity))
                return
        cluster = self._next_cluster
        self._next_cluster += 1
        group = Group(place, {place.file})
        group.representative = LeanMinHash(minhash)
        self.clusters[cluster] = group
        lsh.insert(cluster, group.representative)

    def findings(self, paths: list[str]) -> dict[int, list[Finding]]:
        """Findings per file index, boilerplate and allowed text left out."""
        result: dict[int, list[Finding]] = {}
        reported_paragraphs: dict[int, list[tuple[int, int]]] = {}
        paragraph_groups = list(self.paragraphs.values()) + list(self.clusters.values())
        for group in paragraph_groups:
            for place, similarity in self._reportable(group):
                reported_paragraphs.setdefault(place.file, []).append((place.start, place.end))
                self._report(result, place, group.first, paths, "paragraph", similarity)
        for group in self.sentences.values():
            for place, similarity in self._reportable(group):
                inside = any(s <= place.start and place.end <= e for s, e in reported_paragraphs.get(place.file, ()))
                if not inside:
                    self._report(result, place, group.first, paths, "sentence", similarity)
        return result

    def _reportable(self, group: Group):
        if not group.later:
            return []
        rule = self.rules[group.first.file]
        share = len(group.files) / max(self.files, 1)
        if len(group.files) >= rule.boilerplate_min_files and share > rule.boilerplate_share:
            return []
        if rule.allowed(group.first.text):
            return []
        return [(place, similarity) for place, similarity in group.later if not self.rules[place.file].allowed(place.text)]

    def _report(self, result, place: Place, first: Place, paths, what: str, similarity: float) -> None:
        rule = self.rules[place.file]
        where = f"{paths[first.file]}:{first.line}"
        how = "word for word" if similarity >= 1.0 else f"{similarity:.0%} similar"
        message = rule.message.replace("{what}", what).replace("{where}", where).replace("{how}", how)
        finding = Finding(rule.id, rule.category, rule.severity, message, place.start, place.end,
                          f"Link to {where} instead of repeating it, or allow it as boilerplate.",
                          place.line, place.column, place.end_line, place.end_column, place.text,
                          extra={"duplicate_of": {"path": paths[first.file], "line": first.line},
                                 "similarity": round(similarity, 3)})
        result.setdefault(place.file, []).append(finding)
