"""What the shipped quizzes say: no blind strategy wins, numbers come from models,
wrong options are beliefs, and "answer" means one thing everywhere.

The share each blind strategy gets right is printed with ``pytest -s -k blind``.
"""

from __future__ import annotations

import inspect
import re
from fractions import Fraction

import pytest

from lessonlib import scenarios
from lessonlib.course import quizmodels
from lessonlib.course.quiz import available_quizzes, display_order, load_quiz, right_number

QUIZZES = [load_quiz(lesson) for lesson in available_quizzes()]
SINGLE = [q for qz in QUIZZES for q in qz if q.kind == "single"]
NUMERIC = [q for qz in QUIZZES for q in qz if q.kind == "numeric"]


def _share(question, pick) -> Fraction:
    """The expected score of a strategy that picks among ``pick(options)`` at random."""
    chosen = pick(question.options)
    return Fraction(sum(question.is_right(o) for o in chosen), len(chosen))


def _extreme(options, key):
    best = key(max(options, key=key))
    return [o for o in options if key(o) == best]


STRATEGIES = {
    "longest": lambda options: _extreme(options, len),
    "shortest": lambda options: _extreme(options, lambda o: -len(o)),
    "first as written": lambda options: [options[0]],
    "last as written": lambda options: [options[-1]],
}


def blind_scores() -> dict[str, Fraction]:
    scores = {name: sum(_share(q, pick) for q in SINGLE) for name, pick in STRATEGIES.items()}
    scores["chance"] = sum(Fraction(1, len(q.options)) for q in SINGLE)
    return scores


def test_no_blind_strategy_beats_chance_across_every_quiz_file():
    scores = blind_scores()
    chance = scores.pop("chance")
    n = len(SINGLE)
    print(f"\n{n} single-choice questions; chance {float(chance):.2f} ({float(chance) / n:.0%})")
    for name, score in scores.items():
        print(f"  {name:18} {float(score):5.2f} ({float(score) / n:.0%})")
    assert n >= 20
    for name, score in scores.items():
        assert score <= chance, f"always picking the {name} option scores {float(score):.2f} of {n}, chance is {float(chance):.2f}"


def test_shown_order_gives_nothing_away_either():
    """Options appear shuffled per student: first or last is right about as often as chance."""
    students = [f"student-{n}" for n in range(300)]
    chance = float(sum(Fraction(1, len(q.options)) for q in SINGLE))
    for where in (0, -1):
        mean = sum(q.is_right(display_order(q, s)[where]) for q in SINGLE for s in students)
        mean /= len(students)
        assert mean <= chance + 0.05 * len(SINGLE), (where, mean, chance)


def test_every_numeric_answer_is_the_count_its_model_gives():
    assert {q.quiz[:2] for q in NUMERIC} >= {"03", "04", "08"}
    for q in NUMERIC:
        assert q.model, f"{q.quiz}/{q.id}: a numeric question says which model computes it"
        computed = quizmodels.compute(q.model)
        assert q.is_right(computed), f"{q.quiz}/{q.id}: the model counts {computed}"
        assert right_number(q) == computed


def test_numeric_questions_answer_the_near_misses():
    """The common wrong numbers (one fewer, one more) get feedback of their own."""
    for q in NUMERIC:
        answer = right_number(q)
        for near in {max(answer - 1, 0), answer + 1} - {answer}:
            assert q.feedback_for(near) != q.other_feedback, (q.id, near)


def test_the_transfer_question_is_about_a_domain_no_lesson_shows():
    (transfer,) = [q for q in NUMERIC if q.quiz.startswith("08")]
    shown = set()
    for _, build in inspect.getmembers(scenarios, inspect.isfunction):
        if build.__module__ == scenarios.__name__ and not inspect.signature(build).parameters:
            model = build()
            shown |= set(getattr(model, "services", ()))
    claims = quizmodels.MODELS[transfer.model]()
    assert set(claims.before.services).isdisjoint(shown), shown & set(claims.before.services)


def test_wrong_options_carry_their_own_feedback_and_the_old_throwaways_are_gone():
    throwaways = ["commands are faster than events", "messages with one subscriber should be "
                  "removed", "query for the customer's address", "slow and central"]
    for qz in QUIZZES:
        for q in qz:
            texts = [q.prompt, *q.options]
            assert not any(t.lower() in " ".join(texts).lower() for t in throwaways), q.id
            wrong = [q.feedback_for(o) for o in q.options if not q.is_right(o)]
            assert len(set(wrong)) == len(wrong), f"{q.quiz}/{q.id}: two wrong options share feedback"


SENTENCE = re.compile(r"[^.!?]+")


@pytest.mark.parametrize("qz", QUIZZES, ids=lambda qz: qz.lesson)
def test_answer_means_one_thing(qz):
    """Expecting an answer is meaning; blocking is transport. A sentence that calls
    waiting transport must say it is the blocking (not the answer) that is transport."""
    for q in qz:
        texts = [q.prompt, *q.options, *q.feedback, q.explanation, *q.hints, q.other_feedback]
        texts += [text for _, text in q.number_feedback]
        for sentence in (s for t in texts for s in SENTENCE.findall(t)):
            low = sentence.lower()
            if "transport" in low and re.search(r"\bwait", low):
                assert "block" in low, f"{qz.lesson}/{q.id}: {sentence.strip()!r}"
