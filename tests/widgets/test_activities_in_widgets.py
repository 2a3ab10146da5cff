"""Widgets show activities and declare none: each takes its activity from the course's list
(lessonlib.course.activities) and hands answers in through lessonlib.course.submit; and
every activity in the list is asked for by its lesson's notebook."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import lessonlib
from lessonlib.course.activities import Activity, activities, activity, is_course_activity

WIDGETS = Path(lessonlib.__file__).resolve().parent / "widgets"
NOTEBOOKS = Path(lessonlib.__file__).resolve().parents[1] / "notebooks"

#: What only the course layer may do with a student's answer: save it, send it, or make
#: an activity (a prediction) up.
SAVING = {"record", "save_answer", "send", "send_answer", "send_prediction"}
DECLARING = {"Prediction", "Activity", "prediction"}


def offences(source: str) -> list[str]:
    """Where a widget module saves, sends or declares an activity itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [f"imports {alias.name}" for alias in node.names
                      if alias.name in SAVING | {"Activity", "prediction"}]
            if node.module and node.module.startswith("lessonlib.course.classroom.client"):
                found.append(f"imports {node.module}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in SAVING or (name in DECLARING and not isinstance(func, ast.Attribute)):
                found.append(f"calls {name}() on line {node.lineno}")
    return found


def test_the_rule_sees_a_widget_that_saves_sends_or_declares():
    bad = ("from lessonlib.course.progress import record\n"
           "from lessonlib.course import classroom\n"
           "def f(view):\n"
           "    record('01', 'x', 1)\n"
           "    classroom.send_prediction('01', 'x', {})\n"
           "    return Prediction('01', 'x', ['a'])\n")
    assert offences(bad) == ["imports record", "calls record() on line 4",
                             "calls send_prediction() on line 5", "calls Prediction() on line 6"]
    assert offences("p = Prediction.of(activity('01', 'x'))\nsubmit(p.activity, 1)\n") == []


@pytest.mark.parametrize("path", sorted(WIDGETS.glob("*.py")), ids=lambda p: p.name)
def test_no_widget_saves_sends_or_declares_an_activity(path):
    assert offences(path.read_text(encoding="utf-8")) == []


# --------------------------------------------------------------------------- in the lessons


def _widget_activities() -> dict[str, object]:
    """The activity each of lessonlib's own activity widgets shows, by its factory's name."""
    from lessonlib.widgets.classify import classification_exercise
    from lessonlib.widgets.journey import predict_no_engine, predict_stuck_order
    from lessonlib.widgets.outage import predict_outage
    from lessonlib.widgets.prediction import predict_criminal_check, predict_transport
    from lessonlib.widgets.refund import predict_refund
    from lessonlib.widgets.timeout import predict_inconsistent

    return {"predict_transport": lambda: predict_transport().prediction.activity,
            "predict_criminal_check": lambda: predict_criminal_check().prediction.activity,
            "predict_inconsistent": lambda: predict_inconsistent().prediction.activity,
            "predict_refund": lambda: predict_refund().prediction.activity,
            "predict_outage": lambda: predict_outage().prediction.activity,
            "predict_stuck_order": lambda: predict_stuck_order().prediction.activity,
            "predict_no_engine": lambda: predict_no_engine().prediction.activity,
            "classification_exercise": lambda: classification_exercise().activity}


def _literal(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def asked_for(lesson: str) -> list[Activity]:
    """Every activity the notebook of ``lesson`` shows: its widgets' activities, the
    predictions it names, its quiz's questions and its exercise cells (tagged
    ``exercise:<key>``)."""
    notebook = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    factories = _widget_activities()
    found: list[Activity] = []
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        found += [activity(lesson, tag) for tag in cell["metadata"].get("tags", [])
                  if tag.startswith("exercise:")]
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name, args = node.func.id, [_literal(a) for a in node.args]
            if name in factories:
                found.append(factories[name]())
            elif name in ("predict", "reveal_impact") and args[:1] == [lesson]:
                found.append(activity(lesson, args[1]))
            elif name in ("predict_trip_change", "reveal_trip_change"):
                found.append(activity(lesson, args[0]))
            elif name == "quiz" and args == [lesson]:
                from lessonlib.widgets.quiz import quiz

                found += quiz(lesson).activities.values()
            elif name == "concept_check":
                from lessonlib.widgets.concept_check import concept_check

                found += concept_check(*args).activities
    return found


@pytest.mark.usefixtures("fresh_progress")
@pytest.mark.parametrize("lesson", [p.stem for p in sorted(NOTEBOOKS.glob("*.ipynb"))])
def test_each_notebook_shows_exactly_its_lessons_activities(lesson):
    shown = asked_for(lesson)
    assert all(is_course_activity(a) and a.lesson == lesson for a in shown), shown
    assert {(a.lesson, a.key) for a in shown} == {(a.lesson, a.key)
                                                  for a in activities(lesson)}
