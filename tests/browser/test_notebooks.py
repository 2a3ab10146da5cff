"""Every notebook, run in JupyterLab in Chromium, shows what a student should see.

Each lesson's browser test (``test_<notebook>.py``) starts with the walk in
``lessons.py``: Run All from the menu, then no cell left unexecuted, no error output,
no JavaScript error, no request off the machine, every widget rendered, and a
screenshot for a human to look at; it ends with every quiz answered and restored.
This file makes sure no notebook slips past that walk.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lessons import quizzes_in
from server import notebook_names

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent


def test_there_are_notebooks_to_test():
    assert notebook_names(), "notebooks/ has no *.ipynb: the browser tests would test nothing."


@pytest.mark.parametrize("name", notebook_names())
def test_every_notebook_has_a_browser_test_that_walks_it(name):
    test = HERE / f"test_{name}.py"
    assert test.is_file(), f"{name}.ipynb has no browser test: write tests/browser/{test.name}."
    source = test.read_text(encoding="utf-8")
    assert "run_and_check(lab, " in source, f"{test.name} never runs {name}.ipynb with run_and_check."
    assert quizzes_in(name), f"{name}.ipynb shows no quiz; every lesson ends with a quiz."
    answered = "quizzes_answered_and_restored(" in source or (
        "answer_every_quiz(" in source and "assert_quizzes_restored(" in source)
    assert answered, f"{test.name} does not answer and restore every quiz of {name}.ipynb."
