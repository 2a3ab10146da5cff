"""The quiz widget, driven by Button.click() and read through its widgets' values."""

from __future__ import annotations

import copy

import ipywidgets as widgets
import pytest

from lessonlib.course.progress import saved_answers
from lessonlib.course.quiz import load_quiz
from lessonlib.widgets.quiz import QuizView, quiz
from tests.conftest import MULTIPLE, SINGLE

pytestmark = pytest.mark.usefixtures("fresh_progress")


def find(root, cls):
    """All widgets under ``root`` carrying the CSS class ``cls``, in order."""
    found = [root] if cls in getattr(root, "_dom_classes", ()) else []
    for child in getattr(root, "children", ()):
        found += find(child, cls)
    return found


def one(root, cls):
    (widget,) = find(root, cls)
    return widget


def make(name="demo"):
    return quiz([copy.deepcopy(SINGLE), copy.deepcopy(MULTIPLE)], name=name)


def test_dom_contract():
    box = make()
    assert {"lessonlib-quiz", "lessonlib-quiz-demo"} <= set(box._dom_classes)
    questions = find(box, "lessonlib-question")
    assert len(questions) == 2
    assert "lessonlib-question-event-is" in questions[0]._dom_classes
    assert "lessonlib-question-which-commands" in questions[1]._dom_classes
    radio = one(questions[0], "lessonlib-options")
    assert isinstance(radio, widgets.RadioButtons)
    assert radio.value is None and radio.options == tuple(SINGLE["options"])
    boxes = one(questions[1], "lessonlib-options")
    ticks = find(boxes, "lessonlib-option")
    assert [t.description for t in ticks] == MULTIPLE["options"]
    assert all(isinstance(t, widgets.Checkbox) and t.value is False for t in ticks)
    assert [b.description for b in find(box, "lessonlib-check")] == ["Check", "Check"]
    assert [b.description for b in find(box, "lessonlib-hint")] == ["Hint"]  # only q1 has hints
    assert [f.value for f in find(box, "lessonlib-feedback")] == ["", ""]
    assert one(box, "lessonlib-score").value == "Score: 0 / 2"
    assert one(box, "lessonlib-reset").description == "Reset this quiz"


def test_check_shows_feedback_and_running_score():
    box = make()
    q1, q2 = find(box, "lessonlib-question")
    score = one(box, "lessonlib-score")

    one(q1, "lessonlib-options").value = "a request to act"
    one(q1, "lessonlib-check").click()
    fb = one(q1, "lessonlib-feedback").value
    assert fb.startswith("✗ Not quite.")
    assert "That is a command." in fb and "The emitter does not know who reacts." in fb
    assert "Yes: it already happened." not in fb  # only the picked option's feedback
    assert score.value == "Score: 0 / 2"

    one(q1, "lessonlib-options").value = "a fact about the past"
    one(q1, "lessonlib-check").click()
    assert one(q1, "lessonlib-feedback").value.startswith("✓ Correct.")
    assert score.value == "Score: 1 / 2"

    ship, shipped, pay = find(q2, "lessonlib-option")
    ship.value = pay.value = True
    one(q2, "lessonlib-check").click()
    fb = one(q2, "lessonlib-feedback").value
    assert fb.startswith("✓ Correct.") and "Command: ship!" in fb and "Command: pay!" in fb
    assert score.value == "Score: 2 / 2"

    pay.value = False  # one right option missing: said in words
    one(q2, "lessonlib-check").click()
    fb = one(q2, "lessonlib-feedback").value
    assert fb.startswith("✗ Not quite. Every option you ticked is right, but at least one")
    assert score.value == "Score: 1 / 2"
    pay.value = True

    shipped.value = True  # one too many: the latest answer counts
    one(q2, "lessonlib-check").click()
    assert one(q2, "lessonlib-feedback").value.startswith("✗ Not quite.<ul>")
    assert score.value == "Score: 1 / 2"


def test_text_is_escaped_not_rendered():
    box = make()
    q1 = find(box, "lessonlib-question")[0]
    one(q1, "lessonlib-options").value = "a <b>bold</b> claim"
    one(q1, "lessonlib-check").click()
    fb = one(q1, "lessonlib-feedback").value
    assert "a &lt;b&gt;bold&lt;/b&gt; claim" in fb and "<b>bold</b>" not in fb
    assert "<code>...</code>" in one(q1, "lessonlib-prompt").value


@pytest.mark.parametrize("which", [0, 1])
def test_check_with_nothing_chosen_is_a_sentence_and_no_score_change(which):
    box = make()
    q = find(box, "lessonlib-question")[which]
    one(q, "lessonlib-check").click()
    fb = one(q, "lessonlib-feedback").value
    assert fb.endswith("first, then press Check.")
    assert not fb.startswith(("✓", "✗"))
    assert one(box, "lessonlib-score").value == "Score: 0 / 2"
    assert saved_answers("demo") == {}


def test_hints_one_more_per_press():
    box = make()
    q1 = find(box, "lessonlib-question")[0]
    hint, shown = one(q1, "lessonlib-hint"), one(q1, "lessonlib-hints")
    assert shown.value == ""
    hint.click()
    assert "Hint 1 of 2: Past tense?" in shown.value and "Who must act?" not in shown.value
    hint.click()
    assert "Hint 2 of 2: Who must act?" in shown.value
    assert hint.disabled
    hint.click()  # nothing more to show, no crash
    assert shown.value.count("Hint ") == 2


def test_saved_state_comes_back_in_a_new_widget():
    box = make()
    q1, q2 = find(box, "lessonlib-question")
    one(q1, "lessonlib-options").value = "a fact about the past"
    one(q1, "lessonlib-check").click()
    ship, _, pay = find(q2, "lessonlib-option")
    ship.value = True
    one(q2, "lessonlib-check").click()

    again = make()  # a kernel restart or page reload builds the widget anew
    r1, r2 = find(again, "lessonlib-question")
    assert one(again, "lessonlib-score").value == "Score: 1 / 2"
    assert one(r1, "lessonlib-options").value == "a fact about the past"
    assert one(r1, "lessonlib-feedback").value.startswith("✓ Correct.")
    assert [t.value for t in find(r2, "lessonlib-option")] == [True, False, False]
    assert one(r2, "lessonlib-feedback").value.startswith("✗ Not quite.")
    # another quiz's widget is untouched
    assert one(make("other"), "lessonlib-score").value == "Score: 0 / 2"


def test_reset_this_quiz_forgets_answers_here_and_on_disk():
    box = make()
    q1 = find(box, "lessonlib-question")[0]
    one(q1, "lessonlib-options").value = "a fact about the past"
    one(q1, "lessonlib-check").click()
    one(q1, "lessonlib-hint").click()
    other = make("other")
    one(find(other, "lessonlib-question")[0], "lessonlib-options").value = "a fact about the past"
    one(find(other, "lessonlib-question")[0], "lessonlib-check").click()

    one(box, "lessonlib-reset").click()
    assert one(box, "lessonlib-score").value == "Score: 0 / 2"
    assert one(q1, "lessonlib-options").value is None
    assert one(q1, "lessonlib-feedback").value == ""
    assert one(q1, "lessonlib-hints").value == "" and not one(q1, "lessonlib-hint").disabled
    assert one(make(), "lessonlib-score").value == "Score: 0 / 2"
    assert one(make("other"), "lessonlib-score").value == "Score: 1 / 2"


def test_a_saved_choice_that_no_longer_fits_is_ignored():
    make()  # nothing saved yet
    box = make()
    one(find(box, "lessonlib-question")[0], "lessonlib-options").value = "a request to act"
    one(find(box, "lessonlib-question")[0], "lessonlib-check").click()
    edited = copy.deepcopy(SINGLE)
    edited["options"][edited["options"].index("a request to act")] = "an order to act"
    edited["feedback"]["an order to act"] = edited["feedback"].pop("a request to act")
    view = QuizView(load_quiz([edited, copy.deepcopy(MULTIPLE)], name="demo"))
    assert view.score.value == "Score: 0 / 2"
    assert view.questions[0].radio.value is None


def test_corrupt_progress_file_is_told_in_the_widget_once(tmp_path):
    (tmp_path / "progress.json").write_text("{oops")
    box = make()
    note = one(box, "lessonlib-notice").value
    assert "could not be read" in note and "corrupt-" in note
    assert one(box, "lessonlib-score").value == "Score: 0 / 2"
    assert one(make(), "lessonlib-notice").value == ""


def test_lessons_quiz_by_name_from_the_package():
    import lessonlib
    from lessonlib import quiz as from_package

    box = from_package("00_start_here")
    assert box is not None and "lessonlib-quiz-00_start_here" in box._dom_classes
    assert "lessonlib-quiz" in lessonlib.quiz("00_start_here")._dom_classes
    assert one(box, "lessonlib-score").value == "Score: 0 / 2"
    qz = load_quiz("00_start_here")
    for q, view in zip(qz, find(box, "lessonlib-question"), strict=True):
        right = [o for o in q.options if q.is_right(o)]
        if q.kind == "single":
            one(view, "lessonlib-options").value = right[0]
        else:
            for tick in find(view, "lessonlib-option"):
                tick.value = tick.description in right
        one(view, "lessonlib-check").click()
        assert one(view, "lessonlib-feedback").value.startswith("✓ Correct.")
    assert one(box, "lessonlib-score").value == "Score: 2 / 2"
