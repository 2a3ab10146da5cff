"""Every notebook, run in JupyterLab in Chromium, shows what a student should see.

Every lesson ends with a quiz, so the run each notebook gets in test_quizzes.py
also makes the whole-notebook checks (one run per notebook, not two): Run All
from the menu, then no cell left unexecuted, no error output, no JavaScript
error, no request off the machine, every widget rendered, and a screenshot in
``test-artifacts/screenshots/<notebook>.png`` for a human to look at. This file
makes sure no notebook slips past those checks.
"""

from __future__ import annotations

import pytest
from server import notebook_names
from test_quizzes import notebooks_with_quizzes

pytestmark = pytest.mark.browser


def test_there_are_notebooks_to_test():
    assert notebook_names(), "notebooks/ has no *.ipynb: the browser tests would test nothing."


def test_every_notebook_is_run_and_checked_in_the_browser():
    missing = sorted(set(notebook_names()) - set(notebooks_with_quizzes()))
    assert not missing, (
        f"{missing} show no quiz, so no browser test runs them; every lesson ends with a quiz."
    )
