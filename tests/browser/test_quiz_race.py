"""A Check pressed while the kernel is busy grades what the student typed last.

ipywidgets sends a widget's changes one at a time: while one is on its way to a busy
kernel, a later one waits in the browser, and a button's press (a message) can arrive
before it. The quiz's Check carries the answer as the browser has it
(lessonlib.widgets.button, ``carries``), so the press grades the number typed last. The
notebook here keeps the kernel busy for two seconds, then a number is typed, corrected
and checked at once. Without the carried answer the kernel graded the first number, and
the late correction then cleared the feedback: the student saw nothing.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.widgets.quiz import CSS as QUIZ
from lessonlib.widgets.quiz import question_class

pytestmark = pytest.mark.browser

QUESTION = {"id": "how-many", "kind": "numeric", "prompt": "How many services must change?",
            "correct": 3, "feedback": {"3": "Right.", "other": "Count again."},
            "explanation": "Every subscriber in the chain changes."}
CELLS = [
    "import time\n\nimport ipywidgets as widgets\n\nfrom lessonlib import quiz\n\n"
    'busy = widgets.Button(description="Keep the kernel busy")\n'
    "busy.on_click(lambda _button: time.sleep(2))\n"
    "busy",
    f"quiz([{json.dumps(QUESTION)}], name=\"zz_race\")",
]


@pytest.fixture
def race_notebook(lab_server):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = lab_server.root / "zz_quiz_race.ipynb"
    nbformat.write(nb, path)
    yield path.stem
    path.unlink()


def test_a_check_pressed_while_the_kernel_is_busy_grades_the_number_typed_last(
        lab, race_notebook):
    nb = lab.open(race_notebook)
    nb.run_all()
    question = nb.panel.locator(f".{question_class('how-many')}")
    number = question.locator(f".{QUIZ.number} input")
    feedback = question.locator(f".{QUIZ.feedback}")
    nb.panel.get_by_role("button", name="Keep the kernel busy", exact=True).click()
    number.fill("1")  # on its way to the busy kernel
    number.fill("3")  # held back in the browser behind it
    question.locator(f".{QUIZ.check} button").click()  # a message: not held back
    expect(feedback).to_contain_text("Right.", timeout=REPLY_MS)
    lab.page.wait_for_timeout(3000)  # the held-back change arrives: the feedback stays
    expect(feedback).to_contain_text("Right.")
