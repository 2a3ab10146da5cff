"""The quiz widget, driven by Button.click() and read through its widgets' values."""

from __future__ import annotations

import copy

import pytest

from lessonlib.course.lessons import LESSONS
from lessonlib.course.progress import saved_answers, student_seed
from lessonlib.course.quiz import available_quizzes, display_order, load_quiz, right_number
from lessonlib.widgets.choice import ChoiceGroup
from lessonlib.widgets.quiz import QuizView, quiz
from tests.conftest import MULTIPLE, SINGLE
from tests.course.test_quiz import NUMERIC

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
    return quiz([copy.deepcopy(SINGLE), copy.deepcopy(MULTIPLE), copy.deepcopy(NUMERIC)],
                name=name)


def text(html_value: str) -> str:
    """What a reader sees of an HTML value: tags dropped, entities kept."""
    import re

    return re.sub(r"<[^>]+>", "", html_value)


def test_dom_contract():
    box = make()
    assert {"lessonlib-quiz", "lessonlib-quiz-demo", "lessonlib-form"} <= set(box._dom_classes)
    questions = find(box, "lessonlib-question")
    assert len(questions) == 3
    assert "lessonlib-question-event-is" in questions[0]._dom_classes
    assert "lessonlib-question-which-commands" in questions[1]._dom_classes
    group = one(questions[0], "lessonlib-options")
    assert isinstance(group, ChoiceGroup) and not group.multiple
    assert group.value == [] and sorted(group.options) == sorted(SINGLE["options"])
    ticks = one(questions[1], "lessonlib-options")
    assert ticks.multiple and sorted(ticks.options) == sorted(MULTIPLE["options"])
    assert one(questions[2], "lessonlib-number").value == ""
    assert [b.description for b in find(box, "lessonlib-check")] == ["Check"] * 3
    assert [b.label for b in find(box, "lessonlib-check")] == [
        f"Check question {n}" for n in (1, 2, 3)]  # what a screen reader hears
    assert {b.button_style for b in find(box, "lessonlib-check")} == {"primary"}
    assert [b.description for b in find(box, "lessonlib-hint")] == ["Hint"]  # only q1 has hints
    assert [f.value for f in find(box, "lessonlib-feedback")] == ["", "", ""]
    assert one(box, "lessonlib-score").value == "Score: 0 / 3"
    assert one(box, "lessonlib-reset").description == "Reset this quiz"
    assert one(box, "lessonlib-reset-confirm").layout.display == "none"
    assert "lessonlib-form" in one(box, "lessonlib-style")._css  # the forms' stylesheet


def test_options_are_shown_in_this_students_order_and_kept_after_a_reload():
    box = make()
    seed = student_seed()
    for qv in box.questions[:2]:
        assert qv.options == display_order(qv.question, seed)
    again = make()
    assert [q.options for q in again.questions] == [q.options for q in box.questions]


def test_check_shows_feedback_marks_and_running_score():
    box = make()
    q1, q2, _ = box.questions
    score = one(box, "lessonlib-score")

    q1.choices.value = ["a request to act"]
    q1.check.click()
    fb = q1.feedback.value
    assert text(fb).startswith("✗ Not quite.") and "lessonlib-wrong" in fb
    assert "That is a command." in fb and "The emitter does not know who reacts." in fb
    assert "Yes: it already happened." not in fb  # only the picked option's feedback
    assert q1.choices.marks == {"a request to act": "wrong"}
    assert score.value == "Score: 0 / 3"

    q1.choices.value = ["a fact about the past"]
    assert q1.feedback.value == "" and q1.choices.marks == {}  # stale feedback is gone
    q1.check.click()
    assert text(q1.feedback.value).startswith("✓ Correct.")
    assert "lessonlib-right" in q1.feedback.value
    assert q1.choices.marks == {"a fact about the past": "right"}
    assert score.value == "Score: 1 / 3"

    q2.choices.value = ["ShipGoods", "GoodsShipped"]
    q2.check.click()
    fb = text(q2.feedback.value)
    assert fb.startswith("✗ Not quite. 1 tick right; 1 tick is wrong (marked ✗); 1 right "
                         "option is still not ticked.")
    assert "✓ ShipGoods: Command: ship!" in fb and "✗ GoodsShipped: Event: it happened." in fb
    assert "RetrievePayment" not in fb  # the missing one is counted, not named
    assert q2.choices.marks == {"ShipGoods": "right", "GoodsShipped": "wrong"}

    q2.choices.value = ["ShipGoods", "RetrievePayment"]
    assert q2.feedback.value == "" and q2.choices.marks == {}
    q2.check.click()
    assert text(q2.feedback.value).startswith("✓ Correct.")
    assert score.value == "Score: 2 / 3"


def test_choice_group_keeps_only_real_options():
    box = make()
    q1, q2, _ = box.questions
    q1.choices.value = ["not an option", "a request to act", "a fact about the past"]
    assert q1.choices.value == [o for o in q1.options
                                if o in ("a request to act", "a fact about the past")][:1]
    q2.choices.value = ["RetrievePayment", "bogus", "ShipGoods"]
    assert sorted(q2.choices.value) == ["RetrievePayment", "ShipGoods"]


def _press(button, values) -> None:
    """A press in the browser: static/button.js sends the carried values with it."""
    button._handle_message(button, {"event": "click", "values": values}, [])


def test_a_check_carries_the_ticks_as_the_browser_has_them():
    # ipywidgets sends a widget's changes one at a time: a tick made while an earlier one
    # is on its way is held back in the browser, and a press (a message) can overtake it.
    # The press carries the choices the student sees, so it grades those; the held-back
    # change, arriving later with the same value, leaves the feedback alone.
    box = make()
    q1, q2 = box.questions[:2]
    assert q1.check.carries == [q1.choices.model_id]
    q1.choices.value = ["a request to act"]  # what reached the kernel so far
    _press(q1.check, {q1.choices.model_id: ["a fact about the past"]})
    assert "Correct" in q1.feedback.value
    q1.choices.value = ["a fact about the past"]  # the late change
    assert "Correct" in q1.feedback.value
    right = [o for o in q2.options if q2.question.is_right(o)]
    _press(q2.check, {q2.choices.model_id: right, "an unknown model": ["x"]})
    assert "Correct" in q2.feedback.value and q2.choices.value == right
    for junk in ("a fact about the past", [3], None):  # not a value the group takes
        _press(q1.check, {q1.choices.model_id: junk})
        assert q1.choices.value == ["a fact about the past"]


def test_a_check_carries_the_answer_as_the_browser_has_it():
    # static/button.js sends the value of the answer a Check is about with the press, so a
    # typed change still held back behind an earlier one cannot be overtaken by the press.
    q = make().questions[2]
    assert q.check.carries == [q.number.model_id]
    q.number.value = "1"
    right = str(right_number(q.question))
    _press(q.check, {q.number.model_id: right})
    assert "Correct" in q.feedback.value and q.number.value == right
    _press(q.check, {q.number.model_id: ["not", "text"]})
    assert q.number.value == right  # not a value the box takes: the kernel's is graded


def test_numeric_question_takes_typed_numbers_and_refuses_others_with_a_sentence():
    box = make()
    q3 = box.questions[2]
    q3.number.value = "2 or 3"
    q3.check.click()
    assert "one whole number" in q3.feedback.value and "Nothing was saved" in q3.feedback.value
    assert saved_answers("demo") == {}
    q3.number.value = "1"
    assert q3.feedback.value == ""
    q3.check.click()
    fb = text(q3.feedback.value)
    assert fb.startswith("✗ Not quite.") and "You answered 1: Only the one that moved?" in fb
    q3.number.value = " Three "
    q3.check.click()
    assert text(q3.feedback.value).startswith("✓ Correct.")
    assert saved_answers("demo")["how-many"]["choice"] == ["3"]
    assert make().questions[2].number.value == "3"


@pytest.mark.parametrize("which", [0, 1, 2])
def test_check_with_nothing_chosen_is_a_sentence_and_no_score_change(which):
    box = make()
    q = box.questions[which]
    q.check.click()
    fb = text(q.feedback.value)
    assert fb.endswith("first, then press Check.")
    assert not fb.startswith(("✓", "✗"))
    assert one(box, "lessonlib-score").value == "Score: 0 / 3"
    assert saved_answers("demo") == {}


def test_text_is_escaped_not_rendered():
    box = make()
    q1 = box.questions[0]
    q1.choices.value = ["a <b>bold</b> claim"]
    q1.check.click()
    fb = q1.feedback.value
    assert "a &lt;b&gt;bold&lt;/b&gt; claim" in fb and "<b>bold</b>" not in fb
    assert "<code>...</code>" in one(q1, "lessonlib-prompt").value


def test_hints_one_more_per_press():
    box = make()
    q1 = box.questions[0]
    hint, shown = q1.hint, q1.hints
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
    q1, q2, _ = box.questions
    q1.choices.value = ["a fact about the past"]
    q1.check.click()
    q2.choices.value = ["ShipGoods"]
    q2.check.click()

    again = make()  # a kernel restart or page reload builds the widget anew
    r1, r2, r3 = again.questions
    assert one(again, "lessonlib-score").value == "Score: 1 / 3"
    assert r1.choices.value == ["a fact about the past"]
    assert text(r1.feedback.value).startswith("✓ Correct.")
    assert r2.choices.value == ["ShipGoods"] and r2.choices.marks == {"ShipGoods": "right"}
    assert text(r2.feedback.value).startswith("✗ Not quite.")
    assert r3.feedback.value == ""
    # another quiz's widget is untouched
    assert one(make("other"), "lessonlib-score").value == "Score: 0 / 3"


def test_reset_asks_first_and_forgets_only_after_yes():
    box = make()
    q1 = box.questions[0]
    q1.choices.value = ["a fact about the past"]
    q1.check.click()
    q1.hint.click()
    other = make("other")
    other.questions[0].choices.value = ["a fact about the past"]
    other.questions[0].check.click()

    box.reset.click()
    confirm = one(box, "lessonlib-reset-confirm")
    assert confirm.layout.display == "flex" and box.reset.disabled
    assert "Forget your 1 answer to this quiz?" in box.confirm_text.value
    assert one(box, "lessonlib-score").value == "Score: 1 / 3"  # nothing forgotten yet
    box.reset_no.click()
    assert confirm.layout.display == "none" and not box.reset.disabled
    assert saved_answers("demo") and q1.choices.value == ["a fact about the past"]

    box.reset.click()
    box.reset_yes.click()
    assert confirm.layout.display == "none"
    assert one(box, "lessonlib-score").value == "Score: 0 / 3"
    assert q1.choices.value == [] and q1.feedback.value == "" and q1.choices.marks == {}
    assert q1.hints.value == "" and not q1.hint.disabled
    assert one(make(), "lessonlib-score").value == "Score: 0 / 3"
    assert one(make("other"), "lessonlib-score").value == "Score: 1 / 3"
    box.reset.click()  # nothing saved: says so, offers no "Yes"
    assert "Nothing to forget" in box.confirm_text.value
    assert box.reset_yes.layout.display == "none"


def test_a_saved_choice_that_no_longer_fits_is_asked_again():
    make()  # nothing saved yet
    box = make()
    box.questions[0].choices.value = ["a request to act"]
    box.questions[0].check.click()
    edited = copy.deepcopy(SINGLE)
    edited["options"][edited["options"].index("a request to act")] = "an order to act"
    edited["feedback"]["an order to act"] = edited["feedback"].pop("a request to act")
    view = QuizView(load_quiz([edited, copy.deepcopy(MULTIPLE)], name="demo"))
    assert view.score.value == "Score: 0 / 2"
    assert view.questions[0].choices.value == []
    assert "changed since you answered it" in view.questions[0].feedback.value


def test_corrupt_progress_file_is_told_in_the_widget_once(tmp_path):
    (tmp_path / "progress.json").write_text("{oops")
    box = make()
    note = one(box, "lessonlib-notice").value
    assert "could not be read" in note and "corrupt-" in note
    assert one(box, "lessonlib-score").value == "Score: 0 / 3"
    assert one(make(), "lessonlib-notice").value == ""


def _answer_right(view):
    for qv in view.questions:
        q = qv.question
        if q.kind == "numeric":
            qv.number.value = str(right_number(q))
        else:
            qv.choices.value = [o for o in q.options if q.is_right(o)]
        qv.check.click()
        assert text(qv.feedback.value).startswith("✓ Correct."), q.id


def test_a_finished_quiz_says_so_and_links_the_next_lesson():
    box = quiz("01_commands_and_events")
    assert box.finished.value == ""
    first, *rest = box.questions
    first.choices.value = [o for o in first.question.options if not first.question.is_right(o)][:1]
    first.check.click()
    for qv in rest:
        q = qv.question
        qv.choices.value = [o for o in q.options if q.is_right(o)]
        qv.check.click()
    done = text(box.finished.value)
    assert done.startswith("✓ Quiz done: you have answered every question.")
    assert f"{len(rest)} of {len(rest) + 1} are right" in done
    assert "href='02_who_depends_on_whom.ipynb'" in box.finished.value
    assert "Next lesson: 02 Who depends on whom" in done
    _answer_right(box)
    assert text(box.finished.value).startswith("✓ Quiz done: every answer is right.")
    final = quiz(list(LESSONS)[-1])  # the course's last lesson
    _answer_right(final)
    assert "last quiz" in final.finished.value and "href" not in final.finished.value


def test_lessons_quiz_by_name_from_the_package():
    import lessonlib
    from lessonlib import quiz as from_package

    box = from_package("00_start_here")
    assert box is not None and "lessonlib-quiz-00_start_here" in box._dom_classes
    assert "lessonlib-quiz" in lessonlib.quiz("00_start_here")._dom_classes
    assert one(box, "lessonlib-score").value == "Score: 0 / 2"
    _answer_right(box)
    assert one(box, "lessonlib-score").value == "Score: 2 / 2"


def test_static_fallback_shows_questions_without_answers():
    box = quiz("03_the_event_chain_trap")
    page = box._repr_mimebundle_()["text/html"]
    assert "Type a whole number." in page and "Choose all that apply." in page
    assert "b64:" not in page and "Right:" not in page and "VBox(" not in page


@pytest.mark.parametrize("lesson", available_quizzes())
def test_every_shipped_question_grades_each_option_through_check(lesson):
    """Each wrong option (numeric: the near misses) is "Not quite" with the score unchanged,
    the right answer is "Correct" with the score up by one; the browser tests then answer
    each quiz once as a student would (tests/browser/lessons.py)."""
    box = quiz(lesson)
    score = one(box, "lessonlib-score")
    total = len(box.questions)
    for done, view in enumerate(box.questions):
        q = view.question
        if q.kind == "numeric":
            right = right_number(q)
            wrongs = [[str(n)] for n in (right - 1, right + 1) if n >= 0]
            rights = [str(right)]
        elif q.kind == "multiple":
            rights = [o for o in q.options if q.is_right(o)]
            wrongs = [[o] for o in q.options] if len(rights) > 1 else []
            wrongs += [rights + [o] for o in q.options if not q.is_right(o)]
        else:
            rights = [o for o in q.options if q.is_right(o)]
            wrongs = [[o] for o in q.options if not q.is_right(o)]
        assert wrongs, f"{lesson} {q.id}: no wrong answer to try"
        for wrong in wrongs:
            _answer(view, wrong)
            assert text(view.feedback.value).startswith("✗ Not quite."), (lesson, q.id, wrong)
            assert score.value == f"Score: {done} / {total}"
        _answer(view, rights)
        assert text(view.feedback.value).startswith("✓ Correct."), (lesson, q.id)
        assert score.value == f"Score: {done + 1} / {total}"


def _answer(view, choice: list[str]) -> None:
    if view.question.kind == "numeric":
        view.number.value = choice[0]
    else:
        view.choices.value = list(choice)
    view.check.click()
