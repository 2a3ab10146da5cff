"""Lesson 05's quiz measures understanding (issue 24, item 5; the standard of issue 13): most
of its items apply the lesson to a system it does not show, every wrong option is a belief its
feedback names, its numbers are counted by models, and no blind strategy (always the longest,
the shortest, the second-longest, the first or the last option) beats chance in it.

The share each strategy gets is printed with ``pytest -s -k quiz_05``.
"""

from __future__ import annotations

from fractions import Fraction

from lessonlib.course import quizmodels
from lessonlib.course.quiz import load_quiz, right_number

QUIZ = load_quiz("05_track_then_manage")
SINGLE = [q for q in QUIZ if q.kind == "single"]
#: The items that describe a system and a change or a failure in it, and ask what happens, who
#: must change, or why (the ticket shop, the insurer, the three teams' engine).
APPLICATION = {"watch-count", "watch-sees", "resend", "owner-price", "hybrid", "placement"}


def _extreme(options, key):
    best = key(max(options, key=key))
    return [o for o in options if key(o) == best]


def _second_longest(options):
    lengths = sorted({len(o) for o in options}, reverse=True)
    return [o for o in options if len(o) == lengths[1]] if len(lengths) > 1 else list(options)


STRATEGIES = {
    "longest": lambda options: _extreme(options, len),
    "shortest": lambda options: _extreme(options, lambda o: -len(o)),
    "second-longest": _second_longest,
    "first as written": lambda options: [options[0]],
    "last as written": lambda options: [options[-1]],
}


def _score(pick) -> Fraction:
    return sum(Fraction(sum(q.is_right(o) for o in pick(q.options)), len(pick(q.options)))
               for q in SINGLE)


def test_no_blind_strategy_beats_chance_in_quiz_05():
    chance = sum(Fraction(1, len(q.options)) for q in SINGLE)
    print(f"\nquiz 05: {len(SINGLE)} single-choice questions, chance {float(chance):.2f}")
    for name, pick in STRATEGIES.items():
        score = _score(pick)
        print(f"  {name:18} {float(score):.2f}")
        assert score <= chance, name


def test_at_least_half_of_quiz_05_applies_the_lesson():
    ids = {q.id for q in QUIZ}
    assert APPLICATION <= ids
    print(f"\nquiz 05: {len(APPLICATION)} of {len(ids)} items are application items")
    assert 2 * len(APPLICATION) >= len(ids) and len(APPLICATION) >= 2


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
