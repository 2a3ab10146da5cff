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
from pages import REPLY_MS, WIDGET, right_answer, wrong_answer
from playwright.sync_api import expect
from server import notebook_names, notebook_source

from lessonlib.course.quiz import available_quizzes, load_quiz, right_number

pytestmark = pytest.mark.browser

QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([A-Za-z0-9][A-Za-z0-9_-]*)["']""")
WRONG = "✗ Not quite"
RIGHT = "✓ Correct"


def quizzes_in(name: str) -> list[str]:
    """Lesson ids of the quizzes a notebook's code shows, in order."""
    return list(dict.fromkeys(QUIZ_CALL.findall(notebook_source(name))))


def notebooks_with_quizzes() -> list[str]:
    return [name for name in notebook_names() if quizzes_in(name)]


@pytest.mark.parametrize("name", notebooks_with_quizzes())
def test_quiz_answers_score_and_saved_progress(lab, name):
    lessons = quizzes_in(name)
    unknown = [lesson for lesson in lessons if lesson not in available_quizzes()]
    assert not unknown, (
        f"{name}.ipynb shows quizzes {unknown} that are not files in lessonlib/course/quizzes/: the "
        "browser test cannot know their answers; ship them as quiz files."
    )
    nb = lab.open(name)
    state = nb.run_all()
    lab.screenshot(name)
    skipped = state.unexecuted_cells()
    nb.assert_clean()
    assert not skipped, f"Run All left code cells {skipped} of {name}.ipynb without a run."
    assert nb.locator(WIDGET).count() > 0, f"{name}.ipynb makes widgets but none rendered."
    assert nb.quizzes() == lessons, f"{name}.ipynb shows other quizzes than its code calls."

    for lesson in lessons:
        questions = load_quiz(lesson)
        quiz = nb.quiz(lesson)
        quiz.reset()  # start from nothing, whatever ran before
        expect(quiz.score).to_have_text(f"Score: 0 / {len(questions)}", timeout=REPLY_MS)
        for done, question in enumerate(questions):
            quiz.select(question, wrong_answer(question))
            expect(quiz.check(question)).to_contain_text(WRONG, timeout=REPLY_MS)
            expect(quiz.score).to_have_text(f"Score: {done} / {len(questions)}")
            quiz.select(question, right_answer(question))
            expect(quiz.check(question)).to_contain_text(RIGHT, timeout=REPLY_MS)
            expect(quiz.score).to_have_text(f"Score: {done + 1} / {len(questions)}",
                                            timeout=REPLY_MS)
    nb.assert_clean()

    lab.reload()
    nb.restart_and_run_all()
    for lesson in lessons:
        questions = load_quiz(lesson)
        quiz = nb.quiz(lesson)
        expect(quiz.score).to_have_text(f"Score: {len(questions)} / {len(questions)}")
        for question in questions:
            expect(quiz.feedback(question)).to_contain_text(RIGHT)
            if question.kind == "numeric":
                expect(quiz.number(question)).to_have_value(str(right_number(question)))
            for option in question.options:
                if question.is_right(option):
                    expect(quiz.option(question, option)).to_be_checked()
                else:
                    expect(quiz.option(question, option)).not_to_be_checked()
    lab.screenshot(f"{name}-quiz-restored")
    nb.assert_clean()
