"""A Check pressed while the kernel is busy grades what the student typed or ticked last.

ipywidgets sends a widget's changes one at a time: while one is on its way to a busy
kernel, a later one waits in the browser, and a button's press (a message) can arrive
before it. The quiz's Check carries the answer as the browser has it
(lessonlib.widgets.button, ``carries``), so the press grades the number typed last and the
boxes ticked last. The notebook here keeps the kernel busy for two seconds, then a number
is typed, corrected and checked at once, and boxes are ticked, one unticked and checked at
once. Without the carried answer the kernel graded the first number (or the first tick),
and the late change then cleared the feedback: the student saw nothing (as the lesson walks
saw now and then under load).
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

TICKS = {"id": "which-change", "kind": "multiple",
         "prompt": "Which services change when the steps are reordered? Tick all that apply.",
         "options": ["Payment", "Inventory", "Shipping", "Checkout"],
         "correct": ["Inventory", "Shipping"],
         "feedback": {"Payment": "Payment keeps its place.", "Inventory": "Yes.",
                      "Shipping": "Yes.", "Checkout": "Checkout only emits OrderPlaced."},
         "explanation": "The two services whose subscriptions move change."}
QUESTION = {"id": "how-many", "kind": "numeric", "prompt": "How many services must change?",
            "correct": 3, "feedback": {"3": "Right.", "other": "Count again."},
            "explanation": "Every subscriber in the chain changes."}
CELLS = [
    "import time\n\nimport ipywidgets as widgets\n\nfrom lessonlib import quiz\n\n"
    'busy = widgets.Button(description="Keep the kernel busy")\n'
    "busy.on_click(lambda _button: time.sleep(2))\n"
    "busy",
    f"quiz([{json.dumps(QUESTION)}, {json.dumps(TICKS)}], name=\"zz_race\")",
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


def test_a_check_pressed_while_the_kernel_is_busy_grades_the_ticks_made_last(lab, race_notebook):
    nb = lab.open(race_notebook)
    nb.run_all()
    question = nb.panel.locator(f".{question_class('which-change')}")
    feedback = question.locator(f".{QUIZ.feedback}")

    def box(option: str):
        return question.locator(f".{QUIZ.options}").get_by_label(option, exact=True)

    nb.panel.get_by_role("button", name="Keep the kernel busy", exact=True).click()
    box("Payment").check()  # on its way to the busy kernel
    box("Inventory").check()  # these three are held back in the browser behind it
    box("Shipping").check()
    box("Payment").uncheck()
    question.locator(f".{QUIZ.check} button").click()  # carries the ticks as shown
    expect(feedback).to_contain_text("Correct", timeout=REPLY_MS)
    lab.page.wait_for_timeout(3000)  # the held-back ticks arrive: the feedback stays
    expect(feedback).to_contain_text("Correct")
    for option, ticked in (("Payment", False), ("Inventory", True), ("Shipping", True),
                           ("Checkout", False)):
        expect(box(option)).to_be_checked(checked=ticked)

