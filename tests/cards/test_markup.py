"""Text as HTML, the course's one way (lessonlib.cards.markup)."""

from __future__ import annotations

import pytest

from lessonlib.cards.markup import markup, paragraphs


@pytest.mark.parametrize(("options", "expected"), [
    ({}, "A &quot;b&quot; <code>c &lt;d&gt;</code> **e**"),
    ({"code": False}, "A &quot;b&quot; `c &lt;d&gt;` **e**"),
    ({"emphasis": True}, "A &quot;b&quot; <code>c &lt;d&gt;</code> <strong>e</strong>"),
    ({"quote": False}, 'A "b" <code>c &lt;d&gt;</code> **e**'),
])
def test_markup_escapes_first_then_marks_up_what_it_is_asked_to(options, expected):
    assert markup('A "b" `c <d>` **e**', **options) == expected


def test_markup_takes_any_value_as_text():
    assert markup(42) == "42"


def test_paragraphs_of_a_text_are_its_non_blank_lines():
    assert paragraphs("one\n  \ntwo <b>\n") == "<p>one</p><p>two &lt;b&gt;</p>"
    assert paragraphs("`x`") == "<p>`x`</p>"  # plain escaping unless asked
    assert paragraphs("") == ""


def test_paragraphs_of_a_list_are_its_items_even_with_line_breaks():
    assert paragraphs(["a\nb", " ", "c"], style="margin: 4px 0;") == (
        '<p style="margin: 4px 0;">a\nb</p><p style="margin: 4px 0;">c</p>')


def test_prose_is_split_at_blank_lines_with_its_lines_joined():
    # The settings that give a prediction's prose (widgets/prediction.py's prose_html).
    prose = {"split": "blank lines", "code": True, "emphasis": True, "quote": False}
    assert paragraphs("A **b** *c* `d` <e>", **prose) == (
        "<p>A <strong>b</strong> <em>c</em> <code>d</code> &lt;e&gt;</p>")
    assert paragraphs("  first\n  line \n\n 'second' ", **prose) == (
        "<p>first line</p><p>'second'</p>")
