"""How long `contentcheck lsp` takes to send new diagnostics after an edit to an ~800-word article.

Starts the server over stdio with pygls's own client, opens a generated article (benchmarks/
generate_corpus.py, seeded), then types: each edit inserts a word, and the time from the change to
the diagnostics is measured. The server waits DEBOUNCE_SECONDS after the last change before it
checks, so the figure an editor feels after a pause is (time - debounce); saves check at once.

    python benchmarks/lsp_latency.py [--edits 30]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from generate_corpus import article

from contentcheck.lsp import DEBOUNCE_SECONDS


async def measure(edits: int) -> None:
    text = article(1, random.Random(7), [])
    folder = Path(tempfile.mkdtemp())
    path = folder / "article.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client = LanguageClient("latency", "1")
    arrived: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(time.perf_counter())

    await client.start_io(sys.executable, "-m", "contentcheck", "lsp")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                      root_uri=folder.as_uri()))
    client.initialized(lsp.InitializedParams())
    sent = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    first = await arrived.get() - sent
    after_edit, after_save = [], []
    for version in range(2, edits + 2):
        line = version % text.count("\n")
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=line, character=0), end=lsp.Position(line=line, character=0)),
            text="Really ")
        text = "\n".join(row if i != line else "Really " + row for i, row in enumerate(text.split("\n")))
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        after_edit.append(await arrived.get() - sent - DEBOUNCE_SECONDS)
        sent = time.perf_counter()
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
        after_save.append(await arrived.get() - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    words = len(text.split())
    print(f"{words} words; first check on open {first * 1000:.0f} ms (loads the rules)")
    for name, times in (("after an edit, past the debounce", after_edit), ("on save", after_save)):
        ordered = sorted(times)
        print(f"{name}: median {statistics.median(ordered) * 1000:.1f} ms, "
              f"90th percentile {ordered[int(len(ordered) * 0.9) - 1] * 1000:.1f} ms over {len(ordered)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=30)
    asyncio.run(measure(parser.parse_args().edits))


if __name__ == "__main__":
    main()
