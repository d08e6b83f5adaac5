"""Offsets and line/column positions as users see them in reports."""

import pytest

from contentcheck import check_text
from contentcheck.document import LineIndex
from contentcheck.errors import InputError
from contentcheck.sources import decode


def test_line_index_counts_lf_crlf_and_lone_cr_as_one_break_each():
    index = LineIndex("a\r\nb\nc\rd")
    assert [index.position(i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]


def test_columns_count_characters_not_bytes():
    text = "Café 💊 and best"
    finding = check_text(text, "a.txt").findings
    best = next(f for f in finding if f.text == "best")
    assert (best.line, best.column, best.end_column) == (1, 12, 16)


def test_tab_is_one_column():
    result = check_text("\tthe best clinic", "a.txt")
    best = next(f for f in result.findings if f.rule == "promotional.superlatives")
    assert best.column == 2


def test_crlf_file_positions_and_text_slice():
    text = "First line.\r\nWe are the best.\r\n"
    best = next(f for f in check_text(text, "a.md").findings if f.rule == "promotional.superlatives")
    assert (best.line, best.column) == (2, 8)
    assert text[best.start:best.end] == "the best"


def test_utf8_bom_is_removed_and_offsets_count_from_after_it():
    text = decode("\ufeffthe best".encode("utf-8"), "a.txt")
    assert text == "the best"


def test_invalid_utf8_is_a_one_line_error_with_line():
    with pytest.raises(InputError) as info:
        decode(b"ok\nbad \xff byte", "a.md")
    assert str(info.value).startswith("a.md:2: file is not valid UTF-8")


def test_binary_and_utf16_are_refused_clearly():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n...", "a.md")
    with pytest.raises(InputError, match="UTF-16"):
        decode("hello".encode("utf-16"), "a.md")
