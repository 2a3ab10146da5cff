"""The instructor's view of a lesson's results as HTML: every activity kind shown, everything
a student could have typed escaped, right answers marked only when asked."""

from __future__ import annotations

import re

from lessonlib.cards.results import results_html
from lessonlib.course.activities import activities, activity
from lessonlib.course.classroom import check_payload, payload, summarise
from lessonlib.course.quiz import right_number


def test_the_results_page_escapes_names_and_marks_answers_only_when_asked():
    results = {"lesson": "00_start_here", "title": "Warm-up", "students": 3,
               "questions": [{"id": "q", "prompt": "Pick <one>", "options": ["a", "b"],
                              "correct": ["a"], "answered": 2, "first": {"b": 2},
                              "latest": {"a": 1, "b": 1}}],
               "predictions": [],
               "completion": [{"student": '<img src=x onerror="alert(1)">', "answered": 1,
                               "right": 1}]}
    page = results_html(results)
    assert "<img" not in page and "&lt;img src=x" in page
    assert "Pick &lt;one&gt;" in page and "Answered: 2 of 3 (67%)" in page
    assert "✓" not in page and "✓" in results_html(results, reveal=True)
    room = dict(results)
    del room["completion"]
    assert "Per student" not in results_html(room)


def _row(student, a, value):
    done = check_payload(payload(a, value))
    return {"kind": a.kind, "item": a.key, "student": student, "value": done.value,
            "correct": done.correct}


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_every_kind_of_activity_is_shown():
    numeric = next(a for a in activities("03_the_event_chain_trap", "quiz")
                   if a.shape == "numeric")
    right = right_number(numeric.question)
    fraud = activity("03_the_event_chain_trap", "fraud check")
    rows = [_row("ada", numeric, [str(right + 4)]), _row("ben", numeric, [str(right)]),
            _row("ada", fraud, {"choreography": 7, "orchestration": 1})]
    page = results_html(summarise("03_the_event_chain_trap", rows, students=2, names=True),
                        reveal=True)
    numbers = page.split(f"lessonlib-result-{numeric.key}")[1].split("</table>")[0]
    assert f"{right} ✓" in _text(numbers) and f"{right + 4} first" in _text(numbers)
    assert "Number given" in numbers
    text = _text(page)
    assert "Prediction: A fraud check after the payment (saved by 1 of 2 (50%))" in text
    assert "event chain 7: 1" in text and "with an order service 1: 1" in text

    transport = activity("01_commands_and_events", "two transports")
    classification = activity("01_commands_and_events", "classification")
    chosen = {label: transport.choices_of(label)[2] for label in transport.labels}
    rows = [_row("ada", transport, chosen),
            _row("ada", classification, {"OrderPlaced": "event", "ShipGoods": "event"})]
    text = _text(results_html(summarise("01_commands_and_events", rows, students=1,
                                        names=True)))
    first_label = transport.labels[0]
    assert f"{first_label} {transport.choices_of(first_label)[0]}: 0" in text
    assert f"{transport.choices_of(first_label)[2]}: 1" in text
    assert "OrderPlaced 1 1 of 1 (100%)" in text and "ShipGoods 1 0 of 1 (0%)" in text

    part = activity("04_criminal_check_exercise", "exercise:criminal-check-choreography")
    text = _text(results_html(summarise(part.lesson, [_row("ada", part, True)], students=2,
                                        names=True)))
    assert "Exercise: part A (choreography) 1 of 2 (50%)" in text
    assert "Exercise: part B (orchestration) 0 of 2 (0%)" in text
    assert "ada 0 of 4 0 1 of 3" in text  # per student: quiz answered, right, other activities
