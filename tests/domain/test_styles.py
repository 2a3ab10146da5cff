"""One vocabulary for the style axis: values in, labels out, the old words still read."""

import pytest

from lessonlib import labs, simulate
from lessonlib.course import exercise
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.styles import (
    CHOREOGRAPHY,
    LAB_LABELS,
    ORCHESTRATION,
    SHOP_LABELS,
    STYLES,
    as_style,
)


def test_every_module_that_takes_a_style_takes_the_same_two_values():
    assert STYLES == (CHOREOGRAPHY, ORCHESTRATION) == ("choreography", "orchestration")
    assert simulate.systems.STYLES is labs.STYLES is exercise.STYLES is STYLES


@pytest.mark.parametrize(("word", "value"), [
    ("choreography", CHOREOGRAPHY), (" Orchestration ", ORCHESTRATION),
    ("chain", CHOREOGRAPHY), ("owner", ORCHESTRATION),  # the previous release's words
])
def test_a_style_is_read_forgivingly(word, value):
    assert as_style(word) == value


@pytest.mark.parametrize(("bad", "error", "says"), [
    ("choreograpy", LessonError, "Did you mean 'choreography'"),
    ("event chain", LessonError, "Unknown style 'event chain'"),  # a label is never a value
    (1, LessonTypeError, "'choreography' or 'orchestration'"),
])
def test_anything_else_gets_a_sentence(bad, error, says):
    with pytest.raises(error, match=says):
        as_style(bad)


def test_labels_are_shown_and_values_kept():
    assert set(SHOP_LABELS) == set(STYLES)
    assert {style for style, _ in LAB_LABELS} == set(STYLES)
    assert not set(SHOP_LABELS.values()) & set(STYLES)


@pytest.mark.parametrize(("old", "new"), [
    (("chain",), ("choreography",)), (("owner",), ("orchestration",)),
])
def test_the_old_words_build_the_same_shop(old, new):
    assert simulate.shop(*old).roles() == simulate.shop(*new).roles()


def test_the_old_tracked_chain_is_choreography_with_a_tracker():
    old = labs.failure_lab("tracked chain", orders=50)
    new = labs.failure_lab("choreography", tracking=True, orders=50)
    assert (old.style, old.tracking, old.counts) == (new.style, new.tracking, new.counts)
    assert new.label == "event chain + tracking"
