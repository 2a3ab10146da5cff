"""Every quiz, answered in the browser the way a student answers it.

For each notebook that shows a quiz (``quiz("<lesson id>")`` in a code cell):
Run All and check the notebook as test_notebooks.py does (to spend one run, not
two, on each notebook); reset each quiz; for each question pick a wrong answer and press
Check ("✗ Not quite", score unchanged), then the right one ("✓ Correct",
score up by one). Then reload the page, restart the kernel and Run All: the
saved answers come back (right options selected, "✓ Correct", full score).

The right and wrong options come from the quiz files through lessonlib's own
API (``load_quiz`` and ``Question.is_right``), never from the page.
"""

from __future__ import annotations

import re

import pytest
from labpage import (
    NOTEBOOK_PANEL,
    WIDGET,
    assert_clean,
    open_notebook,
    reload_notebook,
    restart_and_run_all,
    run_all,
    screenshot,
    unexecuted_cells,
)
from playwright.sync_api import expect
from server import notebook_names, notebook_source

from lessonlib.course.quiz import available_quizzes, load_quiz

pytestmark = pytest.mark.browser

QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([A-Za-z0-9][A-Za-z0-9_-]*)["']""")
WRONG = "✗ Not quite"
RIGHT = "✓ Correct"
TIMEOUT = 30_000  # ms for one widget round trip through the kernel


def quizzes_in(name: str) -> list[str]:
    """Lesson ids of the quizzes a notebook's code shows, in order."""
    return list(dict.fromkeys(QUIZ_CALL.findall(notebook_source(name))))


def notebooks_with_quizzes() -> list[str]:
    return [name for name in notebook_names() if quizzes_in(name)]


def _shown_quiz_ids(page) -> list[str]:
    classes = page.locator(f"{NOTEBOOK_PANEL} .lessonlib-quiz").evaluate_all(
        "els => els.map(e => Array.from(e.classList))"
    )
    ids = []
    for class_list in classes:
        ids += [
            c.removeprefix("lessonlib-quiz-") for c in class_list if c.startswith("lessonlib-quiz-")
        ]
    return ids


def _quiz(page, lesson: str):
    return page.locator(f"{NOTEBOOK_PANEL} .lessonlib-quiz-{lesson}")


def _select(box, question, options: list[str]) -> None:
    """Select exactly ``options`` in a question's box, as a student would click them."""
    choices = box.locator(".lessonlib-options")
    for option in question.options:
        control = choices.get_by_label(option, exact=True)
        if option in options:
            control.check()
        elif question.kind == "multiple":
            control.uncheck()


def _wrong_answer(question) -> list[str]:
    wrong = [o for o in question.options if not question.is_right(o)]
    if wrong:
        return [wrong[0]]
    return [question.options[0]]  # every option right: ticking only one is still not quite


def _right_answer(question) -> list[str]:
    return [o for o in question.options if question.is_right(o)]


def _check(box, expected: str) -> None:
    feedback = box.locator(".lessonlib-feedback")
    box.locator(".lessonlib-check").click()
    expect(feedback).to_contain_text(expected, timeout=TIMEOUT)


@pytest.mark.parametrize("name", notebooks_with_quizzes())
def test_quiz_answers_score_and_saved_progress(page, collector, name):
    lessons = quizzes_in(name)
    unknown = [lesson for lesson in lessons if lesson not in available_quizzes()]
    assert not unknown, (
        f"{name}.ipynb shows quizzes {unknown} that are not files in lessonlib/course/quizzes/: the "
        "browser test cannot know their answers; ship them as quiz files."
    )
    open_notebook(page, name)
    state = run_all(page)
    screenshot(page, name)
    skipped = unexecuted_cells(state)
    assert_clean(page, collector)
    assert not skipped, f"Run All left code cells {skipped} of {name}.ipynb without a run."
    assert page.locator(WIDGET).count() > 0, f"{name}.ipynb makes widgets but none rendered."
    assert _shown_quiz_ids(page) == lessons, (
        f"{name}.ipynb shows other quizzes than its code calls."
    )

    for lesson in lessons:
        quiz = load_quiz(lesson)
        shown = _quiz(page, lesson)
        score = shown.locator(".lessonlib-score")
        shown.locator(".lessonlib-reset").click()  # start from nothing, whatever ran before
        expect(score).to_have_text(f"Score: 0 / {len(quiz)}", timeout=TIMEOUT)
        for done, question in enumerate(quiz):
            box = shown.locator(f".lessonlib-question-{question.id}")
            box.scroll_into_view_if_needed()
            _select(box, question, _wrong_answer(question))
            _check(box, WRONG)
            expect(score).to_have_text(f"Score: {done} / {len(quiz)}")
            _select(box, question, _right_answer(question))
            _check(box, RIGHT)
            expect(score).to_have_text(f"Score: {done + 1} / {len(quiz)}", timeout=TIMEOUT)
    assert_clean(page, collector)

    reload_notebook(page)
    restart_and_run_all(page)
    for lesson in lessons:
        quiz = load_quiz(lesson)
        shown = _quiz(page, lesson)
        expect(shown.locator(".lessonlib-score")).to_have_text(f"Score: {len(quiz)} / {len(quiz)}")
        for question in quiz:
            box = shown.locator(f".lessonlib-question-{question.id}")
            expect(box.locator(".lessonlib-feedback")).to_contain_text(RIGHT)
            choices = box.locator(".lessonlib-options")
            for option in question.options:
                control = choices.get_by_label(option, exact=True)
                if question.is_right(option):
                    expect(control).to_be_checked()
                else:
                    expect(control).not_to_be_checked()
    screenshot(page, f"{name}-quiz-restored")
    assert_clean(page, collector)
