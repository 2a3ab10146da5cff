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
    final = lesson_status("07_check_your_understanding")
    assert (final.right, final.answered, final.total, final.state) == (0, 0, 5, "not started")
    assert "5-question quiz" in final.remains


def test_scores_come_from_the_saved_answers():
    total = _answer("07_check_your_understanding", right=4)
    status = lesson_status("07_check_your_understanding")
    assert (status.right, status.answered, status.total) == (4, total, total)
    assert status.score == f"Score: 4 / {total}"
    assert status.state == "in progress"
    assert status.remains == "revisit 1 answered wrongly"
    assert status.to_revisit == (load_quiz("07_check_your_understanding").questions[-1].prompt,)


def test_a_fully_right_quiz_is_done_and_leaves_the_to_do_list():
    _answer("07_check_your_understanding", right=5)
    status = lesson_status("07_check_your_understanding")
    assert status.state == "done"
    text = course_text()
    assert "07 Check your understanding: Score: 5 / 5 - done" in text
    first = text.splitlines()[0]
    assert first.startswith("5 of ")
    assert "07" not in first.split("Still to do:")[-1]


def test_partly_answered_counts_what_is_left():
    qz = load_quiz("06_commands_in_disguise")
    q = qz.questions[0]
    save_answer(qz.lesson, q.id, [o for o in q.options if q.is_right(o)], True)
    status = lesson_status("06_commands_in_disguise")
    assert (status.right, status.answered) == (1, 1)
    assert status.remains == f"answer {len(qz) - 1} more"


def test_a_changed_question_counts_as_unanswered():
    save_answer("07_check_your_understanding", "litmus",
                ["an option that no longer exists"], True)
    status = lesson_status("07_check_your_understanding")
    assert (status.right, status.answered) == (0, 0)


def test_page_links_every_lesson_and_shows_the_engine_table():
    _answer("07_check_your_understanding", right=2)
    page = course_page()
    summary, engine_table, lessons = page.children
    assert "lessonlib-progress" in engine_table._dom_classes
    for lesson in LESSONS:
        assert f"href='{lesson}.ipynb'" in lessons.value
    assert "Score: 2 / 5" in lessons.value
    assert "revisit 3 answered wrongly" in lessons.value
    assert "2 of " in summary.value


def test_unknown_lesson_gets_a_suggestion():
    with pytest.raises(LessonError, match="Did you mean '07_check_your_understanding'"):
        lesson_status("07_check_your_understandin")
    with pytest.raises(LessonError, match="must be a string"):
        lesson_status(7)
