"""Every widget a lesson shows has a static form: what it shows, or where to use it.

A static page (``make html``) and a text-only front end cannot run a widget; they
show the ``text/html`` and ``text/plain`` of its display bundle instead of a
Python repr such as ``VBox(children=(...``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import ipywidgets
import pytest

import lessonlib.widgets
from lessonlib import (
    classification_exercise,
    concept_check,
    costume_lab,
    course_page,
    decision_walker,
    predict_criminal_check,
    quiz,
    reveal_criminal_check,
    self_assessment,
    timeout_lab,
)

REPR = re.compile(r"\w+\((children|value|description)=|object at 0x")
SHOWN = {
    "classification exercise": classification_exercise,
    "decision walker": decision_walker,
    "prediction": predict_criminal_check,
    "reveal": reveal_criminal_check,
    "time-frame lab": lambda: timeout_lab(orders=10),
    "costume lab": costume_lab,
    "self-assessment": self_assessment,
    "course page": course_page,
    "quiz": lambda: quiz("00_start_here"),
    "concept check": lambda: concept_check("pre"),
}
# Widgets that only ever appear inside another one.
PARTS = {"QuestionView", "ClassifyRow", "ChoiceGroup", "ItemView", "Slider", "ActionButton",
         "FormStyle"}


@pytest.mark.parametrize("name", SHOWN)
def test_a_widget_shows_a_static_form_never_its_repr(name, fresh_progress):
    bundle = SHOWN[name]()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab: the widget
    assert bundle["text/html"].strip() and bundle["text/plain"].strip()
    assert not REPR.search(bundle["text/html"]) and not REPR.search(bundle["text/plain"])


def test_every_widget_class_defines_its_static_form():
    missing = []
    for info in pkgutil.iter_modules(lessonlib.widgets.__path__):
        module = importlib.import_module(f"lessonlib.widgets.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (cls.__module__ == module.__name__ and issubclass(cls, ipywidgets.DOMWidget)
                    and name not in PARTS and "_repr_mimebundle_" not in vars(cls)):
                missing.append(f"{module.__name__}.{name}")
    assert missing == []


def test_the_reveal_folds_its_counts_away(fresh_progress):
    html = reveal_criminal_check()._repr_mimebundle_()["text/html"]
    before, folded = html.split("<details", 1)
    assert "choreography: 2" not in before and "choreography: 2" in folded
    assert "Show the counts (predict first)" in folded


def test_the_costume_labs_static_form_names_no_proposal(fresh_progress):
    html = costume_lab()._repr_mimebundle_()["text/html"]
    assert "AddressCheckRequired" in html and "CheckAddress" not in html
