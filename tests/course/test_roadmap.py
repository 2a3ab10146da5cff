"""The course progress page: scores from the saved progress, what remains, links."""

from __future__ import annotations

import pytest

from lessonlib import LessonError
from lessonlib.course.lessons import LESSONS
from lessonlib.course.progress import save_answer
from lessonlib.course.quiz import load_quiz, right_number
from lessonlib.course.roadmap import course_status, course_text, lesson_status
from lessonlib.widgets.progress import course_page

pytestmark = pytest.mark.usefixtures("fresh_progress")


def _answer(lesson, right):
    """Answer every question of ``lesson``: the first ``right`` ones right, the rest wrongly."""
    qz = load_quiz(lesson)
    for n, q in enumerate(qz):
        if q.kind == "numeric":
            good, bad = [str(right_number(q))], [str(right_number(q) + 1)]
        else:
            good = [o for o in q.options if q.is_right(o)]
            bad = [o for o in q.options if not q.is_right(o)][:1]
        choice = good if n < right else bad
        save_answer(lesson, q.id, choice, n < right)
    return len(qz)


def test_nothing_answered_means_everything_remains():
    statuses = course_status()
    assert [s.lesson for s in statuses] == list(LESSONS)
    final = lesson_status("08_check_your_understanding")
    assert (final.right, final.answered, final.total, final.state) == (0, 0, 5, "not started")
    assert "5-question quiz" in final.remains


def test_scores_come_from_the_saved_answers():
    total = _answer("08_check_your_understanding", right=4)
    status = lesson_status("08_check_your_understanding")
    assert (status.right, status.answered, status.total) == (4, total, total)
    assert status.score == f"Score: 4 / {total}"
    assert status.state == "in progress"
    assert status.remains == "revisit 1 answered wrongly"
    assert status.to_revisit == (load_quiz("08_check_your_understanding").questions[-1].prompt,)


def test_a_fully_right_quiz_is_done_and_leaves_the_to_do_list():
    _answer("08_check_your_understanding", right=5)
    status = lesson_status("08_check_your_understanding")
    assert status.state == "done"
    text = course_text()
    assert "08 Check your understanding: Score: 5 / 5 - done" in text
    first = text.splitlines()[0]
    assert first.startswith("5 of ")
    assert "08" not in first.split("Still to do:")[-1]


def test_partly_answered_counts_what_is_left():
    qz = load_quiz("07_commands_in_disguise")
    q = qz.questions[0]
    save_answer(qz.lesson, q.id, [o for o in q.options if q.is_right(o)], True)
    status = lesson_status("07_commands_in_disguise")
    assert (status.right, status.answered) == (1, 1)
    assert status.remains.startswith(f"answer {len(qz) - 1} more")
    assert "false alarm" in status.remains.lower()  # the lesson's prediction is left too


def test_a_changed_question_counts_as_unanswered():
    save_answer("08_check_your_understanding", "litmus",
                ["an option that no longer exists"], True)
    status = lesson_status("08_check_your_understanding")
    assert (status.right, status.answered) == (0, 0)


def test_page_shows_a_card_per_lesson_a_bar_and_the_file_in_a_footnote(fresh_progress):
    _answer("08_check_your_understanding", right=2)
    page = course_page()
    assert [p.__class__.__name__ for p in page.children][1:] == ["HTML"] * 4
    assert "hand in both forms to see your gain" in page.gain.value
    cards = page.lessons.value
    assert cards.count("class='lessonlib-card ") == len(LESSONS)
    for lesson in LESSONS:
        assert f"href='{lesson}.ipynb'" in cards
    assert "lessonlib-course-in-progress" in cards and "Quiz: 2 of 5 right" in cards
    assert "To revisit:" in cards
    assert "role='progressbar'" in page.summary.value and "aria-valuenow='2'" in page.summary.value
    assert str(fresh_progress) in page.footnote.value
    assert str(fresh_progress) not in page.summary.value + cards  # the path only in the footnote


def test_predictions_and_exercises_count_as_steps(fresh_progress):
    from lessonlib.course.exercise import criminal_check_solution, hand_in_criminal_check
    from lessonlib.course.progress import record
    from lessonlib.widgets.prediction import predict

    before = lesson_status("04_criminal_check_exercise")
    assert before.steps == (0, 4 + 1 + 2) and before.state == "not started"
    view = predict("04_criminal_check_exercise", "criminal check")
    view.inputs["choreography"].value = "1"
    view.inputs["orchestration"].value = "2"
    view.save.click()
    assert lesson_status("04_criminal_check_exercise").state == "in progress"
    view.prediction.reveal({"choreography": 2, "orchestration": 2})
    hand_in_criminal_check(criminal_check_solution("choreography"))
    status = lesson_status("04_criminal_check_exercise")
    assert status.steps == (2, 7)
    assert "exercise: part B (orchestration)" in status.remains
    record("01_commands_and_events", "classification", {"OrderPlaced": "event",
                                                        "ShipGoods": "event"})
    classify = [a for a in lesson_status("01_commands_and_events").activities
                if a.kind == "classification"]
    assert str(classify[0]) == "Classification: 1 / 12"
    assert "Classification: 1 / 12" in course_page().lessons.value


def test_unknown_lesson_gets_a_suggestion():
    with pytest.raises(LessonError, match="Did you mean '08_check_your_understanding'"):
        lesson_status("07_check_your_understandin")
    with pytest.raises(LessonError, match="must be a string"):
        lesson_status(7)


def test_every_activity_of_the_list_counts_the_labs_predictions_and_02s_guess_too():
    from lessonlib.course.activities import activities
    from lessonlib.course.exercise import hand_in_onboarding_guess
    from lessonlib.decisions import ONBOARDING, decide
    from lessonlib.widgets.outage import predict_outage, reveal_outage

    for lesson in LESSONS:
        status = lesson_status(lesson)
        items = len(activities(lesson, "concept check"))  # a form of it is one step
        assert status.steps[1] == len(activities(lesson)) - items + bool(items), lesson
    questions = len(activities("05_track_then_manage", "quiz"))
    assert lesson_status("05_track_then_manage").steps == (0, questions + 3)
    view = predict_outage()
    for box in view.inputs.values():
        box.value = "3"
    view.save.click()
    reveal_outage().button.click()
    status = lesson_status("05_track_then_manage")
    assert status.steps == (1, questions + 3) and status.state == "in progress"
    assert "prediction: a stuck order in the chain" in status.remains.lower()
    assert "what an outage stops" not in status.remains.lower()
    sagas = lesson_status("06_sagas_that_earn_their_timers")
    assert [a.title for a in sagas.activities] == ["Prediction: Adding the refund",
                                                   "Prediction: Inconsistent orders"]

    hand_in_onboarding_guess({link.key: decide(link).kind for link in ONBOARDING[:3]})
    guess, = [a for a in lesson_status("02_who_depends_on_whom").activities
              if "onboarding guess" in str(a)]
    assert str(guess) == "Exercise: the onboarding guess: 3 / 5"
    hand_in_onboarding_guess({link.key: decide(link).kind for link in ONBOARDING})
    lesson_02 = activities("02_who_depends_on_whom")
    assert lesson_status("02_who_depends_on_whom").steps == (1, len(lesson_02))
    assert [a.kind for a in lesson_02 if a.kind != "quiz"] == ["prediction", "exercise",
                                                               "prediction"]


def test_a_broken_quiz_file_is_said_on_its_card_and_hides_nothing_else(tmp_path, monkeypatch):
    import shutil

    from lessonlib.course import activities
    from lessonlib.course.quiz import load as quiz_files

    for path in quiz_files.QUIZ_DIR.glob("*.json"):
        shutil.copy(path, tmp_path)
    (tmp_path / "04_criminal_check_exercise.json").write_text("{not json", encoding="utf-8")
    for module in (quiz_files, activities):  # where the quiz files are read from
        monkeypatch.setattr(module, "QUIZ_DIR", tmp_path)
    activities._quiz_of.cache_clear()
    try:
        status = lesson_status("04_criminal_check_exercise")
        assert status.state == "no quiz" and "is not valid JSON" in status.problem
        assert [a.kind for a in status.activities] == ["prediction", "exercise", "exercise"]
        assert "its quiz could not be loaded" in course_text()
        assert lesson_status("03_the_event_chain_trap").total == 4  # the others load
    finally:
        activities._quiz_of.cache_clear()
