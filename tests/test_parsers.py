"""The three front ends: what reaches prose rules, with which kind, at which exact offsets."""

import re
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentcheck.errors import InputError
from contentcheck.parsers import markdown
from contentcheck.registry import parse


def _assert_exact(document):
    """Every verbatim piece of every block is the source slice it claims to be."""
    for block in document.blocks + document.boilerplate:
        for piece in block.pieces:
            if piece.verbatim:
                source = document.source[piece.source_start:piece.source_end]
                assert source == block.text[piece.text_start:piece.text_end]


MARKDOWN = """---
title: "Back pain"
health: true
---
# Back pain &amp; you

Keep *moving* and see [your GP](https://example.org/gp "GP"). Use `code` here.

> Rest is not always best.

- Take it with food
- Take it at night

| Drug | Dose |
|------|------|
| Ibuprofen | 400 mg |

![A man stretching](stretch.png)

```python
best = "guaranteed"
```

<!-- contentcheck: disable=promotional.superlatives -->
"""


def test_markdown_blocks_kinds_and_text():
    document = parse(MARKDOWN, "a.md")
    _assert_exact(document)
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert kinds == [
        ("heading", "Back pain & you"),
        ("paragraph", "Keep moving and see your GP. Use   here."),
        ("blockquote", "Rest is not always best."),
        ("list_item", "Take it with food"),
        ("list_item", "Take it at night"),
        ("table_cell", "Drug"), ("table_cell", "Dose"), ("table_cell", "Ibuprofen"), ("table_cell", "400 mg"),
        ("alt", "A man stretching"),
    ]
    assert document.blocks[2].quoted
    assert document.metadata == {"title": "Back pain", "health": True}
    assert [c[2].strip() for c in document.comments] == ["contentcheck: disable=promotional.superlatives"]


def test_markdown_entity_maps_to_whole_entity_in_source():
    document = parse(MARKDOWN, "a.md")
    heading = document.blocks[0]
    start, end = heading.to_source(heading.text.index("&"), heading.text.index("&") + 1)
    assert document.source[start:end] == "&amp;"


def test_markdown_link_url_and_code_never_reach_prose():
    document = parse("See [the best](https://best.example/best) and `best`.", "a.md")
    assert document.blocks[0].text.count("best") == 1


def test_a_bold_label_run_into_its_sentence_is_a_sentence_of_its_own():
    """CommonMark leaves "**Label.**Text" unparsed (no bold closes before a letter): the label must not
    lengthen the sentence after it, and the asterisks are not prose."""
    source = "- **Support from your care team.**If you need help at home, ask a nurse. A **bold** word.\n"
    block = parse(source, "a.md").blocks[0]
    sentences = [s.text for s in block.sentences]
    assert sentences == ["Support from your care team.", "If you need help at home, ask a nurse.", "A bold word."]
    start, end = block.to_source(block.sentences[1].start, block.sentences[1].end)
    assert source[start:end] == "If you need help at home, ask a nurse."


def test_markdown_with_thousands_of_open_brackets_reads_them_as_text_and_says_so():
    """markdown-it scans for a label's end from every '[': a page of them once took seconds per file."""
    text = "See [our guide](https://example.org/guide).\n\n" + "[" * 3000 + " The best clinic.\n"
    document = parse(text, "a.md")
    assert document.artefacts.notes == ["a.md: links not read (more than 2,000 '[' left open); brackets count as text"]
    assert document.blocks[0].links == [] and document.blocks[1].text.endswith("The best clinic.")
    _assert_exact(document)
    few = parse(text.replace("[" * 3000, "[" * 100), "a.md")
    assert few.artefacts.notes == [] and few.blocks[0].links[0][2] == "https://example.org/guide"


def test_markdown_front_matter_error_names_line():
    with pytest.raises(InputError) as info:
        parse("---\ntitle: ok\nbad: [unclosed\n---\nText\n", "a.md")
    assert str(info.value).startswith("a.md:") and "invalid YAML" in str(info.value)


def test_markdown_front_matter_must_be_a_mapping():
    with pytest.raises(InputError, match="mapping"):
        parse("---\n- a\n- b\n---\nText\n", "a.md")


HTML = """<!DOCTYPE html>\r
<html><head><title>Sleep &amp; screens</title><meta name="description" content="About sleep">
<style>.best{}</style><script>var best = 1;</script></head>
<body><nav><a href="/">Best deals</a></nav>
<header><p>Clinic banner</p></header>
<article><header><h1>Sleep</h1></header>
<p>Screens late at night<br>delay sleep &mdash; often.</p>
<img src="a.png" alt="A child &quot;reading&quot;">
<ul><li>Stop screens early</li></ul>
<table><tr><td>Age</td><td>Hours</td></tr></table>
<blockquote>Sleep is not always easy.</blockquote>
<p>Some <code>best</code> code.<!-- contentcheck: disable-next-line --></p>
<pre>guaranteed</pre>
</article>
<footer><p>For information only.</p></footer>
</body></html>"""


def test_html_blocks_kinds_and_boilerplate():
    document = parse(HTML, "a.html")
    _assert_exact(document)
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("title", "Sleep & screens"),
        ("heading", "Sleep"),
        ("paragraph", "Screens late at night delay sleep — often."),
        ("alt", 'A child "reading"'),
        ("list_item", "Stop screens early"),
        ("table_cell", "Age"), ("table_cell", "Hours"),
        ("blockquote", "Sleep is not always easy."),
        ("paragraph", "Some  code."),
    ]
    assert [b.text for b in document.boilerplate] == ["Best deals", "Clinic banner", "For information only."]
    assert document.metadata["description"] == "About sleep"
    assert document.metadata["title"] == "Sleep & screens"


def test_html_alt_entity_offsets():
    document = parse(HTML, "a.html")
    alt = next(b for b in document.blocks if b.kind == "alt")
    start, end = alt.to_source(0, len(alt.text))
    assert document.source[start:end] == "A child &quot;reading&quot;"


def test_html_unclosed_tags_and_stray_end_tags_do_not_lose_text():
    document = parse("<p>One<p>Two</span></div><li>Three", "a.html")
    assert [b.text for b in document.blocks] == ["One", "Two", "Three"]


def test_text_paragraphs_split_on_blank_lines_including_crlf():
    document = parse("First para\r\nstill first.\r\n\r\nSecond.\n\n\n  Third.  \n", "a.txt")
    _assert_exact(document)
    assert [b.text for b in document.blocks] == ["First para\r\nstill first.", "Second.", "Third."]


@given(st.lists(st.one_of(st.sampled_from(["Rest helps.", "back pain", "40%", "a-b", ":", "#", "+", "=", "~", "{",
                                           "\n", "\n\n", "- ", "1. ", "> ", "## ", "| a | b |\n|---|---|\n"]),
                          st.sampled_from(["*", "_", "`", "[", "](x)", "!", "<", ">", "&amp;", "\\", "<!-- c -->"]),
                          st.text(max_size=8)), max_size=40).map(" ".join))
def test_markdown_blocks_are_those_of_markdown_its_inline_pass_run_everywhere(text):
    """The inline pass is skipped where no character can start inline syntax; the blocks, their
    source maps and links must be what the pass itself would have made."""
    def blocks(document):
        return [(b.kind, b.text, b.pieces, b.links, b.quoted) for b in document.blocks], document.comments

    fast = blocks(markdown.parse_markdown(text, "a.md"))
    with patch.object(markdown, "_INLINE_SYNTAX", re.compile("")):  # matches every text: the pass always runs
        assert blocks(markdown.parse_markdown(text, "a.md")) == fast
