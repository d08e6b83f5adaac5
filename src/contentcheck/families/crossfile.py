"""Duplicates across files checked together (`contentcheck check site/`).

Never all-pairs: sentences and paragraphs are matched exactly by hashing their normalised words,
and reworded paragraphs by MinHash LSH (word-pair signatures, banded). Each near-duplicate cluster
keeps one representative, so a paragraph repeated in every file costs one comparison per file,
not one per earlier copy. Text that repeats in more than `boilerplate_share` of the files is
boilerplate and is not reported; so is anything on the `allow` list.

numpy is imported inside the functions that use it: a run over one file never does (126 ms).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ..document import Document
from ..finding import Finding
from ..patterns import Matcher
from ..registry import rule_type
from ..rule import CorpusRule, Reducer
from ..words import normalise
from .duplicates import DuplicateRuleBase, sentence_units

Item = tuple[str, int, "Place", Any]  # (sentence | paragraph, key, where, MinHash signature of a paragraph)


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
    later: list[tuple[tuple[int, int], float]] = field(default_factory=list)  # ((file, item), similarity)


def _key(words: str) -> int:
    """A 64-bit fingerprint of normalised words; an int costs far less memory than a digest."""
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest(), "little")


def _place(document: Document, file: int, start: int, end: int) -> Place:
    line, column = document.lines.position(start)
    end_line, end_column = document.lines.position(end)
    return Place(file, start, end, line, column, end_line, end_column, document.source[start:end])


@rule_type
class CrossFileDuplicateRule(DuplicateRuleBase, CorpusRule):
    """Collects every checked file, then reports text that also appears in another file."""

    kind = "cross-file-duplicate"
    TYPE_FIELDS = {**DuplicateRuleBase.TYPE_FIELDS, "allow": list, "allow_patterns": list,
                   "boilerplate_share": float, "boilerplate_min_files": int, "boilerplate_files": int,
                   "min_paragraph_words": int, "sibling_passages": int,
                   "num_perm": int}
    PLACEHOLDERS = frozenset({"what", "where", "how"})
    LIMITS = {"num_perm": (16, 1024), "boilerplate_share": (0.0, 1.0), "min_paragraph_words": (1, 100_000),
              "boilerplate_min_files": (1, 1_000_000), "boilerplate_files": (2, 1_000_000),
              "sibling_passages": (2, 1_000_000)}
    PACKAGES = ("numpy",)  # MinHash draws its permutations from numpy's seeded generator

    def prepare(self, data, path):
        super().prepare(data, path)
        self.allow = {normalise(str(text)) for text in data.get("allow") or []}
        self.allow_patterns = Matcher((), [str(p) for p in data.get("allow_patterns") or []], True, False, path,
                                      data.line_of("allow_patterns") if "allow_patterns" in data else None)
        self.boilerplate_share = float(data.get("boilerplate_share", 0.3))
        self.boilerplate_min_files = data.get("boilerplate_min_files", 3)
        self.boilerplate_files = data.get("boilerplate_files")  # in this many files: boilerplate at any share
        self.min_paragraph_words = data.get("min_paragraph_words", 25)
        self.num_perm = data.get("num_perm", 128)
        self.sibling_passages = data.get("sibling_passages", 3)  # shared with one file: one finding for them all

    def allowed(self, text: str) -> bool:
        return normalise(text) in self.allow or self.allow_patterns.search(text)

    def extract(self, document: Document) -> list[Item]:
        return extract(document, self)

    def pack_extract(self, extract: list[Item]) -> PackedItems:
        return PackedItems(extract, self)

    def dump_extract(self, extract: list[Item]) -> list:
        return [[what, key, vars(place), _hex(signature)] for what, key, place, signature in extract]

    def load_extract(self, data: list) -> list[Item]:
        return [(what, key, Place(**place), _unhex(signature)) for what, key, place, signature in data]

    def reducer(self) -> CrossFileIndex:
        return CrossFileIndex()


def _hex(signature) -> str | None:
    """A MinHash signature (uint32 array) as hex: a tenth of the JSON size of a list of numbers."""
    return None if signature is None else signature.astype("<u4").tobytes().hex()


def _unhex(text: str | None):
    import numpy

    return None if text is None else numpy.frombuffer(bytes.fromhex(text), dtype="<u4").astype(numpy.uint32)


_BAND_MIX = 0x100000001B3  # odd 64-bit multiplier folding a band's rows into one key


@lru_cache(maxsize=4)
def permutations(num_perm: int):
    """The hash functions of MinHash, h(x) = (a x + b mod 2^64) >> 32 with a odd (multiply-add-shift,
    strongly universal for 32-bit keys), seeded so every run and process agree."""
    import numpy

    generator = numpy.random.RandomState(1)
    a = generator.randint(0, 1 << 64, num_perm, dtype=numpy.uint64) | numpy.uint64(1)
    b = generator.randint(0, 1 << 64, num_perm, dtype=numpy.uint64)
    return a, b


def signatures(paragraphs: list[list[str]], num_perm: int):
    """MinHash signatures (rows of uint32) of each paragraph's word pairs. A hash is the high half of
    a x + b (mod 2^64, as numpy's unsigned arithmetic wraps), and taking the high half keeps order, so
    each column's minimum is taken first and shifted once: three passes over the values where the
    affine hash modulo a prime took eight. One paragraph at a time keeps the temporary arrays small
    enough for the CPU cache: one array for a whole file was four times slower."""
    import zlib

    import numpy

    a, b = permutations(num_perm)
    result = numpy.empty((len(paragraphs), num_perm), dtype=numpy.uint32)
    crc32 = zlib.crc32
    for row, words in enumerate(paragraphs):
        # Word pairs: a reworded paragraph keeps most of them (two words changed in 35 keep ~80%).
        pairs = [crc32(f"{x} {y}".encode()) for x, y in pairwise(words)]
        values = numpy.multiply.outer(numpy.array(pairs, dtype=numpy.uint64), a)
        values += b
        result[row] = values.min(axis=0) >> numpy.uint64(32)
    return result


def extract(document: Document, rule: CrossFileDuplicateRule) -> list[Item]:
    """What the index needs from one file: (sentence|paragraph, key, place, MinHash signature), without
    the document. Pure, so it can run in a worker process and be cached; the parent feeds the index in
    file order.
    """
    items = []
    seen_here: set[int] = set()
    paragraphs: list[tuple[int, Place, list[str]]] = []
    for unit in sentence_units(document, rule.include_quotes, rule.min_words):
        key = _key("s " + unit.key)
        if key in seen_here:
            continue  # a repeat inside one file is duplicates.sentence's business
        seen_here.add(key)
        start, end = unit.block.to_source(unit.start, unit.end)
        items.append(("sentence", key, _place(document, -1, start, end), None))
    for block in document.blocks:
        if block.quoted and not rule.include_quotes:
            continue
        words = block.words
        if len(words) < rule.min_paragraph_words:
            continue
        key = _key("p " + " ".join(words))
        if key not in seen_here:
            seen_here.add(key)
            paragraphs.append((key, _place(document, -1, block.source_start, block.source_end), words))
    for (key, place, _), values in zip(paragraphs, signatures([words for _, _, words in paragraphs], rule.num_perm)):
        items.append(("paragraph", key, place, values))
    return items


@lru_cache(maxsize=16)
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising 0.1 x false candidates + 0.9 x missed pairs around
    `threshold`. Recall first: every candidate is verified by its estimated Jaccard. With 128
    permutations at 0.7 this gives 20 bands of 6 rows: 92% of pairs at 0.7, and 99% at 0.76, become
    candidates (equal weights would give 44% and 71%). Every (bands, rows) is scored at once in
    numpy (2 ms, against 35 ms for a loop, paid by every worker and the parent)."""
    import numpy

    steps = 200
    shapes = [(bands, rows) for bands in range(1, num_perm + 1) for rows in range(1, num_perm // bands + 1)]
    bands = numpy.array([b for b, _ in shapes], dtype=float)[:, None]
    rows = numpy.array([r for _, r in shapes], dtype=float)[:, None]

    def area(low: float, high: float, missed: bool):
        """Midpoint-rule area, per shape, under the chance of becoming a candidate (or of being missed)."""
        width = (high - low) / steps
        similarity = low + (numpy.arange(steps) + 0.5) * width
        candidate = 1 - (1 - similarity ** rows) ** bands
        return ((1 - candidate if missed else candidate) * width).sum(axis=1)

    error = 0.1 * area(0.0, threshold, False) + 0.9 * area(threshold, 1.0, True)
    return shapes[int(numpy.argmin(error))]  # the first of equal errors, as a loop keeping the best would


def band_keys(matrix, band_shape: tuple[int, int]):
    """One 64-bit key per band of each signature row: rows whose values in a band are all equal share its key."""
    import numpy

    bands, rows = band_shape
    parts = matrix[:, : bands * rows].astype(numpy.uint64).reshape(len(matrix), bands, rows)
    keys = numpy.zeros((len(matrix), bands), dtype=numpy.uint64)
    with numpy.errstate(over="ignore"):
        for row in range(rows):
            keys = (keys ^ parts[:, :, row]) * numpy.uint64(_BAND_MIX)
    return keys


# Representatives one bucket remembers. A band key shared by more is a stock phrase of the site, like a
# stop word: generated articles built from a shared pool of sentences reached hundreds per bucket,
# which made clustering quadratic (34 s of a 50,000-article run). 16 changed no finding on 10,000.
BUCKET_LIMIT = 16


def give_back_freed_memory() -> None:
    """Ask glibc to hand freed heap pages back to the system. numpy temporaries smaller than its
    mmap threshold (which rises by itself up to 32 MB) come from the heap, and once freed they would
    otherwise still count in the process's resident size for the rest of the run."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


class PackedItems:
    """One file's `extract` output as the index stores it: arrays and pickled places, as bytes. Made
    in the worker process, so the parent, which every worker waits on, only appends bytes (unpickling
    ~60 Place objects per file and re-packing them took about a third of its time)."""

    __slots__ = ("band_keys", "band_shape", "keys", "lines", "num_perm", "paragraphs", "places", "signatures")

    def __init__(self, items: list, rule: CrossFileDuplicateRule):
        import pickle

        import numpy

        self.keys = array("Q", [key for _, key, _, _ in items]).tobytes()
        self.lines = array("i", [place.line for _, _, place, _ in items]).tobytes()
        self.paragraphs = array("i", [n for n, (what, _, _, _) in enumerate(items) if what == "paragraph"]).tobytes()
        places = [(p.start, p.end, p.line, p.column, p.end_line, p.end_column, p.text) for _, _, p, _ in items]
        self.places = pickle.dumps(places, protocol=pickle.HIGHEST_PROTOCOL)
        rows = [numpy.asarray(values, dtype=numpy.uint32) for what, _, _, values in items if what == "paragraph"]
        matrix = numpy.stack(rows) if rows else numpy.zeros((0, rule.num_perm), dtype=numpy.uint32)
        self.num_perm = matrix.shape[1]
        self.band_shape = lsh_bands(rule.threshold, rule.num_perm)
        self.signatures = matrix.tobytes()
        self.band_keys = band_keys(matrix, self.band_shape).tobytes()


class CrossFileIndex(Reducer):
    """Built while files are checked; `findings()` answers once all are in.

    Memory stays small at tens of thousands of files: per sentence or paragraph, only its 64-bit key,
    file and line sit in compact arrays, and per paragraph its LSH band keys. Places and signatures
    go to a temporary file and are read back only for text that turns out to repeat. Exact repeats
    are found by sorting the keys; near repeats by grouping band keys, then clustering (in file
    order, one representative per cluster) only the paragraphs that share a band with another.
    """

    def __init__(self):
        self.keys = array("Q")
        self.item_file = array("i")
        self.item_line = array("i")
        self.item_number = array("i")  # position in its file's list of items
        self.paragraph_rows = array("i")  # item row of each paragraph, in order
        self.band_keys = array("Q")  # paragraphs x bands, row by row
        self.rules: dict[int, CrossFileDuplicateRule] = {}
        self.spooled: dict[int, tuple[int, int]] = {}  # file -> (offset, length) of its places
        self.files = 0
        self.paths: dict[int, str] = {}
        self.num_perm = 0  # set by the first file with items: one MinHash scheme per run
        self.band_shape = (0, 0)
        self._spool = None
        self._signatures = None
        self._exact = None  # _exact_copies(), once worked out

    def _files(self):
        import tempfile

        if self._spool is None:
            self._spool, self._signatures = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        return self._spool, self._signatures

    def add(self, file: int, path: str, packed: PackedItems, rule: CorpusRule) -> None:
        """Index one file's sentences and paragraphs (`extract`'s, packed where the file was checked), in file order."""
        import numpy

        assert isinstance(rule, CrossFileDuplicateRule)

        self.files += 1
        self.paths[file] = path
        self.rules[file] = rule
        count = len(packed.keys) // 8
        if not count:
            return
        if not self.num_perm:  # one MinHash scheme per run: the first file's rule sets it
            self.num_perm = rule.num_perm
            self.band_shape = lsh_bands(rule.threshold, rule.num_perm)
        spool, signature_file = self._files()
        first_row = len(self.keys)
        self.keys.frombytes(packed.keys)
        self.item_file.extend(array("i", [file]) * count)
        self.item_line.frombytes(packed.lines)
        self.item_number.extend(range(count))
        paragraphs = array("i", packed.paragraphs)
        self.paragraph_rows.extend([first_row + number for number in paragraphs])
        self.spooled[file] = (spool.seek(0, 2), len(packed.places))
        spool.write(packed.places)
        if paragraphs:
            if packed.num_perm != self.num_perm:
                raise ValueError(f"{rule.id}: num_perm must be the same for every file checked together")
            signature_file.seek(0, 2)
            signature_file.write(packed.signatures)
            if packed.band_shape == self.band_shape:
                self.band_keys.frombytes(packed.band_keys)
            else:  # this file's rule has another threshold: the first file's banding holds for all
                matrix = numpy.frombuffer(packed.signatures, dtype=numpy.uint32).reshape(len(paragraphs), -1)
                self.band_keys.frombytes(band_keys(matrix, self.band_shape).tobytes())

    def _places(self, file: int) -> list[tuple]:
        import pickle

        offset, length = self.spooled[file]
        self._spool.seek(offset)
        return pickle.loads(self._spool.read(length))

    def _signature(self, paragraph: int):
        import numpy

        size = self.num_perm * 4
        self._signatures.seek(paragraph * size)
        return numpy.frombuffer(self._signatures.read(size), dtype=numpy.uint32)

    def templates(self) -> dict[int, list[tuple[int, int]]]:
        """Where each file repeats, word for word, boilerplate an earlier file holds (a site's
        standard paragraph): those copies' source spans, by file. The findings of other rules inside
        them were made on the first copy, so the run reports them there only."""
        if not self.keys:
            return {}
        rows_by_file: dict[int, list[int]] = {}
        *_, template_rows = self._copies()
        for row in template_rows.tolist():
            rows_by_file.setdefault(self.item_file[row], []).append(row)
        spans = {}
        for file, rows in sorted(rows_by_file.items()):
            places = self._places(file)
            spans[file] = [(places[self.item_number[row]][0], places[self.item_number[row]][1]) for row in rows]
        return spans

    def _copies(self):
        """_exact_copies(), worked out once for both findings() and templates()."""
        if self._exact is None:
            self._exact = self._exact_copies()
        return self._exact

    def _exact_copies(self):
        """Later copies of text seen in an earlier file, boilerplate left out, as two arrays: each
        copy's item row and the row of its first occurrence; plus which rows are first occurrences,
        and the rows of later copies of boilerplate. All by sorting the keys (stable, so each run of
        equal keys stays in file order)."""
        import numpy

        keys = numpy.frombuffer(self.keys, dtype=numpy.uint64)
        order = numpy.argsort(keys, kind="stable").astype(numpy.int32)
        ordered = keys[order]
        run_starts = numpy.ones(len(order), dtype=bool)
        run_starts[1:] = ordered[1:] != ordered[:-1]
        del ordered
        starts = numpy.flatnonzero(run_starts).astype(numpy.int32)
        firsts = order[starts]  # the row where each run's text first occurs
        lengths = numpy.diff(starts, append=len(order))  # files holding the text: a key occurs once per file
        repeated = numpy.flatnonzero(lengths > 1)
        first_files = numpy.frombuffer(self.item_file, dtype=numpy.int32)[firsts[repeated]]
        boilerplate = numpy.zeros(len(starts), dtype=bool)
        for run, file, count in zip(repeated.tolist(), first_files.tolist(), lengths[repeated].tolist()):
            boilerplate[run] = self._boilerplate(file, count)
        run = numpy.cumsum(run_starts, dtype=numpy.int32)
        run -= 1
        later = ~run_starts & ~boilerplate[run]
        first_rows = firsts[run[later]]
        first_copy = numpy.zeros(len(order), dtype=bool)
        first_copy[firsts] = True
        return order[later], first_rows, first_copy, order[~run_starts & boilerplate[run]]

    def _clusters(self, paragraph_rows, first_copies) -> list[Group]:
        """Near-repeat clusters among paragraphs seen for the first time, in file order, each paragraph
        compared with the cluster representatives it shares a band key with. Band keys are first
        numbered as buckets (a band's key shared by two or more such paragraphs); single keys can bring
        nothing together and get none, so only paragraphs in some bucket are walked, and the
        representatives of each bucket (at most BUCKET_LIMIT) are a tuple in a list indexed by bucket
        number, not a dict of 64-bit keys. (A dict of int arrays for buckets with more than one,
        which nearly all have, took some 200 MB at its peak on 50,000 articles.) Runs once: the band
        keys are dropped when bucketed."""
        import numpy

        buckets, count = self._buckets(numpy.flatnonzero(first_copies))
        give_back_freed_memory()
        members: list[tuple[int, ...]] = [()] * count  # bucket -> the clusters whose representative is in it
        representative = array("i")  # cluster -> its paragraph
        walked = numpy.flatnonzero((buckets >= 0).any(axis=1)).tolist()
        # cluster -> the low byte of each value of its representative's signature. Sized for the most
        # clusters there can be; numpy's zeros are pages the system hands out only once written to.
        low_bytes = numpy.zeros((len(walked), self.num_perm), dtype=numpy.uint8)
        groups: dict[int, Group] = {}  # clusters a later file joined
        for paragraph in walked:
            row = int(paragraph_rows[paragraph])
            file = self.item_file[row]
            threshold = self.rules[file].threshold
            signature = self._signature(paragraph)
            mine = [bucket for bucket in buckets[paragraph].tolist() if bucket >= 0]
            found: set[int] = set()
            for bucket in mine:
                found.update(members[bucket])
            for cluster in self._possible(sorted(found), signature, low_bytes, threshold):
                group = groups.get(cluster)
                first_paragraph = representative[cluster]
                if file in (group.files if group else (self.item_file[paragraph_rows[first_paragraph]],)):
                    continue
                similarity = float(numpy.count_nonzero(signature == self._signature(first_paragraph))) / self.num_perm
                if similarity >= threshold:
                    if group is None:
                        first_row = int(paragraph_rows[first_paragraph])
                        first_file = self.item_file[first_row]
                        group = groups[cluster] = Group(first_file, self.item_line[first_row], "paragraph",
                                                        {first_file})
                    group.files.add(file)
                    group.later.append(((file, self.item_number[row]), similarity))
                    break
            else:
                cluster = len(representative)
                representative.append(paragraph)
                low_bytes[cluster] = signature.astype(numpy.uint8)
                for bucket in mine:
                    held = members[bucket]
                    if len(held) < BUCKET_LIMIT:
                        members[bucket] = held + (cluster,)
        return [groups[cluster] for cluster in sorted(groups)]

    def _buckets(self, candidates):
        """(paragraphs x bands matrix of bucket numbers, -1 where the paragraph's band key is its own
        or it is not a candidate; number of buckets)."""
        import numpy

        bands = self.band_shape[0]
        keys = numpy.frombuffer(self.band_keys, dtype=numpy.uint64).reshape(-1, bands)
        buckets = numpy.full(keys.shape, -1, dtype=numpy.int32)
        count = 0
        for band in range(bands):
            column = keys[candidates, band]
            order = numpy.argsort(column, kind="stable")
            column = column[order]
            run_starts = numpy.ones(len(column), dtype=bool)
            run_starts[1:] = column[1:] != column[:-1]
            run = numpy.cumsum(run_starts) - 1
            shared = numpy.bincount(run)[run] > 1
            numbers = numpy.cumsum(run_starts & shared) - 1  # shared runs numbered 0, 1, ... in key order
            buckets[candidates[order[shared]], band] = count + numbers[shared]
            count += int(numpy.count_nonzero(run_starts & shared))
        del keys
        self.band_keys = array("Q")  # not needed again: 8 bytes x bands per paragraph freed
        return buckets, count

    def _possible(self, clusters: list[int], signature, low_bytes, threshold: float) -> list[int]:
        """The clusters (in order) whose representative could reach `threshold`, judged on the low
        byte of each signature value held in memory: values equal in full are equal there too, so
        no cluster that passes in full is dropped, and the full signatures are read only for these."""
        import numpy

        if len(clusters) < 2:
            return clusters
        chosen = numpy.array(clusters)
        lows = low_bytes[chosen]
        agree = numpy.count_nonzero(lows == signature.astype(numpy.uint8), axis=1) / self.num_perm
        return chosen[agree >= threshold].tolist()

    def findings(self) -> Iterator[tuple[int, list[Finding]]]:
        """(file index, findings) in file order, boilerplate and allowed text left out. Copies are
        numbers in arrays until their file's turn; then that file's places are read back, so the
        findings never sit in memory all together."""
        import numpy

        if not self.keys:
            return
        later_rows, first_rows, first_copy, _ = self._copies()
        self._exact = None
        give_back_freed_memory()
        copies: dict[int, list[tuple[int, Group, float]]] = {}
        is_paragraph = numpy.zeros(len(first_copy), dtype=bool)
        if self.paragraph_rows:
            paragraph_rows = numpy.frombuffer(self.paragraph_rows, dtype=numpy.int32)
            is_paragraph[paragraph_rows] = True
            for group in self._clusters(paragraph_rows, first_copy[paragraph_rows]):
                if not self._boilerplate(group.first_file, len(group.files)):
                    for (file, number), similarity in group.later:
                        copies.setdefault(file, []).append((number, group, similarity))
        del first_copy
        by_file = numpy.frombuffer(self.item_file, dtype=numpy.int32)[later_rows]
        order = numpy.argsort(by_file, kind="stable")
        later_rows, first_rows, by_file = later_rows[order], first_rows[order], by_file[order]
        bounds = numpy.flatnonzero(numpy.diff(by_file)) + 1
        exact = {int(file): (rows, firsts) for file, rows, firsts in
                 zip(by_file[numpy.append(0, bounds)] if len(by_file) else (),
                     numpy.split(later_rows, bounds), numpy.split(first_rows, bounds))}
        for file in sorted(set(copies) | set(exact)):
            mine = copies.pop(file, [])
            rows, firsts = exact.pop(file, ((), ()))
            for row, first in zip(list(rows), list(firsts)):
                row, first = int(row), int(first)
                what = "paragraph" if is_paragraph[first] else "sentence"
                mine.append((self.item_number[row], Group(self.item_file[first], self.item_line[first], what), 1.0))
            yield file, self._file_findings(file, mine)

    def _file_findings(self, file: int, copies: list[tuple[int, Group, float]]) -> list[Finding]:
        stored = self._places(file)
        rule = self.rules[file]
        kept = [(Place(file, *stored[number]), group, similarity) for number, group, similarity in copies]
        kept = [(place, group, similarity) for place, group, similarity in kept if not rule.allowed(place.text)]
        paragraphs = [(place.start, place.end) for place, group, _ in kept if group.what == "paragraph"]
        kept = [(place, group, similarity) for place, group, similarity in kept
                if group.what == "paragraph" or not any(s <= place.start and place.end <= e for s, e in paragraphs)]
        return self._one_per_sibling(sorted(kept, key=lambda item: item[0].start), rule)

    def _one_per_sibling(self, kept: list[tuple[Place, Group, float]], rule: CrossFileDuplicateRule) -> list[Finding]:
        """A file that shares `sibling_passages` passages or more with one earlier file is that file's
        sibling (two pages of a series built on one template): one finding, on the first shared
        passage, says how many more there are, instead of one finding per passage."""
        by_source: dict[int, list[tuple[Place, Group, float]]] = {}
        for item in kept:
            by_source.setdefault(item[1].first_file, []).append(item)
        findings = []
        for place, group, similarity in kept:
            shared = by_source[group.first_file]
            if len(shared) < rule.sibling_passages:
                findings.append(self._finding(place, group, similarity))
            elif shared[0][0] is place:
                finding = self._finding(place, group, similarity)
                finding.message += f" {len(shared) - 1} more passages of this file also appear there."
                finding.extra["shared_passages"] = len(shared)
                findings.append(finding)
        return findings

    def _boilerplate(self, first_file: int, file_count: int) -> bool:
        rule = self.rules[first_file]
        if rule.boilerplate_files is not None and file_count >= rule.boilerplate_files:
            return True  # a template a whole section of the site carries; a paste error is not made five times
        return file_count >= rule.boilerplate_min_files and file_count / max(self.files, 1) > rule.boilerplate_share

    def _finding(self, place: Place, group: Group, similarity: float) -> Finding:
        rule = self.rules[place.file]
        where = f"{self.paths[group.first_file]}:{group.first_line}"
        how = "word for word" if similarity >= 1.0 else f"{similarity:.0%} similar"
        message = rule.render(what=group.what, where=where, how=how)
        return Finding(rule.id, rule.category, rule.severity, message, place.start, place.end,
                          f"Link to {where} instead of repeating it, or allow it as boilerplate.",
                          place.line, place.column, place.end_line, place.end_column, place.text,
                          extra={"duplicate_of": {"path": self.paths[group.first_file], "line": group.first_line},
                                 "similarity": round(similarity, 3)})
