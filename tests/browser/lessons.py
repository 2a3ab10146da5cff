"""The walk every lesson's browser test makes, so each notebook is run once, not twice.

Each ``test_NN_<lesson>.py`` holds one test that walks its lesson as a student does:

1. :func:`run_and_check`: open the notebook, Run All from the menu, then check the
   whole notebook: its run status line (``run_status()``, near the top) says the lesson
   ran to the end and is in view again, no code cell left unexecuted, no error output, no JavaScript
   error, no request off the machine, every widget rendered, the quizzes its code
   calls shown, and a screenshot in ``test-artifacts/screenshots/<notebook>.png``
   for a human to look at;
2. what is particular to the lesson (a prediction, a walker, a lab);
3. :func:`answer_every_quiz`: reset each quiz, and for each question pick the right
   answer and press Check ("✓ Correct", score up by one); the first question of each
   kind is first answered wrongly ("✗ Not quite", score unchanged);
4. :func:`restart_quiz_cells` and :func:`assert_quizzes_restored`: restart the kernel
   and run the quiz cells again, as a student coming back does: the saved answers
   come back (right options selected, "✓ Correct", full score).

axe-core audits the page twice (``audit.py``): after Run All (in :func:`run_and_check`)
and at the end of the walk, after the lesson's interactions (in
:func:`assert_quizzes_restored`). A serious or critical violation in the course's content
fails the test; JupyterLab's own are recorded in ``test-artifacts/axe/``.

The right and wrong options come from the quiz files through lessonlib's own API
(``load_quiz`` and ``Question.is_right``), never from the page. ``test_notebooks.py``
makes sure every notebook has such a test.
"""

from __future__ import annotations

import re

from audit import audit_notebook
from pages import REPLY_MS, WIDGET, Notebook, right_answer, wrong_answer
from playwright.sync_api import expect
from server import notebook_source

from lessonlib.course.quiz import available_quizzes, load_quiz, right_number
from lessonlib.widgets.status import CSS as RUN_STATUS

QUIZ_CALL = re.compile(r"""\bquiz\(\s*["']([A-Za-z0-9][A-Za-z0-9_-]*)["']""")
WRONG = "✗ Not quite"
RIGHT = "✓ Correct"


def quizzes_in(name: str) -> list[str]:
    """Lesson ids of the quizzes a notebook's code shows, in order."""
    return list(dict.fromkeys(QUIZ_CALL.findall(notebook_source(name))))


def run_and_check(lab, name: str) -> Notebook:
    """Open ``name``, Run All, and check the whole notebook (see the module's docstring)."""
    lessons = quizzes_in(name)
    unknown = [lesson for lesson in lessons if lesson not in available_quizzes()]
    assert not unknown, (
        f"{name}.ipynb shows quizzes {unknown} that are not files in lessonlib/course/quizzes/: "
        "the browser test cannot know their answers; ship them as quiz files."
    )
    nb = lab.open(name)
    state = nb.run_all()
    # The lesson says at its top that it ran, and the view is back there (JupyterLab left
    # it at the last cell).
    status = nb.locator(f".{RUN_STATUS}")
    expect(status).to_contain_text("The lesson ran to the end", timeout=REPLY_MS)
    expect(status).to_be_in_viewport(timeout=REPLY_MS)
    lab.screenshot(name)
    skipped = state.unexecuted_cells()
    nb.assert_clean()
    assert not skipped, f"Run All left code cells {skipped} of {name}.ipynb without a run."
    assert nb.locator(WIDGET).count() > 0, f"{name}.ipynb makes widgets but none rendered."
    assert nb.quizzes() == lessons, f"{name}.ipynb shows other quizzes than its code calls."
    audit_notebook(nb, f"{name}-run-all")
    return nb


def answer_every_quiz(nb: Notebook, name: str) -> None:
    """Reset every quiz of ``name`` and answer each question rightly; the first question
    of each kind (single, multiple, numeric) in a quiz is first answered wrongly.

    Every option of every question is graded by the quiz's own tests (tests/course/test_quiz*.py,
    through the widget's buttons); here the browser shows each kind's feedback and score.
    """
    for lesson in quizzes_in(name):
        questions = load_quiz(lesson)
        quiz = nb.quiz(lesson)
        quiz.reset()  # start from nothing, whatever ran before
        expect(quiz.score).to_have_text(f"Score: 0 / {len(questions)}", timeout=REPLY_MS)
        kinds_tried = set()
        for done, question in enumerate(questions):
            if question.kind not in kinds_tried:
                kinds_tried.add(question.kind)
                quiz.select(question, wrong_answer(question))
                expect(quiz.check(question)).to_contain_text(WRONG, timeout=REPLY_MS)
                expect(quiz.score).to_have_text(f"Score: {done} / {len(questions)}")
            quiz.select(question, right_answer(question))
            expect(quiz.check(question)).to_contain_text(RIGHT, timeout=REPLY_MS)
            expect(quiz.score).to_have_text(f"Score: {done + 1} / {len(questions)}",
                                            timeout=REPLY_MS)
    nb.assert_clean()


def restart_quiz_cells(nb: Notebook, name: str) -> None:
    """Restart the kernel and run the first code cell (the imports) and each quiz cell."""
    nb.restart()
    calls = [i for lesson in quizzes_in(name) for i in nb.code_cells(f'quiz("{lesson}")')]
    nb.run_cells([nb.code_cells()[0], *calls])


def assert_quizzes_restored(nb: Notebook, name: str) -> None:
    """Every quiz of ``name`` shows its saved right answers and a full score."""
    for lesson in quizzes_in(name):
        questions = load_quiz(lesson)
        quiz = nb.quiz(lesson)
        expect(quiz.score).to_have_text(f"Score: {len(questions)} / {len(questions)}",
                                        timeout=REPLY_MS)
        for question in questions:
            expect(quiz.feedback(question)).to_contain_text(RIGHT)
            if question.kind == "numeric":
                expect(quiz.number(question)).to_have_value(str(right_number(question)))
            for option in question.options:
                if question.is_right(option):
                    expect(quiz.option(question, option)).to_be_checked()
                else:
                    expect(quiz.option(question, option)).not_to_be_checked()
    nb.assert_clean()
    audit_notebook(nb, f"{name}-walked")  # after the lesson's interactions and the quizzes


def quizzes_answered_and_restored(lab, nb: Notebook, name: str) -> None:
    """Steps 3 and 4 of the walk, with a screenshot of the restored quiz."""
    answer_every_quiz(nb, name)
    restart_quiz_cells(nb, name)
    assert_quizzes_restored(nb, name)
    for lesson in quizzes_in(name):
        lab.screenshot_of(nb.quiz(lesson).root, f"{name}-quiz-restored")
