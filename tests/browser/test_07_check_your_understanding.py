"""Lesson 07 in a real browser: self-assessment, the final quiz (4 / 4 and partly
wrong) and the course progress page after a kernel restart.

Right and wrong options come from the quiz file through lessonlib's own API
(``load_quiz`` and ``Question.is_right``), never from the page.
"""

from __future__ import annotations

import pytest
from labpage import (
    NOTEBOOK_PANEL,
    assert_clean,
    open_notebook,
    restart_and_run_all,
    run_all,
    screenshot,
)
from playwright.sync_api import expect

from lessonlib.course.advice import QUESTIONS
from lessonlib.course.quiz import load_quiz

pytestmark = pytest.mark.browser

NAME = "07_check_your_understanding"
TIMEOUT = 30_000  # ms for one widget round trip through the kernel
QUIZ = load_quiz(NAME)


def _quiz(page):
    return page.locator(f"{NOTEBOOK_PANEL} .lessonlib-quiz-{NAME}")


def _answer(page, right: int) -> None:
    """Reset the quiz, then answer the first ``right`` questions right and the rest wrongly."""
    quiz = _quiz(page)
    score = quiz.locator(".lessonlib-score")
    quiz.locator(".lessonlib-reset").scroll_into_view_if_needed()
    quiz.locator(".lessonlib-reset").click()
    expect(score).to_have_text(f"Score: 0 / {len(QUIZ)}", timeout=TIMEOUT)
    for n, question in enumerate(QUIZ):
        box = quiz.locator(f".lessonlib-question-{question.id}")
        box.scroll_into_view_if_needed()
        good = n < right
        option = next(o for o in question.options if question.is_right(o) == good)
        box.locator(".lessonlib-options").get_by_label(option, exact=True).check()
        box.locator(".lessonlib-check").click()
        expect(box.locator(".lessonlib-feedback")).to_contain_text(
            "✓ Correct" if good else "✗ Not quite", timeout=TIMEOUT)
        # the explanation is shown after answering, right or wrong
        expect(box.locator(".lessonlib-feedback")).to_contain_text(question.explanation[:40])
        expect(score).to_have_text(f"Score: {min(n + 1, right)} / {len(QUIZ)}",
                                   timeout=TIMEOUT)


def _lesson_row(page):
    table = page.locator(f"{NOTEBOOK_PANEL} .lessonlib-course-lessons")
    table.scroll_into_view_if_needed()
    return table.locator("tr", has=page.locator(f"a[href='{NAME}.ipynb']"))


def test_self_assessment_gives_advice_with_links(page, collector):
    open_notebook(page, NAME)
    run_all(page)
    box = page.locator(f"{NOTEBOOK_PANEL} .lessonlib-advice")
    box.scroll_into_view_if_needed()
    feedback = box.locator(".lessonlib-advice-feedback")
    box.locator(".lessonlib-advice-check").click()
    expect(feedback).to_contain_text("Answer every question first", timeout=TIMEOUT)
    picks = {"owner": "receiver", "reactors": "one-today", "flow": "chain",
             "reason": "decoupled"}
    for question in QUESTIONS:
        label = question.text_of(picks[question.id])
        box.locator(f".lessonlib-advice-{question.id}").get_by_label(label, exact=True).check()
    box.locator(".lessonlib-advice-check").click()
    expect(feedback).to_contain_text("This link leans towards an event.", timeout=TIMEOUT)
    expect(feedback.locator("a[href='03_the_event_chain_trap.ipynb']")).to_have_count(1)
    expect(feedback.locator("a[href='04_criminal_check_exercise.ipynb']")).to_have_count(1)
    screenshot(page, f"{NAME}-advice")
    assert_clean(page, collector)


@pytest.mark.parametrize("right", [len(QUIZ), 2], ids=["all-right", "partly-wrong"])
def test_final_quiz_and_progress_page_after_restart(page, collector, right):
    open_notebook(page, NAME)
    run_all(page)
    _answer(page, right)
    assert_clean(page, collector)

    restart_and_run_all(page)
    quiz = _quiz(page)
    expect(quiz.locator(".lessonlib-score")).to_have_text(f"Score: {right} / {len(QUIZ)}")
    row = _lesson_row(page)
    expect(row).to_contain_text(f"Score: {right} / {len(QUIZ)}")
    if right == len(QUIZ):
        expect(row).to_contain_text("done: every question answered right")
    else:
        expect(row).to_contain_text(f"revisit {len(QUIZ) - right} answered wrongly")
    engine = page.locator(f"{NOTEBOOK_PANEL} .lessonlib-progress")
    expect(engine).to_contain_text(f"Score: {right} / {len(QUIZ)}")
    links = page.locator(f"{NOTEBOOK_PANEL} .lessonlib-course-lessons a")
    expect(links).to_have_count(8)
    screenshot(page, f"{NAME}-progress-{right}-of-{len(QUIZ)}")
    assert_clean(page, collector)
