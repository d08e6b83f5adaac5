"""Per-file results kept in a temporary file instead of memory, so a run over tens of thousands of
articles holds one result at a time. It reads like a list (len, index, iteration); a result read
back is a fresh copy, so a change is kept by assigning it back (`results[i] = result`); findings
found after a result was spooled are added with `add_findings`, without a rewrite. ResultList
is its in-memory twin, for unchanged re-runs small enough to keep every result.

The file is private to this process (an unnamed temporary file, gone when the run ends), which is
why pickle is safe here; nothing read from disk by other means is ever unpickled.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterator


class PickledResult:
    """A result pickled by the worker process that checked it, with the two fields the parent reads
    before spooling it. The parent then writes the bytes as they came instead of unpickling the
    result and pickling it again (on 2,000 articles that was ~1.4 s of the parent's time, taken
    from the workers on a 2-core machine)."""

    __slots__ = ("data", "error", "path")

    def __init__(self, result):
        self.data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        self.path, self.error = result.path, result.error


class ResultList(list):
    """Results kept in memory, counting writes as SpooledResults does, so that the counts taken from
    them (Report.tally) are reused until a result is added or replaced."""

    version = 0

    def append(self, result) -> None:
        super().append(result)
        self.version += 1

    def __setitem__(self, index, result) -> None:
        super().__setitem__(index, result)
        self.version += 1


class SpooledResults:
    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._offsets = array("Q")
        self._lengths = array("Q")
        self.version = 0  # changes on every write, so summaries computed from the results can be reused
        self._added_offsets = array("Q")  # per result, where its added findings are (length 0: none)
        self._added_lengths = array("Q")

    def _write(self, item) -> tuple[int, int]:
        data = item.data if isinstance(item, PickledResult) else pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, 2)
        self._file.write(data)
        self.version += 1
        return offset, len(data)

    def append(self, result) -> None:
        offset, length = self._write(result)
        self._offsets.append(offset)
        self._lengths.append(length)
        self._added_offsets.append(0)
        self._added_lengths.append(0)

    def __setitem__(self, index: int, result) -> None:
        index = range(len(self))[index]
        self._offsets[index], self._lengths[index] = self._write(result)  # the old bytes are left unused
        self._added_lengths[index] = 0  # the result given holds whatever was added to it

    def add_findings(self, index: int, findings: list) -> None:
        """Findings for result `index` made after it was spooled (cross-file ones): only they are
        written, and each read of the result merges them in (FileResult.add_findings). Rewriting the
        whole result instead took a read, an unpickle and a pickle of it, in the serial end of a run."""
        if findings:
            index = range(len(self))[index]
            findings = self._added(index) + list(findings)
            self._added_offsets[index], self._added_lengths[index] = self._write(findings)

    def _added(self, index: int) -> list:
        length = self._added_lengths[index]
        return self._read(self._added_offsets[index], length) if length else []

    def __getitem__(self, index: int):
        index = range(len(self))[index]
        result = self._read(self._offsets[index], self._lengths[index])
        result.add_findings(self._added(index))
        return result

    def _read(self, offset: int, length: int):
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator:
        for index in range(len(self)):
            yield self[index]
