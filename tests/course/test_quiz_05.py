"""Lesson 05's quiz measures understanding (issue 24, item 5; the standard of issue 13): most
of its items apply the lesson to a system it does not show, every wrong option is a belief its
feedback names, and its numbers are counted by models. (No blind strategy beats chance in it:
tests/course/test_quiz_content.py checks every quiz file for that.)
"""

from __future__ import annotations

from lessonlib.course import quizmodels
from lessonlib.course.quiz import load_quiz, right_number

QUIZ = load_quiz("05_track_then_manage")
SINGLE = [q for q in QUIZ if q.kind == "single"]
#: The items that describe a system and a change or a failure in it, and ask what happens, who
#: must change, or why (the ticket shop, the insurer, the three teams' engine).
APPLICATION = {"watch-count", "watch-sees", "resend", "owner-price", "hybrid", "placement"}


def test_the_application_items_are_the_ones_on_systems_the_lesson_does_not_show():
    """The blind strategies and the share of application items are checked for every quiz in
    test_quiz_content.py; here, which items of quiz 05 are marked, and why."""
    assert {q.id for q in QUIZ if q.application} == APPLICATION
    assert 2 * len(APPLICATION) >= len(QUIZ)


def test_every_wrong_option_names_a_belief_and_the_right_one_says_why():
    for q in SINGLE:
        for option, feedback in zip(q.options, q.feedback, strict=True):
            if q.is_right(option):
                assert feedback.startswith("Right"), (q.id, option)
            else:
                assert feedback.startswith("That is the belief"), (q.id, option)


def test_the_numbers_are_counted_by_models_on_a_domain_the_lesson_does_not_show():
    numeric = [q for q in QUIZ if q.kind == "numeric"]
    assert {q.model for q in numeric} == {"ticket_chain_watched", "ticket_chain_owner"}
    for q in numeric:
        assert right_number(q) == quizmodels.compute(q.model)
        assert q.feedback_for(right_number(q) + 1) != q.other_feedback
    lesson_services = {"Checkout", "Payment", "Inventory", "Shipping", "Order"}
    assert not {"Booking", "Delivery", "Ticketing"} & lesson_services
