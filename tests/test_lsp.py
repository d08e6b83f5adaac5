"""`contentcheck lsp` driven as an editor drives it: a real LSP client (pytest-lsp) talks to the
server in its own process over stdio, opens articles, edits them, asks for quick fixes and hover."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

pytestmark = pytest.mark.asyncio

# A seed-like clinic page: a clause pasted twice back to back after accented letters (one UTF-16
# unit each) and an emoji (two), and no medical disclaimer.
SEED = (
    "# Spinal decompression at Springfield Spine\n"
    "\n"
    "Our gentle table stretches the spine at the Café Crème building. 💪 And if you're looking for lasting relief, "
    "And if you're looking for lasting relief, contact us today.\n"
    "\n"
    "Most patients feel better after a few sessions of treatment for their back pain.\n"
)
REPEAT = "And if you're looking for lasting relief"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "contentcheck", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path: Path):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=tmp_path.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.as_uri(), name="articles")]))
    yield
    await lsp_client.shutdown_session()


def utf16_position(text: str, offset: int) -> lsp.Position:
    """What an editor counts: lines, and UTF-16 code units within the line."""
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    return lsp.Position(line=line, character=len(text[line_start:offset].encode("utf-16-le")) // 2)


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    def offset(position: lsp.Position) -> int:
        line_start = sum(len(line) for line in text.splitlines(keepends=True)[:position.line])
        units, index = 0, line_start
        while units < position.character:
            units += len(text[index].encode("utf-16-le")) // 2
            index += 1
        return index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


async def open_article(client: LanguageClient, path: Path, text: str) -> list[lsp.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=path.as_uri(), language_id="markdown", version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


async def change_article(client: LanguageClient, path: Path, text: str, version: int) -> list[lsp.Diagnostic]:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[path.as_uri()])


async def quick_fixes(client: LanguageClient, path: Path, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic])))
    return [action for action in found or [] if isinstance(action, lsp.CodeAction)]


def by_code(diagnostics: list[lsp.Diagnostic], code: str) -> list[lsp.Diagnostic]:
    return [d for d in diagnostics if d.code == code]


async def test_diagnostics_cover_the_repeat_and_the_missing_disclaimer_and_the_fix_updates_them(client, tmp_path):
    article = tmp_path / "spine.md"
    diagnostics = await open_article(client, article, SEED)

    [repeat] = by_code(diagnostics, "duplicates.repeated-clause")
    second = SEED.index(REPEAT, SEED.index(REPEAT) + 1)
    assert repeat.range == lsp.Range(start=utf16_position(SEED, second),
                                     end=utf16_position(SEED, second + len(REPEAT)))
    assert repeat.severity == lsp.DiagnosticSeverity.Warning and repeat.source == "contentcheck"
    assert repeat.code_description is not None and repeat.code_description.href.endswith("repeated-clause.yaml")
    [disclaimer] = by_code(diagnostics, "disclaimers.medical-disclaimer")
    assert disclaimer.range.start == lsp.Position(line=0, character=0)

    [fix] = [a for a in await quick_fixes(client, article, repeat) if a.title == "Delete the repeated text"]
    assert fix.is_preferred and fix.edit is not None and fix.edit.changes is not None
    fixed = apply_edits(SEED, fix.edit.changes[article.as_uri()])
    assert fixed.count(REPEAT) == 1 and "contact us today" in fixed and "💪" in fixed

    updated = await change_article(client, article, fixed, 2)
    assert by_code(updated, "duplicates.repeated-clause") == []
    assert by_code(updated, "disclaimers.medical-disclaimer") != []


async def test_a_suggested_word_is_a_quick_fix_and_disabling_the_rule_for_the_line_silences_it(client, tmp_path):
    article = tmp_path / "walk.md"
    text = "# Moving again\n\nPatients should ambulate every day after surgery.\n"
    [jargon] = by_code(await open_article(client, article, text), "plain-language.jargon")
    actions = {a.title: a for a in await quick_fixes(client, article, jargon)}

    replace = actions["Replace with 'walk'"]
    assert apply_edits(text, replace.edit.changes[article.as_uri()]) == text.replace("ambulate", "walk")

    silenced = apply_edits(text, actions["Disable plain-language.jargon for this line"].edit.changes[article.as_uri()])
    assert "<!-- contentcheck: disable-next-line=plain-language.jargon -->\nPatients should ambulate" in silenced
    assert by_code(await change_article(client, article, silenced, 2), "plain-language.jargon") == []


async def test_hover_gives_the_rules_reason_and_examples(client, tmp_path):
    article = tmp_path / "walk.md"
    text = "# Moving again\n\nPatients should ambulate every day after surgery.\n"
    [jargon] = by_code(await open_article(client, article, text), "plain-language.jargon")
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=article.as_uri()), position=jargon.range.start))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    assert "**plain-language.jargon**" in hover.contents.value
    assert "grade 6 to 8" in hover.contents.value and "Better:" in hover.contents.value


async def test_adding_a_word_to_the_vocabulary_edits_only_the_accept_list_and_rechecks(client, tmp_path):
    config = tmp_path / ".contentcheck.yaml"
    config.write_text("# house settings\nfail_on: warning  # CI gate\nvocabulary:\n  accept: [Springfield]\n")
    article = tmp_path / "drops.md"
    text = "# Drops\n\nTake the zylofenix drops with food.\n"
    [word] = [d for d in by_code(await open_article(client, article, text), "grammar.spelling")
              if "zylofenix" in d.message]
    [accept] = [a for a in await quick_fixes(client, article, word) if a.title == "Add 'zylofenix' to the vocabulary"]
    assert accept.edit is not None and accept.edit.document_changes is not None
    [change] = accept.edit.document_changes
    assert isinstance(change, lsp.TextDocumentEdit) and change.text_document.uri == config.as_uri()
    config.write_text(apply_edits(config.read_text(), list(change.edits)))  # the editor applies and saves it
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(
        text_document=lsp.TextDocumentIdentifier(uri=config.as_uri())))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert config.read_text() == ('# house settings\nfail_on: warning  # CI gate\nvocabulary:\n'
                                  '  accept: [Springfield, "zylofenix"]\n')
    assert [d for d in client.diagnostics[article.as_uri()] if "zylofenix" in d.message] == []


async def test_the_claims_register_through_the_custom_request(client, tmp_path):
    article = tmp_path / "spine.md"
    await open_article(client, article, SEED)
    answer = await client.protocol.send_request_async(
        "contentcheck/claims", {"textDocument": {"uri": article.as_uri()}})
    claims = answer["claims"] if isinstance(answer, dict) else answer.claims
    texts = [c["text"] if isinstance(c, dict) else c.text for c in claims]
    assert "Most patients feel better after a few sessions of treatment for their back pain." in texts


async def test_a_broken_config_is_one_error_naming_the_file_and_line(client, tmp_path):
    (tmp_path / ".contentcheck.yaml").write_text("fail_on: warning\npacks: [nonsense-pack]\n")
    diagnostics = await open_article(client, tmp_path / "a.md", "# Title\n\nSome text.\n")
    assert len(diagnostics) == 1 and diagnostics[0].severity == lsp.DiagnosticSeverity.Error
    assert ".contentcheck.yaml:2" in diagnostics[0].message


async def test_a_change_to_a_config_the_nearest_one_extends_is_seen(client, tmp_path):
    (tmp_path / ".git").mkdir()
    parent = tmp_path / ".contentcheck.yaml"
    parent.write_text("fail_on: warning\n")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / ".contentcheck.yaml").write_text("extends: ../.contentcheck.yaml\n")
    article = tmp_path / "news" / "drops.md"
    diagnostics = await open_article(client, article, "# Drops\n\nTake the zylofenix drops with food.\n")
    assert [d for d in diagnostics if "zylofenix" in d.message]
    parent.write_text("fail_on: warning\nvocabulary:\n  accept: [zylofenix]\n")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(
        text_document=lsp.TextDocumentIdentifier(uri=parent.as_uri())))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d for d in client.diagnostics[article.as_uri()] if "zylofenix" in d.message] == []
