"""Lesson 08 in a real browser, within the walk every lesson gets (tests/browser/lessons.py):
self-assessment, the final quiz (partly wrong, then all right) and the course progress
page after each kernel restart.

Right and wrong options come from the quiz file through lessonlib's own API
(``load_quiz`` and ``Question.is_right``), never from the page.
"""

from __future__ import annotations

import pytest
from feel import every_control_by_keys
from lessons import answer_every_quiz, assert_quizzes_restored, run_and_check
from pages import REPLY_MS, right_answer, wrong_answer
from playwright.sync_api import expect

from lessonlib.course.advice import QUESTIONS
from lessonlib.course.lessons import LESSONS
from lessonlib.course.quiz import load_quiz
from lessonlib.widgets.advice import CSS as ADVICE
from lessonlib.widgets.advice import options_class
from lessonlib.widgets.progress import CSS as PROGRESS

pytestmark = pytest.mark.browser

NAME = "08_check_your_understanding"
QUIZ = load_quiz(NAME)


def _answer(nb, right: int) -> None:
    """Reset the quiz, then answer the first ``right`` questions right and the rest wrongly."""
    quiz = nb.quiz(NAME)
    quiz.reset()
    expect(quiz.score).to_have_text(f"Score: 0 / {len(QUIZ)}", timeout=REPLY_MS)
    for n, question in enumerate(QUIZ):
        good = n < right
        quiz.select(question, right_answer(question) if good else wrong_answer(question))
        feedback = quiz.check(question)
        expect(feedback).to_contain_text("✓ Correct" if good else "✗ Not quite",
                                         timeout=REPLY_MS)
        # the explanation is shown after answering, right or wrong
        expect(feedback).to_contain_text(question.explanation[:40])
        expect(quiz.score).to_have_text(f"Score: {min(n + 1, right)} / {len(QUIZ)}",
                                        timeout=REPLY_MS)


def _lesson_card(nb):
    cards = nb.locator(f".{PROGRESS.lessons} .{PROGRESS.card}")
    cards.first.scroll_into_view_if_needed()
    return cards.filter(has=nb.page.locator(f"a[href='{NAME}.ipynb']"))


def test_advice_progress_page_partly_wrong_then_every_answer_saved(lab):
    nb = run_and_check(lab, NAME)
    box = nb.locator(f".{ADVICE.whole}")
    box.scroll_into_view_if_needed()
    feedback = box.locator(f".{ADVICE.feedback}")
    box.locator(f".{ADVICE.advise} button").click()
    expect(feedback).to_contain_text("Answer every question first", timeout=REPLY_MS)
    picks = {"owner": "receiver", "reactors": "one-today", "flow": "chain",
             "reason": "decoupled"}
    for question in QUESTIONS:
        label = question.text_of(picks[question.id])
        box.locator(f".{options_class(question.id)}").get_by_label(label, exact=True).check()
    box.locator(f".{ADVICE.advise} button").click()
    expect(feedback).to_contain_text("This link leans towards an event.", timeout=REPLY_MS)
    expect(feedback.locator("a[href='03_the_event_chain_trap.ipynb']")).to_have_count(1)
    expect(feedback.locator("a[href='04_criminal_check_exercise.ipynb']")).to_have_count(1)
    lab.screenshot_of(nb.cell_with(f".{ADVICE.whole}"), f"{NAME}-advice")
    nb.assert_clean()
    # by keys: each question one Tab stop (its answer moves with the arrow keys), then
    # the button, each with a focus ring
    reached = every_control_by_keys(lab, nb, box)
    assert sum(c.startswith("radio:") for c in reached) == len(QUESTIONS), reached

    # Partly wrong: the progress page, drawn again after a restart, says what to revisit.
    right = 2
    _answer(nb, right)
    nb.assert_clean()
    nb.restart_and_run_all()
    expect(nb.quiz(NAME).score).to_have_text(f"Score: {right} / {len(QUIZ)}")
    card = _lesson_card(nb)
    expect(card).to_have_count(1)
    expect(card).to_contain_text(f"Quiz: {right} of {len(QUIZ)} right")
    expect(card).to_contain_text(f"revisit {len(QUIZ) - right} answered wrongly")
    links = nb.locator(f".{PROGRESS.lessons} a")
    expect(links).to_have_count(len(LESSONS))
    lab.screenshot_of(nb.cell_with(f".{PROGRESS.lessons}"), f"{NAME}-progress-{right}-of-{len(QUIZ)}")

    # All right (each question first answered wrongly): saved, restored, and "Done".
    answer_every_quiz(nb, NAME)
    nb.restart_and_run_all()
    assert_quizzes_restored(nb, NAME)
    card = _lesson_card(nb)
    expect(card).to_contain_text(f"Quiz: {len(QUIZ)} of {len(QUIZ)} right")
    expect(card).to_contain_text("Done")
    expect(card).not_to_contain_text("revisit")
    lab.screenshot_of(nb.cell_with(f".{PROGRESS.lessons}"),
                      f"{NAME}-progress-{len(QUIZ)}-of-{len(QUIZ)}")
