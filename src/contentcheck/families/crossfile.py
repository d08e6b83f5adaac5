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
    """Where a later copy sits, with everything a finding needs, so documents need not be kept."""

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
    """A text seen in more than one file: where it was first (file, line) and every later copy."""

    first_file: int
    first_line: int
    what: str  # "sentence" or "paragraph"
    files: set[int] = field(default_factory=set)
    later: list[tuple[Place, float]] = field(default_factory=list)


def _key(words: str) -> int:
    """A 64-bit fingerprint of normalised words; an int costs far less memory than a digest."""
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest(), "little")


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
        self.num_perm = data.get("num_perm", 128)

    def check(self, document):
        return ()  # reported by CrossFileIndex once every file has been read

    def allowed(self, text: str) -> bool:
        return normalise(text) in self.allow or self.allow_patterns.search(text)


_PERMUTATIONS: dict[int, object] = {}
SCHEME = "affine32"  # datasketch 2.x default; given explicitly with stored permutations and values
_MERSENNE_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


def signatures(paragraphs: list[list[str]], num_perm: int) -> list[list[int]]:
    """MinHash signatures of each paragraph's word pairs, all of a file's paragraphs in one numpy
    computation (datasketch's affine hashing over crc32 shingle hashes; one MinHash object per
    paragraph cost more than the hashing itself)."""
    import zlib

    import numpy

    if not paragraphs:
        return []
    if num_perm not in _PERMUTATIONS:
        from datasketch import MinHash

        _PERMUTATIONS[num_perm] = MinHash(num_perm=num_perm).permutations
    a, b = _PERMUTATIONS[num_perm]
    hashes: list[int] = []
    bounds: list[int] = []
    for words in paragraphs:
        bounds.append(len(hashes))
        # Word pairs: a reworded paragraph keeps most of them (two words changed in 35 keep ~80%).
        hashes.extend(sorted(zlib.crc32(" ".join(words[i:i + 2]).encode("utf-8")) for i in range(len(words) - 1)))
    values = numpy.array(hashes, dtype=numpy.uint64)[:, None]
    with numpy.errstate(over="ignore"):  # uint64 arithmetic wraps, as datasketch's does
        permuted = numpy.bitwise_and((values * a + b) % _MERSENNE_PRIME, _MAX_HASH)
    return [[int(v) for v in row] for row in numpy.minimum.reduceat(permuted, bounds, axis=0)]


def extract(document: Document, rule: CrossFileDuplicateRule) -> list[tuple[str, int, Place, list[int] | None]]:
    """What the index needs from one file: (sentence|paragraph, key, place, MinHash signature), without
    the document. Pure, so it can run in a worker process and be cached; the parent feeds the index in
    file order.
    """
    items = []
    seen_here: set[int] = set()
    paragraphs: list[tuple[int, Place, list[str]]] = []
    for unit in sentence_units(document, include_quotes=rule.include_quotes, min_words=rule.min_words):
        key = _key("s " + unit.key)
        if key in seen_here:
            continue  # a repeat inside one file is duplicates.sentence's business
        seen_here.add(key)
        start, end = unit.block.to_source(unit.start, unit.end)
        items.append(("sentence", key, _place(document, -1, start, end), None))
    for block in document.blocks:
        if block.kind not in COMPARED_KINDS or (block.quoted and not rule.include_quotes):
            continue
        words = word_list(block.text)
        if len(words) < rule.min_paragraph_words:
            continue
        key = _key("p " + " ".join(words))
        if key not in seen_here:
            seen_here.add(key)
            paragraphs.append((key, _place(document, -1, block.source_start, block.source_end), words))
    for (key, place, _), values in zip(paragraphs, signatures([words for _, _, words in paragraphs], rule.num_perm)):
        items.append(("paragraph", key, place, values))
    return items


class CrossFileIndex:
    """Built while files are checked; `findings()` answers once all are in.

    Most text appears once, so a first occurrence costs one dict entry (key -> file, line); a Group
    with the copies' places is made only when a second file has the same text.
    """

    def __init__(self):
        self.first_seen: dict[int, tuple[int, int]] = {}  # sentence and paragraph keys
        self.groups: dict[int, Group] = {}
        self.clusters: dict[int, Group] = {}
        self.representatives: dict[int, object] = {}
        self.rules: dict[int, CrossFileDuplicateRule] = {}
        self.files = 0
        self._lsh = None
        self._next_cluster = 0

    def _lsh_index(self, rule: CrossFileDuplicateRule):
        if self._lsh is None:
            from datasketch import MinHashLSH  # imported only when several files are checked

            # Recall first: every candidate is verified by its estimated Jaccard, so weigh missed pairs
            # (0.9) far above extra candidates (0.1). With 128 permutations this makes 92% of pairs at
            # the 0.7 threshold, and 99% at 0.76, candidates (equal weights: 44% and 71%).
            self._lsh = MinHashLSH(threshold=rule.threshold, num_perm=rule.num_perm, weights=(0.1, 0.9))
        return self._lsh

    def add_extracted(self, file: int, items: list, rule: CrossFileDuplicateRule) -> None:
        """Index one file's sentences and paragraphs (from `extract`), in file order."""
        self.files += 1
        self.rules[file] = rule
        for what, key, place, hashvalues in items:
            place.file = file
            if not self._record(key, what, place) and what == "paragraph":
                self._add_near(hashvalues, place, rule)

    def _record(self, key: int, what: str, place: Place) -> bool:
        """Note one occurrence; True when the same text was already seen in an earlier file."""
        first = self.first_seen.get(key)
        if first is None:
            self.first_seen[key] = (place.file, place.line)
            return False
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = Group(first[0], first[1], what, {first[0]})
        group.files.add(place.file)
        group.later.append((place, 1.0))
        return True

    def _add_near(self, hashvalues: list[int], place: Place, rule: CrossFileDuplicateRule) -> None:
        import numpy
        from datasketch import LeanMinHash

        minhash = LeanMinHash(seed=1, hashvalues=numpy.array(hashvalues, dtype=numpy.uint64), scheme=SCHEME)
        lsh = self._lsh_index(rule)
        for cluster in lsh.query(minhash):
            group = self.clusters[cluster]
            similarity = minhash.jaccard(self.representatives[cluster])
            if similarity >= rule.threshold and place.file not in group.files:
                group.files.add(place.file)
                group.later.append((place, similarity))
                return
        cluster = self._next_cluster
        self._next_cluster += 1
        self.clusters[cluster] = Group(place.file, place.line, "paragraph", {place.file})
        self.representatives[cluster] = minhash
        lsh.insert(cluster, minhash)

    def findings(self, paths: list[str]) -> dict[int, list[Finding]]:
        """Findings per file index, boilerplate and allowed text left out."""
        result: dict[int, list[Finding]] = {}
        reported_paragraphs: dict[int, list[tuple[int, int]]] = {}
        sentence_groups = []
        for group in list(self.groups.values()) + list(self.clusters.values()):
            places = self._reportable(group)
            if not places:
                continue
            if group.what == "paragraph":
                for place, similarity in places:
                    reported_paragraphs.setdefault(place.file, []).append((place.start, place.end))
                    self._report(result, place, group, paths, similarity)
            else:
                sentence_groups.append((group, places))
        for group, places in sentence_groups:
            for place, similarity in places:
                inside = any(s <= place.start and place.end <= e for s, e in reported_paragraphs.get(place.file, ()))
                if not inside:
                    self._report(result, place, group, paths, similarity)
        return result

    def _reportable(self, group: Group):
        if not group.later:
            return []
        rule = self.rules[group.first_file]
        share = len(group.files) / max(self.files, 1)
        if len(group.files) >= rule.boilerplate_min_files and share > rule.boilerplate_share:
            return []
        return [(place, similarity) for place, similarity in group.later if not self.rules[place.file].allowed(place.text)]

    def _report(self, result, place: Place, group: Group, paths, similarity: float) -> None:
        rule = self.rules[place.file]
        where = f"{paths[group.first_file]}:{group.first_line}"
        how = "word for word" if similarity >= 1.0 else f"{similarity:.0%} similar"
        message = rule.message.replace("{what}", group.what).replace("{where}", where).replace("{how}", how)
        finding = Finding(rule.id, rule.category, rule.severity, message, place.start, place.end,
                          f"Link to {where} instead of repeating it, or allow it as boilerplate.",
                          place.line, place.column, place.end_line, place.end_column, place.text,
                          extra={"duplicate_of": {"path": paths[group.first_file], "line": group.first_line},
                                 "similarity": round(similarity, 3)})
        result.setdefault(place.file, []).append(finding)
