"""The one text wrapper every picture uses (lessonlib.pictures.wrapping)."""

from __future__ import annotations

import pytest

from lessonlib.pictures.sizes import text_extent
from lessonlib.pictures.wrapping import wrap

TITLE = 11.0
NAME = 9.5


def test_filled_lines_fit_the_width_and_keep_every_word_in_order():
    text = "Order fulfilment managed by the Order service, with a tracker watching"
    lines = wrap(text, 2.0, size=TITLE)
    assert len(lines) > 1
    assert " ".join(lines) == text
    assert all(text_extent(line, TITLE)[0] <= 2.0 for line in lines)


def test_a_word_wider_than_the_width_stays_whole():
    assert wrap("CustomerNeedsToBeSentANotificationEvent", 0.5, size=TITLE) == [
        "CustomerNeedsToBeSentANotificationEvent"]


@pytest.mark.parametrize(("keep_lines", "expected"), [
    (True, ["Before", "after: a change"]),
    (False, ["Before after: a change"]),
])
def test_a_texts_own_line_breaks_are_kept_or_joined(keep_lines, expected):
    assert wrap("Before\nafter: a change", 5.0, size=TITLE, keep_lines=keep_lines) == expected


@pytest.mark.parametrize(("cut", "expected"), [
    ("even", ["Customer", "onboarding service"]),
    ("first", ["Customer", "onboarding service"]),
])
def test_two_lines_break_once_only_when_the_text_is_too_wide(cut, expected):
    name = "Customer onboarding service"
    assert wrap(name, 1.0, size=NAME, bold=True, lines=2, cut=cut) == expected
    assert wrap(name, 9.0, size=NAME, bold=True, lines=2, cut=cut) == [name]
    assert wrap("Onboarding", 0.2, size=NAME, bold=True, lines=2, cut=cut) == ["Onboarding"]


def test_the_even_cut_and_the_first_space_differ_for_a_long_first_part():
    name = "A very long service name"
    assert wrap(name, 1.0, size=NAME, bold=True, lines=2, cut="first") == ["A",
                                                                           "very long service name"]
    assert wrap(name, 1.0, size=NAME, bold=True, lines=2) == ["A very long", "service name"]


def test_a_camel_case_name_breaks_before_a_capital_letter():
    assert wrap("CustomerNeedsToBeSentAWelcomeLetterEvent", 1.7, size=8.5, lines=2,
                at="capitals") == ["CustomerNeedsToBeSent", "AWelcomeLetterEvent"]
    assert wrap("lowercaseonly" * 5, 0.5, size=8.5, lines=2, at="capitals") == [
        "lowercaseonly" * 5]


def test_without_a_size_the_width_counts_characters():
    text = "commands RetrievePayment, FetchGoods and ShipGoods"
    assert wrap(text, 25) == ["commands RetrievePayment,", "FetchGoods and ShipGoods"]
    assert wrap(text, 24) == ["commands", "RetrievePayment,", "FetchGoods and ShipGoods"]
    assert wrap("", 24) == []


def test_more_than_two_lines_at_most_is_refused():
    with pytest.raises(ValueError, match="at most two"):
        wrap("a b c", 0.1, size=NAME, lines=3)
