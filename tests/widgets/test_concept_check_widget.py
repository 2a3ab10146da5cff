"""The concept check's form (lessonlib.widgets.concept_check), driven by its buttons: handed in
once and whole, locked after, silent about right and wrong until the post form is in; then
each item's verdict, and the gain per concept on the form and on the progress page."""

from __future__ import annotations

import html
import re

import pytest

from lessonlib import concept_check, progress
from lessonlib.cards.results import concept_gain_html, results_html
from lessonlib.course.concept_check import form_answers, handed_in
from lessonlib.course.quiz import right_number
from lessonlib.errors import LessonError


def text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def answer(view, right: bool) -> None:
    """Answer every item of the form on screen, all right or all wrong, as a student clicks."""
    for item in view.items:
        q = item.activity.question
        if item.number is not None:
            n = right_number(q)
            item.number.value = str(n if right else n + 1)
        else:
            item.choices.value = [next(o for o in item.choices.options
                                       if q.is_right(o) == right)]


def test_an_open_item_stops_the_hand_in_and_nothing_is_saved(fresh_progress):
    view = concept_check("pre")
    answer(view, right=False)
    view.items[2].choices.value = []
    view.hand_in.click()
    assert "1 still open (item 3)" in view.status.value
    assert form_answers("pre") == {} and not view.hand_in.disabled


def test_a_number_that_is_not_one_is_answered_with_a_sentence(fresh_progress):
    view = concept_check("pre")
    answer(view, right=True)
    numeric = next(item for item in view.items if item.number is not None)
    numeric.number.value = "four"
    view.hand_in.click()
    assert "Nothing is handed in yet" in view.status.value and not handed_in("pre")


def test_the_pre_form_is_locked_and_keeps_its_verdict_for_later(fresh_progress):
    view = concept_check("pre")
    answer(view, right=False)
    view.hand_in.click()
    assert handed_in("pre") and view.hand_in.disabled
    assert "You will see how you did at the end" in view.status.value
    assert all(item.verdict.value == "" for item in view.items)  # no verdict before the post
    assert all((item.choices or item.number).disabled for item in view.items)
    again = concept_check("pre")  # the cell run again, or a restart
    assert again.hand_in.disabled and again.items[0].choices.value == view.items[0].choices.value
    again.hand_in.click()  # nothing changes, nothing is refused loudly
    assert form_answers("pre") == form_answers("pre")


def test_after_the_post_form_both_forms_show_verdicts_and_the_gain(fresh_progress):
    pre = concept_check("pre")
    answer(pre, right=False)
    pre.hand_in.click()
    post = concept_check("post")
    answer(post, right=True)
    post.hand_in.click()
    assert "Each item shows its verdict" in post.status.value
    assert all(text(item.verdict.value).startswith("✓ Correct.") for item in post.items)
    assert "0 of 12" in post.gain.value and "12 of 12" in post.gain.value
    assert "+100%" in post.gain.value
    assert all(text(item.verdict.value).startswith("✗ Not quite.")
               for item in concept_check("pre").items)
    page = progress()
    assert "+100%" in page.gain.value and "Every concept" in page.gain.value


def test_the_form_is_found_by_its_name():
    with pytest.raises(LessonError, match="Did you mean 'post'"):
        concept_check("pots")


def test_the_class_view_escapes_and_shows_the_gain():
    page = concept_gain_html({"concepts": [{"key": "owner", "title": "Owner", "items": 2}],
                              "most": 12, "both": 1, "gain": 0.5, "mean_of_gains": 0.25,
                              "per_concept": {"owner": 1.0},
                              "forms": {"pre": {"students": 1, "distribution": {"4": 1},
                                                "mean": 4.0},
                                        "post": {"students": 1, "distribution": {"8": 1},
                                                 "mean": 8.0}},
                              "students": [{"student": "<ada>", "pre": 4, "post": 8}]})
    assert "+50%" in page and "+25%" in page and "+100%" in page
    assert "&lt;ada&gt;" in page and "<ada>" not in page
    assert "mean 4.0 of 12" in page and "4 of 12" in page
    lesson = results_html({"lesson": "00_start_here", "title": "Start", "students": 1,
                           "questions": [], "concept_check": [
                               {"id": "cc-owner-1", "prompt": "Who?", "options": ["a", "b"],
                                "correct": ["a"], "answered": 1, "first": {"a": 1},
                                "latest": {"a": 1}}]})
    assert "Concept check" in lesson and "lessonlib-result-cc-owner-1" in lesson


def test_the_hand_in_carries_every_answer_as_the_browser_has_it(fresh_progress):
    # A press right after ticking or typing carries each item's answer (widgets/button.py),
    # so a change still held back in the browser cannot be overtaken by the hand-in.
    view = concept_check("pre")
    answers = [item.number if item.number is not None else item.choices for item in view.items]
    assert view.hand_in.carries == [answer.model_id for answer in answers]
    assert {type(answer).__name__ for answer in answers} == {"Text", "ChoiceGroup"}


def test_the_self_assessment_carries_its_four_answers():
    from lessonlib.widgets.advice import SelfAssessment

    box = SelfAssessment()
    assert box.advise.carries == [radio.model_id for radio in box.radios.values()]
    values = {radio.model_id: [radio.options[0]] for radio in box.radios.values()}
    box.advise._handle_message(box.advise, {"event": "click", "values": values}, [])
    assert "Answer every question first" not in box.feedback.value

